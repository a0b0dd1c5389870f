"""A prefix-factored alternation matches exactly what the flat one, longest first, matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.alternation import CaselessPattern, trie_alternation

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


_WORD_THEN_SPACES = re.compile(r"([A-Za-z0-9][\w'/]*(?:-[\w']+)*) +$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ9_'/- .,é", max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_word_before_finds_what_the_anchored_search_finds(text: str, floor: int, end: int) -> None:
    """``tasks.word_before`` walks back from ``end`` instead of trying every place of the
    window; it returns what searching the window for a word then spaces at its end returns."""
    from kg.extract.tasks import word_before

    end = min(end, len(text))
    floor = min(floor, end)
    found = _WORD_THEN_SPACES.search(text, floor, end)
    expected = (found.start(), found.group(1)) if found else None
    assert word_before(text, floor, end) == expected


def _caseless_patterns() -> list[CaselessPattern]:
    from kg.extract.metrics import metric_lexicon
    from kg.extract.tasks import task_words

    caseless = metric_lexicon().caseless
    assert caseless is not None
    return [task_words().head_pattern, caseless]


_CASE_TEXT = st.lists(
    st.sampled_from(
        [
            " ",
            "-",
            ".",
            "@",
            "x",
            "Object",
            "DETECTION",
            "detection",
            "Recognition",
            "segmentation",
            "accuracy",
            "F1",
            "BLEU",
            "error rate",
            "s",
            "İ",
            "ſ",
            "K",
            "é",
            "pose estimation",
            "Pose Estimation",
            "question answering",
            "5",
            ".5",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_CASE_TEXT)
def test_a_caseless_pattern_finds_what_ignoring_case_finds(text: str) -> None:
    """The lower-cased path (ASCII text) and the folding path give the same spans."""
    for pattern in _caseless_patterns():
        expected = [m.span() for m in pattern.folded.finditer(text)]
        assert pattern.spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.text(alphabet=ALPHABET + "ſİK", max_size=40))
def test_a_caseless_trie_finds_what_ignoring_case_finds(phrases: list[str], text: str) -> None:
    pattern = CaselessPattern(
        r"(?<![\w@])(?:" + trie_alternation(phrases, ignore_case=True) + r")s?(?![\w@])"
    )
    assert pattern.spans(text) == [m.span() for m in pattern.folded.finditer(text)]
