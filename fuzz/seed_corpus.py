"""Write the fuzzer's starting corpus: the seed reports, each also in GB18030, a few small pieces
of them (libFuzzer mutates small inputs faster), and the test documents (HTML pages, a Word file).

    python fuzz/seed_corpus.py CORPUS_DIR
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SEEDS = DATA / "seeds"
PIECE_LINES = 40


def pieces() -> list[bytes]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += [text.encode("utf-8"), text.encode("gb18030")]
        lines = text.splitlines(keepends=True)
        out += ["".join(lines[i : i + PIECE_LINES]).encode("utf-8") for i in range(0, len(lines), PIECE_LINES)]
    return out + [path.read_bytes() for path in sorted((DATA / "documents").iterdir())]


def main() -> None:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for data in pieces():
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


if __name__ == "__main__":
    main()
