"""Fixtures for ingest tests: small input files written on the fly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

WriteInput = Callable[[str, str | bytes], str]


@pytest.fixture
def write_input(tmp_path: Path) -> WriteInput:
    """Write text or bytes to ``tmp_path/name`` and return the path as a string."""

    def write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return str(path)

    return write
