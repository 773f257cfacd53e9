"""Before and after: the same texts parsed by another checkout (the baseline) and by this one.

    python -m benchmarks.compare BASELINE_CHECKOUT [--generated 300] [--rounds 5]

Each side runs in its own process with its own ``gixr_grammar`` (PYTHONPATH) and times the seeds
and a generated corpus (made once, by this checkout) against the regex floor in that same process
(best of three passes, the first of which warms the parser up); the sides take turns, ``--rounds``
times, so that a busy machine slows both alike. Prints ms per report, parse/floor for each side,
and the speedup.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
CHECKOUT = HERE.parent.parent
SEEDS = CHECKOUT / "tests" / "data" / "seeds"
_NON_BLANK = re.compile(r"\S+")  # run.py's floor: the child cannot import this checkout's benchmarks


def _time_files(paths: list[str], repeat: int = 3) -> dict[str, float]:
    """In the child: the best of ``repeat`` rounds of parse and of floor over ``paths`` (UTF-8 texts,
    read first, untimed)."""
    import gixr_grammar  # the checkout PYTHONPATH names

    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    parse = floor = float("inf")
    refused = 0
    for _ in range(repeat):
        refused = 0
        start = time.perf_counter()
        for text in texts:
            try:
                gixr_grammar.parse(text)
            except gixr_grammar.GixrError:  # a layout the baseline cannot read: timed all the same
                refused += 1
        parse = min(parse, time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            _NON_BLANK.findall(text)
        floor = min(floor, time.perf_counter() - start)
    return {"parse": parse, "floor": floor, "reports": len(texts), "refused": refused}


def _round(checkout: Path, listing: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, str(HERE), "--child", str(listing)], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def compare(baseline: Path, name: str, paths: list[Path], rounds: int) -> None:
    """Time ``paths`` on both sides. They are decoded here, by this checkout, and given to both
    children as UTF-8, so that a child needs nothing of its checkout but ``gixr_grammar.parse``
    (module paths may differ between the two)."""
    from gixr_grammar.text.decoding import decode  # only here: the child imports the baseline's package

    best: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        texts = []
        for index, path in enumerate(paths):
            texts.append(Path(tmp) / f"{index}.txt")
            texts[-1].write_text(decode(path.read_bytes()).text, encoding="utf-8")
        listing = Path(tmp) / "listing"
        listing.write_text("\n".join(str(p) for p in texts))
        for _ in range(rounds):
            for side, checkout in (("before", baseline), ("after", CHECKOUT)):
                timing = _round(checkout, listing)
                if side not in best or timing["parse"] < best[side]["parse"]:
                    best[side] = timing
    for side in ("before", "after"):
        t = best[side]
        print(
            f"{name:>14} {side:>6}: {t['parse'] / t['reports'] * 1e3:7.2f} ms/report, "
            f"parse/floor {t['parse'] / t['floor']:5.0f}x"
            + (f", {t['refused']:.0f} refused" if t.get("refused") else "")
        )
    print(f"{name:>14}  speed: {best['before']['parse'] / best['after']['parse']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path, nargs="?")
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # internal: time the listed files
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_time_files(args.child.read_text().splitlines())))
        return
    if args.baseline is None:
        parser.error("the baseline checkout is required")
    from benchmarks.generate import write  # only here: the child imports the baseline's package

    compare(args.baseline, "seeds", sorted(SEEDS.glob("*.txt")), args.rounds)
    with tempfile.TemporaryDirectory() as tmp:
        generated = write(Path(tmp), args.generated, seed=2)
        compare(args.baseline, f"generated {args.generated}", generated, max(1, args.rounds // 2))


if __name__ == "__main__":
    main()
