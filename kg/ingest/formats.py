"""Choosing an input format: explicit choice, else file extension, else a look at the start.

JSON inputs are looked at once more: the keys in their first bytes can name a source dump
(arXiv snapshot, OpenAlex, Semantic Scholar, Hugging Face papers, Papers with Code), by the
signatures in ``kg/data/ingest/source_formats.json``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePath

from kg.resources import data_file

BASIC_FORMATS = ("listing", "jsonl", "json", "csv")
SOURCE_FORMATS = ("arxiv", "openalex", "s2", "hf-papers", "pwc")
FORMATS = BASIC_FORMATS + SOURCE_FORMATS

_EXTENSIONS = {
    ".txt": "listing",
    ".text": "listing",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
COMPRESSED_SUFFIX = ".gz"
_KEY = re.compile(r'"((?:[^"\\\n]|\\.){1,64})"\s*:')


def is_gzipped(path: str) -> bool:
    return path.lower().endswith(COMPRESSED_SUFFIX)


def format_from_name(path: str) -> str | None:
    """The format a file name implies (``.gz`` looked through), or None if it implies none."""
    name = PurePath(path).name.lower()
    if name.endswith(COMPRESSED_SUFFIX):
        name = name[: -len(COMPRESSED_SUFFIX)]
    return _EXTENSIONS.get(PurePath(name).suffix)


def sniff_format(head: bytes) -> str:
    """Guess the format from the first bytes of an input."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first_line = text.split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") else "json"
    header = text.split("\n", 1)[0].lower()
    if "," in header and ("title" in header or "abstract" in header):
        return "csv"
    return "listing"


@cache
def _signatures() -> dict[str, tuple[frozenset[str], ...]]:
    raw = data_file("ingest", "source_formats.json")["signatures"]
    return {fmt: tuple(frozenset(keys) for keys in sets) for fmt, sets in raw.items()}


@cache
def _joins() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    raw = data_file("ingest", "source_formats.json")["joins"]
    return {fmt: (frozenset(j["all"]), frozenset(j["none"])) for fmt, j in raw.items()}


def _json_keys(head: bytes) -> frozenset[str] | None:
    """The object keys named in the first bytes of a JSON input; None if it is not JSON."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not text.startswith(("{", "[")):
        return None
    return frozenset(_KEY.findall(text))


def recognise_source(head: bytes) -> str | None:
    """The source format whose keys the first bytes of a JSON input name, if any."""
    keys = _json_keys(head)
    if not keys:
        return None
    for fmt, key_sets in _signatures().items():
        if any(wanted <= keys for wanted in key_sets):
            return fmt
    return None


def is_join_input(head: bytes, fmt: str | None) -> bool:
    """Whether an input (of format ``fmt``, or recognised from ``head``) holds facts joined to
    papers of other inputs — S2 abstracts, PwC code links — rather than papers."""
    keys = _json_keys(head)
    if not keys:
        return False
    fmt = fmt or recognise_source(head)
    join = _joins().get(fmt or "")
    return join is not None and join[0] <= keys and not join[1] & keys
