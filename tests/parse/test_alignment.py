"""Table 三's rows as an alignment of its pieces to the template's rows: the families of extractor
text (numbers on a line of their own, labels wrapped around them, group labels one character a line,
a label moved away from its numbers), each on a report whose cells are known; and the alignment
itself gives the seeds' reading, not only the shortcut that clean tables take."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SEED_NAMES, exact, expected_cells, seed_text

import gixr_grammar
from gixr_grammar.format.schema import T3_COLUMNS
from gixr_grammar.synth.generate import Cells, random_reports
from gixr_grammar.synth.render import Layout, Style, render_report
from gixr_grammar.text.values import is_value

alignment = importlib.import_module("gixr_grammar.parse.alignment")


def _report(seed: int = 4) -> tuple[Cells, list[str]]:
    cells, _ = next(iter(random_reports(seed, 1, (Layout.TABS,))))
    return cells, render_report(cells, Style()).split("\n")


def _row(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if label in line and "\t" in line)


def _values(line: str) -> str:
    return " ".join(c for c in line.split("\t") if c and is_value(c))


def _codes(text: str) -> list[str]:
    return [d.code for d in gixr_grammar.parse(text).diagnostics]


def test_the_alignment_itself_reads_every_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the shortcut for clean tables turned off, the search gives the same reading."""
    monkeypatch.setattr(alignment, "_direct", lambda table, template: None)
    for name in SEED_NAMES:
        assert exact(gixr_grammar.parse(seed_text(name)).cells(), name), name


def _wrap_around(lines: list[str]) -> None:
    """5.要求行政机关确 / the numbers / 认或重新出具已获取信息 (pdftotext -layout)."""
    at = _row(lines, "5.要求行政机关确认")
    lines[at : at + 1] = ["5.要求行政机关确", _values(lines[at]), "认或重新出具已获取信息"]


def _numbers_first(lines: list[str]) -> None:
    """A wrapped label whose numbers stand on the line above both its halves."""
    at = _row(lines, "2.其他法律行政法规禁止公开")
    lines[at : at + 1] = [_values(lines[at]), "2.其他法律行政法", "规禁止公开"]


def _group_one_character_a_line(lines: list[str]) -> None:
    """三、本年度办理结果 printed down its merged cell, a character beside each row it spans."""
    at = _row(lines, "（一）予以公开")
    lines[at] = lines[at].replace("三、本年度办理结果", "")
    for offset, character in enumerate("三、本年度办理结果"):
        lines.insert(at + 2 * offset + 1, character)


def _label_moved_away(lines: list[str]) -> None:
    """A row that is only its numbers, its label standing after the next row."""
    at = _row(lines, "2.重复申请")
    after = lines[at + 1]
    lines[at : at + 2] = [_values(lines[at]), after, "2.重复申请"]


def _page_break_inside_a_label(lines: list[str]) -> None:
    at = _row(lines, "3.补正后申请内容仍不明确")
    lines[at : at + 1] = ["3.补正后申请内", "- 7 -", "容仍不明确 " + _values(lines[at])]


def _label_and_numbers_wrapped(lines: list[str]) -> None:
    """A label and its numbers both wrapped, read line by line (pdfplumber, ``pdftotext -layout``):
    ``一、本年新收政府信息 8 16 72 6 59 19 50`` / ``公开申请数量 4 8 7``."""
    at = _row(lines, "一、本年新收政府信息公开申请数量")
    numbers = _values(lines[at]).split()
    wrapped = [i for i, n in enumerate(numbers) if len(n) >= 3]
    assert wrapped  # the report's row has numbers a narrow column would wrap
    first = [n[:-1] if i in wrapped else n for i, n in enumerate(numbers)]
    rests = [numbers[i][-1] for i in wrapped]
    lines[at : at + 1] = [f"一、本年新收政府信息 {' '.join(first)}", f"公开申请数量 {' '.join(rests)}"]


@pytest.mark.parametrize(
    "damage",
    [
        _wrap_around,
        _numbers_first,
        _group_one_character_a_line,
        _label_moved_away,
        _page_break_inside_a_label,
        _label_and_numbers_wrapped,
    ],
)
def test_broken_rows_are_read_by_the_template_order(damage: Callable[[list[str]], None]) -> None:
    cells, lines = _report()
    damage(lines)
    report = gixr_grammar.parse("\n".join(lines))
    assert report.cells() == cells


