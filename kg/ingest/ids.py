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


_ARXIV_PREFIX = re.compile(r"^(?:arxiv:|https?://arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE)
_ARXIV_VERSION = re.compile(r"v\d+$")
_DOI_PREFIX = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)


def arxiv_key(arxiv_id: str) -> str:
    """An arXiv id for matching: no ``arXiv:`` or URL prefix, no version, lower case
    (``arXiv:2101.00001v2`` and ``2101.00001`` match; ``hep-th/9901001`` stays as it is)."""
    text = _ARXIV_PREFIX.sub("", arxiv_id.strip()).removesuffix(".pdf")
    return _ARXIV_VERSION.sub("", text).lower()


def plain_doi(doi: str) -> str:
    """A DOI without its resolver prefix (``https://doi.org/10.1/x`` -> ``10.1/x``)."""
    return _DOI_PREFIX.sub("", doi.strip())


def doi_key(doi: str) -> str:
    """A DOI for matching: no resolver prefix, lower case (DOIs ignore case)."""
    return plain_doi(doi).lower()
