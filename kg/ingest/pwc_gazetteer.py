"""The Papers with Code archive's method and dataset lists as a gazetteer (``kg gazetteer
import --from pwc``): the field's curated vocabulary, for ``--gazetteer FILE``.

Each record (``name``, ``full_name``, ``paper``, ...) of ``methods.json`` becomes a Method
entry, of ``datasets.json`` a Dataset entry; which list a file is shows in its records' keys
(``collections``, ``introduced_year`` / ``modalities``, ``variants``, ``homepage``), else in its
name. ``full_name`` becomes an alias when it differs. A one-word name of letters only (Adam,
Dropout, Attention) is ``case_sensitive``: it is a word too, so it matches only as written.
Repeated names are one entry with the aliases of all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO

from kg.extract.gazetteer import GazetteerEntry, GazetteerLabel
from kg.ingest.lines import read_lines
from kg.ingest.records import BadRecord, JoinRecord, ReaderItem
from kg.ingest.source_json import json_records, text
from kg.ingest.sources import Unreadable, head_of, looks_binary, open_input
from kg.models import Problem

SOURCES = ("pwc",)
_METHOD_KEYS = frozenset({"collections", "introduced_year", "code_snippet_url", "source_url"})
_DATASET_KEYS = frozenset({"modalities", "variants", "homepage", "data_loaders", "languages"})


@dataclass
class GazetteerImport:
    """Entries in first-seen order and what could not be used."""

    entries: dict[tuple[str, str], GazetteerEntry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0

    def add(self, entry: GazetteerEntry) -> None:
        key = (entry.label, entry.name.casefold())
        held = self.entries.get(key)
        if held is None:
            self.entries[key] = entry
            return
        aliases = [*held.aliases, *(a for a in entry.aliases if a not in held.aliases)]
        self.entries[key] = held.model_copy(update={"aliases": aliases})


def pwc_entry(record: Mapping[str, object], label: GazetteerLabel) -> GazetteerEntry | str:
    """The gazetteer entry of one method or dataset record, or why there is none."""
    name = text(record.get("name"))
    if name is None:
        return "record has no name"
    name = " ".join(name.split())
    if len(name) < 2:
        return f"name {name!r} is too short to look for"
    full_name = text(record.get("full_name"))
    aliases = [" ".join(full_name.split())] if full_name else []
    return GazetteerEntry(
        label=label,
        name=name,
        aliases=[a for a in aliases if a.casefold() != name.casefold()],
        case_sensitive=name.isalpha(),
    )


def _label_of(record: Mapping[str, object], path: str) -> GazetteerLabel | None:
    keys = set(record)
    if keys & _METHOD_KEYS and not keys & _DATASET_KEYS:
        return "Method"
    if keys & _DATASET_KEYS and not keys & _METHOD_KEYS:
        return "Dataset"
    name = PurePath(path).name.lower()
    if "method" in name:
        return "Method"
    if "dataset" in name:
        return "Dataset"
    return None


def import_pwc(paths: Iterable[str]) -> GazetteerImport:
    """Read the archive's ``methods.json`` and ``datasets.json`` (``.gz`` too) into entries."""
    result = GazetteerImport()
    for path in paths:
        try:
            with open_input(path) as stream:
                head = head_of(stream)
                if not head or looks_binary(head):
                    result.problems.append(Problem(file=path, line=None, reason="not a JSON file"))
                    continue
                _read_file(path, json_records(read_lines(stream)), result)
        except Unreadable as exc:
            result.problems.append(Problem(file=path, line=None, reason=str(exc)))
    return result


def _read_file(path: str, items: Iterator[ReaderItem], result: GazetteerImport) -> None:
    label: GazetteerLabel | None = None
    for item in items:
        if isinstance(item, JoinRecord):
            continue  # not made by the plain JSON readers
        if isinstance(item, BadRecord):
            result.problems.append(Problem(file=path, line=item.line, reason=item.reason))
            continue
        result.read += 1
        label = label or _label_of(item.fields, path)
        if label is None:
            reason = "cannot tell a method list from a dataset list; name the file methods.json"
            result.problems.append(Problem(file=path, line=item.line, reason=reason))
            return
        entry = pwc_entry(item.fields, label)
        if isinstance(entry, str):
            result.problems.append(Problem(file=path, line=item.line, reason=entry))
        else:
            result.add(entry)


def write_gazetteer(entries: Iterable[GazetteerEntry], out: IO[str]) -> int:
    """Write entries as gazetteer JSON Lines (the shipped files' format); returns the count."""
    count = 0
    for entry in entries:
        line: dict[str, object] = {
            "label": entry.label,
            "name": entry.name,
            "aliases": entry.aliases,
            "generic": entry.generic,
        }
        if entry.case_sensitive:
            line["case_sensitive"] = True
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    return count
