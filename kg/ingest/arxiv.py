"""Reader for the arXiv metadata snapshot: one JSON object per line.

Fields used: ``id`` (kept as written, old style ``hep-th/9901001`` too), ``title``,
``abstract``, ``authors_parsed`` (else ``authors``), ``doi``, ``categories`` (space-separated,
kept as the paper's ``categories``) and ``versions``, whose first version gives the date and
year. The other fields (``submitter``, ``comments``, ``journal-ref``, ``report-no``,
``license``, ``update_date``) are not part of a paper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from email.utils import parsedate_to_datetime

from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem
from kg.ingest.source_json import items, mapped, one_line, text


def read_arxiv(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    return mapped(lines, arxiv_record)


def arxiv_record(record: Mapping[str, object], line: int) -> Iterator[ReaderItem]:
    arxiv_id = text(record.get("id"))
    if arxiv_id is None:
        yield BadRecord(line, "arXiv record has no id (a string)")
        return
    date = first_version_date(record.get("versions"))
    categories = text(record.get("categories"))
    fields: dict[str, object] = {
        "id": arxiv_id,
        "arxiv_id": arxiv_id,
        "title": one_line(record.get("title")),
        "abstract": one_line(record.get("abstract")),
        "authors": _authors(record),
        "doi": text(record.get("doi")),
        "date": date,
        "year": int(date[:4]) if date else None,
        "url": f"https://arxiv.org/abs/{arxiv_id}",
        "categories": categories.split() if categories else [],
    }
    yield RawRecord(fields, line)


def first_version_date(versions: object) -> str | None:
    """``YYYY-MM-DD`` of the first version (``v1``, else the lowest number, else the first)."""
    listed = [v for v in items(versions) if isinstance(v, Mapping)]
    if not listed:
        return None

    def number(version: Mapping[str, object]) -> int:
        name = text(version.get("version")) or ""
        digits = name.lstrip("vV")
        return int(digits) if digits.isdigit() else 1_000_000

    first = min(listed, key=number)
    created = text(first.get("created"))
    if created is None:
        return None
    try:
        return parsedate_to_datetime(created).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return created[:10] if created[:4].isdigit() else None


def _authors(record: Mapping[str, object]) -> object:
    """``authors_parsed`` (``[last, first, suffix]``) as "First Last Suffix", else ``authors``."""
    parsed = []
    for parts in items(record.get("authors_parsed")):
        if isinstance(parts, list) and parts:
            last, first, *rest = [*(p if isinstance(p, str) else "" for p in parts), ""]
            name = " ".join(p.strip() for p in (first, last, *rest) if p.strip())
            if name:
                parsed.append(name)
    return parsed or record.get("authors")
