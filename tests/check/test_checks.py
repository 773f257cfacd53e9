"""check(): the 勾稽关系 and template conformance as findings, on the seeds and on small reports."""

from __future__ import annotations

import pytest
from conftest import SEED_NAMES, seed_expected, seed_text
from reports import T2_2019, T3_2019_ROWS, T3_HEADER, T4, report

import gixr_grammar
from gixr_grammar import CellStatus, Finding, Verdict
from gixr_grammar.check.consistency import report_equations
from gixr_grammar.text.normalize import normalize

CONSISTENT_SEEDS = [SEED_NAMES[i] for i in (0, 2, 3, 4)]
# How expected.json names the rules a seed breaks.
_EXPECTED_RULES = {"balance": "balance", "outcomes": "outcomes_sum", "row total": "row_total"}


def failed(text: str) -> list[Finding]:
    return [f for f in gixr_grammar.check(gixr_grammar.parse(text)) if f.failed]


@pytest.mark.parametrize("name", CONSISTENT_SEEDS)
def test_consistent_seeds_give_no_failing_finding(name: str) -> None:
    assert failed(seed_text(name)) == []


def test_seed_001_findings_are_the_inconsistencies_the_source_has() -> None:
    name = SEED_NAMES[1]
    findings = failed(seed_text(name))
    expected = set()
    for item in seed_expected(name)["inconsistencies"]:  # type: ignore[attr-defined]
        words, scope = item.rsplit(" ", 1)
        expected.add((_EXPECTED_RULES[words], scope))
    assert {(f.rule, f.scope) for f in findings} == expected
    named = {addr for f in findings for addr in f.cells}
    for addr in (
        "t3.new_received.total",
        "t3.new_received.natural_person",
        "t3.total.natural_person",
        "t3.carried_forward.natural_person",
    ):
        assert addr in named
    assert all(f.line is not None for f in findings)


def test_seed_001_blames_the_total_of_its_wrong_column() -> None:
    """（七）总计·自然人 (17) breaks R1, R2 and its row at once: the one cell they share."""
    findings = failed(seed_text(SEED_NAMES[1]))
    balance = next(f for f in findings if f.rule == "balance")
    assert balance.suspects == ("t3.total.natural_person",)
    assert balance.line == 355
    assert (balance.expected, balance.found) == ("17", "18")
    assert "（七）总计·自然人" in balance.message and "16 would make this rule hold" in balance.message
    row = next(f for f in findings if f.rule == "row_total" and f.scope == "new_received")
    assert row.line == 127 and (row.expected, row.found) == ("16", "0")


@pytest.mark.parametrize(("name", "count"), [(n, 42 if n == SEED_NAMES[2] else 40) for n in SEED_NAMES])
def test_every_hard_rule_is_checked(name: str, count: int) -> None:
    """7 + 7 + 23 + 3 = 40 equations on a 2019 report; the 2021 subrows of 其他处理 make it 42."""
    assert len(report_equations(gixr_grammar.parse(seed_text(name)))) == count


def _changed(lines: list[str], line: int, column: int, raw: str, new: str) -> str:
    text = lines[line - 1]
    assert text[column - 1 : column - 1 + len(raw)] == raw
    edited = [*lines[: line - 1], text[: column - 1] + new + text[column - 1 + len(raw) :], *lines[line:]]
    return "\n".join(edited)


@pytest.mark.parametrize("name", CONSISTENT_SEEDS)
def test_any_single_changed_number_is_caught_at_its_line(name: str) -> None:
    """Each printed number of tables 三 and 四, one at a time, plus one: a finding names the cell at
    its line. It fails a rule, unless its row was repaired (a lost or extra cell), whose warning
    names it: the changed number may then be read as the extra cell."""
    lines = list(normalize(seed_text(name)).lines)
    report = gixr_grammar.parse("\n".join(lines))
    repaired = {c.address for t in report.tables for r in t.rows if r.repaired for c in r.cells}
    checked = 0
    for addr, cell in report.cell_records().items():
        if not addr.startswith(("t3.", "t4.")) or cell.status is not CellStatus.READ:
            continue
        assert cell.line is not None and cell.column is not None and cell.raw is not None
        assert cell.value is not None
        text = _changed(lines, cell.line, cell.column, cell.raw, str(cell.value + 1))
        findings = gixr_grammar.check(gixr_grammar.parse(text))
        hits = [f for f in findings if addr in f.cells and f.line == cell.line]
        assert hits, addr
        if addr not in repaired:
            assert any(f.failed for f in hits), addr
        checked += 1
    assert checked >= 48


