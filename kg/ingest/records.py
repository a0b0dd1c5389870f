"""What every format reader yields: raw field mappings or bad records, each with its line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.models import GivenEntity


@dataclass(slots=True)
class RawRecord:
    """The fields of one input record as read, before they become a ``Paper``."""

    fields: Mapping[str, object]
    line: int
    given: tuple[GivenEntity, ...] = ()  # entities the source states for the paper
    join_keys: tuple[str, ...] = ()  # keys that join records of other files look it up by


@dataclass(slots=True)
class JoinRecord:
    """Facts for a paper that another file describes (an S2 abstract, a PwC code link), found
    by any of ``keys`` (``s2:<corpusid>``, ``pwc:<paper_url>``, ``arxiv:<id>``)."""

    keys: tuple[str, ...]
    line: int
    abstract: str = ""
    given: tuple[GivenEntity, ...] = ()


@dataclass(slots=True)
class BadRecord:
    """Something a reader could not use.

    ``skipped`` is False for problems that lose no record (such as an unusable header).
    """

    line: int | None
    reason: str
    skipped: bool = True


ReaderItem = RawRecord | JoinRecord | BadRecord
