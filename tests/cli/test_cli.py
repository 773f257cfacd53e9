"""The gixr command, run as a user runs it: click's runner for each command, a subprocess for the
installed entry point, standard input and encodings."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SEED_NAMES, SEEDS, seed_text
from reports import T4, report

import gixr_grammar
import gixr_grammar.api
from gixr_grammar.cli.explain import LineNote, _note
from gixr_grammar.cli.main import main
from gixr_grammar.errors import GrammarError
from gixr_grammar.model import Diagnostic, Severity


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def seed_path(name: str) -> str:
    return str(SEEDS / f"{name}.txt")


def test_demo_prints_the_sample_report() -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "信阳市人民政府" in result.output
    assert "一、本年新收政府信息公开申请数量" in result.output
    assert "201 values read" in result.output
    assert "every rule of the format holds" in result.output


@pytest.mark.parametrize("name", SEED_NAMES)
def test_every_command_works_on_every_seed(name: str) -> None:
    path = seed_path(name)
    agency = gixr_grammar.parse_file(path).meta.agency
    assert agency is not None
    assert agency in run("parse", path).output
    assert json.loads(run("parse", "--format", "json", path).output)["meta"]["agency"] == agency
    assert run("check", path).exit_code == (1 if name == SEED_NAMES[1] else 0)
    assert "t3_row" in run("tree", path, "--table", "3").output
    assert "NEW_RECEIVED" in run("explain", path).output
    assert run("cells", "--format", "csv", path).output.startswith("address,value,line\n")


@pytest.mark.parametrize("name", SEED_NAMES)
def test_cells_json_equals_the_library(name: str) -> None:
    result = run("cells", seed_path(name))
    assert result.exit_code == 0
    printed = json.loads(result.output, parse_float=Decimal)
    assert printed == gixr_grammar.parse_file(seed_path(name)).cells()


def test_cells_csv_rows_carry_address_value_and_line() -> None:
    rows = list(csv.DictReader(io.StringIO(run("cells", "--format", "csv", seed_path(SEED_NAMES[0])).output)))
    by_address = {r["address"]: r for r in rows}
    assert by_address["t3.new_received.natural_person"] == {
        "address": "t3.new_received.natural_person",
        "value": "410",
        "line": "46",
    }
    assert by_address["meta.agency"]["value"] == "信阳市人民政府"
    assert len(rows) == 201


def test_check_exit_codes_and_json(tmp_path: Path) -> None:
    result = run("check", "--format", "json", seed_path(SEED_NAMES[1]))
    assert result.exit_code == 1
    record = json.loads(result.output)
    balance = next(f for f in record["findings"] if f["rule"] == "balance")
    assert balance["cells"][0] == "t3.new_received.natural_person" and balance["line"] == 355
    assert balance["verdict"] == "failed" and "（七）总计·自然人" in balance["message"]
    missing = run("check", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2 and "missing.txt" in missing.stderr
    assert missing.stderr == f"gixr: {tmp_path / 'missing.txt'}: No such file or directory\n"  # named once


def test_parse_json_is_the_whole_report() -> None:
    result = run("parse", "--format", "json", seed_path(SEED_NAMES[2]))
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["meta"]["agency"] == "潢川县人民政府"
    assert record["cells"]["t3.granted.total"] == 18
    assert {f["rule"] for f in record["findings"]} == {"repaired_row", "heading_numbering"}  # 一、工作情况 under 一、


def test_tree_shows_table_three_rows_with_their_labels() -> None:
    output = run("tree", seed_path(SEED_NAMES[0]), "--table", "3").output
    lines = output.splitlines()
    assert lines[0] == "table3"
    assert '    NEW_RECEIVED "一、本年新收政府信息公开申请数量" L46' in lines
    assert '    VALUES "410 20 0 1 23 0 454" L46' in lines
    assert "t3_header" in output and "CARRIED_FORWARD" in output
    section = run("tree", seed_path(SEED_NAMES[0]), "--section", "4").output
    assert section.startswith("section\n") and "CASES" in section
    absent = run("tree", seed_path(SEED_NAMES[1]), "--section", "6")  # seed 001 has no section 六
    assert absent.exit_code == 2 and "no section 6" in absent.stderr


def test_explain_annotates_lines_with_rules_cells_and_findings() -> None:
    output = run("explain", seed_path(SEED_NAMES[1]), "--lines", "354-355").output
    assert output.splitlines()[:4] == [
        "  354 │ ⇥（七）总计",
        '      │   t3_row: TOTAL "(七)总计" L354',
        "  355 │ ⇥17",
        "      │   t3_row: VALUES",
    ]
    assert "      │   → t3.total: natural_person=17" in output
    assert "✗ failed balance" in output
    assert run("explain", seed_path(SEED_NAMES[0]), "--lines", "x").exit_code == 2


def test_explain_marks_page_numbers_as_ignored() -> None:
    text = report(t4=T4.replace("\n1\t", "\n- 4 -\n1\t"))
    number = text.splitlines().index("- 4 -") + 1
    output = run("explain", "-", "--lines", f"{number}-{number}", stdin=text.encode()).output
    assert output.splitlines() == [f"{number:5} │ - 4 -", "      │   ignored: a page number or footer (PAGE)"]


def test_explain_numbers_lines_as_the_parser_does_past_a_form_feed() -> None:
    """Extractors put a form feed between pages; it is not a line break, so the page number after
    it keeps its line and its note."""
    text = report(t4=T4.replace("\n1\t", "\n\f- 4 -\n1\t"))
    number = text.split("\n").index("\f- 4 -") + 1
    output = run("explain", "-", "--lines", f"{number}-{number}", stdin=text.encode()).output
    assert output.split("\n")[:2] == [f"{number:5} │ \f- 4 -", "      │   ignored: a page number or footer (PAGE)"]


def test_a_skipped_line_gets_a_caret_and_the_expected_terminals_in_words() -> None:
    diagnostic = Diagnostic(
        "unexpected_text",
        Severity.WARNING,
        "skipped",
        line=7,
        column=3,
        expected="table3__NEW_RECEIVED, VALUES",
        found="abc",
    )
    note = _note(7, "一二abc", [], [], diagnostic, ignored=False)
    assert note == LineNote(
        7,
        "一二abc",
        "skipped",
        (
            "    ^ fits nowhere here, skipped",
            "expected here: numbers; the row 一、本年新收政府信息公开申请数量 of table 三",
        ),
    )


def test_grammars_lists_files_rules_and_terminals() -> None:
    output = run("grammars").output
    assert "table3.lark" in output and "report.lark" in output and "common.lark" in output
    assert "terminal  NEW_RECEIVED.6:" in output
    assert "rule      t3_row:" in output


def test_standard_input_and_gb18030_give_the_same_cells() -> None:
    text = Path(seed_path(SEED_NAMES[3])).read_text(encoding="utf-8")
    from_file = json.loads(run("cells", seed_path(SEED_NAMES[3])).output)
    assert json.loads(run("cells", "-", stdin=text.encode("gb18030")).output) == from_file


def test_bad_inputs_give_one_line_errors_without_traceback(tmp_path: Path) -> None:
    noise = tmp_path / "noise.bin"
    noise.write_bytes(os.urandom(2048) + bytes(range(32)) * 20)
    for args in (["cells", str(tmp_path / "missing.txt")], ["check", str(noise)], ["tree", str(noise)]):
        result = run(*args)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"gixr: {args[1]}: ")
    debug = run("--debug", "check", str(noise))
    assert debug.exit_code == 2 and "Traceback" in debug.stderr


def test_installed_entry_point_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "gixr_grammar", "demo"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "template  2019" in done.stdout
    piped = subprocess.run(
        [sys.executable, "-m", "gixr_grammar", "check", "-"],
        input=Path(seed_path(SEED_NAMES[1])).read_bytes(),
        capture_output=True,
        check=False,
    )
    assert piped.returncode == 1 and "failed balance" in piped.stdout.decode()
    assert "\x1b[" not in piped.stdout.decode()  # no colours when piped


def test_explain_shows_where_the_parser_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grammar accepts any token order the scanner lets through, so a stop is a grammar defect;
    explain then shows the rows around it, a caret and what was expected, in words."""

    def stop(text: str) -> object:
        raise GrammarError(
            "the parser could not go on: UnexpectedToken", line=3, column=4, expected=("table3__NEW_RECEIVED",)
        )

    monkeypatch.setattr(gixr_grammar.api, "parse_tree", stop)
    result = run("explain", "-", stdin="一\n二\n三四五六\n七\n八\n九\n".encode())
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "    1 │ 一",
        "    2 │ 二",
        "    3 │ 三四五六",
        "      │       ^ the parser could not go on here",
        "    4 │ 七",
        "    5 │ 八",
        "      │ expected: the row 一、本年新收政府信息公开申请数量 of table 三",
    ]
    assert result.stderr.startswith("gixr: -: line 3, column 4: the parser could not go on")


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    """``gixr explain big.txt | head -1``: the reader goes after a few bytes of far more than a pipe
    holds; gixr exits 0 and says nothing."""
    big = tmp_path / "big.txt"
    big.write_text(seed_text(SEED_NAMES[0]) * 20, encoding="utf-8")
    command = [sys.executable, "-m", "gixr_grammar", "explain", str(big)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(5) == b"    1"
    process.stdout.close()
    assert process.wait(timeout=30) == 0
    assert process.stderr.read() == b""


def test_command_habits_version_help_plurals_and_ranges(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output.startswith("gixr, version ")
    assert "Usage:" in runner.invoke(main, ["-h"]).output and "Commands:" in runner.invoke(main, ["-h"]).output
    checked = runner.invoke(main, ["check", str(SEEDS / f"{SEED_NAMES[3]}.txt")]).output
    assert checked.splitlines()[0].endswith(": 1 finding")
    past = runner.invoke(main, ["explain", str(SEEDS / f"{SEED_NAMES[0]}.txt"), "--lines", "900-950"])
    assert past.exit_code == 2 and "line 900 is past the end: it has 85 lines" in past.stderr


def test_cells_and_check_take_folders(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SEED_NAMES[:2]:
        (folder / f"{name}.txt").write_bytes((SEEDS / f"{name}.txt").read_bytes())
    runner = CliRunner()
    rows = list(csv.reader(io.StringIO(runner.invoke(main, ["cells", "--format", "csv", str(folder)]).output)))
    assert rows[0] == ["file", "address", "value", "line"]
    assert {Path(r[0]).name for r in rows[1:]} == {f"{n}.txt" for n in SEED_NAMES[:2]}
    lines = runner.invoke(main, ["cells", str(folder)]).output.splitlines()
    assert [json.loads(line)["cells"]["meta.agency"] for line in lines] == ["信阳市人民政府", "平原示范区"]
    checked = runner.invoke(main, ["check", str(folder)])
    assert checked.exit_code == 1 and checked.output.count(" findings") == 2


def test_color_always_and_never() -> None:
    always = run("--color", "always", "tree", seed_path(SEED_NAMES[0]), "--table", "4")
    never = run("--color", "never", "tree", seed_path(SEED_NAMES[0]), "--table", "4")
    assert "\x1b[" in always.output and "\x1b[" not in never.output and "table4" in never.output
