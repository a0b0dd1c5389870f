"""Sentence splitting copes with abbreviations, decimals, links and the title line."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.sentences import _BOUNDARY, sentence_at, sentence_starts


def _sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [sentence_at(text, starts, s) for s in starts]


def test_abbreviations_decimals_and_links_do_not_split() -> None:
    text = (
        "A Title: With Subtitle\nWe use e.g. deep nets (Smith et al. 2020) and gain 3.5 points. "
        "Code is at https://example.org/a.b/c. Fig. 2 shows i.e. the rest."
    )
    assert _sentences(text) == [
        "A Title: With Subtitle",
        "We use e.g. deep nets (Smith et al. 2020) and gain 3.5 points.",
        "Code is at https://example.org/a.b/c.",
        "Fig. 2 shows i.e. the rest.",
    ]


@given(st.text(alphabet="ab .!?\nAB3", max_size=60))
def test_starts_are_increasing_offsets_inside_the_text(text: str) -> None:
    starts = sentence_starts(text)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(0 <= s < max(len(text), 1) for s in starts)


@given(st.text(alphabet="ab .!?\n\t\"')]([AB3", max_size=40))
def test_boundaries_equal_the_plain_alternation(text: str) -> None:
    plain = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+\s*")
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)]
