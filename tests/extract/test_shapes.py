"""Name shapes: the hinted search finds exactly what a search of the whole text finds."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.shapes import _patterns, name_matches, shaped_names

TEXTS = st.text(alphabet="aZbY09 .-/^+_@('\u2019\n\u00e9\u0663", max_size=40)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@given(TEXTS)
def test_hinted_search_equals_a_full_search(text: str) -> None:
    name_re, _ = _patterns()
    assert _spans(name_matches(text)) == _spans(name_re.finditer(text))


@given(TEXTS)
def test_capitalised_runs_equal_the_look_behind_first_form(text: str) -> None:
    _, capitalised = _patterns()
    plain = re.compile(r"(?<=[a-z0-9,;:(] )[A-Z][a-z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*")
    assert _spans(capitalised.finditer(text)) == _spans(plain.finditer(text))


def test_shaped_names_in_a_sentence() -> None:
    text = "We train ResNet-50 on CIFAR-10 and T5/C4 (see arXiv) with a GPU."
    assert [name for _, _, name in shaped_names(text)] == ["ResNet-50", "CIFAR-10", "T5", "C4"]


def test_a_two_digit_year_after_an_apostrophe_joins_the_name() -> None:
    text = "Scores on KIWI'15 and LOON’19 beat those of Tern's model from 2019."
    assert [name for _, _, name in shaped_names(text)] == ["KIWI'15", "LOON’19"]


def test_two_capital_words_never_written_apart_are_one_name() -> None:
    text = "Face detection gains 1.5 AP on DARK HERON, a set of night photographs."
    assert [name for _, _, name in shaped_names(text)] == ["DARK HERON"]


def test_capital_words_also_written_apart_stay_two() -> None:
    text = "KITE GULL hybrids beat KITE alone."
    assert [name for _, _, name in shaped_names(text)] == ["KITE", "GULL", "KITE"]


def test_a_title_in_capitals_joins_no_words() -> None:
    text = "SPARSE KITE ROUTING FOR BIRDS. We route calls."
    names = [name for _, _, name in shaped_names(text)]
    assert "KITE" in names
    assert not [name for name in names if " " in name]
