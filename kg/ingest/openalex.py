"""Reader for OpenAlex works: JSON Lines as in their snapshot, or API result pages
(``{"meta": ..., "results": [work, ...]}``, on one line or spread over many).

Fields used: ``id`` (the paper id, as ``W…`` without ``https://openalex.org/``), ``doi``
(without ``https://doi.org/``), ``title`` (else ``display_name``), ``publication_year``,
``publication_date``, ``authorships[].author.display_name`` and the abstract rebuilt from
``abstract_inverted_index`` (word -> positions).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from kg.ingest.ids import plain_doi
from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem
from kg.ingest.source_json import items, mapped, mapping, one_line, text, year_of

_ID_PREFIX = "https://openalex.org/"


def read_openalex(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    return mapped(lines, openalex_record)


def openalex_record(record: Mapping[str, object], line: int) -> Iterator[ReaderItem]:
    page = record.get("results")
    if isinstance(page, list) and "id" not in record:  # an API page on one line
        for work in page:
            if isinstance(work, Mapping):
                yield from openalex_record(work, line)
            else:
                yield BadRecord(line, "expected a JSON object as work in results")
        return
    work_id = text(record.get("id"))
    if work_id is None:
        yield BadRecord(line, "OpenAlex work has no id")
        return
    abstract = ""
    index = record.get("abstract_inverted_index")
    if index is not None:
        rebuilt = abstract_from_index(index)
        if rebuilt is None:
            yield BadRecord(line, "abstract_inverted_index is not word -> positions", False)
        else:
            abstract = rebuilt
    doi = text(record.get("doi"))
    date = text(record.get("publication_date"))
    fields: dict[str, object] = {
        "id": work_id.removeprefix(_ID_PREFIX),
        "title": one_line(record.get("title")) or one_line(record.get("display_name")),
        "abstract": abstract,
        "authors": [
            name
            for a in items(record.get("authorships"))
            if (name := text(mapping(mapping(a).get("author")).get("display_name")))
        ],
        "year": year_of(record.get("publication_year")),
        "date": date,
        "doi": plain_doi(doi) if doi else None,
    }
    yield RawRecord(fields, line)


def abstract_from_index(index: object) -> str | None:
    """The text an inverted index (word -> positions) stands for, words joined by spaces; None
    if it is not such an index. A position held by two words keeps the first."""
    if not isinstance(index, Mapping):
        return None
    words: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(word, str) or not isinstance(positions, list):
            return None
        for position in positions:
            if not isinstance(position, int) or isinstance(position, bool) or position < 0:
                return None
            words.setdefault(position, word)
    return " ".join(words[p] for p in sorted(words))


def inverted_index(abstract: str) -> dict[str, list[int]]:
    """The inverted index of a text split on whitespace (how OpenAlex stores abstracts)."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(abstract.split()):
        index.setdefault(word, []).append(position)
    return index
