from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_NAMES = sorted(p.name.removesuffix(".expected.json") for p in SEEDS.glob("*.expected.json"))


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def seed_expected(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SEEDS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(params=SEED_NAMES)
def seed(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


# Hypothesis profiles: a quick default for CI, a thorough one to run locally
# (HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py).
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
