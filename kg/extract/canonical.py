"""Canonical keys: one string per entity, whatever surface form a paper used.

``ResNet50``, ``ResNet-50`` and ``resnet 50`` share a key, as do ``MS-COCO``, ``Microsoft
COCO`` and ``COCO``; plural forms and a trailing "dataset"/"benchmark"/"corpus" do not make
a new entity. Keys are for identity only, never shown to users.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.resources import pattern_file

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_WORDS = re.compile(r"[0-9A-Za-z]+(?:[-^][0-9A-Za-z]+)*")
_NAME_SHAPE = re.compile(r"[A-Z].*[A-Z0-9]|[0-9]")


@dataclass(frozen=True)
class _Variation:
    suffixes: dict[str, tuple[str, ...]]
    prefixes: frozenset[str]
    leading: frozenset[str]
    unchanged_plurals: tuple[str, ...]


@cache
def _variation() -> _Variation:
    data = pattern_file("canonical.json")
    suffixes = {
        label: tuple(sorted(words, key=len, reverse=True))
        for label, words in data["suffix_words"].items()
    }
    return _Variation(
        suffixes=suffixes,
        prefixes=frozenset(data["organisation_prefixes"]),
        leading=frozenset(data["leading_words"]),
        unchanged_plurals=tuple(data["unchanged_plurals"]),
    )


def _singular(word: str, unchanged: tuple[str, ...]) -> str:
    lower = word.lower()
    if len(word) > 2 and lower.endswith("s") and not lower.endswith(unchanged):
        return word[:-1]
    return word


def _strip_suffix(words: list[str], suffixes: tuple[str, ...]) -> list[str]:
    """Drop trailing type words ("CIFAR-10 dataset") while a name remains."""
    changed = True
    while changed and len(words) > 1:
        changed = False
        tail = " ".join(w.lower() for w in words[-2:])
        for suffix in suffixes:
            size = suffix.count(" ") + 1
            if size < len(words) and (tail == suffix or tail.endswith(" " + suffix)):
                words = words[:-size]
                changed = True
                break
    return words


@lru_cache(maxsize=200_000)
def canonical_key(label: str, name: str) -> str:
    """The identity key of ``name`` as an entity of ``label`` (Method, Dataset, Repository)."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip()
    if label == "Repository":
        text = re.sub(r"^[a-z]+://", "", text.lower()).removeprefix("www.")
        return text.removesuffix(".git").rstrip("/")
    text = re.sub(r"'s\b", "", text).replace("&", " and ")
    variation = _variation()
    words = _WORDS.findall(text)
    while len(words) > 1 and words[0].lower() in variation.leading:
        words = words[1:]
    words = _strip_suffix(words, variation.suffixes.get(label, ()))
    if len(words) == 1 and "-" in words[0]:
        head, _, tail = words[0].partition("-")
        if head.lower() in variation.prefixes and _NAME_SHAPE.search(tail):
            words = [tail]
    if len(words) > 1 and words[0].lower() in variation.prefixes:
        rest = words[1:]
        if len(rest) == 1 and _NAME_SHAPE.search(rest[0]):
            words = rest
    if words:
        words[-1] = _singular(words[-1], variation.unchanged_plurals)
    return _NON_ALNUM.sub("", " ".join(words).lower())
