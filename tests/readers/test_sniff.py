"""Choosing the reader from the bytes, and clear errors for what gixr does not read."""

from __future__ import annotations

import builtins
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED_NAMES, seed_text

import gixr_grammar
from gixr_grammar import MissingExtraError, UnsupportedDocumentError
from gixr_grammar.cli.main import main
from gixr_grammar.readers.sniff import Kind, sniff

DOCUMENTS = Path(__file__).parent.parent / "data" / "documents"


def _zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (seed_text(SEED_NAMES[0]).encode(), Kind.TEXT),
        (seed_text(SEED_NAMES[0]).encode("gb18030"), Kind.TEXT),
        (b"\xef\xbb\xbf<!DOCTYPE html><html><body>x</body></html>", Kind.HTML),
        (b"  <!-- saved from url -->\n<HTML><HEAD><META charset=gbk>", Kind.HTML),
        (b"<p>not a page: a text that starts with a tag</p>", Kind.TEXT),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", Kind.PDF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, Kind.DOC),
        (_zip("word/document.xml"), Kind.DOCX),
        (_zip("xl/workbook.xml"), Kind.ZIP),
    ],
    ids=["utf8", "gb18030", "html-bom", "html-comment", "tagged-text", "pdf", "doc", "docx", "xlsx"],
)
def test_the_kind_comes_from_the_bytes(data: bytes, kind: Kind) -> None:
    assert sniff(data) is kind


def test_a_suffix_does_not_decide(tmp_path: Path) -> None:
    lying = tmp_path / "report.txt"
    lying.write_bytes((DOCUMENTS / "002_report.docx").read_bytes())
    assert gixr_grammar.parse_file(lying).meta.agency == "潢川县人民政府"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "libreoffice --headless --convert-to docx"),
        (_zip("xl/workbook.xml"), "a ZIP archive that is no Word .docx"),
    ],
)
def test_documents_gixr_does_not_read_say_what_to_do(data: bytes, says: str) -> None:
    with pytest.raises(UnsupportedDocumentError, match=says):
        gixr_grammar.parse_bytes(data)


def test_a_missing_extra_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_import = builtins.__import__

    def without_lxml(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "lxml" or name.startswith("lxml."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_lxml)
    monkeypatch.setattr("importlib.import_module", lambda name: without_lxml(name))
    with pytest.raises(MissingExtraError, match=r'pip install "gixr-grammar\[html\]"'):
        gixr_grammar.parse_file(DOCUMENTS / "000_page.html")
    result = CliRunner().invoke(main, ["parse", str(DOCUMENTS / "000_page.html")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"gixr: {DOCUMENTS / '000_page.html'}: reading HTML documents needs the html extra: "
        'pip install "gixr-grammar[html]"'
    ]


def test_the_command_reads_documents_and_explain_shows_where() -> None:
    runner = CliRunner()
    cells = runner.invoke(main, ["cells", "--format", "csv", str(DOCUMENTS / "002_report.docx")])
    assert cells.exit_code == 0 and "t3.new_received.total," in cells.output
    explained = runner.invoke(main, ["explain", str(DOCUMENTS / "000_page.html"), "--lines", "20-22"])
    assert explained.exit_code == 0
    assert "from table 1, row 14" in explained.output
