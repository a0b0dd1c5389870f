"""A name's type from the words and names around it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import Extractor
from kg.extract.context import neighbour_type
from kg.models import Paper


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _rule(sentence: str, name: str) -> str | None:
    start = sentence.index(name)
    return neighbour_type(sentence, start, start + len(name))


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("We test on Wren-5, a large-scale corpus of bird calls.", "context:apposition"),
        ("Wren-5, the first public benchmark for calls, is hard.", "context:apposition"),
        ("Wren-5 and Tern-2, two popular benchmarks, are used.", None),
        ("Results on the face dataset Wren-5 are shown.", "context:noun_before"),
        ("Our model shows a 4.6% gain on Wren-5 over the baseline.", "context:result_on"),
        ("It improves accuracy by 2 points on the Wren-5 test split.", "context:result_on"),
        ("We train Wren-5, a small network for calls.", None),
        ("Wren-5 runs on a laptop.", None),
        ("We pretrain on the Wren-5 pre-training corpus.", "context:noun_after_modifiers"),
        ("Tests on Wren-5 bird call benchmarks follow.", "context:noun_after_modifiers"),
        ("Wren-5 beats earlier benchmarks.", None),
        ("Wren-5 surpassed the benchmark.", None),
        ("Wren-5 clearly tops every benchmark.", None),
        ("Wren-5 models set new benchmarks.", None),
        ("Wren-5 and two datasets are used.", None),
    ],
)
def test_neighbour_type(sentence: str, rule: str | None) -> None:
    assert _rule(sentence, "Wren-5") == rule


@pytest.mark.parametrize(
    "abstract",
    [
        "Experiments on CIFAR-10, Wren-5 and ImageNet show gains.",
        "We report results for ImageNet and Wren-5.",
        "We report results for Wren-5, Tern-2, Heron-9 and ImageNet.",
        "We test on Wren-5, Tern-2, Heron-9 night-time bird call benchmarks.",
    ],
)
def test_a_name_listed_with_a_known_dataset_is_a_dataset(
    extractor: Extractor, abstract: str
) -> None:
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    assert "Wren-5" in {d.name for d in result.of("Dataset")}
    assert "Wren-5" not in {m.name for m in result.of("Method")}


def test_a_proposed_name_in_a_dataset_apposition_is_introduced(extractor: Extractor) -> None:
    abstract = "We present Wren-5, a richly annotated large bird call dataset. Wren-5 is big."
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    [dataset] = [d for d in result.of("Dataset") if d.name == "Wren-5"]
    assert dataset.introduced
    assert result.of("Method") == []


def test_a_definition_followed_by_a_dataset_noun_is_a_dataset(extractor: Extractor) -> None:
    abstract = "We parse the Tern Parses (TEP) corpus and the Gull Scenes (GUS) dataset."
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    assert {"TEP", "GUS"} <= {d.name for d in result.of("Dataset")}


def test_a_proposed_name_after_a_dataset_list_stays_a_method(extractor: Extractor) -> None:
    abstract = "We propose a detector, named Heron-Det. On CIFAR-10 and ImageNet, Heron-Det wins."
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    assert "Heron-Det" in {m.name for m in result.of("Method") if m.role == "proposed"}


def test_a_name_used_as_a_modifier_after_a_list_is_not_in_it(extractor: Extractor) -> None:
    abstract = "We test on Tern-2 and Wren-5. On Wren-5, Heron-based tools fall behind Heron."
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    assert "Heron" not in {d.name for d in result.of("Dataset")}


def _searched_whole(text: str, start: int, end: int) -> str | None:
    """``neighbour_type`` as the plain searches of the whole window before the name give it."""
    from kg.extract.context import _WINDOW, _noun_after_modifiers, _patterns

    patterns = _patterns()
    if patterns.apposition.match(text, end, min(len(text), end + _WINDOW)):
        return "context:apposition"
    before = text[max(0, start - _WINDOW) : start]
    if patterns.noun_before.search(before):
        return "context:noun_before"
    if patterns.result_before.search(before):
        return "context:result_on"
    if _noun_after_modifiers(text, end):
        return "context:noun_after_modifiers"
    return None


_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "\u00a0",
        ",",
        "the",
        "The",
        "THE",
        "on",
        "ON",
        "On",
        "dataset",
        "Datasets",
        "data set",
        "corpus",
        "Benchmark",
        "suite",
        "4.6%",
        "12",
        "points",
        "pp",
        "gain",
        "relative",
        "improvement",
        "x",
        "_",
        "-",
        "ſ",
        "K",
        "İ",
        "Wren-5",
        "bird",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.lists(_PIECES, max_size=8))
def test_the_window_is_searched_only_where_a_match_can_start(
    before: list[str], after: list[str]
) -> None:
    """The searches at the window's end start where a match can (fast), and find what
    searching the whole window finds."""
    head = "".join(before)
    text = head + "Wren-5" + "".join(after)
    start = len(head)
    assert neighbour_type(text, start, start + 6) == _searched_whole(text, start, start + 6)
