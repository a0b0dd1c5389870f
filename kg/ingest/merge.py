"""Merging repeated papers: same id, same arXiv id or DOI (across sources: the arXiv snapshot,
Hugging Face and PwC name arXiv ids, OpenAlex and S2 DOIs), or same title where one copy has no
id of its own.

The merged paper keeps the first copy's id, except that an arXiv id replaces any other (so a
paper read from OpenAlex and then from the arXiv snapshot is the arXiv paper) and an id of the
record's own replaces one derived from the title. A record joins the first kept paper it
matches: two papers already kept apart (a DOI-only and an arXiv-only copy) are not merged when a
later record names both keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.ingest.fields import BuiltPaper
from kg.ingest.ids import arxiv_key, doi_key, normalise_title
from kg.ingest.spill import SpilledPapers
from kg.models import Paper

_FILLABLE = ("year", "date", "doi", "arxiv_id", "url")


def paper_refs(paper: Paper) -> list[str]:
    """The keys naming a paper in any source: ``arxiv:<id>`` and ``doi:<doi>``."""
    refs = []
    if paper.arxiv_id:
        refs.append(f"arxiv:{arxiv_key(paper.arxiv_id)}")
    if paper.doi:
        refs.append(f"doi:{doi_key(paper.doi)}")
    return refs


def _is_arxiv_id(paper: Paper) -> bool:
    return paper.arxiv_id is not None and paper.id == paper.arxiv_id


class PaperMerger:
    """Collects papers in first-seen order, folding each repeat into its first copy.

    The papers are kept in ``store`` (default: a list); what finds a paper again (ids, refs,
    title keys) stays in memory, so a :class:`SpilledPapers` store keeps the texts on disk.
    """

    def __init__(self, store: SpilledPapers | None = None) -> None:
        self._papers: list[Paper] | SpilledPapers = store if store is not None else []
        self._own_id: list[bool] = []
        self._by_id: dict[str, int] = {}
        self._by_ref: dict[str, int] = {}
        self._by_title: dict[str, int] = {}
        self.merged = 0

    def add(self, built: BuiltPaper) -> int:
        """Take in one paper; returns its slot (the index of the paper it became part of)."""
        paper = built.paper
        refs = paper_refs(paper)
        slot = self._by_id.get(paper.id)
        for ref in refs:
            if slot is None:
                slot = self._by_ref.get(ref)
        title_key = normalise_title(paper.title) if paper.title else None
        if slot is None and title_key is not None:
            by_title = self._by_title.get(title_key)
            if by_title is not None and not (built.own_id and self._own_id[by_title]):
                slot = by_title
        if slot is None:
            return self._insert(paper, built.own_id, title_key, refs)
        self.merged += 1
        kept = self._papers[slot]
        if built.own_id and (
            not self._own_id[slot] or (_is_arxiv_id(paper) and not _is_arxiv_id(kept))
        ):
            self._adopt_id(slot, paper.id)
        elif built.own_id:
            self._by_id.setdefault(paper.id, slot)
        _fill(kept, paper)
        self._papers[slot] = kept  # a store on disk keeps the changed copy
        for ref in paper_refs(kept):
            self._by_ref.setdefault(ref, slot)
        if title_key is not None:
            self._by_title.setdefault(title_key, slot)
        return slot

    def papers(self) -> Sequence[Paper]:
        if isinstance(self._papers, SpilledPapers):
            return self._papers
        return list(self._papers)

    def paper(self, slot: int) -> Paper:
        return self._papers[slot]

    def replace(self, slot: int, paper: Paper) -> None:
        """Keep the changed ``paper`` of ``slot`` (a store on disk writes it again)."""
        self._papers[slot] = paper

    def _insert(self, paper: Paper, own_id: bool, title_key: str | None, refs: list[str]) -> int:
        slot = len(self._papers)
        self._papers.append(paper)
        self._own_id.append(own_id)
        self._by_id[paper.id] = slot
        for ref in refs:
            self._by_ref.setdefault(ref, slot)
        if title_key is not None:
            self._by_title.setdefault(title_key, slot)
        return slot

    def _adopt_id(self, slot: int, paper_id: str) -> None:
        """A copy with a better id (its own rather than title-derived; an arXiv id) lends it
        to the first copy; a replaced own id still finds the paper."""
        kept = self._papers[slot]
        if not self._own_id[slot]:
            del self._by_id[kept.id]
        kept.id = paper_id
        self._by_id[paper_id] = slot
        self._own_id[slot] = True


def _fill(kept: Paper, other: Paper) -> None:
    """Fill ``kept`` from ``other``: missing fields, the longer abstract, categories, stated
    entities, every source."""
    if not kept.title:
        kept.title = other.title
    if len(other.abstract) > len(kept.abstract):
        kept.abstract = other.abstract
    if not kept.authors:
        kept.authors = list(other.authors)
    for name in _FILLABLE:
        if getattr(kept, name) is None:
            setattr(kept, name, getattr(other, name))
    if other.categories:
        kept.categories = list(dict.fromkeys([*kept.categories, *other.categories]))
    if other.given:
        kept.given = list(dict.fromkeys([*kept.given, *other.given]))
    kept.sources.extend(other.sources)
