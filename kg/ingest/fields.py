"""Turning one raw record's fields (under any of their common names) into a ``Paper``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kg.ingest.glued_title import split_glued_title
from kg.ingest.ids import paper_id_for_abstract, paper_id_for_title
from kg.models import GivenEntity, Paper, SourceRef
from kg.resources import data_file

_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


@dataclass(slots=True)
class BuiltPaper:
    """A paper plus whether its id came from the record itself (not from its title)."""

    paper: Paper
    own_id: bool
    title_from_abstract: bool = False  # the title was found at the start of the abstract


@cache
def field_names() -> dict[str, tuple[str, ...]]:
    """Accepted input names for each ``Paper`` field, in order of preference."""
    return {key: tuple(names) for key, names in data_file("ingest", "record_fields.json").items()}


@cache
def _alias_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """Input name -> the (field, preference rank) pairs it can fill."""
    index: dict[str, list[tuple[str, int]]] = {}
    for field, names in field_names().items():
        for rank, name in enumerate(names):
            index.setdefault(name, []).append((field, rank))
    return {name: tuple(targets) for name, targets in index.items()}


def pick_fields(record: Mapping[str, object]) -> dict[str, object]:
    """For each ``Paper`` field, the non-empty record value under its most preferred name."""
    index = _alias_index()
    chosen: dict[str, tuple[int, object]] = {}
    for name, value in record.items():
        targets = index.get(name)
        if targets is None or value is None or value == "" or value == []:
            continue
        for field, rank in targets:
            held = chosen.get(field)
            if held is None or rank < held[0]:
                chosen[field] = (rank, value)
    return {field: value for field, (_, value) in chosen.items()}


def _text(value: object) -> str | None:
    """A stripped string with ``\n`` line endings (Windows or old Mac endings are unified)."""
    if type(value) is str:
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip() or None
    if value is None or isinstance(value, dict | list | bool):
        return None
    return str(value).strip() or None


def parse_authors(value: object) -> list[str]:
    """Authors from a list of names or of {"name": ...}, or from "A; B" / "A, B and C"."""
    if isinstance(value, list):
        names = (_text(a.get("name") if isinstance(a, dict) else a) for a in value)
        return [name for name in names if name]
    text = _text(value)
    if text is None:
        return []
    parts = text.split(";") if ";" in text else _AUTHOR_SPLIT.split(text)
    return [part.strip() for part in parts if part.strip()]


def parse_categories(value: object) -> list[str]:
    """Categories from a list, or from "cs.CL cs.LG" / "cs.CL, cs.LG"."""
    if isinstance(value, list):
        found = (_text(v) for v in value)
        return list(dict.fromkeys(c for c in found if c))
    text = _text(value)
    return list(dict.fromkeys(text.replace(",", " ").split())) if text else []


def _year(value: object, date: str | None) -> int | None:
    if type(value) is int:
        return value
    for text in (_text(value), date):
        match = _YEAR.search(text) if text else None
        if match:
            return int(match.group(1))
    return None


def build_paper(
    record: Mapping[str, object], source: SourceRef, given: tuple[GivenEntity, ...] = ()
) -> BuiltPaper | str:
    """The paper a record describes (with the entities its source states), or the reason it
    cannot be used."""
    fields = pick_fields(record)
    title = " ".join((_text(fields.get("title")) or "").split())
    abstract = _text(fields.get("abstract")) or ""
    if not title and not abstract:
        return "record has no title and no abstract"
    own_id = _text(fields.get("id"))
    if own_id is not None:
        paper_id = own_id
    else:
        paper_id = paper_id_for_title(title) if title else paper_id_for_abstract(abstract)
    glued = split_glued_title(abstract) if not title else None
    if glued is not None:
        title, abstract = glued
    date = _text(fields.get("date"))
    paper = Paper(
        id=paper_id,
        title=title,
        abstract=abstract,
        authors=parse_authors(fields.get("authors")),
        year=_year(fields.get("year"), date),
        date=date,
        doi=_text(fields.get("doi")),
        arxiv_id=_text(fields.get("arxiv_id")),
        url=_text(fields.get("url")),
        categories=parse_categories(fields.get("categories")),
        sources=[source],
        given=list(given),
    )
    return BuiltPaper(paper, own_id is not None, glued is not None)
