"""Coverage-guided fuzzing of ``parse_all`` and ``check`` on any bytes, with atheris (libFuzzer).

    pip install atheris
    python fuzz/fuzz_parse.py CORPUS_DIR [libFuzzer flags, e.g. -max_total_time=600 -timeout=10]

CORPUS_DIR starts as a copy of the seed reports (``fuzz/seed_corpus.py`` writes it) and grows with
every input libFuzzer finds that reaches new code. An input that raises anything but a GixrError is
a crash, and libFuzzer writes it to ``crash-<sha1>``; one that runs past ``-timeout`` seconds is
written to ``timeout-<sha1>``; one that takes more than ``SLOW_SECONDS`` (measured, instrumented)
raises ``SlowInput`` and is written as a crash. Each such file becomes a regression test in
``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import sys
import time

import atheris

with atheris.instrument_imports(include=["gixr_grammar"]):
    import gixr_grammar
    from gixr_grammar.errors import GixrError

SLOW_SECONDS = 10.0  # instrumented code runs several times slower than the 2 s an input may take


class SlowInput(Exception):
    """An input that took longer than any report may."""


def one_input(data: bytes) -> None:
    start = time.perf_counter()
    try:
        for report in gixr_grammar.parse_all(data):
            gixr_grammar.check(report)
    except GixrError:
        pass
    spent = time.perf_counter() - start
    if spent > SLOW_SECONDS:
        raise SlowInput(f"{spent:.1f} s for {len(data)} bytes")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
