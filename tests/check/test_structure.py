"""The report's structure: section order and doubles, the year section 一 opens on."""

from __future__ import annotations

from conftest import SEED_NAMES, seed_text
from reports import report

import gixr_grammar
from gixr_grammar import Verdict

STRUCTURE = ("section_order", "section_doubled", "body_year", "missing_section")


def _structure(text: str) -> list[gixr_grammar.Finding]:
    return [f for f in gixr_grammar.check(gixr_grammar.parse(text)) if f.rule in STRUCTURE]


def test_no_seed_has_a_structure_finding_but_the_missing_section_of_001() -> None:
    found = {name: [f.rule for f in _structure(seed_text(name))] for name in SEED_NAMES}
    assert found == {name: ["missing_section"] if name == SEED_NAMES[1] else [] for name in SEED_NAMES}


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
