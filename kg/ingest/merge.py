"""Merging repeated papers: same id, or same title where one copy has no id of its own."""

from __future__ import annotations

from kg.ingest.fields import BuiltPaper
from kg.ingest.ids import normalise_title
from kg.models import Paper

_FILLABLE = ("year", "date", "doi", "arxiv_id", "url")


class PaperMerger:
    """Collects papers in first-seen order, folding each repeat into its first copy."""

    def __init__(self) -> None:
        self._papers: list[Paper] = []
        self._own_id: list[bool] = []
        self._by_id: dict[str, int] = {}
        self._by_title: dict[str, int] = {}
        self.merged = 0

    def add(self, built: BuiltPaper) -> None:
        paper = built.paper
        slot = self._by_id.get(paper.id)
        title_key = normalise_title(paper.title) if paper.title else None
        if slot is None and title_key is not None:
            by_title = self._by_title.get(title_key)
            if by_title is not None and not (built.own_id and self._own_id[by_title]):
                slot = by_title
        if slot is None:
            self._insert(paper, built.own_id, title_key)
            return
        self.merged += 1
        if built.own_id and not self._own_id[slot]:
            self._adopt_id(slot, paper.id)
        _fill(self._papers[slot], paper)
        if title_key is not None:
            self._by_title.setdefault(title_key, slot)

    def papers(self) -> list[Paper]:
        return list(self._papers)

    def _insert(self, paper: Paper, own_id: bool, title_key: str | None) -> None:
        slot = len(self._papers)
        self._papers.append(paper)
        self._own_id.append(own_id)
        self._by_id[paper.id] = slot
        if title_key is not None:
            self._by_title.setdefault(title_key, slot)

    def _adopt_id(self, slot: int, paper_id: str) -> None:
        """A copy with a real id replaces the title-derived id of the first copy."""
        kept = self._papers[slot]
        del self._by_id[kept.id]
        kept.id = paper_id
        self._by_id[paper_id] = slot
        self._own_id[slot] = True


def _fill(kept: Paper, other: Paper) -> None:
    """Fill ``kept`` from ``other``: missing fields, the longer abstract, every source."""
    if not kept.title:
        kept.title = other.title
    if len(other.abstract) > len(kept.abstract):
        kept.abstract = other.abstract
    if not kept.authors:
        kept.authors = list(other.authors)
    for name in _FILLABLE:
        if getattr(kept, name) is None:
            setattr(kept, name, getattr(other, name))
    kept.sources.extend(other.sources)
