"""A prefix-factored alternation matches exactly what the flat one, longest first, matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.alternation import trie_alternation

ALPHABET = "abAB1-5 .@"
PHRASES = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=6), min_size=1, max_size=12)


def _flat(phrases: list[str]) -> str:
    return "|".join(sorted({re.escape(p) for p in phrases}, key=len, reverse=True))


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.text(alphabet=ALPHABET, max_size=40), st.booleans())
def test_trie_and_flat_alternations_find_the_same_spans(
    phrases: list[str], text: str, ignore_case: bool
) -> None:
    flags = re.I if ignore_case else 0
    keys = [p.lower() for p in phrases] if ignore_case else phrases
    around = r"(?<![\w@])(?:{})s?(?![\w@])"
    flat = re.compile(around.format(_flat(keys)), flags)
    trie = re.compile(around.format(trie_alternation(phrases, ignore_case=ignore_case)), flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_longest_phrase_wins_and_shorter_ones_still_match() -> None:
    pattern = re.compile(trie_alternation(["top-1", "top-1 accuracy", "top-5 accuracy", "AP"]))
    assert pattern.match("top-1 accuracy of").group(0) == "top-1 accuracy"
    assert pattern.match("top-1 error").group(0) == "top-1"
    assert pattern.match("top-5 error") is None
    assert trie_alternation([]) == "(?!)"
