"""A library other tools import must never crash or hang on what a crawler brings home: any text gives a
Report or a GixrError; artefacts that change no number change no number; damaged seeds are survived."""

from __future__ import annotations

import codecs
import functools
import random
import re
import time

import pytest
from conftest import SEED_NAMES, seed_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gixr_grammar
from gixr_grammar import GixrError, Report
from gixr_grammar.format.vocabulary import SECTION_TITLES, T2_ROW_LABELS, T3_TEMPLATE_ROWS
from gixr_grammar.synth.render import to_fullwidth_digits, to_kangxi

SLOWDOWN = 500  # one damaged seed may take this many times a clean seed's parse, measured in the same run


@functools.cache
def _limit() -> float:
    """Seconds a damaged seed may take here: a multiple of the clean seed's parse on this machine
    (best of three), so that a slow or busy CI machine slows both alike. A hang or a search without
    its bound takes far longer; a clean seed takes 3–12 ms, so the limit is 1.5–6 s."""
    text = seed_text(SEED_NAMES[0])
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        gixr_grammar.parse(text)
        best = min(best, time.perf_counter() - start)
    return SLOWDOWN * best


ARTEFACTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "trailing_blanks": lambda t: re.sub(r"(\r?\n)", "  \u3000\\1", t),
    "doubled_blank_lines": lambda t: re.sub(r"(\r?\n)(\r?\n)", r"\1\2\2", t),
    # blank lines doubled by a tool that takes whitespace-only lines (one-cell-per-line empty cells)
    # for blank ones: a blank line after each of them, or after every run of them
    "doubled_blank_lines_ws": lambda t: re.sub(r"(\n[ \t]*)(\n)", r"\1\2\2", t),
    "doubled_blank_runs_ws": lambda t: re.sub(r"\n\s*\n", lambda m: m.group() + "\n", t),
    "fullwidth_digits": to_fullwidth_digits,
    "kangxi": to_kangxi,
}


def parse_or_error(text: str) -> Report | None:
    """The report, or None for a GixrError; any other exception fails the test."""
    try:
        return gixr_grammar.parse(text)
    except GixrError as e:
        assert str(e)
        return None


@pytest.mark.parametrize("artefact", [*ARTEFACTS, "all", "bom"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_artefacts_change_no_number(name: str, artefact: str) -> None:
    text = seed_text(name)
    want = gixr_grammar.parse(text).cells()
    if artefact == "bom":
        assert gixr_grammar.parse_bytes(codecs.BOM_UTF8 + text.encode()).cells() == want
        return
    changed = text
    for key, change in ARTEFACTS.items():
        if artefact in (key, "all"):
            changed = change(changed)
    assert gixr_grammar.parse(changed).cells() == want


# Pieces reports are made of, for text that looks like a report but is not one.
_PIECES = [
    *SECTION_TITLES.values(),
    *T2_ROW_LABELS.values(),
    *(cell for row in T3_TEMPLATE_ROWS.values() for cell in row if cell),
    "某某县人民政府2020年政府信息公开工作年度报告",
    "第二十条第（一）项",
    "信息内容\t本年新制作数量",
    "行政复议\t行政诉讼",
    "总计",
    "- 3 -",
    "0",
    "17",
    "640020470",
    "-8",
    "77180.86万元",
    "/",
    "无",
    "\t",
    " ",
    "\n",
    "\n\n",
    "。",
    "（",
    "|",
    "---",
]


@given(st.text())
def test_any_text_gives_a_report_or_a_gixr_error(text: str) -> None:
    parse_or_error(text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=400).map("".join))
def test_report_like_noise_gives_a_report_or_a_gixr_error(text: str) -> None:
    parse_or_error(text)


@st.composite
def damaged(draw: st.DrawFn) -> str:
    """A seed cut, with lines deleted, duplicated, shuffled or junk put in between."""
    lines = seed_text(draw(st.sampled_from(SEED_NAMES))).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["cut", "delete", "duplicate", "shuffle", "junk"]))
        if action == "cut":
            lines = [*lines[:at], lines[at][: draw(st.integers(0, len(lines[at])))]]
        elif action == "delete":
            del lines[at : at + draw(st.integers(1, 20))]
        elif action == "duplicate":
            lines[at:at] = lines[at : at + draw(st.integers(1, 30))]
        elif action == "shuffle":
            window = lines[at : at + draw(st.integers(2, 40))]
            lines[at : at + len(window)] = draw(st.permutations(window))
        else:
            junk = draw(st.one_of(st.text(max_size=80), st.sampled_from(_PIECES), st.binary(max_size=40).map(repr)))
            lines.insert(at, junk)
    return "\n".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_seeds_are_survived_quickly(text: str) -> None:
    start = time.perf_counter()
    parse_or_error(text)
    assert time.perf_counter() - start < _limit()


@pytest.mark.timeout(600)
def test_ten_megabytes_finish() -> None:
    """A 10 MB input (the seeds over and over) is parsed in one linear pass (about 15 s here)."""
    text = "".join(seed_text(n) for n in SEED_NAMES)
    big = text * (10_000_000 // len(text.encode()) + 1)
    report = gixr_grammar.parse(big)
    assert report.meta.agency == "信阳市人民政府"


def test_every_table_row_glued_at_its_longest_is_bounded() -> None:
    """Each table 三 row 84 random digits (seven 12-digit numbers: the longest run searched) and table
    四 180: the report's searches share one bound, so the whole stays fast and says where it stopped."""
    digits = random.Random(1)
    lines = []
    for line in seed_text(SEED_NAMES[0]).splitlines():
        cells = [c for c in line.split("\t") if c.strip()]
        numbers = [c for c in cells[1:] if c.isdigit()]
        if len(numbers) in (7, 15):
            line = cells[0] + "".join(digits.choice("0123456789") for _ in range(len(numbers) * 12))
        lines.append(line)
    start = time.perf_counter()
    report = gixr_grammar.parse("\n".join(lines))
    assert time.perf_counter() - start < _limit()
    stopped = [d for d in report.diagnostics if d.code == "search_stopped"]
    assert stopped and any("report's bound" in d.message for d in stopped)


def test_many_html_tables_opened_and_never_closed_are_read_in_one_scan() -> None:
    """A damaged or hostile text: 20,000 ``<table>`` openings and no closing are text, read fast
    (``readers.embedded`` looks for each table's closing once, not once an opening)."""
    text = "一、总体情况\n" + "<table><tr><td>1" * 20_000
    start = time.perf_counter()
    report = gixr_grammar.parse(text)
    assert time.perf_counter() - start < _limit() and report.places == ()
