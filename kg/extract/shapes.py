"""Name shape: words that look like names of models or datasets (ResNet-50, GPT-4, BT^2).

Such a word alone is a weak hint; combined with a cue, a gazetteer entry or the same name
found by a strong rule elsewhere in the corpus it becomes a finding. Capitalised words
inside a sentence are kept as the weakest hint, for corpus-level propagation only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import SHAPE, WEAK, Candidate, candidates_of, lexicon, text_of
from kg.resources import pattern_file


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = pattern_file("shapes.json")
    return re.compile(data["name"]), re.compile(data["capitalised"])


@cache
def _name_hint() -> re.Pattern[str]:
    return re.compile(pattern_file("shapes.json")["name_hint"])


def name_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of the name pattern over ``text``, in order.

    The pattern is only tried in the space-free words that ``name_hint`` marks (a capital
    or digit right after a letter or hyphen, which every name match holds): the same
    matches as a search of the whole text, but most words are never looked at.
    """
    name_re, _ = _patterns()
    for hint in _name_hint().finditer(text):
        word_start = text.rfind(" ", 0, hint.start()) + 1
        yield from name_re.finditer(text, word_start, hint.end())


@cache
def _suffix_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(lexicon()["name_suffixes_to_drop"], key=len, reverse=True))
    return re.compile(rf"-(?:{words})$", re.IGNORECASE)


def shaped_names(text: str) -> list[tuple[int, int, str]]:
    """Name-shaped words of ``text`` with their spans, minus known non-names (GPU, BLEU)."""
    found: list[tuple[int, int, str]] = []
    for match in name_matches(text):
        start = match.start()
        for offset, end, name in _names_in_word(match[0]):
            found.append((start + offset, start + end, name))
    return _join_capital_pairs(text, found)


_CAPITAL_WORD = re.compile(r"[A-Z]{3,}")


def _join_capital_pairs(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two all-capital words side by side that the paper never writes apart are one name
    ("on GULL HALL", never "GULL" alone); written apart too, they stay two, and a longer run
    of capital words (a title in capitals) joins nothing."""
    joined: list[tuple[int, int, str]] = []
    for item in found:
        if joined and _one_capital_name(text, joined[-1], item):
            first = joined.pop()
            item = (first[0], item[1], text[first[0] : item[1]])
        joined.append(item)
    return joined


_CAPITAL_NEIGHBOUR_BEFORE = re.compile(r"[A-Z]{2,}\W{0,2}$")
_CAPITAL_NEIGHBOUR_AFTER = re.compile(r"\W{0,2}[A-Z]{2,}")


def _one_capital_name(text: str, left: tuple[int, int, str], right: tuple[int, int, str]) -> bool:
    if text[left[1] : right[0]] != " ":
        return False
    first, second = left[2], right[2]
    if not (_CAPITAL_WORD.fullmatch(left[2]) and _CAPITAL_WORD.fullmatch(second)):
        return False  # two words, not a run of them: a title in capitals is no name
    if _CAPITAL_NEIGHBOUR_BEFORE.search(text, max(0, left[0] - 8), left[0]):
        return False
    if _CAPITAL_NEIGHBOUR_AFTER.match(text, right[1]):
        return False
    pair = len(re.findall(rf"\b{re.escape(first)} {re.escape(second)}\b", text))
    alone = len(re.findall(rf"\b{re.escape(first)}\b", text)) + len(
        re.findall(rf"\b{re.escape(second)}\b", text)
    )
    return alone == 2 * pair


@lru_cache(maxsize=65_536)
def _names_in_word(word: str) -> tuple[tuple[int, int, str], ...]:
    """The names one name-shaped word holds, with offsets into the word; the same words
    come back in paper after paper, so the answer is kept."""
    suffix = _suffix_pattern()
    stop = lexicon()["nonentity_names"]
    trimmed = suffix.sub("", word)
    if trimmed in stop or word in stop or len(trimmed) < 2 or _VERSION.match(trimmed):
        return ()
    if _YEAR.sub("", trimmed) in stop:  # a venue and its year: ICML2019, CVPR'21
        return ()
    if _SLASH_WORDS.search(trimmed):  # "T5/C4": two names, not one
        return tuple(
            (part.start(), part.end(), part[0])
            for part in _PARTS.finditer(trimmed)
            if part[0] not in stop and len(part[0]) > 1
        )
    return ((0, len(trimmed), trimmed),)


_YEAR = re.compile(r"[-_ '’]?(?:19|20)?\d\d$")
_VERSION = re.compile(r"^[vV]\d+(?:\.\d+)*$")
_SLASH_WORDS = re.compile(r"/[A-Za-z]")
_PARTS = re.compile(r"[^/]+")


@Language.factory("kg_shapes", default_config={"capitalised": True})
def make_shape_finder(nlp: Language, name: str, capitalised: bool) -> ShapeFinder:
    return ShapeFinder(capitalised)


class ShapeFinder(BatchComponent):
    """Adds name-shaped words (and, optionally, capitalised runs) as weak candidates."""

    def __init__(self, capitalised: bool) -> None:
        self.capitalised = capitalised

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates_of(doc)
        for start, end, word in shaped_names(text):
            found.append(Candidate(start, end, word, "name_shape", SHAPE))
        if self.capitalised:
            _, capitalised = _patterns()
            for match in capitalised.finditer(text):
                found.append(
                    Candidate(match.start(), match.end(), match.group(0), "capitalised", WEAK)
                )
        return doc
