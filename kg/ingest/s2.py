"""Reader for Semantic Scholar datasets: ``papers`` records and ``abstracts`` records.

A papers record (``corpusid``, ``title``, ``abstract``, ``year``, ``externalids`` with
``ArXiv`` and ``DOI``, ``authors[].name``) becomes a paper whose id is its arXiv id, else
``CorpusId:<corpusid>``. An abstracts record (``corpusid`` and ``abstract``, no title) is
joined to the paper of the same ``corpusid`` from another input of the same run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from kg.ingest.ids import plain_doi
from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, JoinRecord, RawRecord, ReaderItem
from kg.ingest.source_json import mapped, mapping, names_of, one_line, text, year_of


def read_s2(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    return mapped(lines, s2_record)


def _get(record: Mapping[str, object], name: str) -> object:
    """A field under its dataset name (``corpusid``) or its API name (``corpusId``)."""
    value = record.get(name.lower())
    return record.get(name) if value is None else value


def s2_record(record: Mapping[str, object], line: int) -> Iterator[ReaderItem]:
    corpus = _get(record, "corpusId")
    corpus_id = str(corpus) if isinstance(corpus, int | str) and str(corpus).strip() else None
    if corpus_id is None:
        yield BadRecord(line, "Semantic Scholar record has no corpusid")
        return
    key = f"s2:{corpus_id.strip()}"
    abstract = one_line(record.get("abstract"))
    if "title" not in record:
        if abstract:
            yield JoinRecord(keys=(key,), line=line, abstract=abstract)
        else:
            yield BadRecord(line, "abstracts record has no abstract")
        return
    external = mapping(_get(record, "externalIds"))
    arxiv_id = text(external.get("ArXiv"))
    doi = text(external.get("DOI"))
    fields: dict[str, object] = {
        "id": arxiv_id or f"CorpusId:{corpus_id.strip()}",
        "title": one_line(record.get("title")),
        "abstract": abstract,
        "authors": names_of(record.get("authors")),
        "year": year_of(record.get("year")),
        "doi": plain_doi(doi) if doi else None,
        "arxiv_id": arxiv_id,
    }
    yield RawRecord(fields, line, join_keys=(key,))
