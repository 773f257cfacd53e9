"""Table 三's rows found as an alignment of the table's pieces to the template's row sequence.

Extractor text breaks a table's rows apart: a long label wraps so that its numbers stand before,
between or after its pieces, a merged group label stands in the middle of the rows it spans (or one
character a line, or glued onto a row's label), a row's label moves away and leaves its numbers
alone. What stays is the template: it fixes which rows come in which order and that each value row
has one run of seven values. So the grammar's tokens inside the table (label texts, whole or in
pieces, and value runs, in text order) are aligned to the template's rows by dynamic programming:

- every piece goes to one row, in order, or to none (a note);
- every value row takes at most one run; a run placed earns ``GAIN``, a run left out earns nothing
  and is reported, never dropped;
- a text piece costs the characters of it that are not its row's label's and earns those that are
  (a label the grammar recognised whole earns its whole label); characters of the labels of the
  groups a row stands in cost little (merged group labels land anywhere inside their span);
- a run in a row before any piece of its label costs ``LONE``, and text pieces after its row's run
  ``AFTER``, once for each stretch of them (labels come first, or wrap around their numbers: a
  label in a narrow column may go on for ten lines below them),
  and a row's numbering after another piece of it costs ``BEFORE`` (a label starts with its number),
  another row's numbering in a piece ``MISNUMBERED``;
- a run in another row than the text piece printed just before it on its line costs ``SAME_LINE``
  (a row's label cell and its values stand side by side: a label's first piece ``2.其`` and the
  numbers beside it are one row however many pieces the label wrapped into).

The cheapest alignment is the reading. A run that another alignment, not dearer by ``MARGIN``, puts in
a different row (or in none) is ambiguous: its row is left unknown and said so. The rows' arithmetic
(R1–R4) then checks, and repairs only what it forces, in ``repair.resolution``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..format.schema import OTHER_SPLIT_ROWS, T3_COLUMNS, T3_GROUPS, T3_ROW_ORDER, Template
from ..format.vocabulary import T3_TEMPLATE_ROWS
from ..repair.placement import may_wrap
from ..text.normalize import compact, normalize_line
from .drafts import RowDraft, TableDraft
from .grammar import terminal_patterns
from .scanner import FRAGMENT, VALUES, ScanToken, base_name, values_token

# Costs in tenths of a character.
CHAR = 10  # a character of a piece that is not its row's, or of a label not printed
GROUP_CHAR = 1  # a character of a group label the row stands in
AFTER = 10  # the text pieces placed after its row's run, once for each stretch of them
LONE = 20  # a run placed in a row before any piece of the row's label (numbers come after labels)
BEFORE = 20  # a row's numbering placed after another piece of the row (a label starts with it)
SAME_LINE = 30  # a run placed in another row than the text piece just before it on its line
# What a row holds so far, as bits of the alignment's state: its run, a text piece, and whether the
# piece just before was placed in it (a label and its numbers printed side by side are one row).
HAS_RUN, HAS_TEXT, LAST = 1, 2, 4
GAIN = 60  # a run placed in a row
STATES = range(8)
STATE_COUNT = len(STATES)
# What placing a piece adds, by the state of its row: a run (None: the row has one), a text piece
# (by whether it holds the row's numbering); and the state after a piece is left out or placed.
RUN_TAKEN = tuple(None if s & HAS_RUN else -GAIN + (0 if s & HAS_TEXT else LONE) for s in STATES)
TEXT_TAKEN = {
    starts: tuple(
        (AFTER if s & HAS_RUN and not s & LAST else 0) + (BEFORE if starts and s & HAS_TEXT else 0) for s in STATES
    )
    for starts in (False, True)
}
SIDE_BY_SIDE = tuple(0 if s & LAST else SAME_LINE for s in STATES)  # a run after text on its line
NOT_BESIDE = (0,) * STATE_COUNT
LEFT_OUT = tuple(s & ~LAST for s in STATES)
RUN_AFTER = tuple((s | HAS_RUN) & ~LAST for s in STATES)
TEXT_AFTER = tuple(s | HAS_TEXT | LAST for s in STATES)
MARGIN = 15  # two alignments closer than this are equally good readings
STRONG = 10  # a piece the grammar recognised as another row's label
MISNUMBERED = 40  # a piece holding another row's numbering (3.危 in row 2.)
WIDTH = len(T3_COLUMNS)
_NUMBERING = re.compile(r"(\d{1,2}|[一二三四五六七八九十])[.、]|\([一二三四五六七八九十]\)")
_ROW_NUMBER = re.compile(r"(?<!\d)\d{1,2}[.、]")  # a value row's numbering, inside a piece
# Tokens of table 三 that are no row's evidence: its header.
HEADER_TERMINALS = frozenset({"CORNER", "APPLICANTS", "GENERIC_HEAD"})
_NO_ANCHOR = frozenset({"LEAF", FRAGMENT, "ORDINAL"})  # terminals that name no one row


@attrs.frozen
class Slot:
    """One row of the template's sequence: a value row or a group label (no values of its own)."""

    key: str
    label: str  # compact, normalised
    terminal: str  # the grammar's terminal for the label
    is_group: bool
    groups: tuple[str, ...]  # the labels of the groups this row stands in
    group_chars: frozenset[str]  # their characters
    counts: Mapping[str, int]  # the label's characters
    ordinals: tuple[str, ...]  # the numbering its label starts with, as printed (1. or 1、)


