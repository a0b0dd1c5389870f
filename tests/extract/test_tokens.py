"""Token lists read once per doc: words, offsets, ``glued`` and ``span_text`` agree with spaCy."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.pipeline import build_pipeline
from kg.extract.tokens import tokens_of

TEXTS = [
    "We train Heron-Net (HN) on Gull-7k, and it wins.",
    "Naïve  models fail;\nour  Kite^2 model doesn't.",
    "Scores: 91.5% on PondQA [3], see https://example.org/kite.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _doc(nlp: Language, text: str) -> Doc:
    return nlp.make_doc(text)


@pytest.mark.parametrize("text", TEXTS)
def test_words_and_offsets_are_spacys(nlp: Language, text: str) -> None:
    doc = _doc(nlp, text)
    tokens = tokens_of(doc)
    assert len(tokens) == len(doc)
    assert [tokens.words[i] for i in range(len(tokens))] == [t.text for t in doc]
    assert tokens.starts == [t.idx for t in doc]
    assert tokens.ends == [t.idx + len(t.text) for t in doc]
    assert tokens.text == text


def test_words_are_cut_from_the_text_at_their_offsets(nlp: Language) -> None:
    tokens = tokens_of(_doc(nlp, "Our  Kite^2 model wins."))
    assert [tokens.words[i] for i in range(len(tokens))] == [
        "Our",
        " ",
        "Kite^2",
        "model",
        "wins",
        ".",
    ]
    assert (tokens.starts[2], tokens.ends[2]) == (5, 11)


def test_glued_tells_tokens_without_space_between(nlp: Language) -> None:
    tokens = tokens_of(_doc(nlp, "Heron-Net (HN) wins."))
    words = [tokens.words[i] for i in range(len(tokens))]
    assert words == ["Heron", "-", "Net", "(", "HN", ")", "wins", "."]
    assert tokens.glued(0, 1) and tokens.glued(1, 2)  # Heron - Net
    assert not tokens.glued(2, 3)  # "Net (" has a space
    assert tokens.glued(3, 4) and tokens.glued(4, 5)  # (HN)
    assert not tokens.glued(5, 6)
    assert tokens.glued(6, 7)  # "wins."


@pytest.mark.parametrize("text", TEXTS)
def test_span_text_equals_the_doc_span(nlp: Language, text: str) -> None:
    doc = _doc(nlp, text)
    tokens = tokens_of(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            assert tokens.span_text(start, end) == doc[start:end].text


def test_span_text_keeps_inner_spacing_and_is_empty_for_no_tokens(nlp: Language) -> None:
    tokens = tokens_of(_doc(nlp, "a  Kite model"))
    assert tokens.span_text(0, 3) == "a  Kite"
    assert tokens.span_text(2, 4) == "Kite model"
    assert tokens.span_text(2, 2) == ""
    assert tokens.span_text(3, 1) == ""


def test_token_lists_are_built_once_per_doc(nlp: Language) -> None:
    doc = _doc(nlp, "Kite beats Heron.")
    first = tokens_of(doc)
    assert tokens_of(doc) is first
    assert tokens_of(_doc(nlp, "Kite beats Heron.")) is not first


def test_empty_doc_has_no_tokens(nlp: Language) -> None:
    tokens = tokens_of(_doc(nlp, ""))
    assert len(tokens) == 0
    assert (tokens.starts, tokens.ends) == ([], [])
