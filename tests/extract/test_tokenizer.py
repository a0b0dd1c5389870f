"""The pipeline's tokenizer: the same tokens as spaCy's blank English one, without the idle
special cases."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.symbols import NORM, ORTH

from kg.extract.pipeline import build_pipeline
from kg.extract.tokenizer import cached_tokenizer, idle_special_cases

PIECES = [
    "Kite-Net",
    "we",
    "propose",
    "can't",
    "e.g.",
    "i.e.,",
    "(KN)",
    "3.5%",
    "U.S.",
    "don't",
    "data-set",
    "Fig.",
    "x",
    ":)",
    "http://kite.example/a.b",
    "'s",
    '"quoted"',
]
GAPS = [" ", "  ", "\n", "\t", "\n\n", " \n", "\n ", "\xa0", "\r\n", ""]


def _tokens(tokenizer: object, text: str) -> list[tuple[str, str]]:
    doc = tokenizer(text)  # type: ignore[operator]
    return [(token.text, token.whitespace_) for token in doc]


def test_only_whitespace_that_splits_into_itself_is_idle() -> None:
    rules = {
        "\n": [{ORTH: "\n"}],
        " ": [{ORTH: " "}],
        "\xa0": [{ORTH: "\xa0", NORM: "  "}],  # gives a norm: not idle
        "e.g.": [{ORTH: "e.g."}],  # not whitespace
        "\t\t": [{ORTH: "\t"}, {ORTH: "\t"}],  # two tokens
    }
    assert sorted(idle_special_cases(rules)) == ["\n", " "]


def test_the_pipeline_tokenizer_drops_the_idle_cases_and_keeps_the_others() -> None:
    rules = build_pipeline().tokenizer.rules or {}
    assert "\n" not in rules and "\t" not in rules and " " not in rules
    assert {"e.g.", "can't", "\xa0"} <= set(rules)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), max_size=30))
def test_same_tokens_as_spacys_blank_tokenizer(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    stock = spacy.blank("en").tokenizer
    ours = cached_tokenizer(spacy.blank("en"))
    # twice over: the second pass reads what the first left in the cache
    for _ in range(2):
        assert _tokens(ours, text) == _tokens(stock, text)


def test_same_tokens_over_a_title_and_abstract_read_twice() -> None:
    text = (
        "Kite-Net: Gliding Encoders for Wren Parsing\n"
        "We propose Kite-Net (KN), e.g. for parsing, and can't stop.\tIt beats\n\nWren-5."
    )
    stock = spacy.blank("en").tokenizer
    ours = build_pipeline().tokenizer
    assert [_tokens(ours, text) for _ in range(3)] == [_tokens(stock, text)] * 3
