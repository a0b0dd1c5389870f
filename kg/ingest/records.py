"""What every format reader yields: raw field mappings or bad records, each with its line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(slots=True)
class RawRecord:
    """The fields of one input record as read, before they become a ``Paper``."""

    fields: Mapping[str, object]
    line: int


@dataclass(slots=True)
class BadRecord:
    """Something a reader could not use.

    ``skipped`` is False for problems that lose no record (such as an unusable header).
    """

    line: int | None
    reason: str
    skipped: bool = True


ReaderItem = RawRecord | BadRecord
