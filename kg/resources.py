"""Locate and read the data files (patterns, gazetteers, field maps) shipped in ``kg/data``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent / "data"
PATTERNS_DIR = DATA_DIR / "patterns"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
PIPELINE_CONFIG = DATA_DIR / "extract.cfg"


@cache
def load_json(path: Path) -> Any:
    """Read one JSON data file; a broken file is a configuration error, not a traceback."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc


def pattern_file(name: str) -> Any:
    """A file of ``kg/data/patterns`` by name (``"links.json"``)."""
    return load_json(PATTERNS_DIR / name)


def data_file(*parts: str) -> Any:
    """A JSON file under ``kg/data`` by its path parts (``"ingest", "record_fields.json"``)."""
    return load_json(DATA_DIR.joinpath(*parts))
