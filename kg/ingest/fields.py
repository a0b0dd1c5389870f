"""Turning one raw record's fields (under any of their common names) into a ``Paper``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kg.ingest.ids import paper_id_for_abstract, paper_id_for_title
from kg.ingest.resources import load_json
from kg.models import Paper, SourceRef

_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


@dataclass(frozen=True, slots=True)
class BuiltPaper:
    """A paper plus whether its id came from the record itself (not from its title)."""

    paper: Paper
    own_id: bool


@cache
def field_names() -> dict[str, tuple[str, ...]]:
    """Accepted input names for each ``Paper`` field, in order of preference."""
    return {key: tuple(names) for key, names in load_json("record_fields.json").items()}


def _first(fields: Mapping[str, object], names: tuple[str, ...]) -> object:
    for name in names:
        value = fields.get(name)
        if value is not None and value != "" and value != []:
            return value
    return None


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None


def parse_authors(value: object) -> list[str]:
    """Authors from a list of names or of {"name": ...}, or from "A; B" / "A, B and C"."""
    if isinstance(value, list):
        names = [_text(a.get("name")) if isinstance(a, dict) else _text(a) for a in value]
        return [name for name in names if name]
    text = _text(value)
    if text is None:
        return []
    parts = text.split(";") if ";" in text else _AUTHOR_SPLIT.split(text)
    return [part.strip() for part in parts if part.strip()]


def _year(value: object, date: str | None) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    for text in (_text(value), date):
        match = _YEAR.search(text) if text else None
        if match:
            return int(match.group(1))
    return None


def build_paper(fields: Mapping[str, object], source: SourceRef) -> BuiltPaper | str:
    """The paper a record describes, or the reason it cannot be used."""
    names = field_names()
    title = _SPACES.sub(" ", _text(_first(fields, names["title"])) or "")
    abstract = _text(_first(fields, names["abstract"])) or ""
    if not title and not abstract:
        return "record has no title and no abstract"
    own_id = _text(_first(fields, names["id"]))
    if own_id is not None:
        paper_id = own_id
    else:
        paper_id = paper_id_for_title(title) if title else paper_id_for_abstract(abstract)
    date = _text(_first(fields, names["date"]))
    paper = Paper(
        id=paper_id,
        title=title,
        abstract=abstract,
        authors=parse_authors(_first(fields, names["authors"])),
        year=_year(_first(fields, names["year"]), date),
        date=date,
        doi=_text(_first(fields, names["doi"])),
        arxiv_id=_text(_first(fields, names["arxiv_id"])),
        url=_text(_first(fields, names["url"])),
        sources=[source],
    )
    return BuiltPaper(paper, own_id is not None)
