"""A Word .docx to the report's text, with python-docx: paragraphs (a line with tabs as a row of
cells) and tables in document order, merged cells expanded (``gridSpan`` across, ``vMerge`` down) with the merged text in the first row
and column it covers and the rest empty, as a copy from Word has them. The file's Title property
goes with the text, for a report that prints none."""

from __future__ import annotations

import io

import docx
from docx.table import Table, _Cell

from ..errors import NotTextError
from .sniff import Kind
from .source import Lines, Source, metadata_title


def read_docx(data: bytes) -> Source:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # a damaged package fails anywhere in zipfile, zlib, lxml or python-docx
        raise NotTextError(f"a damaged Word .docx: python-docx cannot open it ({type(e).__name__}: {e})") from e
    lines = Lines()
    tables = paragraphs = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            lines.table(_grid(block), f"table {tables}")
        else:
            paragraphs += 1
            _paragraph(lines, block.text, f"paragraph {paragraphs}")
    return lines.source(Kind.DOCX, title=metadata_title(document.core_properties.title))


def _paragraph(lines: Lines, text: str, place: str) -> None:
    """A paragraph; a line of it with tabs is a row of cells (a table typed with tab stops, or text
    pasted into Word), not words that a space would join."""
    for piece in text.splitlines() or [""]:
        if "\t" in piece or not piece.strip():  # an empty paragraph is a blank line
            lines.row(piece.split("\t"), place)
        else:
            lines.paragraph(piece, place)


def _grid(table: Table) -> list[list[str]]:
    """The table's rows of cell texts on Word's layout grid."""
    grid = []
    for row in table.rows:
        cells = [""] * row.grid_cols_before
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            text = "" if tc.vMerge == "continue" else _Cell(tc, table).text
            cells += [text, *[""] * (span - 1)]
        grid.append(cells)
    return grid
