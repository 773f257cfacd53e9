"""Parse speed, as a ratio to a floor measured in the same run, on the seeds and on generated corpora.

The floor is one compiled-regex pass splitting the same texts into non-blank runs. Run from the
project root: ``python -m benchmarks.run [--sizes 1000,10000,100000] [--workers 1,2]``. Prints the
machine, then per corpus: ms per report, reports/s per core, MB/s, parse/floor, peak RSS (each corpus
is measured in a fresh process), cold start, and the scaling of ``gixr corpus`` with --workers.
"seeds, unseen" parses each seed as if it were the first report the process sees: the parser's
memory of short texts from earlier reports (labels repeat across a corpus) is emptied before each.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import gixr_grammar
from benchmarks.generate import texts, write
from gixr_grammar.api import forget_texts
from gixr_grammar.dataset.corpus import run as run_corpus

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"
_NON_BLANK = re.compile(r"\S+")


def _each(work: Callable[[str], object], corpus: list[str], forget: bool = False) -> float:
    """Seconds ``work`` takes over ``corpus``; with ``forget``, as if each report were the first the
    parser sees (what it remembers of earlier texts emptied before each, untimed)."""
    elapsed = 0.0
    for text in corpus:
        if forget:
            forget_texts()
        start = time.perf_counter()
        work(text)
        elapsed += time.perf_counter() - start
    return elapsed


def _figures(reports: int, size: int, parse: float, floor: float) -> dict[str, float]:
    return {
        "reports": reports,
        "mb": size / 1e6,
        "ms_per_report": parse / reports * 1e3,
        "reports_per_s": reports / parse,
        "mb_per_s": size / parse / 1e6,
        "floor_ms_per_report": floor / reports * 1e3,
        "ratio": parse / floor,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_seeds(rounds: int, forget: bool) -> dict[str, float]:
    """The seeds' parse and floor timings in this process, and its peak RSS: each seed's fastest of
    ``rounds`` parses (and floors, in alternation with them), so that a busy spell of the machine,
    which this one has, spoils a round of one seed and not the figure."""
    corpus = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    gixr_grammar.parse(corpus[0])  # build the parser before timing
    parse = floor = 0.0
    for text in corpus:
        timings = [
            (_each(gixr_grammar.parse, [text], forget), _each(_NON_BLANK.findall, [text])) for _ in range(rounds)
        ]
        parse += min(t[0] for t in timings)  # no report kept
        floor += min(t[1] for t in timings)
    return _figures(len(corpus), sum(len(t.encode()) for t in corpus), parse, floor)


def measure_generated(count: int) -> dict[str, float]:
    """A generated corpus timed one report at a time as it is made (only one text is ever held, so
    peak RSS is the parser's and memory does not grow with ``count``), parse and floor alike."""
    gixr_grammar.parse(next(texts(1, seed=1)))
    parse = floor = 0.0
    size = 0
    for text in texts(count):
        size += len(text.encode())
        parse += _each(gixr_grammar.parse, [text])
        floor += _each(_NON_BLANK.findall, [text])
    return _figures(count, size, parse, floor)


def _in_fresh_process(args: list[str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", *args], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def cold_start() -> float:
    code = (
        "import time; s=time.perf_counter(); import gixr_grammar; "
        f"gixr_grammar.parse(open({str(SEEDS / '000_a9240933da8ebe6b.txt')!r}, encoding='utf-8').read()); "
        "print(time.perf_counter()-s)"
    )
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def show(name: str, m: dict[str, float]) -> None:
    print(
        f"{name:>14}: {m['reports']:>6.0f} reports {m['mb']:7.3f} MB | {m['ms_per_report']:6.2f} ms/report "
        f"{m['reports_per_s']:6.0f} reports/s/core {m['mb_per_s']:5.2f} MB/s | floor {m['floor_ms_per_report']:.3f} "
        f"ms/report, parse/floor {m['ratio']:4.0f}x | peak RSS {m['peak_rss_mb']:.0f} MB"
    )


def scaling(count: int, workers: list[int]) -> None:
    """``gixr corpus`` over ``count`` generated files to JSONL, for each number of workers."""
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp) / "in", count, seed=1)
        base = None
        for n in workers:
            start = time.perf_counter()
            run_corpus([Path(tmp) / "in"], Path(tmp) / f"out{n}.jsonl", workers=n)
            rate = count / (time.perf_counter() - start)
            base = base or rate
            print(
                f"{'corpus':>14}: {count} files, --workers {n}: {rate:6.0f} reports/s ({rate / base:.2f}x of 1 worker)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="generated corpora, e.g. 1000,10000,100000")
    parser.add_argument("--workers", default="1,2", help="worker counts for the corpus scaling run")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one corpus, print JSON
    args = parser.parse_args()
    if args.one is not None:
        if args.one in ("seeds", "seeds-unseen"):
            figures = measure_seeds(args.rounds, forget=args.one == "seeds-unseen")
        else:
            figures = measure_generated(int(args.one))
        print(json.dumps(figures))
        return
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    rounds = ["--rounds", str(max(args.rounds, 20))]
    show("seeds", _in_fresh_process(["--one", "seeds", *rounds]))
    show("seeds, unseen", _in_fresh_process(["--one", "seeds-unseen", *rounds]))
    for size in (int(s) for s in args.sizes.split(",") if s):
        show(f"generated {size}", _in_fresh_process(["--one", str(size)]))
    print(f"{'cold start':>14}: {cold_start():.2f} s (import + first parse, new process)")
    scaling(min(int(args.sizes.split(",")[0] or 1000), 1000), [int(w) for w in args.workers.split(",")])


if __name__ == "__main__":
    main()
