"""The ingest data files shipped under ``kg/data/ingest``."""

from __future__ import annotations

from typing import Any

from kg.resources import DATA_DIR
from kg.resources import load_json as _load_data_file

INGEST_DATA_DIR = DATA_DIR / "ingest"


def load_json(name: str) -> Any:
    """Parse ``kg/data/ingest/<name>`` once per process (a broken file is a config error)."""
    return _load_data_file(INGEST_DATA_DIR / name)
