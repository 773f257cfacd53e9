"""The prose against the tables: each figure a statement gives (``Report.statements``) against
the cells it may mean.

Prose is loose: 受理460件 may be 新收 or 新收 + 上年结转, 予以公开的340件 may include 部分公开, 行政诉讼
may count both kinds of suit or only the direct ones. So each topic has its admissible *readings*
(a reading is a sum of cells), and a statement holds when one of them gives its number. It is a
``prose_figure`` warning when every reading can be read and none does, naming the statement's line
and column and every cell tried with its line; not assessable when a reading it needs is blank or
unknown. Topics stated together (不予处理和其他处理的40件) are read as the sum of one reading of each;
with 各 (行政复议、行政诉讼各0件) each topic must hold alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from ..format.schema import (
    DENIED_ROWS,
    NOT_PROCESSED_ROWS,
    OTHER_SPLIT_ROWS,
    T3_APPLICANT_COLUMNS,
    UNAVAILABLE_ROWS,
    Template,
    address,
    t2_rows,
)
from ..format.vocabulary import label_of
from ..model import Cell, Finding, Report, Statement, Value, Verdict

Reading = tuple[str, ...]  # SCHEMA.md addresses whose values add up to the stated figure

_ORGANISATION_COLUMNS = T3_APPLICANT_COLUMNS[1:]
_GROUPS: Mapping[str, Sequence[str]] = {
    "denied": DENIED_ROWS,
    "unavailable": UNAVAILABLE_ROWS,
    "not_processed": NOT_PROCESSED_ROWS,
}


def _t3(row: str, column: str = "total") -> str:
    return address(3, row, column)


def _rows(*rows: str) -> Reading:
    return tuple(_t3(row) for row in rows)


def readings(topic: str, report: Report) -> tuple[Reading, ...]:
    """The sums of cells a statement on ``topic`` may mean in ``report`` (grammars/prose.lark's
    topic names)."""
    new, carried = "new_received", "carried_over"
    if topic == "received":
        return _rows(new), _rows(new, carried)
    if topic == "handled":  # 办理: what came in, or what was dealt with
        return _rows(new), _rows(new, carried), _rows("total")
    if topic == "closed":
        return (_rows("total"),)
    if topic == "granted":
        return _rows("granted"), _rows("granted", "partially_granted")
    if topic in ("partially_granted", "carried_over", "carried_forward"):
        return (_rows(topic),)
    if topic in _GROUPS:
        return (_rows(*_GROUPS[topic]),)
    if topic == "other_processing":  # the 2019 single row, or the 2021 subrows, as printed
        table = report.table(3)
        printed = [r.key for r in table.rows if r.key in ("other", *OTHER_SPLIT_ROWS)] if table else []
        return (_rows(*(printed or ["other"])),)
    if topic == "review":
        return ((address(4, "review", "total"),),)
    if topic == "litigation":
        direct, after_review = address(4, "litigation_direct", "total"), address(4, "litigation_after_review", "total")
        return (direct, after_review), (direct,)
    if topic == "natural_person":
        return (_t3(new, "natural_person"),), (_t3(new, "natural_person"), _t3(carried, "natural_person"))
    if topic == "organisations":
        received = tuple(_t3(new, c) for c in _ORGANISATION_COLUMNS)
        return received, received + tuple(_t3(carried, c) for c in _ORGANISATION_COLUMNS)
    if topic in ("regulations", "normative_documents"):  # 制作, 公开 or in force: whichever it says
        template = Template(report.meta.template or Template.Y2019.value)
        return tuple((address(2, topic, column.key),) for column in t2_rows(template)[topic].columns)
    raise ValueError(f"no readings for topic {topic!r}: grammars/prose.lark and check.prose disagree")


def prose_findings(report: Report, records: Mapping[str, Cell]) -> Iterator[Finding]:
    for statement in report.statements:
        finding = _judge(statement, report, records)
        if finding is not None:
            yield finding


def _claims(statement: Statement, report: Report) -> list[list[Reading]]:
    """What must hold: with 各, one claim per topic; else one claim, the sum of a reading of each."""
    per_topic = [list(readings(topic, report)) for topic in statement.topics]
    if statement.each:
        return per_topic
    return [[tuple(dict.fromkeys(itertools.chain(*parts))) for parts in itertools.product(*per_topic)]]


def _judge(statement: Statement, report: Report, records: Mapping[str, Cell]) -> Finding | None:
    """None when the statement holds; else a warning, or a not-assessable finding."""
    claims = [[(reading, _sum(reading, records)) for reading in claim] for claim in _claims(statement, report)]
    holds = [any(total == statement.value for _, total in claim) for claim in claims]
    if all(holds):
        return None
    refuted = any(
        not held and all(total is not None for _, total in claim) for claim, held in zip(claims, holds, strict=True)
    )
    tried = [pair for claim in claims for pair in claim]
    cells = tuple(dict.fromkeys(address for reading, _ in tried for address in reading))
    verdict = Verdict.WARNING if refuted else Verdict.NOT_ASSESSABLE
    options = "; ".join(_describe(reading, total, records) for reading, total in tried)
    heard = "cannot all be read" if verdict is Verdict.NOT_ASSESSABLE else f"give none of {statement.value}"
    return Finding(
        "prose_figure",
        verdict,
        f"the prose says {statement.text}; the readings the tables allow {heard}: {options}",
        cells=cells,
        line=statement.line,
        column=statement.column,
        expected="one of " + ", ".join("unknown" if total is None else str(total) for _, total in tried),
        found=str(statement.value),
        scope="prose",
        cell_lines=tuple(records[a].line if a in records else None for a in cells),
    )


def _sum(reading: Reading, records: Mapping[str, Cell]) -> Value | None:
    values = [records[a].value if a in records else None for a in reading]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _describe(reading: Reading, total: Value | None, records: Mapping[str, Cell]) -> str:
    """一、本年新收政府信息公开申请数量·总计 (line 46) + … = 460."""
    parts = " + ".join(f"{label_of(a)} (line {records[a].line if a in records else '—'})" for a in reading)
    return f"{parts} = {'unknown' if total is None else total}"
