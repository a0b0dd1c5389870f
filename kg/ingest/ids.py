"""Stable paper ids from titles, so the same paper gets the same id on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """Lowercased NFKC text with punctuation and whitespace runs collapsed to one space."""
    text = title.lower() if title.isascii() else unicodedata.normalize("NFKC", title).lower()
    return _NOT_WORD.sub(" ", text).strip()


def _digest(prefix: str, text: str) -> str:
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def paper_id_for_title(title: str) -> str:
    """``t`` + the first 16 hex digits of the SHA-1 of the normalised title."""
    return _digest("t", normalise_title(title))


def paper_id_for_abstract(abstract: str) -> str:
    """Fallback id (``a`` + hash) for a paper that has an abstract but no title."""
    return _digest("a", normalise_title(abstract))
