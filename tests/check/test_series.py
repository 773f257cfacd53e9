"""check_series(): R5 and R6 between consecutive years of one agency, as warnings."""

from __future__ import annotations

from pathlib import Path

from reports import T2_2021, T3_2019_ROWS, T3_HEADER, report

import gixr_grammar
from gixr_grammar import Verdict

AGENCY = "某某县人民政府"


def t2_2021(issued: int, repealed: int, in_force: int) -> str:
    """Table 二 of a 2021 report, its 规章 row as given, its 行政规范性文件 unchanged from year to year."""
    return T2_2021.replace("规章\t0\t1\t2", f"规章\t{issued}\t{repealed}\t{in_force}").replace(
        "行政规范性文件\t6\t32\t74", "行政规范性文件\t0\t0\t74"
    )


def year(number: int, t3_rows: str = T3_2019_ROWS, t2: str | None = None) -> gixr_grammar.Report:
    title = f"{AGENCY}{number}年政府信息公开工作年度报告"
    kwargs = {} if t2 is None else {"t2": t2}
    return gixr_grammar.parse(report(t3=T3_HEADER + t3_rows, title=title, **kwargs))


def test_carried_over_must_equal_last_years_carried_forward() -> None:
    # 2020 carries 1 forward (自然人); 2021 says it received 2 from the year before.
    rows_2021 = T3_2019_ROWS.replace(
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2",
    )
    findings = gixr_grammar.check_series([year(2021, rows_2021), year(2020)])
    assert {(f.rule, f.scope, f.expected, f.found) for f in findings} == {
        ("carry_over", "自然人", "1", "2"),
        ("carry_over", "总计", "1", "2"),
    }
    assert all(f.verdict is Verdict.WARNING and f.year == 2021 and f.agency == AGENCY for f in findings)
    first = next(f for f in findings if f.scope == "自然人")
    assert first.cells == ("t3.carried_forward.natural_person", "t3.carried_over.natural_person")
    assert first.line is not None


def test_consistent_series_and_gaps_give_nothing() -> None:
    assert gixr_grammar.check_series([year(2019), year(2020)]) == []
    assert gixr_grammar.check_series([year(2018), year(2020)]) == []  # not consecutive: nothing to compare


def test_in_force_documents_follow_from_last_year() -> None:
    before = year(2021, t2=t2_2021(1, 0, 10))
    good = year(2022, t2=t2_2021(3, 1, 12))
    bad = year(2022, t2=t2_2021(3, 1, 15))
    assert [f for f in gixr_grammar.check_series([before, good]) if f.rule == "in_force"] == []
    findings = [f for f in gixr_grammar.check_series([before, bad]) if f.rule == "in_force"]
    assert [(f.scope, f.expected, f.found) for f in findings] == [("规章", "12", "15")]


def test_unknown_values_are_not_assessable_on_request() -> None:
    rows_2021 = T3_2019_ROWS.replace(
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量\t\t/\t0\t0\t0\t0\t0\t1",
    )
    series = [year(2020), year(2021, rows_2021)]
    assert gixr_grammar.check_series(series) == []
    unknown = gixr_grammar.check_series(series, not_assessable=True)
    assert [(f.rule, f.scope, f.verdict) for f in unknown] == [("carry_over", "自然人", Verdict.NOT_ASSESSABLE)]


def test_a_year_given_twice_is_a_warning() -> None:
    findings = gixr_grammar.check_series([year(2020), year(2020)])
    assert [(f.rule, f.year) for f in findings] == [("duplicate_year", 2020)]


def test_the_variants_of_one_agency_name_pair_up() -> None:
    rows_2021 = T3_2019_ROWS.replace(
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2",
    )
    title = "某某县 政府２０２１年政府信息公开工作年度报告"  # 政府 for 人民政府, a space, full-width digits
    renamed = gixr_grammar.parse(report(t3=T3_HEADER + rows_2021, title=title))
    assert renamed.meta.agency != AGENCY
    findings = gixr_grammar.check_series([renamed, year(2020)])
    assert {(f.rule, f.scope) for f in findings} == {("carry_over", "自然人"), ("carry_over", "总计")}


def test_agency_keys_fold_only_harmless_variants() -> None:
    from gixr_grammar.format.agency import agency_key

    assert agency_key("信阳市人民政府") == agency_key("信阳市政府") == agency_key("信阳市 人民政府")
    assert agency_key("（某）县政府") == agency_key("(某)县政府")
    assert agency_key("南阳市政府办公室") != agency_key("南阳市政府")
    assert agency_key(None) is None


def test_the_series_command_over_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from gixr_grammar.cli.main import main

    rows_2021 = T3_2019_ROWS.replace(
        "二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1",
        "二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2",
    )
    (tmp_path / "2020.txt").write_text(
        report(t3=T3_HEADER + T3_2019_ROWS, title=f"{AGENCY}2020年政府信息公开工作年度报告")
    )
    (tmp_path / "2021.txt").write_text(
        report(t3=T3_HEADER + rows_2021, title="某某县政府2021年政府信息公开工作年度报告")
    )
    result = CliRunner().invoke(main, ["series", str(tmp_path)])
    assert result.exit_code == 0 and result.output.splitlines()[0] == "2 reports: 2 findings"
    assert "carry_over" in result.output
