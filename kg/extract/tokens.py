"""Token words and offsets of a Doc as plain lists, read from spaCy once per doc.

Reading ``doc[i].text`` or ``doc[i].idx`` builds a Token object per access; the name
readers look at the same few hundred tokens many times, so they work on these lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from kg.extract.candidates import text_of

TOKENS = "kg_tokens"


@dataclass(slots=True)
class Tokens:
    """``words[i]`` is ``doc[i].text`` and stands at ``text[starts[i]:ends[i]]``."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)

    def glued(self, left: int, right: int) -> bool:
        """True when token ``right`` follows token ``left`` with no space between."""
        return self.starts[right] == self.ends[left]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as ``doc[start:end].text`` gives it."""
        if start >= end:
            return ""
        return self.text[self.starts[start] : self.ends[end - 1]]


def tokens_of(doc: Doc) -> Tokens:
    """The token lists of ``doc``, built on first use and kept for the other components."""
    tokens = doc.user_data.get(TOKENS)
    if tokens is None:
        text = text_of(doc)
        offsets = doc.to_array(IDX)
        starts: list[int] = offsets.tolist()
        ends: list[int] = (offsets + doc.to_array(LENGTH)).tolist()
        words = [text[start:end] for start, end in zip(starts, ends, strict=True)]
        tokens = doc.user_data[TOKENS] = Tokens(text, words, starts, ends)
    return tokens