@attrs.frozen
class Piece:
    """A token of the table: a text (label, piece of a label, note) or a run of values."""

    token: ScanToken
    text: str  # compact text; "" for a run

    @property
    def is_run(self) -> bool:
        return not self.text

    @property
    def kind(self) -> str:
        return base_name(self.token.type)


@attrs.frozen
class AlignedRow:
    key: str
    labels: tuple[ScanToken, ...]
    values: ScanToken | None
    is_group: bool = False

    def draft(self) -> RowDraft:
        """The row as the table builder takes it: its numbering, its label (pieces joined), its run."""
        labels, ordinal = self.labels, None
        if len(labels) > 1 and base_name(labels[0].type) == "ORDINAL":
            ordinal, labels = labels[0], labels[1:]
        label = None if not labels else labels[0] if len(labels) == 1 else label_token(labels)
        return RowDraft(label=label, values=self.values, ordinal=ordinal)


@attrs.frozen
class Alignment:
    """The reading: rows in template order (value rows with their run; groups), and what fits no row."""

    template: Template
    rows: tuple[AlignedRow, ...]
    notes: tuple[ScanToken, ...]  # text pieces no row took (and no group label accounts for)
    unplaced: tuple[ScanToken, ...]  # runs no row took
    ambiguous: tuple[tuple[ScanToken, tuple[str, ...]], ...]  # runs with the rows they could be
    unlabelled: tuple[str, ...]  # rows whose run came with no piece of their label
    mismatched: tuple[AlignedRow, ...]  # rows whose pieces do not spell their label
    cost: int


def label_token(labels: Sequence[ScanToken]) -> ScanToken:
    first = labels[0]
    text = "".join(str(t) for t in labels)
    token = ScanToken(first.type, text, None, first.line, first.column, first.end_line, first.end_column)
    token.cells = tuple(c for t in labels for c in t.cells)
    return token


# -- the template's sequence ---------------------------------------------------------------------


def _compact(label: str) -> str:
    return compact(normalize_line(label))


@functools.cache
def slots(template: Template) -> tuple[Slot, ...]:
    """The template's rows in order, each group label as a row of its own before its first row."""
    skipped = {"other"} if template is Template.Y2021 else set(OTHER_SPLIT_ROWS)
    keys = [k for k in T3_ROW_ORDER if k not in skipped]
    # A group's label stands on its first row: 三、本年度办理结果 in the first label column, the others in the second.
    group_of = {
        _compact(T3_TEMPLATE_ROWS[rows[0]][1] if rows else T3_TEMPLATE_ROWS["granted"][0]): group
        for group, rows in T3_GROUPS.items()
    }
    open_groups: dict[int, str] = {}  # label column → group label open there
    sequence: list[Slot] = []
    for key in keys:
        labels = T3_TEMPLATE_ROWS[key]
        last = max(i for i, text in enumerate(labels) if text)
        for column in list(open_groups):
            if column >= last or labels[column]:
                del open_groups[column]
        for column in range(last):
            if labels[column]:
                label = _compact(labels[column])
                open_groups[column] = label
                sequence.append(_slot(group_of[label], label, True, open_groups.values()))
        label = _compact(labels[last])
        sequence.append(_slot(key, label, False, open_groups.values()))
    return tuple(sequence)


