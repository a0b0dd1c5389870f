"""Titles run into their abstracts: a record with no title whose abstract opens with one.

Some dumps (SciREX among them) and scraped pages store a paper as one text, the title running
into the first sentence with no stop between them: "Sparse Graph Networks for Traffic
Forecasting Forecasting traffic is hard ...". Read as one sentence, the title's rules (what it
proposes, what its method is for) never apply and the first sentence is a long run of
capitals. The title is the run of capitalised words at the start (a few small words such as
"for" and "of" may be lower-case inside it); the abstract starts at the first capitalised word
followed by a lower-case word that is not such a small word. The words are in
``ingest/glued_titles.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.resources import data_file

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _TitleWords:
    small: frozenset[str]
    openers: frozenset[str]
    min_words: int
    max_words: int


@cache
def _title_words() -> _TitleWords:
    data = data_file("ingest", "glued_titles.json")
    return _TitleWords(
        small=frozenset(data["title_words"]),
        openers=frozenset(data["sentence_openers"]),
        min_words=int(data["min_words"]),
        max_words=int(data["max_words"]),
    )


def split_glued_title(abstract: str) -> tuple[str, str] | None:
    """(title, abstract) when ``abstract`` opens with a title run into its first sentence;
    ``None`` when it does not (it opens with a sentence, or with no clear title)."""
    words = _title_words()
    found = [(m.start(), m.group(0)) for m in _WORD.finditer(abstract)][: words.max_words + 2]
    for index, (_, word) in enumerate(found):
        if index > words.max_words:
            return None
        if word[0].islower():
            if word.lower() in words.small:
                continue
            return None  # a lower-case word inside the opening run: a sentence, no title
        if not word[0].isupper() or not _sentence_goes_on(found, index + 1, words):
            continue
        if index and found[index - 1][1].lower() in words.openers:
            index -= 1  # "... Deep Networks The network learns": the sentence opens at "The"
        if index < words.min_words:
            return None
        start = found[index][0]
        return abstract[:start].rstrip(), abstract[start:]
    return None


def _sentence_goes_on(found: list[tuple[int, str]], index: int, words: _TitleWords) -> bool:
    """Whether the first word from ``index`` that is neither a lower-case small word nor a
    number ("3D") is a lower-case word: then a sentence, not the title, goes on."""
    for _, word in found[index:]:
        if word[0].isdigit() or (word[0].islower() and word.lower() in words.small):
            continue
        return word[0].islower()
    return False
