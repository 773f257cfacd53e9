"""The report's structure: section order, doubles and numbering, headings' numbering, the years the
body and the date name."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SEED_NAMES, seed_text
from reports import report

import gixr_grammar
from gixr_grammar import Verdict

STRUCTURE = (
    "section_order",
    "section_doubled",
    "section_numbering",
    "heading_numbering",
    "body_year",
    "date_year",
    "missing_section",
)


def _structure(text: str) -> list[gixr_grammar.Finding]:
    return [f for f in gixr_grammar.check(gixr_grammar.parse(text)) if f.rule in STRUCTURE]


def test_the_seeds_structure_findings_are_001s_missing_section_and_002s_heading() -> None:
    """Seed 001 has no section 六; seed 002 numbers a part of section 一 like a section (一、工作情况,
    line 9, under 一、总体情况)."""
    found = {name: [(f.rule, f.line) for f in _structure(seed_text(name))] for name in SEED_NAMES}
    assert found == {
        name: [("missing_section", None)]
        if name == SEED_NAMES[1]
        else [("heading_numbering", 9)]
        if name == SEED_NAMES[2]
        else []
        for name in SEED_NAMES
    }


@pytest.mark.parametrize("name", SEED_NAMES)
def test_any_section_heading_removed_from_a_seed_gives_one_finding(name: str) -> None:
    text = seed_text(name)
    before = Counter(f.rule for f in gixr_grammar.check(gixr_grammar.parse(text)))
    lines = text.splitlines(keepends=True)
    for section in gixr_grammar.parse(text).sections:
        removed = "".join(lines[: section.first_line - 1] + lines[section.first_line :])
        after = Counter(f.rule for f in gixr_grammar.check(gixr_grammar.parse(removed)))
        assert after - before == Counter(["missing_section"]), section.heading  # and nothing else new


@pytest.mark.parametrize("name", SEED_NAMES)
def test_any_two_neighbouring_sections_of_a_seed_swapped_give_one_finding(name: str) -> None:
    """Seed 004 prints its title under 一、总体情况: section 二 printed before it opens no report."""
    text = seed_text(name).rstrip("\n") + "\n"  # its last line moved up keeps its end
    before = Counter(f.rule for f in gixr_grammar.check(gixr_grammar.parse(text)))
    lines = text.splitlines(keepends=True)
    starts = [s.first_line - 1 for s in gixr_grammar.parse(text).sections] + [len(lines)]
    for first, second, end in zip(starts, starts[1:], starts[2:], strict=False):
        swapped = "".join(lines[:first] + lines[second:end] + lines[first:second] + lines[end:])
        after = Counter(f.rule for f in gixr_grammar.check(gixr_grammar.parse(swapped)))
        assert after - before == Counter(["section_order"]), lines[first]


def test_two_sections_swapped_give_one_finding_at_the_heading() -> None:
    text = report()
    five = text.index("五、存在的主要问题及改进情况")
    six = text.index("六、其他需要报告的事项")
    swapped = text[:five] + text[six:] + "\n" + text[five:six]
    (finding,) = _structure(swapped)
    assert finding.rule == "section_order" and finding.verdict is Verdict.WARNING
    assert finding.line == swapped.splitlines().index("五、存在的主要问题及改进情况") + 1


def test_a_heading_printed_twice() -> None:
    text = report() + "五、存在的主要问题及改进情况\n又一段。\n"
    (finding,) = _structure(text)
    assert finding.rule == "section_doubled" and "first at line" in finding.message


def test_a_heading_removed_gives_one_finding() -> None:
    text = report().replace("五、存在的主要问题及改进情况\n", "")
    assert [f.rule for f in _structure(text)] == ["missing_section"]


def test_a_year_planted_in_the_overview() -> None:
    text = report(title="某某县人民政府2021年政府信息公开工作年度报告").replace(
        "本年度，我县认真贯彻《条例》。", "2020年，我县认真贯彻《条例》。"
    )
    (finding,) = _structure(text)
    assert (finding.rule, finding.expected, finding.found) == ("body_year", "2021年", "2020年")
    assert finding.line == text.splitlines().index("2020年，我县认真贯彻《条例》。") + 1
    later = text.replace("2020年，我县认真贯彻《条例》。", "2021年，我县比2020年认真。")
    assert _structure(later) == []  # a comparison with last year is no copy


def test_a_year_planted_in_a_sentence_that_states_the_tables_figures() -> None:
    sentence = "2019年共受理政府信息公开申请7件，办结6件。"
    text = report().replace("全年主动公开信息100条。", sentence)  # a 2020 report
    (finding,) = _structure(text)
    assert (finding.rule, finding.line, finding.found) == ("body_year", text.splitlines().index(sentence) + 1, "2019年")


def test_a_date_outside_the_year_after() -> None:
    text = report() + "某某县人民政府\n2023年1月20日\n"
    (finding,) = _structure(text)
    assert (finding.rule, finding.found, finding.line) == ("date_year", "2023年", len(text.splitlines()))
    assert _structure(report() + "某某县人民政府\n二〇二一年一月二十日\n") == []


def test_sections_numbered_otherwise_than_the_format() -> None:
    text = report().replace("四、政府信息公开行政复议", "五、政府信息公开行政复议")
    (finding,) = _structure(text)
    assert (finding.rule, finding.expected) == ("section_numbering", "四、政府信息公开行政复议、行政诉讼情况")


def test_subsections_out_of_sequence_and_numbered_like_sections() -> None:
    gap = report().replace(
        "（一）主动公开\n全年主动公开信息100条。", "（一）主动公开\n全年。\n（三）依申请公开\n全年。"
    )
    (finding,) = _structure(gap)
    assert (finding.rule, finding.found, finding.expected) == ("heading_numbering", "(三)依申请公开", "subsection 2")
    twice = gap.replace("（三）依申请公开", "（一）依申请公开")
    assert [f.rule for f in _structure(twice)] == []  # back to （一）: a list of its own
    like = report().replace("（一）主动公开", "一、主动公开")
    assert [(f.rule, f.found) for f in _structure(like)] == [("heading_numbering", "一、主动公开")]


def test_a_sentence_that_opens_on_another_year() -> None:
    """Seed 000, line 79: 2020年全市政府信息公开工作虽然取得了一定成效 … in its 2020 report."""
    lines = seed_text(SEED_NAMES[0]).splitlines(keepends=True)
    lines[78] = lines[78].replace("2020年全市", "2019年全市", 1)
    (finding,) = _structure("".join(lines))
    assert (finding.rule, finding.line, finding.found) == ("body_year", 79, "2019年")
    for legitimate in ("2019年以来全市", "2019年12月底全市"):  # a span's start, a date
        lines[78] = lines[78].replace("2019年全市", legitimate, 1)
        assert _structure("".join(lines)) == []
        lines[78] = lines[78].replace(legitimate, "2019年全市", 1)
