"""Sentence boundaries for abstracts.

A full stop ends a sentence only when a capital, digit or bracket follows after white space
and the word before it is not an abbreviation ("e.g.", "et al.", "Fig."); decimals such as
3.5 and dots inside links never match because no space follows them. Line breaks (title /
abstract) always end a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import SENTENCE_STARTS, lexicon, text_of

# one character class first, so that the search skips ahead to the next . ! ? or line break
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|(?<=\n)\n*\s*)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(a.lower() for a in lexicon()["abbreviations"])


def sentence_starts(text: str) -> list[int]:
    """Character offsets where sentences start (always including 0)."""
    starts = [0]
    abbreviations = _abbreviations()
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == ".":
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start() + 1)
            if before and before.group(1).lower() in abbreviations:
                continue
            if before and len(before.group(1)) == 1 and before.group(1).isupper():
                continue  # an initial: "J. Smith"
        if match.end() < len(text):
            starts.append(match.end())
    return starts


def sentence_at(text: str, starts: list[int], offset: int) -> str:
    """The sentence of ``text`` that holds character ``offset``."""
    return sentence_text(text, starts, sentence_index(starts, offset))


def sentence_index(starts: list[int], offset: int) -> int:
    """Which sentence (an index into ``starts``) holds character ``offset``."""
    return bisect_right(starts, offset) - 1


def sentence_text(text: str, starts: list[int], index: int) -> str:
    """The text of sentence ``index``, without surrounding white space."""
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return text[starts[index] : end].strip()


@Language.factory("kg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter(BatchComponent):
    """Keeps the character offsets of sentence starts, which the other components and the
    evidence of findings use; tokens are not marked, as no component reads ``doc.sents``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[SENTENCE_STARTS] = sentence_starts(text_of(doc))
        return doc
