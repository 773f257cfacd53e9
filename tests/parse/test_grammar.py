"""Each grammar on small inputs, in the layouts FORMAT.md describes."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED_NAMES, SEEDS, exact, seed_text
from lark import Lark, logger
from reports import T2_2019, T2_2021, T3_2019_ROWS, T3_HEADER, T4, report

import gixr_grammar
from gixr_grammar import CellStatus, Severity
from gixr_grammar.api import parse_tree
from gixr_grammar.parse.grammar import grammar_dir
from gixr_grammar.parse.scanner import CellScanner


def test_the_only_conflicts_are_greedy_tables(caplog: pytest.LogCaptureFixture) -> None:
    """LALR resolves shift/reduce as shift; ours must all mean 'the table goes on'."""
    logger.setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark.open(str(grammar_dir() / "report.lark"), parser="lalr", lexer=CellScanner, debug=True)
    reduced = {m.group(1) for m in re.finditer(r" \* <(\S+) :", caplog.text)}
    assert reduced, "conflicts were expected and logged"
    assert reduced <= {
        "table2",
        "table2__t2_block",
        "table2__t2_unmarked",
        "table3",
        "table3__t3_header",
        "table3__t3_repeated_header",
        "table4",
        "_table4__t4_part",
    }


def test_tree_view_names_rows() -> None:
    tree, _ = parse_tree(report())
    rows = [t for t in tree.iter_subtrees() if t.data == "table3__t3_row"]
    assert str(rows[0].children[0]) == "一、本年新收政府信息公开申请数量"


def test_table2_2019_signs_blanks_units() -> None:
    cells = gixr_grammar.parse(report()).cells()
    assert cells["meta.template"] == "2019"
    assert cells["t2.licensing.items_change"] == 1036
    assert cells["t2.other_services.items_change"] == -8
    assert cells["t2.enforcement.items_last_year"] is None
    assert cells["t2.enforcement.items_change"] is None
    assert cells["t2.fees.items_change"] is None
    assert cells["t2.procurement.amount"] == Decimal("25.1")


def test_table2_2021() -> None:
    t2 = T2_2021
    cells = gixr_grammar.parse(report(t2=t2)).cells()
    assert cells["meta.template"] == "2021"
    assert cells["t2.normative_documents.in_force"] == 74
    assert cells["t2.fees.amount"] == Decimal("144.4399")
    assert "t2.fees.items_last_year" not in cells
    assert "t2.other_services.decisions" not in cells


def test_table3_2021_other_subrows() -> None:
    rows = T3_2019_ROWS.replace(
        "\t（六）其他处理\t\t0\t0\t0\t0\t0\t0\t0\n",
        "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0\n",
    )
    cells = gixr_grammar.parse(report(t3=T3_HEADER + rows)).cells()
    assert "t3.other.total" not in cells
    assert cells["t3.other_misc.total"] == 0
    assert cells["t3.other_unpaid_fee.natural_person"] == 0
    assert len([k for k in cells if k.startswith("t3.")]) == 25 * 7


def test_table3_2019_single_other_row() -> None:
    cells = gixr_grammar.parse(report()).cells()
    assert cells["t3.other.total"] == 0
    assert len([k for k in cells if k.startswith("t3.")]) == 23 * 7


def test_space_separated_with_split_labels_and_spaces_in_words() -> None:
    t3 = "\n".join(
        line.replace("\t", " ").replace("本年度办理结果", "本 年度办 理结果").replace("不予公开", "不予公 开")
        for line in (T3_HEADER + T3_2019_ROWS).splitlines()
    )
    cells = gixr_grammar.parse(report(t3=t3.replace("一、本年新收", "一、\t本年新收"))).cells()
    assert cells["t3.new_received.total"] == 6
    assert cells["t3.granted.commercial"] == 1
    assert cells["t3.denied_state_secret.total"] == 0


def test_markdown_pipe_table_with_page_number() -> None:
    t4 = "| 行政复议 | | | | | 行政诉讼 |\n|---|---|---|---|---|---|\n- 4 -\n| 5 | 1 | 4 | 3 | 13 | 10 | 3 | 4 | 0 | 17 | 3 | 1 | 1 | 0 | 5 |\n"
    result = gixr_grammar.parse(report(t4=t4))
    assert result.cells()["t4.review.total"] == 13
    assert result.cells()["t4.litigation_after_review.total"] == 5
    assert result.table(4).rows[0].placement == "exact"  # type: ignore[union-attr]  # - 4 - is no value


def test_page_numbers_are_ignored_in_prose_and_in_one_cell_per_line_rows() -> None:
    text = report().replace("存在的问题是公开不够及时。", "存在的问题是\n- 5 -\n公开不够及时。")
    assert "- 5 -" not in gixr_grammar.parse(text).section(5).body  # type: ignore[union-attr]
    cells = "".join(
        f"\t{v}\n" for v in ["1", "0", "0", "0", "1", "2", "0", "- 6 -", "0", "0", "2", "0", "0", "0", "0", "0"]
    )
    result = gixr_grammar.parse(report(t4="\t行政复议\n\t行政诉讼\n\n" + cells))
    assert result.cells()["t4.litigation_direct.total"] == 2
    assert result.table(4).rows[0].placement == "exact"  # type: ignore[union-attr]


def test_kangxi_pdf_text_one_row_per_line() -> None:
    t4 = "⾏政复议 ⾏政诉讼\n\n结果维持 结果纠正 其他结果 尚未审结 总计\n\n1 0 0 0 1 2 0 0 0 2 0 0 0 0 0\n"
    cells = gixr_grammar.parse(report(t4=t4)).cells()
    assert cells["t4.litigation_direct.total"] == 2


def test_mistyped_numbered_label_is_placed_by_its_number() -> None:
    rows = T3_2019_ROWS.replace("2.其他法律行政法规禁止公开\t0", "2.其他法规禁公文件\t0")
    result = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    assert result.cells()["t3.denied_prohibited_by_law.total"] == 0
    assert [d.code for d in result.diagnostics if d.code == "label_mismatch"] == ["label_mismatch"]


def test_unknown_row_is_reported_with_its_values() -> None:
    t2 = T2_2019.replace("规范性文件\t4\t5\t6\n", "规范性文件\t4\t5\t6\n其他主动公开文件\t7\t8\t9\n")
    result = gixr_grammar.parse(report(t2=t2))
    unknown = [d for d in result.diagnostics if d.code == "unknown_row"]
    assert len(unknown) == 1 and unknown[0].found == "其他主动公开文件 7 8 9"


def test_one_cell_per_line_table() -> None:
    t4 = "\t行政复议\n\t行政诉讼\n\n" + "".join(
        f"\t{v}\n" for v in ["1", "0", "0", "0", "1", "2", "0", "0", "0", "2", "0", "0", "0", "0", "0"]
    )
    cells = gixr_grammar.parse(report(t4=t4)).cells()
    assert cells["t4.litigation_direct.upheld"] == 2


def test_document_structure() -> None:
    result = gixr_grammar.parse(report())
    assert [s.kind for s in result.sections] == [
        "overview",
        "proactive",
        "requests",
        "review_litigation",
        "problems",
        "other",
    ]
    assert result.section(1).subsections[0].heading == "（一）主动公开".replace("（", "(").replace("）", ")")  # type: ignore[union-attr]
    assert [h.text for h in result.section(5).headings] == ["下一步工作打算"]  # type: ignore[union-attr]
    assert {d.code for d in result.diagnostics} == {"unit_converted"}


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
        ("# 《信阳市人民政府2020年度政府信息公开工作年度报告》", "信阳市人民政府", 2020),
        ("平原示范区2020年度政府信息公开工作\n\n年度报告", "平原示范区", 2020),
    ],
)
def test_titles(title: str, agency: str, year: int) -> None:
    meta = gixr_grammar.parse(report(title=title)).meta
    assert (meta.agency, meta.year) == (agency, year)


def test_title_after_first_heading() -> None:
    text = report(title="").replace(
        "一、总体情况\n", "一、总体情况\n\n南阳市政府办公室2020年政府信息公开工作年度报告\n", 1
    )
    assert gixr_grammar.parse(text).meta.agency == "南阳市政府办公室"


def test_missing_table_and_section_are_diagnosed() -> None:
    text = report().split("四、政府信息公开行政复议")[0]
    codes = {(d.code, d.expected) for d in gixr_grammar.parse(text).diagnostics}
    assert ("missing_table", "行政复议、行政诉讼情况") in codes
    assert ("missing_section", "六、其他需要报告的事项") in codes


def test_t4_short_row_left_unknown_when_arithmetic_cannot_decide() -> None:
    t4 = T4.replace("1\t0\t0\t0\t1\t2\t0\t0\t0\t2\t0\t0\t0\t0\t0", "1\t0\t0\t0\t1\t2\t0\t0\t0\t2\t0\t0\t0\t0")
    result = gixr_grammar.parse(report(t4=t4))
    records = result.cell_records()
    assert records["t4.review.upheld"].value == 1
    assert records["t4.litigation_after_review.total"].value == 0
    assert any(d.code == "short_row" for d in result.diagnostics)


def test_inferred_cell_is_marked() -> None:
    rows = T3_2019_ROWS.replace("\t（一）予以公开\t\t3\t1\t0\t0\t0\t0\t4", "\t（一）予以公开\t\t3\t1\t0\t0\t0\t4")
    result = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    row = result.table(3).row("granted")  # type: ignore[union-attr]
    assert [c.value for c in row.cells] == [3, 1, 0, 0, 0, 0, 4]
    assert CellStatus.INFERRED in {c.status for c in row.cells}


_PLANT = """
import os, pickle, sys
from pathlib import Path
from lark import Lark
from gixr_grammar.parse.grammar import grammar_dir
from gixr_grammar.parse.scanner import CellScanner

