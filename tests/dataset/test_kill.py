"""A corpus run killed with SIGKILL at random moments and resumed each time writes exactly what one
uninterrupted run writes, in JSONL, CSV and Parquet; its workers die with it."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import SEED_NAMES, SEEDS

from gixr_grammar.dataset.corpus import _die_with_parent

FILES = 400
KILLS = 5


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Good reports of both templates, in UTF-8 and GB18030, files of several reports, bad files."""
    root = tmp_path_factory.mktemp("mixed")
    texts = [(SEEDS / f"{name}.txt").read_text(encoding="utf-8") for name in SEED_NAMES]
    for index in range(FILES):
        folder = root / f"part{index // 50:02}"
        folder.mkdir(exist_ok=True)
        kind = index % 10
        if kind == 7:
            (folder / f"{index:04}.txt").write_text("\n".join(texts[:3]), encoding="utf-8")  # three reports
        elif kind == 8:
            (folder / f"{index:04}.txt").write_bytes(os.urandom(2000) if index % 20 else b"")
        elif kind == 9:
            (folder / f"{index:04}.png").write_bytes(b"\x89PNG\r\n")
        else:
            encoding = "gb18030" if kind == 3 else "utf-8"
            (folder / f"{index:04}.txt").write_bytes(texts[index % len(texts)].encode(encoding))
    return root


def _corpus(inputs: Path, out: Path, *more: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gixr_grammar", "corpus", str(inputs), "-o", str(out), "--workers", "2", *more]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


Process = tuple[int, str]  # a pid and its start time: a pid alone may be reused by a later process


def _stat(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()
    except (FileNotFoundError, IndexError):
        return []


def _children(pid: int) -> list[Process]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(c) for c in (task / "children").read_text().split()]
    return [(child, stat[19]) for child in found if (stat := _stat(child))]


def _alive(process: Process) -> bool:
    stat = _stat(process[0])
    return bool(stat) and stat[0] != "Z" and stat[19] == process[1]


def _content(out: Path) -> object:
    if out.suffix == ".parquet":
        return pq.read_table(out).to_pylist()
    return out.read_bytes()


@pytest.mark.timeout(900)
@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_killed_and_resumed_gives_exactly_one_runs_records(mixed: Path, tmp_path: Path, suffix: str) -> None:
    whole = tmp_path / f"whole.{suffix}"
    assert _corpus(mixed, whole).wait() == 3  # the bad files make it exit 3
    started = time.perf_counter()
    assert _corpus(mixed, tmp_path / f"timed.{suffix}").wait() == 3
    duration = time.perf_counter() - started
    pieces = tmp_path / f"pieces.{suffix}"
    rng = random.Random(suffix)
    killed_workers: list[Process] = []
    for round_ in range(KILLS):
        run = _corpus(mixed, pieces, *(["--resume"] if round_ else []))
        time.sleep(rng.uniform(0.15, 0.4) * duration)  # each kill within what is left to do
        workers = _children(run.pid)
        run.send_signal(signal.SIGKILL)
        if run.wait() == -signal.SIGKILL:
            killed_workers += workers
    assert _corpus(mixed, pieces, "--resume").wait() in (0, 3)  # 3 if a bad file fell to this run
    assert _content(pieces) == _content(whole)
    deadline = time.monotonic() + 10
    while any(_alive(worker) for worker in killed_workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(killed_workers) >= 4  # at least two runs were killed mid-way, each with its 2 workers
    assert not any(_alive(worker) for worker in killed_workers)  # they died with their parent


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_started_after_its_parent_died_exits_at_once() -> None:
    """A parent killed between a worker's fork and its initializer sends no death signal: the
    initializer sees the worker adopted and exits, instead of leaving it waiting for work forever."""
    fork = multiprocessing.get_context("fork")
    adopted = fork.Process(target=_die_with_parent, args=(-1,))  # -1: a parent that is not there
    adopted.start()
    adopted.join(10)
    kept = fork.Process(target=_die_with_parent, args=(os.getpid(),))
    kept.start()
    kept.join(10)
    assert (adopted.exitcode, kept.exitcode) == (1, 0)
