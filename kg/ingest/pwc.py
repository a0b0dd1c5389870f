"""Reader for the Papers with Code archive: ``papers-with-abstracts.json`` and
``links-between-papers-and-code.json`` (JSON arrays; JSON Lines of the same records too).

A paper record (``paper_url``, ``arxiv_id``, ``title``, ``abstract``, ``authors``, ``date``,
``methods``) becomes a paper whose id is its arXiv id, else its ``paper_url``; its curated
``methods`` (``name``, ``full_name``) are stated by the source and become method findings with
rule ``source``. A link record (``paper_url``, ``paper_arxiv_id``, ``repo_url``,
``is_official``, ``framework``) is joined to its paper by ``paper_url`` or arXiv id, from any
input of the same run, and becomes a repository with rule ``source``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from kg.ingest.ids import arxiv_key
from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, JoinRecord, RawRecord, ReaderItem
from kg.ingest.source_json import iso_date, items, mapped, mapping, one_line, text
from kg.models import GivenEntity

SOURCE = "pwc"
_NO_FRAMEWORK = frozenset({"", "none"})


def read_pwc(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    return mapped(lines, pwc_record)


def pwc_record(record: Mapping[str, object], line: int) -> Iterator[ReaderItem]:
    if "repo_url" in record:
        yield _link(record, line)
        return
    paper_url = text(record.get("paper_url"))
    arxiv_id = text(record.get("arxiv_id"))
    if paper_url is None and arxiv_id is None:
        yield BadRecord(line, "Papers with Code record has neither paper_url nor arxiv_id")
        return
    paper_id = arxiv_id or paper_url
    assert paper_id is not None
    date = iso_date(record.get("date"))
    fields: dict[str, object] = {
        "id": paper_id,
        "arxiv_id": arxiv_id,
        "title": one_line(record.get("title")),
        "abstract": one_line(record.get("abstract")),
        "authors": record.get("authors"),
        "date": date,
        "url": paper_url,
    }
    keys = (f"pwc:{paper_url}",) if paper_url else ()
    yield RawRecord(fields, line, given=_methods(record.get("methods")), join_keys=keys)


def _methods(value: object) -> tuple[GivenEntity, ...]:
    found: dict[str, GivenEntity] = {}
    for method in items(value):
        entry = mapping(method)
        name = text(entry.get("name"))
        if name is None or name in found:
            continue
        full_name = text(entry.get("full_name"))
        aliases = (full_name,) if full_name and full_name != name else ()
        found[name] = GivenEntity(label="Method", source=SOURCE, name=name, aliases=aliases)
    return tuple(found.values())


def _link(record: Mapping[str, object], line: int) -> ReaderItem:
    repo_url = text(record.get("repo_url"))
    if repo_url is None:
        return BadRecord(line, "code link has no repo_url")
    keys = []
    if paper_url := text(record.get("paper_url")):
        keys.append(f"pwc:{paper_url}")
    if arxiv_id := text(record.get("paper_arxiv_id")):
        keys.append(f"arxiv:{arxiv_key(arxiv_id)}")
    if not keys:
        return BadRecord(line, "code link names no paper (paper_url or paper_arxiv_id)")
    official = record.get("is_official")
    framework = text(record.get("framework"))
    link = GivenEntity(
        label="Repository",
        source=SOURCE,
        url=repo_url,
        is_official=official if isinstance(official, bool) else None,
        framework=None if framework is None or framework.lower() in _NO_FRAMEWORK else framework,
    )
    return JoinRecord(keys=tuple(keys), line=line, given=(link,))
