"""Reader for the Hugging Face papers API: a JSON list of daily-paper items, each with a nested
``paper`` (an item that is the paper itself is read too).

Fields used: ``paper.id`` (the arXiv id: paper id and ``arxiv_id``), ``title``, ``summary``
(the abstract), ``authors[].name``, ``publishedAt`` (its date) and the links ``githubRepo`` and
``projectPage``, which the paper states: they become repositories with rule ``source``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem
from kg.ingest.source_json import iso_date, mapped, mapping, names_of, one_line, text
from kg.models import GivenEntity

SOURCE = "hf-papers"
_LINKS = ("githubRepo", "projectPage")


def read_hf_papers(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    return mapped(lines, hf_record)


def hf_record(item: Mapping[str, object], line: int) -> Iterator[ReaderItem]:
    paper = mapping(item.get("paper")) or item
    arxiv_id = text(paper.get("id"))
    if arxiv_id is None:
        yield BadRecord(line, "Hugging Face item has no paper id")
        return
    date = iso_date(paper.get("publishedAt") or item.get("publishedAt"))
    links = dict.fromkeys(
        url for name in _LINKS if (url := text(paper.get(name)) or text(item.get(name)))
    )
    fields: dict[str, object] = {
        "id": arxiv_id,
        "arxiv_id": arxiv_id,
        "title": one_line(paper.get("title") or item.get("title")),
        "abstract": one_line(paper.get("summary")),
        "authors": names_of(paper.get("authors")),
        "date": date,
    }
    given = tuple(GivenEntity(label="Repository", source=SOURCE, url=url) for url in links)
    yield RawRecord(fields, line, given=given)