def _slot(key: str, label: str, is_group: bool, groups: Iterable[str]) -> Slot:
    labels = tuple(groups)
    numbering = _NUMBERING.match(label)
    if numbering is None:
        ordinals: tuple[str, ...] = ()
    elif numbering[1] is None:  # (三)
        ordinals = (numbering[0],)
    else:  # 1. or 1、, 四、 or 四.
        ordinals = tuple(numbering[1] + mark for mark in ".、")
    return Slot(key, label, key.upper(), is_group, labels, frozenset("".join(labels)), Counter(label), ordinals)


# -- pieces ---------------------------------------------------------------------------------------


def pieces(draft: TableDraft) -> list[Piece]:
    """The table's tokens in text order, its header left out; a run holding several rows' values
    (two label-less rows on consecutive lines) cut into runs of seven, and a run that may be the
    rest of numbers a narrow column wrapped (``_wrapped_rest``) joined to the run before it, for the
    row's placement to decide (``repair.placement``)."""
    out: list[Piece] = []
    for block in draft.blocks:
        for line in block.lines:
            tokens = [line] if isinstance(line, ScanToken) else [line.ordinal, line.label, line.values]
            for token in tokens:
                if token is None or base_name(token.type) in HEADER_TERMINALS:
                    continue
                rest_of = _rest_of(out, token) if base_name(token.type) == VALUES else None
                if rest_of is not None:
                    joined = (*out[rest_of].token.cells, *token.cells)
                    out[rest_of] = Piece(values_token(token.type, joined), "")
                elif base_name(token.type) == VALUES:
                    out.extend(Piece(run, "") for run in _rows_of(token))
                else:
                    out.append(Piece(token, compact(str(token))))
    return out


def _rest_of(out: Sequence[Piece], run: ScanToken) -> int | None:
    """The run in ``out`` that ``run`` may be the rest of (``_wrapped_rest``): the last piece, or the
    last run before pieces of label, none numbered (a label and its numbers both wrapped: ``一、本年
    新收政府信息 701 5513 4562 1711 …`` / ``公开申请数量 5 4 9``, or the label's rest on lines of
    its own before the numbers' rests: ``3.要求提`` / ``6 0 439 2 2 0 440`` / ``供公开出`` / ``版物`` /
    ``8 8``)."""
    at = len(out) - 1
    while at >= 0 and _label_rest(out[at]):
        at -= 1
    return at if at >= 0 and _wrapped_rest(out[at], run) else None


def _label_rest(piece: Piece) -> bool:
    """Whether a piece may be the part of a label after its first line: a fragment, no numbering."""
    return piece.kind == FRAGMENT and _NUMBERING.search(piece.text) is None


def _wrapped_rest(before: Piece, run: ScanToken) -> bool:
    """Whether ``run``, just after a whole row's run, may be the rest of its numbers that wrapped
    onto the next line (6014 / 66): fewer integers than the row's numbers long enough to have wrapped."""
    if not before.is_run:
        return False
    above = [c for c in before.token.cells if c.text]
    printed = [c.text for c in run.cells if c.text]
    if above[-1].line >= next(c.line for c in run.cells if c.text):
        return False
    long_enough = sum(1 for c in above if may_wrap(c.text))
    return (
        len(above) == WIDTH and all(text.isdigit() for text in printed) and len(printed) <= min(long_enough, WIDTH - 1)
    )


def _rows_of(run: ScanToken) -> list[ScanToken]:
    printed = [i for i, c in enumerate(run.cells) if c.text]
    rows = len(printed) // WIDTH
    if rows < 2 or len(printed) % WIDTH:
        return [run]
    cuts = [0, *(printed[WIDTH * r] for r in range(1, rows)), len(run.cells)]
    return [values_token(run.type, run.cells[a:b]) for a, b in itertools.pairwise(cuts)]


