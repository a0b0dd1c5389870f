"""Token words and offsets of a Doc as plain lists, read from spaCy once per doc.

Reading ``doc[i].text`` or ``doc[i].idx`` builds a Token object per access; the name
readers look at the same few hundred tokens many times, so they work on these lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.candidates import text_of

TOKENS = "kg_tokens"


class Words(dict[int, str]):
    """``words[i]`` is the text of token i, cut from the doc text when first read: the name
    readers look at a few dozen of a doc's hundreds of tokens."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        super().__init__()
        self._text, self._starts, self._ends = text, starts, ends

    def __missing__(self, index: int) -> str:
        word = self[index] = self._text[self._starts[index] : self._ends[index]]
        return word


@dataclass(slots=True)
class Tokens:
    """``words[i]`` is ``doc[i].text`` and stands at ``text[starts[i]:ends[i]]``."""

    text: str
    words: Words
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

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
        offsets = doc.to_array("IDX")
        starts: list[int] = offsets.tolist()
        ends: list[int] = (offsets + doc.to_array("LENGTH")).tolist()
        tokens = doc.user_data[TOKENS] = Tokens(text, Words(text, starts, ends), starts, ends)
    return tokens
