"""Loading the ingest data files shipped under ``kg/data/ingest``."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def load_json(name: str) -> Any:
    """Parse ``kg/data/ingest/<name>`` once per process."""
    text = files("kg").joinpath("data", "ingest", name).read_text(encoding="utf-8")
    return json.loads(text)