# -- costs ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=20_000)
def _costs(text: str, kind: str, template: Template) -> tuple[tuple[int, int, bool], ...]:
    """For a text piece, per slot of ``template``: what placing it there costs (negative: it is
    evidence for the slot), what leaving it out there costs, and whether it starts the slot's label.
    Pieces repeat from table to table (labels, their halves), so this is remembered."""
    patterns = terminal_patterns()
    counts = Counter(text)
    numbers = _ROW_NUMBER.search(text) is not None
    specific = kind in patterns and kind not in _NO_ANCHOR
    out = []
    for slot in slots(template):
        starts = any(ordinal in text for ordinal in slot.ordinals)
        grouped = sum(n for ch, n in counts.items() if ch in slot.group_chars or (slot.is_group and ch in slot.counts))
        junk = CHAR * (len(text) - grouped) + GROUP_CHAR * grouped
        if kind == slot.terminal or (not specific and _fullmatch(slot.terminal, text)):
            out.append((-CHAR * len(slot.label), junk, starts))
            continue
        if specific:  # a label the grammar recognised whole is no evidence for another row
            out.append((CHAR * len(text) + STRONG, junk, starts))
            continue
        common = sum(min(n, slot.counts.get(ch, 0)) for ch, n in counts.items())
        rest = len(text) - common
        stray = min(rest, sum(n for ch, n in counts.items() if ch in slot.group_chars and ch not in slot.counts))
        misnumbered = MISNUMBERED if numbers and not starts else 0
        out.append((-CHAR * common + CHAR * (rest - stray) + GROUP_CHAR * stray + misnumbered, junk, starts))
    return tuple(out)


def _fullmatch(terminal: str, text: str) -> bool:
    pattern = terminal_patterns().get(terminal)
    return pattern is not None and pattern.fullmatch(text) is not None


# -- the alignment --------------------------------------------------------------------------------

_INF = 1 << 40


