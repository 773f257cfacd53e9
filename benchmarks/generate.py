"""A synthetic corpus: valid random reports in both templates, every layout and artefact, written as
files (one in ten GB18030-encoded, as many real ones are), with the renderer the property tests use.

    python -m benchmarks.generate OUT_DIR COUNT [--seed N]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from gixr_grammar.synth.generate import random_reports
from gixr_grammar.synth.render import render_report

GB18030_EVERY = 10


def texts(count: int, seed: int = 0) -> Iterator[str]:
    for cells, style in random_reports(seed, count):
        yield render_report(cells, style)


def write(folder: Path, count: int, seed: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(texts(count, seed)):
        path = folder / f"report_{index:06}.txt"
        path.write_bytes(text.encode("gb18030" if index % GB18030_EVERY == 0 else "utf-8"))
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{len(write(args.out, args.count, args.seed))} reports written to {args.out}")


if __name__ == "__main__":
    main()
