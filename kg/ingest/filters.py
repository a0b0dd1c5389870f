"""``--category`` and ``--since``: which records of the inputs a run keeps.

Both look at each paper as read, before repeated papers are merged. A record that states no
categories (every format but the arXiv snapshot, unless its records carry ``categories``) is
not in any category. ``--since`` keeps a record without a full date when its year is the
year of ``--since`` or later (a year alone says no more), and leaves out one with no year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kg.errors import InputError
from kg.models import Paper

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class RecordFilter:
    """Keep papers in any of ``categories`` (none: any) published on or after ``since``."""

    categories: frozenset[str] = frozenset()
    since: date | None = None

    @classmethod
    def of(cls, categories: Iterable[str] = (), since: str | date | None = None) -> RecordFilter:
        """From option values: category names (``cs.CL``) and a ``YYYY-MM-DD`` date."""
        if isinstance(since, str):
            since = parse_since(since)
        return cls(frozenset(c.strip() for c in categories if c.strip()), since)

    @property
    def active(self) -> bool:
        return bool(self.categories) or self.since is not None

    def keeps(self, paper: Paper) -> bool:
        if self.categories and self.categories.isdisjoint(paper.categories):
            return False
        if self.since is not None:
            published = paper_date(paper)
            if published is None:
                return paper.year is not None and paper.year >= self.since.year
            return published >= self.since
        return True


def paper_date(paper: Paper) -> date | None:
    """The paper's ``YYYY-MM-DD`` date, if it has one."""
    match = _ISO_DATE.match(paper.date or "")
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_since(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--since wants a date as YYYY-MM-DD, not {text!r}") from None