def align(table: Sequence[Piece], template: Template) -> Alignment:
    """The cheapest alignment of ``table``'s pieces to ``template``'s rows (see the module's doc).

    A state is (piece i, slot j, what slot j holds: the bits ``HAS_RUN``, ``HAS_TEXT`` and ``LAST``);
    forward and backward costs give the reading and, for each run, how cheaply it could be read
    elsewhere. Piece i is only tried in the slots of its ``band``."""
    sequence = slots(template)
    n, m, k = len(table), len(sequence), STATE_COUNT
    no_text = ((0, 0, False),) * m
    text_costs = [no_text if p.is_run else _costs(p.text, p.kind, template) for p in table]
    # What taking each run adds by its row's state: SAME_LINE unless the label piece beside it is the row's.
    side = [
        SIDE_BY_SIDE if i > 0 and p.is_run and _side_by_side(table[i - 1], p) else NOT_BESIDE
        for i, p in enumerate(table)
    ]
    low, high = _bands(table, sequence)
    value_slot = [not slot.is_group for slot in sequence]

    def steps(i: int, j: int, state: int) -> list[tuple[int, int, str]]:
        """(cost, state after, action) for piece i in slot j."""
        if table[i].is_run:
            options = [(0, LEFT_OUT[state], "junk")]
            gain = RUN_TAKEN[state]
            if gain is not None and value_slot[j]:
                options.append((gain + side[i][state], RUN_AFTER[state], "take"))
            return options
        take, junk, starts = text_costs[i][j]
        return [(junk, LEFT_OUT[state], "junk"), (take + TEXT_TAKEN[starts][state], TEXT_AFTER[state], "take")]

    # Costs by piece, then slot and state: forward[i][k * j + state] (flat rows are cheap to make).
    forward = [[_INF] * (k * m) for _ in range(n + 1)]
    forward[0][0] = 0
    for i in range(n + 1):
        row = forward[i]
        for j in range(low[i - 1] if i else 0, high[i] if i < n else m - 1):  # moving on to a later slot
            at = k * j
            row[at + k] = min(row[at + k], *row[at : at + k])
        if i == n:
            break
        is_run, costs, there = table[i].is_run, text_costs[i], forward[i + 1]
        penalty = side[i]
        for j in range(low[i], high[i] + 1):
            take, junk, starts = costs[j]
            extras = TEXT_TAKEN[starts]
            at = k * j
            for state in STATES:
                cost = row[at + state]
                if cost >= _INF:
                    continue
                out = at + LEFT_OUT[state]
                if is_run:
                    there[out] = min(there[out], cost)
                    gain = RUN_TAKEN[state]
                    if gain is not None and value_slot[j]:
                        taken = at + RUN_AFTER[state]
                        there[taken] = min(there[taken], cost + gain + penalty[state])
                    continue
                there[out] = min(there[out], cost + junk)
                taken = at + TEXT_AFTER[state]
                there[taken] = min(there[taken], cost + take + extras[state])
    backward = [[_INF] * (k * m) for _ in range(n)] + [[0] * (k * m)]
    for i in range(n - 1, -1, -1):
        is_run, costs, later, here = table[i].is_run, text_costs[i], backward[i + 1], backward[i]
        penalty = side[i]
        for j in range(high[i], (low[i - 1] if i else 0) - 1, -1):
            at = k * j
            advance = here[at + k] if j + 1 < m else _INF
            if j < low[i]:  # piece i cannot be here: only moving on
                here[at : at + k] = [advance] * k
                continue
            take, junk, starts = costs[j]
            extras = TEXT_TAKEN[starts]
            for state in STATES:
                if is_run:
                    best = later[at + LEFT_OUT[state]]
                    gain = RUN_TAKEN[state]
                    if gain is not None and value_slot[j]:
                        best = min(best, later[at + RUN_AFTER[state]] + gain + penalty[state])
                else:
                    best = min(later[at + LEFT_OUT[state]] + junk, later[at + TEXT_AFTER[state]] + take + extras[state])
                here[at + state] = min(best, advance)
    total = backward[0][0]

    # The reading: follow the cheapest steps forward.
    trace: list[tuple[int, str]] = []  # per piece: the slot it met, and taken or not
    j, state = 0, 0
    for i in range(n):
        while True:
            goal = backward[i][k * j + state]
            choice = next(
                (
                    (after, action)
                    for cost, after, action in steps(i, j, state)
                    if j >= low[i] and cost + backward[i + 1][k * j + after] == goal
                ),
                None,
            )
            if choice is not None:
                break
            j, state = j + 1, 0
        trace.append((j, choice[1]))
        state = choice[0]

    ambiguous: dict[int, tuple[str, ...]] = {}
    for i, piece in enumerate(table):
        if not piece.is_run:
            continue
        chosen = trace[i][0] if trace[i][1] == "take" else None
        options: dict[int | None, int] = {None: _INF}
        for j in range(low[i], high[i] + 1):
            at = k * j
            for state in STATES:
                so_far = forward[i][at + state]
                for cost, after, action in steps(i, j, state):
                    where = j if action == "take" else None
                    options[where] = min(options.get(where, _INF), so_far + cost + backward[i + 1][at + after])
        rivals = [j for j, cost in options.items() if j != chosen and cost < total + MARGIN]
        if rivals:
            ambiguous[i] = tuple(dict.fromkeys(sequence[j].key for j in (chosen, *rivals) if j is not None))
    baseline = sum(CHAR * len(s.label) + (0 if s.is_group else GAIN) for s in sequence)
    return _reading(table, sequence, template, trace, ambiguous, baseline + total)


def _side_by_side(before: Piece, run: Piece) -> bool:
    """Whether a text piece stands just before a run on the run's line (a label cell beside its values)."""
    return not before.is_run and before.token.end_line == run.token.line


def _bands(table: Sequence[Piece], sequence: Sequence[Slot]) -> tuple[list[int], list[int]]:
    """For each piece, the first and last slot it may be in. A label the grammar recognised whole
    (an anchor) is in its own slot, and every piece between two anchors between their slots, when
    the anchors come in the template's order; else every piece may be anywhere."""
    index = {slot.terminal: j for j, slot in enumerate(sequence)}
    anchors = [index.get(p.kind) if not p.is_run and p.kind not in _NO_ANCHOR else None for p in table]
    placed = [j for j in anchors if j is not None]
    if placed != sorted(placed):
        return [0] * len(table), [len(sequence) - 1] * len(table)
    low, last = [], 0
    for j in anchors:
        last = j if j is not None else last
        low.append(last)
    high, last = [], len(sequence) - 1
    for j in reversed(anchors):
        last = j if j is not None else last
        high.append(last)
    return low, high[::-1]