def test_blank_operand_is_not_assessable_never_a_pass_or_failure() -> None:
    rows = T3_2019_ROWS.replace("\t（一）予以公开\t\t3\t1\t0\t0\t0\t0\t4", "\t（一）予以公开\t\t3\t1\t0\t0\t0\t/\t4")
    result = gixr_grammar.parse(report(t3=T3_HEADER + rows))
    assert result.cells()["t3.granted.other_org"] is None
    assert [f for f in gixr_grammar.check(result)] == []
    unknown = [f for f in gixr_grammar.check(result, not_assessable=True) if f.verdict is Verdict.NOT_ASSESSABLE]
    assert {(f.rule, f.scope) for f in unknown} == {("row_total", "granted"), ("outcomes_sum", "other_org")}
    assert all("t3.granted.other_org" in f.suspects for f in unknown)


def test_type_rules() -> None:
    rows = T3_2019_ROWS.replace("2.重复申请\t0\t0\t0\t0\t0\t0\t0", "2.重复申请\t-1\t0\t0\t0\t0\t0\t-1").replace(
        "3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0", "3.要求提供公开出版物\t1.5\t0\t0\t0\t0\t0\t1.5"
    )
    findings = failed(report(t3=T3_HEADER + rows))
    types = {(f.rule, f.cells) for f in findings if f.rule in ("non_negative", "integer")}
    assert types == {
        ("non_negative", ("t3.not_processed_duplicate.natural_person",)),
        ("non_negative", ("t3.not_processed_duplicate.total",)),
        ("integer", ("t3.not_processed_publication.natural_person",)),
        ("integer", ("t3.not_processed_publication.total",)),
    }
    assert gixr_grammar.parse(report()).cells()["t2.other_services.items_change"] == -8  # signed: no finding


def test_missing_row_and_table() -> None:
    rows = T3_2019_ROWS.replace("\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n", "")
    findings = failed(report(t3=T3_HEADER + rows, t4=""))
    missing = {(f.rule, f.scope) for f in findings}
    assert ("missing_row", "t3.denied_security_stability") in missing
    assert ("missing_table", "t4") in missing
    row = next(f for f in findings if f.rule == "missing_row")
    assert row.cells[0] == "t3.denied_security_stability.natural_person" and row.line is not None


def test_template_for_the_year_and_mixed_templates() -> None:
    late = gixr_grammar.check(gixr_grammar.parse(report(title="某某县人民政府2022年政府信息公开工作年度报告")))
    year = [f for f in late if f.rule == "template_year"]
    assert len(year) == 1 and year[0].verdict is Verdict.WARNING
    assert (year[0].expected, year[0].found) == ("2021", "2019")
    t2_2021 = T2_2019.split("第二十条第（五）项")[0].replace(
        "本年新制作数量\t本年新公开数量\t对外公开总数量", "本年制发件数\t本年废止件数\t现行有效件数"
    )
    mixed = gixr_grammar.check(
        gixr_grammar.parse(report(t2=t2_2021, title="某某县人民政府2021年政府信息公开工作年度报告"))
    )
    assert {f.rule for f in mixed if f.rule.startswith("template")} == {"template_mixed"}
    both = T2_2019.replace("第二十条第（九）项", "第二十条第（九）项\n信息内容\t本年处理决定数量")
    headers = gixr_grammar.check(gixr_grammar.parse(report(t2=both)))
    assert any(f.rule == "template_mixed" and f.found == "2019 and 2021 columns" for f in headers)


def test_unknown_row_and_missing_section_are_warnings() -> None:
    t2 = T2_2019.replace("规范性文件\t4\t5\t6\n", "规范性文件\t4\t5\t6\n其他主动公开文件\t7\t8\t9\n")
    text = report(t2=t2).split("六、其他需要报告的事项")[0]
    findings = gixr_grammar.check(gixr_grammar.parse(text))
    assert {(f.rule, f.verdict) for f in findings} == {
        ("unknown_row", Verdict.WARNING),
        ("missing_section", Verdict.WARNING),
    }


def test_t4_group_total() -> None:
    t4 = T4.replace("1\t0\t0\t0\t1\t2", "1\t0\t0\t0\t1\t3")
    findings = failed(report(t4=t4))
    assert [(f.rule, f.scope, f.expected, f.found) for f in findings] == [
        ("review_total", "litigation_direct", "3", "2")
    ]


def test_block_of_the_other_template_is_a_warning() -> None:
    t2 = T2_2019.split("第二十条第（九）项")[0].replace(
        "本年新制作数量\t本年新公开数量\t对外公开总数量", "本年制发件数\t本年废止件数\t现行有效件数"
    )
    t2 = t2.replace("规范性文件\t4", "行政规范性文件\t4").split("第二十条第（五）项")[0]
    t2 += "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t1\n第二十条第（九）项\n行政处罚\t2\n"
    findings = gixr_grammar.check(
        gixr_grammar.parse(report(t2=t2, title="某某县人民政府2021年政府信息公开工作年度报告"))
    )
    block = [f for f in findings if f.rule == "unknown_block"]
    assert len(block) == 1 and block[0].found == "第二十条第(九)项" and block[0].verdict is Verdict.WARNING
