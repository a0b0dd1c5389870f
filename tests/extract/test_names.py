"""Reading the name next to a cue: where it starts, where it stops, lists and quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from kg.extract.names import (
    NameSpan,
    is_name_word,
    read_first_name,
    read_list_after,
    read_list_before,
    read_name_after,
    read_name_before,
)
from kg.extract.pipeline import build_pipeline
from kg.extract.tokens import Tokens, tokens_of


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def _tokens(nlp: Language, text: str) -> tuple[Tokens, list[str]]:
    tokens = tokens_of(nlp.make_doc(text))
    return tokens, [tokens.words[i] for i in range(len(tokens))]


def _after(
    nlp: Language, text: str, cue: str, reader: Callable[[Tokens, int, int], NameSpan | None]
) -> str | None:
    """The name ``reader`` finds after the word ``cue`` up to the end of ``text``."""
    tokens, words = _tokens(nlp, text)
    name = reader(tokens, words.index(cue) + 1, len(tokens))
    return None if name is None else tokens.span_text(name.start, name.end)


def _before(nlp: Language, text: str, cue: str) -> str | None:
    tokens, words = _tokens(nlp, text)
    name = read_name_before(tokens, words.index(cue), 0)
    return None if name is None else tokens.span_text(name.start, name.end)


@pytest.mark.parametrize("word", ["Heron", "ResNet", "eLSTM", "x2", "GAN"])
def test_name_words(word: str) -> None:
    assert is_name_word(word)


@pytest.mark.parametrize("word", ["heron", "2x", "3D", "-Net", ""])
def test_not_name_words(word: str) -> None:
    assert not is_name_word(word)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("we propose Wombat for graphs", "Wombat"),
        ("we propose Kite Lattice Network for speech", "Kite Lattice Network"),
        (
            "we propose Feature Pooling by Sparse Lattice Codes today",
            "Feature Pooling by Sparse Lattice Codes",
        ),
        ("we propose Heron-Net-v2 today", "Heron-Net-v2"),
        ("we propose Wren of Marsh and Fen here", "Wren of Marsh and Fen"),
    ],
)
def test_name_after_a_cue_runs_over_capitals_and_connectors(
    nlp: Language, text: str, name: str
) -> None:
    assert _after(nlp, text, "propose", read_name_after) == name


def test_articles_and_adjectives_are_skipped_and_kept_apart(nlp: Language) -> None:
    tokens, words = _tokens(nlp, "we propose the novel Gated Heron Network for speech")
    name = read_name_after(tokens, words.index("propose") + 1, len(tokens))
    assert name is not None
    assert tokens.span_text(name.start, name.end) == "Gated Heron Network"
    assert name.skipped == ("the", "novel")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("called Heron-7 on Egret-9 yesterday", "Heron-7"),  # two shaped names meet at "on"
        ("called KiteNet and Deep here", "KiteNet"),
        ("called Wide and Deep here", "Wide and Deep"),  # plain words: one name
        ("called Wren of the marsh", "Wren"),  # a trailing connector is not part of it
    ],
)
def test_name_stops_where_another_name_or_plain_text_begins(
    nlp: Language, text: str, name: str
) -> None:
    assert _after(nlp, text, "called", read_name_after) == name


@pytest.mark.parametrize(
    "text",
    ["called a simple baseline here", "called it fast", "called , which is odd"],
)
def test_no_name_after_plain_words(nlp: Language, text: str) -> None:
    assert _after(nlp, text, "called", read_name_after) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('dubbed "soft kite loss" here', "soft kite loss"),
        ("dubbed ``soft kite loss'' here", "soft kite loss"),
        ("dubbed “Kite-Pull” here", "Kite-Pull"),
    ],
)
def test_quoted_name_is_read_whatever_its_case(nlp: Language, text: str, name: str) -> None:
    assert _after(nlp, text, "dubbed", read_name_after) == name


def test_name_after_stops_at_the_limit(nlp: Language) -> None:
    tokens, words = _tokens(nlp, "we propose Kite Lattice Network today")
    start = words.index("Kite")
    name = read_name_after(tokens, start, start + 2)
    assert name is not None
    assert tokens.span_text(name.start, name.end) == "Kite Lattice"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("results on the Gull Marsh dataset", "Gull Marsh"),
        ("results on the CIFAR-77 dataset", "CIFAR-77"),
        ("results on the Bank of Gulls dataset", "Bank of Gulls"),
        ("Heron-7 on Egret-9 dataset", "Egret-9"),
        ('the "Gull Marsh" dataset', "Gull Marsh"),
    ],
)
def test_name_before_a_cue(nlp: Language, text: str, name: str) -> None:
    assert _before(nlp, text, "dataset") == name


@pytest.mark.parametrize("text", ["results on the plain dataset", "dataset"])
def test_no_name_before_plain_words(nlp: Language, text: str) -> None:
    assert _before(nlp, text, "dataset") is None


def _list_after(nlp: Language, text: str, cue: str) -> list[str]:
    tokens, words = _tokens(nlp, text)
    names = read_list_after(tokens, words.index(cue) + 1, len(tokens))
    return [tokens.span_text(n.start, n.end) for n in names]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("on Wren-5, Skua-2, and PetrelQA today", ["Wren-5", "Skua-2", "PetrelQA"]),
        ("on Wren-5, Skua-2 as well as PetrelQA", ["Wren-5", "Skua-2", "PetrelQA"]),
        ("on Wren-5 (Smith, 2020) and Loon today", ["Wren-5", "Loon"]),
        ("on Wren-5 (W5), Skua-2 and loon calls", ["Wren-5", "Skua-2"]),
        ("on Wren-5 only", ["Wren-5"]),
        ("on many sets", []),
        ("on the extended Wren-5, and the original Skua-2", ["Wren-5", "Skua-2"]),
        ("on Wren-5 and audio-only Skua-2", ["Wren-5", "Skua-2"]),
        ("on Wren-5 and large-scale Skua-2", ["Wren-5", "Skua-2"]),
        ("on Wren-5 and then retrain Skua-2", ["Wren-5"]),
    ],
)
def test_list_after_a_cue(nlp: Language, text: str, names: list[str]) -> None:
    assert _list_after(nlp, text, "on") == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("the Wren-5, Skua-2 and PetrelQA datasets", ["PetrelQA", "Skua-2", "Wren-5"]),
        ("the Wren-5 (W5), Skua-2 or PetrelQA datasets", ["PetrelQA", "Skua-2", "Wren-5"]),
        ("results on PetrelQA datasets", ["PetrelQA"]),
        ("results on two datasets", []),
    ],
)
def test_list_before_a_cue_is_read_backwards(nlp: Language, text: str, names: list[str]) -> None:
    tokens, words = _tokens(nlp, text)
    found = read_list_before(tokens, words.index("datasets"), 0)
    assert [tokens.span_text(n.start, n.end) for n in found] == names


def test_first_name_may_stand_further_on(nlp: Language) -> None:
    text = "we call networks of this kind KiteNets today"
    assert _after(nlp, text, "call", read_first_name) == "KiteNets"


def test_first_name_is_not_sought_past_punctuation(nlp: Language) -> None:
    assert _after(nlp, "we call networks of this kind. KiteNets", "call", read_first_name) is None
    assert _after(nlp, "we call these, in short, KiteNets", "call", read_first_name) == "KiteNets"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("on the night-time Wren-5 and Skua-2", ["Wren-5", "Skua-2"]),
        ("on the image-based OspreyDB, Skua-2", ["OspreyDB", "Skua-2"]),
    ],
)
def test_a_hyphen_compound_before_the_first_name_is_skipped_whole(
    nlp: Language, text: str, names: list[str]
) -> None:
    assert _list_after(nlp, text, "on") == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("on Gull Album 2, Skua-2 and Loon", ["Gull Album 2", "Skua-2", "Loon"]),
        ("on Gull Album 3 and Loon", ["Gull Album 3", "Loon"]),
        ("on Gull Album 2 times faster", ["Gull Album"]),
        ("on Gull Album 2015, Loon", ["Gull Album"]),
    ],
)
def test_a_small_number_closing_a_list_item_belongs_to_its_name(
    nlp: Language, text: str, names: list[str]
) -> None:
    assert _list_after(nlp, text, "on") == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("on Heron-A today", "Heron-A"),
        ("on KTH-A, Loon", "KTH-A"),
        ("on Heron-A and Loon", "Heron-A"),
        ("on Heron and a", "Heron"),
    ],
)
def test_a_letter_glued_to_a_name_is_not_an_article(nlp: Language, text: str, name: str) -> None:
    assert _after(nlp, text, "on", read_name_after) == name