def _reading(
    table: Sequence[Piece],
    sequence: Sequence[Slot],
    template: Template,
    trace: Sequence[tuple[int, str]],
    ambiguous: Mapping[int, tuple[str, ...]],
    cost: int,
) -> Alignment:
    labels: dict[int, list[Piece]] = {}
    runs: dict[int, ScanToken] = {}
    notes, unplaced, unclear = [], [], []
    for i, (piece, (j, action)) in enumerate(zip(table, trace, strict=True)):
        if i in ambiguous:
            unclear.append((piece.token, ambiguous[i]))
        elif action == "take" and piece.is_run:
            runs[j] = piece.token
        elif action == "take":
            labels.setdefault(j, []).append(piece)
        elif piece.is_run:
            unplaced.append(piece.token)
        elif _costs(piece.text, piece.kind, template)[j][1] > GROUP_CHAR * len(piece.text):  # no group label's
            notes.append(piece.token)
    rows = []
    mismatched = []
    for j, slot in enumerate(sequence):
        if j not in labels and j not in runs:
            continue
        row = AlignedRow(slot.key, tuple(p.token for p in labels.get(j, ())), runs.get(j), slot.is_group)
        rows.append(row)
        if j in labels and not _spells(labels[j], slot):
            mismatched.append(row)
    return Alignment(
        template=template,
        rows=tuple(rows),
        notes=tuple(notes),
        unplaced=tuple(unplaced),
        ambiguous=tuple(unclear),
        unlabelled=tuple(sequence[j].key for j in runs if j not in labels),
        mismatched=tuple(mismatched),
        cost=cost,
    )


def _spells(labels: Sequence[Piece], slot: Slot) -> bool:
    """Whether a row's pieces are its label: one the grammar recognised, or pieces that join into it
    once the labels of its groups (glued on, or cut into characters at its ends) are left out."""
    if any(p.kind == slot.terminal for p in labels):
        return True
    joined = "".join(p.text for p in labels)
    for group in slot.groups:
        joined = joined.replace(group, "")
    strays = "".join(slot.group_chars - slot.counts.keys())
    return _fullmatch(slot.terminal, joined.strip(strays))


def read_rows(table: Sequence[Piece], hint: Template | None) -> Alignment:
    """The table's reading: the rows as printed where every label is whole and in order, else the
    cheaper alignment of the two templates' sequences (``hint``'s when they cost the same)."""
    for template in _templates(hint):
        direct = _direct(table, template)
        if direct is not None:
            return direct
    readings = [align(table, template) for template in _templates(hint)]
    return min(readings, key=lambda reading: reading.cost)


def _templates(hint: Template | None) -> tuple[Template, ...]:
    other = Template.Y2021 if hint is Template.Y2019 else Template.Y2019
    return (hint, other) if hint is not None else (Template.Y2019, Template.Y2021)


def _direct(table: Sequence[Piece], template: Template) -> Alignment | None:
    """The alignment every clean table has, found without a search: each text a whole label (or a
    numbering before one) of a later row than the last, each run right after its row's label."""
    sequence = slots(template)
    index = {s.terminal: j for j, s in enumerate(sequence)}
    labels: dict[int, list[ScanToken]] = {}
    runs: dict[int, ScanToken] = {}
    last, ordinal = -1, None
    for piece in table:
        if piece.is_run:
            if ordinal is not None or last < 0 or last in runs or sequence[last].is_group:
                return None
            runs[last] = piece.token
        elif piece.kind == "ORDINAL" and ordinal is None:
            ordinal = piece.token
        elif index.get(piece.kind, -1) > last:
            last = index[piece.kind]
            labels[last] = [piece.token] if ordinal is None else [ordinal, piece.token]
            ordinal = None
        else:
            return None
    if ordinal is not None:
        return None
    rows = tuple(
        AlignedRow(sequence[j].key, tuple(labels[j]), runs.get(j), sequence[j].is_group) for j in sorted(labels)
    )
    return Alignment(template, rows, (), (), (), (), (), 0)
