"""Titles "Name: what it does" and "Some Network for ..." name the paper's own method or dataset."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.title import title_name, title_phrase
from kg.models import DatasetFinding, Finding, Paper, PaperExtraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _no_measures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.label not in ("Task", "Metric")]


def _extract(extractor: Extractor, title: str, abstract: str) -> PaperExtraction:
    [result] = extractor.extract([Paper(id="t", title=title, abstract=abstract)])
    # tasks and metrics have rules of their own (tests/extract/test_tasks_metrics.py)
    return result.model_copy(update={"findings": _no_measures(result.findings)})


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Ibex-7B: an Open Model for Code", "Ibex-7B"),
        ("T5-Lite: Small Text Models", "T5-Lite"),
        ("Quetzal: Fast Sparse Attention for Long Inputs", "Quetzal"),
        ("Kestrel Mixer: A Sparse Model for Audio", "Kestrel Mixer"),
    ],
)
def test_name_before_the_colon_is_a_proposed_method(
    extractor: Extractor, title: str, name: str
) -> None:
    [finding] = _extract(extractor, title, "It works well.").findings
    assert (finding.label, finding.name, finding.role, finding.rule) == (
        "Method",
        name,
        "proposed",
        "title",
    )
    assert finding.evidence == title
    assert [(m.start, m.end, m.text) for m in finding.mentions] == [(0, len(name), name)]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("HornBench: A Benchmark for Tool Use", "HornBench"),
        ("PuffinQA: A Corpus of Seabird Questions", "PuffinQA"),
        ("Menu-1M: a Large Dataset of Menus", "Menu-1M"),
    ],
)
def test_a_benchmark_subtitle_makes_an_introduced_dataset(
    extractor: Extractor, title: str, name: str
) -> None:
    [finding] = _extract(extractor, title, "We collect many tasks.").findings
    assert isinstance(finding, DatasetFinding)
    assert (finding.label, finding.name, finding.introduced, finding.rule) == (
        "Dataset",
        name,
        True,
        "title",
    )


@pytest.mark.parametrize(
    "title",
    [
        "Sparse Codes: A Survey of Methods",  # a survey
        "KiteNets: an Analysis of Sparse Models",  # a study of others' work
        "Rethinking Kites: Sparse Lattices",  # a lead word, not a name
        "Beyond Accuracy: Robust Parsing Models",
        "One Two Three Four Five: Counting Nets",  # too long for a name
        "Wombat, Stoat: Two Models",  # a list
        "Sparse Codes: Fast Lattices",  # plain words without a method head
    ],
)
def test_titles_that_name_nothing(title: str) -> None:
    assert title_name(f"{title}\nWe review work.") is None


def test_title_name_gives_offsets_and_label() -> None:
    assert title_name("  GlideRank: Learning to Rank\nabstract") == (2, 11, "GlideRank", "Method")
    assert title_name("HornBench: A Benchmark for Tools") == (0, 9, "HornBench", "Dataset")


def test_the_title_name_repeated_in_the_abstract_is_one_finding(extractor: Extractor) -> None:
    title = "Wombat-Q: Sparse Kernel Machines"
    result = _extract(extractor, title, "We introduce Wombat-Q for kernels. Wombat-Q runs fast.")
    [finding] = result.findings
    assert finding.name == "Wombat-Q" and finding.role == "proposed"
    assert [(m.start, m.end, m.rule) for m in finding.mentions] == [
        (0, 8, "title"),
        (46, 54, "cue:proposal"),
        (68, 76, "repeat"),
    ]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Gated Lattice Network for Video Tagging", "Gated Lattice Network"),
        ("Sparse Voxel Transformer via Hashing", "Sparse Voxel Transformer"),
        ("Lattice Kite Transformer", "Lattice Kite Transformer"),
    ],
)
def test_leading_method_phrase_of_a_title(extractor: Extractor, title: str, name: str) -> None:
    assert title_phrase(f"{title}\nWe tag videos.") == (0, len(name), name)
    [finding] = _extract(extractor, title, "We tag videos.").findings
    assert (finding.name, finding.role, finding.rule) == (name, "proposed", "title_phrase")


@pytest.mark.parametrize(
    "title",
    [
        "Why Kite Networks Work",  # a question, not a name
        "Menu Parsing with Sparse Lattices",  # no method head word
        "Network",  # one word
        "Kite Networks Are Sparse Models",  # a verb
    ],
)
def test_titles_without_a_method_phrase(title: str) -> None:
    assert title_phrase(f"{title}\nWe parse.") is None


def test_title_phrase_gives_way_to_a_proposed_name(extractor: Extractor) -> None:
    result = _extract(
        extractor, "Gated Lattice Network for Video Tagging", "We propose FernRank for menus."
    )
    assert [(f.name, f.role, f.rule) for f in result.findings] == [
        ("FernRank", "proposed", "cue:proposal")
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Revisiting Sparse Lattice Network for Speech",
        "Learned Gated Router Network for Tagging",
        "Scaling Heron Transformer Models to Long Inputs",
    ],
)
def test_a_title_opening_with_a_verb_names_nothing(title: str) -> None:
    assert title_phrase(title + "\nWe study it.") is None


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Deep Hashing: GullHash, a Fast Index for Images", "GullHash"),
        ("Bird Tagging: TernNet-2, an Efficient Tagger", "TernNet-2"),
    ],
)
def test_a_name_at_the_start_of_the_subtitle_is_the_name(title: str, name: str) -> None:
    found = title_name(title + "\nWe study it.")
    assert found is not None
    start, end, text, label = found
    assert (title[start:end], text, label) == (name, name, "Method")
