"""What the proposal verb governs, and what the words around a name say its type is."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.acronyms import governed_by_proposal
from kg.extract.gazetteer import Gazetteer, GazetteerEntry
from kg.models import Paper, PaperExtraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _extract(extractor: Extractor, abstract: str, title: str = "") -> PaperExtraction:
    [result] = extractor.extract([Paper(id="p", title=title, abstract=abstract)])
    return result


@pytest.mark.parametrize(
    "before",
    [
        "We propose a novel ",
        "In this paper we introduce a lightweight ",
        "We design a routing scheme, named ",
        "Here we present the ",
    ],
)
def test_a_name_right_after_the_proposal_verb_is_governed(before: str) -> None:
    assert governed_by_proposal(before)


@pytest.mark.parametrize(
    "before",
    [
        "We propose a tagger within the ",
        "We design a new loss by utilizing ",
        "We present a detector based on the ",
        "We introduce FooNet, a ",
        "We propose QuillNet, an efficient ",
        "Models are often trained with the ",
    ],
)
def test_a_name_in_a_using_phrase_or_describing_a_new_name_is_not_governed(before: str) -> None:
    assert not governed_by_proposal(before)


@pytest.mark.parametrize(
    ("abstract", "proposed", "used"),
    [
        (
            "We propose a segmenter within the Quiet Bayesian Lattice Model (QBLM) framework.",
            set(),
            {"QBLM"},
        ),
        (
            "We introduce Hornbill, a graph neural network (GNN) for molecules. Hornbill wins.",
            {"Hornbill"},
            set(),
        ),
        (
            "We present Sparse Gated Routing (SGR) for mixtures of experts.",
            {"SGR"},
            set(),
        ),
    ],
)
def test_acronym_definitions_are_proposed_only_when_the_verb_governs_them(
    extractor: Extractor, abstract: str, proposed: set[str], used: set[str]
) -> None:
    methods = _extract(extractor, abstract).of("Method")
    assert {m.name for m in methods if m.role == "proposed"} == proposed
    assert used <= {m.name for m in methods if m.role == "used"}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Models are tested on a new noisy split we call DustyRoads.", "DustyRoads"),
        ("We also release GullSet-9, a collection of coastal photographs.", "GullSet-9"),
        ("We build Ternary-QA, a corpus of three-way questions.", "Ternary-QA"),
    ],
)
def test_a_new_name_next_to_a_dataset_noun_is_an_introduced_dataset(
    extractor: Extractor, abstract: str, name: str
) -> None:
    result = _extract(extractor, abstract)
    datasets = {d.name: d for d in result.of("Dataset")}
    assert datasets[name].introduced
    assert name not in {m.name for m in result.of("Method")}


@pytest.mark.parametrize(
    "abstract",
    [
        "The proposed router, named BalanceRoute, spreads tokens evenly.",
        "The proposed sampler, called CoinFlip, draws fewer points.",
    ],
)
def test_a_name_given_to_the_proposed_thing_is_proposed(
    extractor: Extractor, abstract: str
) -> None:
    methods = _extract(extractor, abstract).of("Method")
    assert [m.role for m in methods] == ["proposed"]


@pytest.mark.parametrize(
    "title",
    [
        "Cheap Labels for Named Entity Recognition",
        "Budgets and Named Graph Queries",
    ],
)
def test_a_capitalised_naming_word_is_part_of_a_name_not_a_naming_verb(
    extractor: Extractor, title: str
) -> None:
    result = _extract(extractor, "We study labels.", title)
    assert all(not m.name.startswith(("Entity", "Graph")) for m in result.of("Method"))


def test_a_case_sensitive_entry_matches_only_as_written() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(GazetteerEntry(label="Method", name="MOTH", case_sensitive=True))
    assert gazetteer.lookup("MOTH") is not None
    assert gazetteer.lookup("MOTH model") is not None
    assert gazetteer.lookup("moth") is None


def test_a_long_form_matches_only_with_its_trailing_type_word() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(GazetteerEntry(label="Method", name="Cedar Proposal Network", aliases=["CPN"]))
    assert gazetteer.lookup("Cedar Proposal Networks") is not None
    assert gazetteer.lookup("CPN") is not None
    assert gazetteer.lookup("cedar proposal") is None
    short = Gazetteer()
    short.add(GazetteerEntry(label="Method", name="Birch", aliases=["Birch network"]))
    assert short.lookup("Birch") is not None
    assert short.lookup("Birch networks") is not None


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We call it lattice routing, and it needs no labels.", "lattice routing"),
        ("Our scheme, termed soft gating, helps small models.", "soft gating"),
        ("We propose a pooling, dubbed ripple pooling.", "ripple pooling"),
        ("We call this procedure warm stacking.", "warm stacking"),
        (
            "We present a way to route capsules, which we call routing by agreement.",
            "routing by agreement",
        ),
        (
            "Our rule, termed learning without forgetting, keeps old skills.",
            "learning without forgetting",
        ),
        ("We call it search via sketches; it needs no index.", "search via sketches"),
    ],
)
def test_a_lower_case_name_after_a_naming_verb_is_proposed(
    extractor: Extractor, abstract: str, name: str
) -> None:
    methods = _extract(extractor, abstract).of("Method")
    assert name in {m.name for m in methods if m.role == "proposed"}


@pytest.mark.parametrize(
    "abstract",
    [
        "We call it routing by the book.",
        "We call it pruning by hand in the first stage.",
        "We call this by design.",
    ],
)
def test_a_preposition_joins_a_lower_case_name_only_between_two_plain_words(
    extractor: Extractor, abstract: str
) -> None:
    assert [m.name for m in _extract(extractor, abstract).of("Method")] == []


@pytest.mark.parametrize(
    "abstract",
    [
        "Such models are called sparse in the literature.",
        "This is often termed the cold start problem of tagging.",
        "We study named entity recognition for shipping logs.",
    ],
)
def test_no_lower_case_name_outside_first_person_sentences(
    extractor: Extractor, abstract: str
) -> None:
    assert _extract(extractor, abstract).of("Method") == []
