"""Paths shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "kg" / "data" / "sample"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def sample_inputs() -> list[str]:
    return [str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl")]


@pytest.fixture
def seed_inputs() -> list[str]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("seed listings not present")
    return [str(f) for f in files]
