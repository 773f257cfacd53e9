"""Parse time per report on the seed reports, as a ratio to a regex floor measured in the same run.

The floor is one compiled-regex pass splitting the same texts into non-blank runs. Run:
``python -m benchmarks.run`` (or ``python benchmarks/run.py``) from the project root.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import gixr_grammar

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"
_NON_BLANK = re.compile(r"\S+")


def best_of(runs: int, work: object) -> float:
    """The fastest of ``runs`` timings of ``work()`` in seconds (the least disturbed one)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(rounds: int = 20) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    size = sum(len(t.encode()) for t in texts)
    gixr_grammar.parse(texts[0])  # build the parser before timing
    parse = best_of(rounds, lambda: [gixr_grammar.parse(t) for t in texts])
    floor = best_of(rounds, lambda: [_NON_BLANK.findall(t) for t in texts])
    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import time; s=time.perf_counter(); import gixr_grammar; gixr_grammar.parse(open({str(SEEDS / '000_a9240933da8ebe6b.txt')!r}, encoding='utf-8').read()); print(time.perf_counter()-s)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"seeds: {len(texts)} reports, {size / 1e3:.1f} kB")
    print(
        f"parse: {parse / len(texts) * 1e3:.2f} ms/report, {len(texts) / parse:.0f} reports/s, {size / parse / 1e6:.2f} MB/s"
    )
    print(f"regex floor: {floor / len(texts) * 1e3:.3f} ms/report")
    print(f"parse / floor: {parse / floor:.0f}x")
    print(f"cold start (import + first parse, new process): {float(cold.stdout):.2f} s")


if __name__ == "__main__":
    main()
