from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings

SEEDS = Path(__file__).parent / "data" / "seeds"
DOCUMENTS = Path(__file__).parent / "data" / "documents"  # test documents made from the seeds
SEED_NAMES = sorted(p.name.removesuffix(".expected.json") for p in SEEDS.glob("*.expected.json"))


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def seed_expected(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SEEDS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


def expected_cells(name: str) -> dict[str, object]:
    """The seed's hand-read numbers and meta (``cells`` of its expected.json)."""
    cells: dict[str, object] = seed_expected(name)["cells"]  # type: ignore[assignment]
    return cells


def exact(cells: dict[str, object], name: str) -> bool:
    """Whether ``cells`` hold every hand-read number of the seed (money compared as printed)."""
    return all(str(cells.get(k)) == str(v) for k, v in expected_cells(name).items())


def seed_of(path: Path) -> str:
    """The seed a test document or text was made from (its name's first three characters)."""
    return next(name for name in SEED_NAMES if name.startswith(path.name[:3]))


def document_cells(name: str) -> dict[str, object]:
    """What a kept document holds: a seed's hand-read cells, or the cells its golden JSON records."""
    beside = DOCUMENTS / f"{name}.json"
    if beside.exists():
        cells: dict[str, object] = json.loads(beside.read_text(encoding="utf-8"))
        return cells
    return expected_cells(seed_of(DOCUMENTS / name))


@pytest.fixture(params=SEED_NAMES)
def seed(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


# Hypothesis profiles: a quick default for CI, a thorough one to run locally
# (HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py).
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
# For debugging a failure: the first failing example as found, without minutes of shrinking.
settings.register_profile(
    "noshrink", max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
