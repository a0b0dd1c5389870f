"""Regex alternations of many words, factored by common prefixes.

A flat ``a|b|c|...`` of a few hundred phrases makes Python's regex engine try every phrase at
every place it could start; factored into a trie (``top-(?:1 (?:accuracy|error)|5 accuracy)``)
it follows one branch per character of the text. At each branch a longer continuation is tried
before the phrase ends there, so the pattern prefers the longest phrase, as a flat alternation
sorted longest first does, and backtracks to shorter ones the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # the key that marks "a phrase ends here"

Trie = dict[str, "Trie"]


def trie_alternation(phrases: Iterable[str], ignore_case: bool = False) -> str:
    """A regex (without groups that capture) matching exactly the given phrases."""
    trie: Trie = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase.lower() if ignore_case else phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _pattern(trie) if trie else "(?!)"


def _pattern(node: Trie) -> str:
    ends = _END in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a longer phrase first, else end here
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
    return body


class CaselessPattern:
    """A pattern matched ignoring case, written in lower case (its words lower-cased, as
    ``trie_alternation(..., ignore_case=True)`` gives them).

    Ignoring case, Python's engine folds the case of every character it compares and cannot
    skip ahead to the places a phrase may start; over a text of ASCII characters, matching the
    pattern case-sensitively against the text in lower case finds the same spans in about half
    the time. Other texts (and a pattern that is not ASCII) take the plain path: case folding
    beyond ASCII is not what ``str.lower`` does.
    """

    def __init__(self, pattern: str) -> None:
        self.folded = re.compile(pattern, re.IGNORECASE)
        self.lowered = re.compile(pattern) if pattern.isascii() else None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each match, as ``folded.finditer(text)`` gives them."""
        if self.lowered is not None and text.isascii():
            return [match.span() for match in self.lowered.finditer(text.lower())]
        return [match.span() for match in self.folded.finditer(text)]
