"""Which method a paper introduces: cues, acronym definitions and the title together."""

from __future__ import annotations

import json

import pytest

from kg.extract import ExtractConfig, Extractor
from kg.extract.acronyms import classify
from kg.models import Paper

KNOWN = [{"label": "Method", "name": "Lattice Router", "aliases": []}]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    path = tmp_path_factory.mktemp("gaz") / "known.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in KNOWN) + "\n", encoding="utf-8")
    return Extractor(ExtractConfig(gazetteers=[path]))


def _proposed(extractor: Extractor, title: str, abstract: str) -> set[str]:
    [result] = extractor.extract([Paper(id="p", title=title, abstract=abstract)])
    return {f.name for f in result.of("Method") if f.role == "proposed"}


def test_acronym_right_after_the_proposal_verb_is_a_method(extractor: Extractor) -> None:
    # "prediction" alone would say task; being what "we present" introduces says method
    abstract = "We present Sparse Token Prediction (SpaToP) for pre-training. SpaToP helps."
    assert _proposed(extractor, "Token tricks", abstract) == {"SpaToP"}


def test_acronym_in_apposition_to_a_new_method_noun(extractor: Extractor) -> None:
    abstract = "We also propose a new algorithm, Greedy Motif Learning (GML), for graphs."
    assert _proposed(extractor, "Motifs in graphs", abstract) == {"GML"}


def test_task_acronym_elsewhere_stays_suppressed(extractor: Extractor) -> None:
    abstract = "We propose a model for sparse token prediction (STP). It helps STP."
    assert "STP" not in _proposed(extractor, "Token tricks", abstract)


@pytest.mark.parametrize(
    ("long_form", "kind"),
    [
        ("Motif Search from Remote Databases", "Method"),
        ("Corpus of Annotated Dialogues", "Dataset"),
        ("Pose Estimation with Deep Networks", "Method"),
        ("Scenes in the Open", None),
    ],
)
def test_head_word_stands_before_a_preposition(long_form: str, kind: str | None) -> None:
    assert classify(long_form) == kind


def test_name_set_off_by_commas_after_the_verb(extractor: Extractor) -> None:
    abstract = "We propose, Albatross, a sparse attention scheme for long inputs."
    assert _proposed(extractor, "Long inputs", abstract) == {"Albatross"}


def test_our_model_apposition_holds_for_a_known_name_in_the_title(extractor: Extractor) -> None:
    abstract = "Our model, the Lattice Router, routes tokens. The Lattice Router is fast."
    assert _proposed(extractor, "Sparse Routing with Lattice Router", abstract) == {
        "Lattice Router"
    }


def test_known_name_outside_the_title_is_not_claimed_by_the_proposed(
    extractor: Extractor,
) -> None:
    abstract = "We compare the proposed Lattice Router with others on long inputs."
    assert _proposed(extractor, "A study of routing", abstract) == set()


def test_all_capitals_title_name_that_is_also_a_word(extractor: Extractor) -> None:
    assert _proposed(extractor, "FAST: Quick Attention for Long Inputs", "It works.") == {"FAST"}


def test_this_method_named_is_the_papers_own(extractor: Extractor) -> None:
    abstract = "A new selector is proposed. This method, named PickFast, ranks features."
    assert _proposed(extractor, "Feature choice", abstract) == {"PickFast"}


def test_our_capitalised_word_is_a_name(extractor: Extractor) -> None:
    abstract = "Built as a ``Gullformer'' layer, our Gullformer halves memory use."
    assert _proposed(extractor, "Memory savings", abstract) == {"Gullformer"}
