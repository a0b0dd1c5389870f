"""Choosing an input format: explicit choice, else file extension, else a look at the start."""

from __future__ import annotations

from pathlib import PurePath

FORMATS = ("listing", "jsonl", "json", "csv")

_EXTENSIONS = {
    ".txt": "listing",
    ".text": "listing",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
}
COMPRESSED_SUFFIX = ".gz"


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