def _everywhere(table: object, sequence: list[object]) -> tuple[list[int], list[int]]:
    pieces = len(table)  # type: ignore[arg-type]
    return [0] * pieces, [len(sequence) - 1] * pieces


@pytest.mark.parametrize("seed", range(6))
def test_anchors_in_order_change_no_reading(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces are only tried between the slots of the whole labels around them (``_bands``): every
    damaged family, on reports of both templates, reads the same as when they are tried anywhere."""
    cells, lines = _report(seed)
    damaged = []
    for damage in (_wrap_around, _numbers_first, _group_one_character_a_line, _label_moved_away):
        copy = list(lines)
        damage(copy)
        damaged.append("\n".join(copy))
    banded = [gixr_grammar.parse(text) for text in damaged]
    monkeypatch.setattr(alignment, "_bands", _everywhere)
    for text, report in zip(damaged, banded, strict=True):
        anywhere = gixr_grammar.parse(text)
        assert report.cells() == cells
        assert (report.cells(), report.diagnostics) == (anywhere.cells(), anywhere.diagnostics)


def test_bands_are_the_slots_between_anchors_or_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    sequence = alignment.slots(alignment.Template.Y2021)
    where = {slot.key: j for j, slot in enumerate(sequence)}
    lines = [
        "一、本年新收政府信息公开申请数量\t1\t1\t1\t1\t1\t1\t6",
        "2.其他法律行政法",
        "（七）总计\t1\t1\t1\t1\t1\t1\t6",
    ]
    seen: list[list[object]] = []
    real = alignment.read_rows
    monkeypatch.setattr(
        importlib.import_module("gixr_grammar.parse.tables"),
        "read_rows",
        lambda table, hint: seen.append(list(table)) or real(table, hint),
    )
    gixr_grammar.parse(
        "\n".join(["某某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", *lines])
    )
    draft_pieces = seen[0]
    kinds = [p.kind for p in draft_pieces]
    assert kinds == ["NEW_RECEIVED", "VALUES", "LEAF", "TOTAL", "VALUES"]
    low, high = alignment._bands(draft_pieces, sequence)
    assert low == [0, 0, 0, where["total"], where["total"]]
    assert high == [0, where["total"], where["total"], where["total"], len(sequence) - 1]
    low, high = alignment._bands(draft_pieces[3:] + draft_pieces[:3], sequence)  # 总计 before 一、: out of order
    assert (low, high) == ([0] * 5, [len(sequence) - 1] * 5)


def test_a_row_read_by_its_place_alone_says_so() -> None:
    _, lines = _report()
    _label_moved_away(lines)
    report = gixr_grammar.parse("\n".join(lines))
    missing = [d for d in report.diagnostics if d.code == "label_missing"]
    assert [d.line for d in missing] == [_row(lines, "3.要求提供公开出版物")]  # the row now under 2.'s place
    assert "not_processed_duplicate" in missing[0].message


def test_numbers_that_two_rows_could_own_are_left_unknown() -> None:
    """Row 3 is not printed at all and row 4 is only its numbers: the run between rows 2 and 5 could
    be either. The text does not say which, so neither gets it, and the diagnostic names both."""
    cells, lines = _report()
    lines[_row(lines, "4.保护第三方")] = _values(lines[_row(lines, "4.保护第三方")])
    del lines[_row(lines, "3.危及")]
    report = gixr_grammar.parse("\n".join(lines))
    ambiguous = [d for d in report.diagnostics if d.code == "ambiguous_placement" and "table 3:" in d.message]
    assert len(ambiguous) == 1
    assert "denied_security_stability or denied_third_party_rights" in ambiguous[0].message
    got = report.cells()
    assert {k: v for k, v in got.items() if v is not None and v != cells[k]} == {}
    assert got.get("t3.denied_third_party_rights.total") is None


def test_a_numbering_alone_on_its_line_before_its_label_one_character_a_line() -> None:
    """pdfium prints a narrow label column of a Word export one character a line, its numbering on
    a line of its own (4. / 保 / 护 / … / 益): the numbering and the characters are the row's pieces,
    not text that ends the table (every row after it was lost to unexpected_text before)."""
    cells, lines = _report()
    at = _row(lines, "4.保护第三方")
    lines[at : at + 1] = ["4.", *"保护第三方合法权益", _values(lines[at])]
    report = gixr_grammar.parse("\n".join(lines))
    assert "unexpected_text" not in [d.code for d in report.diagnostics]
    assert report.cells() == cells


def test_total_one_character_a_line_is_table_3_s_row_not_table_4_s_header() -> None:
    """（七）总 / 计 1069 4 …: 总 and 计 are table 四's header words too, but a table 四 begins
    with a word only it has; read as its header, table 三's last rows became table 四's numbers."""
    cells, lines = _report()
    at = _row(lines, "（七）总计")
    lines[at : at + 1] = [*"（七）总", "计 " + _values(lines[at])]
    report = gixr_grammar.parse("\n".join(lines))
    assert "table_out_of_place" not in [d.code for d in report.diagnostics]
    assert report.cells() == cells


def test_table_4_as_three_runs_of_five_and_broken_header_words() -> None:
    cells, lines = _report()
    at = next(i for i, line in enumerate(lines) if line.startswith("行政复议"))
    values = lines[at + 3].split("\t")
    header = ["行政复议", "结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "审结", "总", "计"]
    lines[at : at + 4] = [
        *header,
        " ".join(values[0:5]),
        "行政诉讼",
        "未经复议直接起诉",
        " ".join(values[5:10]),
        "复议后起诉",
        " ".join(values[10:15]),
    ]
    report = gixr_grammar.parse("\n".join(lines))
    assert report.cells() == cells
    assert "unknown_row" not in _codes("\n".join(lines))


PDFTOTEXT = Path(__file__).parent.parent / "data" / "pdftotext" / "003_report.txt"  # pdftotext 22.12, no options


def test_runs_two_rows_could_take_are_placed_where_the_arithmetic_holds() -> None:
    """``pdftotext`` in its reading order prints （七）总计, both its numbers and 四、结转…'s, then
    the group labels, then 四、结转下年度继续办理: the labels allow either run in either row. Only
    总计 = the outcomes' sum and 新收 + 结转 = 总计 + 结转下年度 decide, and they decide once."""
    report = gixr_grammar.parse(PDFTOTEXT.read_text(encoding="utf-8"))
    cells = report.cells()
    assert [cells[f"t3.total.{c.key}"] for c in T3_COLUMNS] == [82, 2, 0, 2, 6, 4, 96]
    assert [cells[f"t3.carried_forward.{c.key}"] for c in T3_COLUMNS] == [2, 0, 0, 0, 0, 0, 2]
    assert [d.code for d in report.diagnostics if d.code in ("placed_by_arithmetic", "ambiguous_placement")] == [
        "ambiguous_placement",  # table 二's 36428 / 1, which no arithmetic decides
        "placed_by_arithmetic",
        "placed_by_arithmetic",
    ]
    expected = expected_cells(SEED_NAMES[3])
    assert {k: v for k, v in cells.items() if k.startswith(("t3.", "t4."))} == {
        k: v for k, v in expected.items() if k.startswith(("t3.", "t4."))
    }


def test_runs_no_placement_proves_stay_out() -> None:
    """With 总计's total misprinted, no way of placing the two runs holds the arithmetic: both left out."""
    before, after = PDFTOTEXT.read_text(encoding="utf-8").rsplit("\n96\n", 1)  # 总计's total, the last 96
    text = f"{before}\n97\n{after}"
    report = gixr_grammar.parse(text)
    assert report.cells()["t3.total.natural_person"] is None and report.cells()["t3.carried_forward.total"] is None
    assert not [d for d in report.diagnostics if d.code == "placed_by_arithmetic"]


def test_a_row_whose_label_and_numbers_both_wrapped_takes_its_numbers_rests_after_the_label() -> None:
    """pdfium's text of a LibreOffice export: ``3.要求提`` / ``6`` / ``0 439`` / ``2`` / ``2`` /
    ``0 440`` / ``供公开出`` / ``版物`` / ``8 8``: the label's rest on lines of its own between the
    row's numbers and their rests (4398, 4408). The rests, after the label's unnumbered pieces, go
    on the run before them, and the row is read (before: two runs, which row owns them unsaid)."""
    text = Path(__file__).parent.parent / "data" / "pdfium" / "libreoffice_t3_label_and_rests_wrapped.txt"
    expected = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
    cells = gixr_grammar.parse(text.read_text(encoding="utf-8")).cells()
    assert {k: cells[k] for k in expected if k.startswith(("t3.", "t4."))} == {
        k: v for k, v in expected.items() if k.startswith(("t3.", "t4."))
    }
    assert [cells[f"t3.not_processed_publication.{c.key}"] for c in T3_COLUMNS] == [6, 0, 4398, 2, 2, 0, 4408]