class Payload:
    def __reduce__(self):
        return (os.mkdir, (sys.argv[1],))

# Lark's own cache, as gixr used it: the file name is computable, so an attacker writes it first.
Lark.open(str(grammar_dir() / "report.lark"), parser="lalr", lexer=CellScanner, maybe_placeholders=False, cache=True)
for planted in Path(os.environ["TMPDIR"]).glob(".lark_cache_*"):
    planted.write_bytes(b"0\\n" + pickle.dumps(Payload()))
"""
_OLD_LOAD = (
    "from lark import Lark; from gixr_grammar.parse.grammar import grammar_dir; "
    "from gixr_grammar.parse.scanner import CellScanner; "
    "Lark.open(str(grammar_dir() / 'report.lark'), parser='lalr', lexer=CellScanner, maybe_placeholders=False, "
    "cache=True)"
)


def test_a_grammar_cache_planted_in_the_temp_folder_is_never_executed(tmp_path: Path) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o777)  # a world-writable temp folder, as /tmp is
    env = {**os.environ, "TMPDIR": str(shared)}
    executed = tmp_path / "executed"
    subprocess.run([sys.executable, "-c", _PLANT, str(executed)], env=env, check=True)
    planted = sorted(p.name for p in shared.iterdir())
    assert planted and not executed.exists()
    parse = f"import gixr_grammar; gixr_grammar.parse(open({str(SEEDS / (SEED_NAMES[0] + '.txt'))!r}, encoding='utf-8').read())"
    subprocess.run([sys.executable, "-c", parse], env=env, check=True)
    assert not executed.exists()  # gixr read nothing from the shared folder
    assert sorted(p.name for p in shared.iterdir()) == planted  # and wrote nothing there
    subprocess.run([sys.executable, "-c", _OLD_LOAD], env=env, check=False, capture_output=True)
    assert executed.exists()  # the plant is live: Lark's cache=True runs it


def test_with_no_title_meta_comes_from_the_report_and_says_so() -> None:
    text = report(title="").replace("本年度，我县认真贯彻《条例》。", "2021年，我县认真贯彻《条例》。")
    text += "\n某某县人民政府办公室\n2022年1月20日\n"
    parsed = gixr_grammar.parse(text)
    assert (parsed.meta.agency, parsed.meta.year) == ("某某县人民政府办公室", 2021)
    inferred = {d.found: d for d in parsed.diagnostics if d.code == "meta_inferred"}
    assert set(inferred) == {"2021", "某某县人民政府办公室"}
    assert inferred["2021"].line == text.splitlines().index("2021年，我县认真贯彻《条例》。") + 1
    bare = gixr_grammar.parse(report(title=""))
    assert (bare.meta.agency, bare.meta.year) == (None, None)
    assert sorted(d.message.split(",")[0] for d in bare.diagnostics if d.code == "meta_missing") == [
        "no report title names the agency",
        "no report title names the year",
    ]


@pytest.mark.parametrize("separator", ["\t", " ", "\n"])
def test_table_four_printed_as_its_fifteen_numbers_alone_under_section_four(separator: str) -> None:
    row = T4.strip().split("\n")[-1]
    cells = gixr_grammar.parse(report(t4=row.replace("\t", separator) + "\n")).cells()
    expected = gixr_grammar.parse(report()).cells()
    assert {k: v for k, v in cells.items() if k.startswith("t4.")} == {
        k: v for k, v in expected.items() if k.startswith("t4.")
    }
    stray = gixr_grammar.parse(report().replace("存在的问题是公开不够及时。", "1 2 3"))  # numbers in section 五
    assert stray.cells() == expected


@pytest.mark.parametrize(
    "wrapped",
    [
        "其他对外管理\n13\t-8\t15\n服务事项",  # the values between the label's halves
        "其他对外管理\n服务事项\t13\t-8\t15",  # after them
        "其他对外管理服务事项\n13\t-8\t15",  # on a line of their own
        "其他对外管理服务\n事项\n13\t-8\t15",  # a last piece too short to name the row alone
        "其他对外管理服务\n事项\t13\t-8\t15",
    ],
)
def test_a_table_two_label_wrapped_in_a_narrow_column(wrapped: str) -> None:
    t2 = T2_2019.replace("其他对外管理服务事项\t13\t-8\t15", wrapped)
    cells = gixr_grammar.parse(report(t2=t2)).cells()
    assert [cells[f"t2.other_services.{c}"] for c in ("items_last_year", "items_change", "decisions")] == [13, -8, 15]
    assert cells == gixr_grammar.parse(report()).cells()


def test_a_label_piece_too_short_to_name_its_row_is_read_with_the_line_before_it() -> None:
    """事项 names no row, but after 其他对外管理服务 (a line of text that is no row) it ends the
    label: both are the row's label, said once, and the first is no table note."""
    t2 = T2_2019.replace("其他对外管理服务事项\t13\t-8\t15", "其他对外管理服务\n事项\n13\t-8\t15")
    parsed = gixr_grammar.parse(report(t2=t2))
    pieces = [d for d in parsed.diagnostics if d.code == "label_mismatch"]
    assert [(d.found, d.expected) for d in pieces] == [("其他对外管理服务 事项", "其他对外管理服务事项")]
    assert [d for d in parsed.diagnostics if d.code in ("table_note", "unknown_row")] == []


