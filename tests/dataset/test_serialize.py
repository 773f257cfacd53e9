"""A Report as JSON and back: every cell with its provenance, and the findings."""

from __future__ import annotations

import json
from decimal import Decimal

from conftest import SEED_NAMES, seed_text

import gixr_grammar
from gixr_grammar.dataset.serialize import report_from_dict, report_to_dict, report_to_json


def test_round_trip_of_every_seed(seed: str) -> None:
    report = gixr_grammar.parse(seed_text(seed))
    back = report_from_dict(json.loads(report_to_json(report)))
    assert back == report
    assert back.cells() == report.cells()


def test_json_carries_cells_provenance_and_findings() -> None:
    report = gixr_grammar.parse(seed_text(SEED_NAMES[2]))
    data = json.loads(report_to_json(report))
    assert data["cells"]["t3.granted.total"] == 18
    assert data["cells"]["t2.fees.amount"] == 144.4399
    cell = next(c for t in data["tables"] if t["number"] == 3 for r in t["rows"] for c in r["cells"])
    assert set(cell) == {"address", "value", "status", "line", "column", "raw", "inferred_by", "note"}
    granted = next(r for t in data["tables"] if t["number"] == 3 for r in t["rows"] if r["key"] == "granted")
    assert granted["placement"] == "short"
    assert [c["status"] for c in granted["cells"]][:2] == ["read", "inferred"]
    assert granted["cells"][1]["inferred_by"] == "row_total"
    repaired = [f for f in data["findings"] if f["rule"] == "repaired_row"]
    assert len(repaired) == 20 and repaired[0]["verdict"] == "warning"


def test_money_stays_exact() -> None:
    report = gixr_grammar.parse(seed_text(SEED_NAMES[1]))
    data = report_to_dict(report)
    assert data["cells"]["t2.procurement.amount"] == 77180.86
    assert report_from_dict(json.loads(json.dumps(data))).cells()["t2.procurement.amount"] == Decimal("77180.86")
