"""The figures the prose states about the tables (grammars/prose.lark, gixr_grammar.parse.prose)."""

from __future__ import annotations

import importlib
import logging
import re

import pytest
from conftest import SEED_NAMES, seed_text
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark, logger
from reports import report

import gixr_grammar
from gixr_grammar.parse.grammar import grammar_dir

prose = importlib.import_module("gixr_grammar.parse.prose")

# Every statement of the seeds' prose, read by hand: (line, column of the number, topics, value).
SEED_STATEMENTS = {
    SEED_NAMES[0]: [
        (9, 61, ("regulations",), 1),
        (9, 69, ("normative_documents",), 193),
        (11, 87, ("received",), 460),
        (11, 94, ("closed",), 457),
        (11, 118, ("granted",), 340),
        (11, 136, ("partially_granted",), 7),
        (11, 149, ("denied",), 15),
        (11, 163, ("unavailable",), 55),
        (11, 183, ("not_processed", "other_processing"), 40),
        (11, 216, ("review",), 13),
        (11, 234, ("litigation",), 22),
    ],
    SEED_NAMES[1]: [],
    SEED_NAMES[2]: [],
    SEED_NAMES[3]: [(15, 20, ("handled",), 96)],  # 共公开各类文件63件，规范性文件21件: no issuing verb
    SEED_NAMES[4]: [(32, 6, ("handled",), 60)],  # 办理依 / (blank line) / 申请公开件60件: across lines
}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_statement_of_the_seeds_is_found_where_its_number_is(name: str) -> None:
    text = seed_text(name)
    statements = gixr_grammar.parse(text).statements
    assert [(s.line, s.column, s.topics, s.value) for s in statements] == SEED_STATEMENTS[name]
    lines = text.splitlines()
    for s in statements:
        assert lines[s.line - 1][s.column - 1 :].startswith(str(s.value))  # the source column, ** and all


def _statements(sentence: str) -> list[tuple[tuple[str, ...], int, bool, str]]:
    text = report().replace("本年度，我县认真贯彻《条例》。", sentence)
    return [(s.topics, s.value, s.each, s.text) for s in gixr_grammar.parse(text).statements]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年共收到政府信息公开申请 12 件。", [(("received",), 12, False, "共收到政府信息公开申请12件")]),
        (
            "受理申请十二件，办结十一件。",
            [(("received",), 12, False, "受理申请十二件"), (("closed",), 11, False, "办结十一件")],
        ),
        ("办理政府信息公开相关行政复议3起。", [(("review",), 3, False, "行政复议3起")]),
        ("收到行政复议申请2件。", [(("review",), 2, False, "行政复议申请2件")]),
        ("行政复议、行政诉讼各0件。", [(("review", "litigation"), 0, True, "行政复议、行政诉讼各0件")]),
        ("予以公开和部分公开的5件。", [(("granted", "partially_granted"), 5, False, "予以公开和部分公开的5件")]),
        ("结转下年度继续办理1件。", [(("carried_forward",), 1, False, "结转下年度继续办理1件")]),
        ("上年结转1件。", [(("carried_over",), 1, False, "上年结转1件")]),
        (
            "其中自然人申请5件，法人或其他组织申请1件。",
            [(("natural_person",), 5, False, "自然人申请5件"), (("organisations",), 1, False, "法人或其他组织申请1件")],
        ),
        ("受理申请1,234件。", [(("received",), 1234, False, "受理申请1,234件")]),
        (
            "共发布政府规章1件，规范性文件5件。",
            [(("regulations",), 1, False, "规章1件"), (("normative_documents",), 5, False, "规范性文件5件")],
        ),
        ("全年制发规范性文件5件，清理规范性文件30件。", [(("normative_documents",), 5, False, "规范性文件5件")]),
        # No statement: a count of something else, a change, an approximation, an ordinal, 一起.
        ("12345热线受理群众来电181952件，立件交办15216件，办结15214件。", []),
        ("受理申请同比增加12件。", []),
        ("受理申请约12件。", []),
        ("推进“一件事一次办”，第一件事。", []),
        ("与行政复议一起办理。", []),
        ("新建规章制度5件。", []),
    ],
)
def test_wordings(sentence: str, expected: list[tuple[tuple[str, ...], int, bool, str]]) -> None:
    assert _statements(sentence) == expected


def test_the_year_of_a_statement_is_the_last_its_sentence_names_before_it() -> None:
    text = report().replace("本年度，我县认真贯彻《条例》。", "与2019年相比，2020年共受理申请6件，办结6件。")
    statements = gixr_grammar.parse(text).statements
    assert [(s.value, s.year) for s in statements] == [(6, 2020), (6, 2020)]
    assert {s.year_line for s in statements} == {
        text.splitlines().index("与2019年相比，2020年共受理申请6件，办结6件。") + 1
    }


def test_prose_grammar_has_no_conflicts(caplog: pytest.LogCaptureFixture) -> None:
    logger.setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark.open(str(grammar_dir() / "prose.lark"), parser="lalr", lexer="basic", debug=True)
    assert "conflict" not in caplog.text.lower()


_PROSE_CHARACTERS = "".join(
    sorted({c for m in re.finditer(r"[\u4e00-\u9fff]", (grammar_dir() / "prose.lark").read_text()) for c in m.group()})
)


@given(st.text(alphabet=_PROSE_CHARACTERS + "0123456789，。、,的了在和", max_size=80))
def test_the_lexers_guard_skips_no_word(text: str) -> None:
    """The guard before the words' alternation (no word starts on a character its pattern does not
    print) cuts a text exactly as the alternation alone does."""
    _, _, words = prose._terminals()
    alone = re.compile(words.pattern[words.pattern.index("(?:") :])
    assert [(m.lastgroup, m.span()) for m in words.finditer(text)] == [
        (m.lastgroup, m.span()) for m in alone.finditer(text)
    ]
