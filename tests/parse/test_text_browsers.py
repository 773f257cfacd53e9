"""An agency's web page as a text browser dumps it (``w3m -dump``: a table with borders box-drawn,
``│a│b│`` between ``├─┼─┤`` rules, wrapped cells over several lines; without borders laid out in a
terminal's columns, a Han character two wide; ``lynx -dump``: cells apart by spaces)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import document_cells
from hypothesis import given, settings
from hypothesis import strategies as st
from reports import T3_2019_ROWS, T3_HEADER, report
from strategies import Cells, report_cells

import gixr_grammar
from gixr_grammar.synth.documents import render_html
from gixr_grammar.synth.render import Style

DUMPS = sorted((Path(__file__).parent.parent / "data" / "browsers").glob("*.txt"))


@pytest.mark.parametrize("path", DUMPS, ids=[p.name for p in DUMPS])
def test_golden_dumps_give_every_number(path: Path) -> None:
    """The kept pages through w3m 0.5.3 (with and without the tables' borders) and lynx 2.9."""
    cells = gixr_grammar.parse(path.read_text(encoding="utf-8")).cells()
    expected = document_cells(path.name.split(".")[0])
    assert {k: (v, cells.get(k)) for k, v in expected.items() if str(cells.get(k)) != str(v)} == {}


def _dump(command: list[str], html: bytes) -> str:
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (apt-get install {command[0]})")
    return subprocess.run(command, input=html, capture_output=True, check=True, timeout=60).stdout.decode("utf-8")


W3M = ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"]
LYNX = ["lynx", "-dump", "-stdin", "-nolist", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=80"]


@settings(max_examples=max(4, settings().max_examples // 4), deadline=None)  # three processes an example
@given(report_cells(consistent=False), st.sampled_from(["/", "—"]), st.booleans())
def test_every_text_browser_reads_back_the_rendered_cells(cells: Cells, blank: str, borders: bool) -> None:
    """Property: render → HTML page → w3m or lynx's dump → parse gives the rendered cells. Blanks
    are printed (lynx drops an empty cell, and then the text does not say which one was: the next
    test's case)."""
    html = _page(cells, Style(blank=blank), borders)
    for command in (W3M, LYNX):
        parsed = gixr_grammar.parse(_dump(command, html)).cells()
        assert {k: (v, parsed.get(k, "absent")) for k, v in cells.items() if parsed.get(k, "absent") != v} == {}, (
            command[0]
        )


@settings(max_examples=max(4, settings().max_examples // 4), deadline=None)
@given(report_cells(), st.booleans())
def test_empty_blanks_in_a_dump_are_never_read_as_numbers(cells: Cells, borders: bool) -> None:
    html = _page(cells, Style(blank=""), borders)
    for command in (W3M, LYNX):
        parsed = gixr_grammar.parse(_dump(command, html)).cells()
        assert {k: (v, parsed.get(k)) for k, v in cells.items() if parsed.get(k) not in (v, None)} == {}, command[0]


def _page(cells: Cells, style: Style, borders: bool) -> bytes:
    html = render_html(cells, style)
    return html if borders else re.sub(rb'\sborder="?\d+"?', b"", html)


def test_a_blank_mark_before_a_label_on_its_row_is_a_piece_of_a_group_label() -> None:
    """（四）无法提供 a character a line in its narrow cell: 无 stands on 2.没有现成…'s row, before its
    label. Values follow their label, so it is the group label's piece, not a blank in a row of its
    own that no row takes (which left 1.本机关不掌握…'s numbers unplaced)."""
    rows = T3_2019_ROWS.replace("\t（四）无法提供\t1.本机关", "\t（四\t1.本机关", 1)
    rows = rows.replace("\t\t2.没有现成", "\t无\t2.没有现成", 1).replace("\t\t3.补正后", "\t法提供\t3.补正后", 1)
    cells = gixr_grammar.parse(report(t3=T3_HEADER + rows)).cells()
    assert [cells[f"t3.unavailable_not_held.{c}"] for c in ("natural_person", "total")] == [1, 1]
    assert cells == gixr_grammar.parse(report()).cells()


def test_a_blank_mark_before_two_values_one_cell_holds_is_a_value() -> None:
    """A number that fills its unruled column leaves the next column's blank mark too close for a
    cell gap: one cell holds both (``510510 /``). They are values, not a label, so a blank mark
    before them on the row is a value too, not a piece of a group label that cuts the row in two."""
    row = "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0"
    printed = "\t（三）不予公开\t1.属于国家秘密\t0\t/\t0\t510510 /\t0\t510510"
    cells = gixr_grammar.parse(report(t3=T3_HEADER + T3_2019_ROWS.replace(row, printed, 1))).cells()
    row_cells = [cells[f"t3.denied_state_secret.{c}"] for c in ("natural_person", "commercial", "social_welfare")]
    assert row_cells == [0, None, 510510]
    assert cells["t3.denied_state_secret.total"] == 510510