def test_a_table_interrupted_by_a_note_says_which_lines_and_reads_on() -> None:
    lines = seed_text(SEED_NAMES[0]).split("\n")
    at = next(i for i, line in enumerate(lines) if "予以公开" in line and "\t" in line)
    lines[at + 1 : at + 1] = ["", "注：本表数据截至2020年12月31日，由本机关政务公开办公室统计汇总后填报，下同。"]
    report = gixr_grammar.parse("\n".join(lines))
    assert exact(report.cells(), SEED_NAMES[0])
    assert [(d.code, d.line, d.message) for d in report.diagnostics] == [
        (
            "table_interrupted",
            at + 4,
            f"table 3 goes on at line {at + 4} after lines {at + 2}–{at + 3}, which hold no row of it",
        )
    ]


def test_a_table_three_label_piece_that_is_a_table_two_header_word_stays_in_table_three() -> None:
    """公开 (and 收费) alone match table 二's header pieces; as a piece of a table 三 label wrapped
    two characters a line it is the label's, not a table 二 breaking into table 三."""
    row = "\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0"
    t3 = T3_HEADER + T3_2019_ROWS.replace(row, "\t\t3.要求提供\n公开\n出版物\t0\t0\t0\t0\t0\t0\t0")
    parsed = gixr_grammar.parse(report(t3=t3))
    assert parsed.cells() == gixr_grammar.parse(report()).cells()
    assert [d.code for d in parsed.diagnostics if d.severity is not Severity.INFO] == []


def test_the_agency_over_the_date_that_closes_a_report_after_its_last_table_is_its_signature() -> None:
    """A line inside a table that repeats the title's agency is a running head (skipped), but not
    when a date follows it: then it signs the report."""
    text = report().split("五、")[0] + "某某县人民政府\n2021年1月20日\n"
    meta = gixr_grammar.parse(text).meta
    assert (meta.signature, meta.date) == ("某某县人民政府", "2021年1月20日")
