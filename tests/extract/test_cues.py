"""Cue phrases ("we propose X", "called X", "the X dataset", "experiments on X, Y and Z") as
they show in the findings: label, role, rule, evidence and where the name stands."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.models import DatasetFinding, EntityLabel, Finding, Paper, PaperExtraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _no_measures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.label not in ("Task", "Metric")]


def _extract(extractor: Extractor, abstract: str, title: str = "") -> PaperExtraction:
    [result] = extractor.extract([Paper(id="c", title=title, abstract=abstract)])
    # tasks and metrics have rules of their own (tests/extract/test_tasks_metrics.py)
    return result.model_copy(update={"findings": _no_measures(result.findings)})


def _only(extractor: Extractor, abstract: str) -> Finding:
    [finding] = _extract(extractor, abstract).findings
    return finding


def _names(extractor: Extractor, abstract: str, label: EntityLabel) -> dict[str, str]:
    """Name -> rule of the findings with ``label``."""
    return {f.display: f.rule for f in _extract(extractor, abstract).of(label)}


@pytest.mark.parametrize(
    ("abstract", "name", "rule"),
    [
        ("We propose Wombat, a sparse solver for tiny graphs.", "Wombat", "cue:proposal"),
        ("Here we present TernGlide for low-bit training.", "TernGlide", "cue:proposal"),
        ("Here, we put forward TealNet, a sparse parser.", "TealNet", "cue:proposal"),
        ("In this work we develop the Kiwi Planner for robots.", "Kiwi Planner", "cue:proposal"),
        ("This study presents Gadwall for parsing menus.", "Gadwall", "cue:proposal_this_paper"),
        ("We build a retrieval model, called Gannet, for documents.", "Gannet", "cue:naming"),
        ("Our encoder, dubbed QuillFormer, reads scanned forms.", "QuillFormer", "cue:naming"),
        ("We call this model FernRank in the rest of the text.", "FernRank", "cue:naming_we_call"),
        ("This model is referred to as LumoSeg below.", "LumoSeg", "cue:naming_refer"),
        ("Our approach, Merganser, wins by far.", "Merganser", "cue:our_model_comma"),
        ("The proposed Lagoon reduces error.", "Lagoon", "cue:the_proposed"),
    ],
)
def test_proposal_cues_make_a_proposed_method(
    extractor: Extractor, abstract: str, name: str, rule: str
) -> None:
    finding = _only(extractor, abstract)
    assert (finding.label, finding.name, finding.role, finding.rule) == (
        "Method",
        name,
        "proposed",
        rule,
    )
    assert finding.confidence == 0.9
    [mention] = finding.mentions
    start = abstract.index(name)
    assert (mention.start, mention.end, mention.text) == (start, start + len(name), name)


@pytest.mark.parametrize(
    "abstract",
    ["Our new Eider model reads menus.", "Our Eider reads menus.", "Our model Eider reads menus."],
)
def test_our_name_is_proposed_with_less_confidence(extractor: Extractor, abstract: str) -> None:
    finding = _only(extractor, abstract)
    assert (finding.name, finding.role, finding.rule, finding.confidence) == (
        "Eider",
        "proposed",
        "cue:our_name",
        0.75,
    )


@pytest.mark.parametrize(
    ("abstract", "role"),
    [
        ("A plain parser, called Smew, was used before.", "used"),
        ("A parser called Smew is studied. We propose other things.", "used"),
        ("In this paper, a parser called Smew is studied.", "proposed"),
        ("We add a module named Smew to the parser.", "proposed"),
    ],
)
def test_naming_is_a_proposal_only_with_first_person_in_the_sentence(
    extractor: Extractor, abstract: str, role: str
) -> None:
    finding = _only(extractor, abstract)
    assert (finding.name, finding.rule, finding.role) == ("Smew", "cue:naming", role)


def test_the_proposed_known_method_is_not_the_papers_own(extractor: Extractor) -> None:
    finding = _only(extractor, "The proposed ResNet-50 variant reduces error.")
    assert (finding.name, finding.role, finding.rule) == ("ResNet-50", "used", "cue:the_proposed")


def test_a_cue_does_not_read_into_the_next_sentence(extractor: Extractor) -> None:
    assert _extract(extractor, "Results are what we present. Wombat follows later.").findings == []


@pytest.mark.parametrize(
    ("abstract", "name", "rule"),
    [
        ("Scores are reported on the Puffin dataset.", "Puffin", "cue:dataset_word_after"),
        ("We test it on the Tern-3 benchmark and it wins.", "Tern-3", "cue:dataset_word_after"),
        ("We evaluate on the Menu Pond corpus.", "Menu Pond", "cue:dataset_word_after"),
        (
            "Results on the Gull Marsh data set are strong.",
            "Gull Marsh",
            "cue:dataset_data_set_after",
        ),
        ("Accuracy on the Tarn-6 test set rises by 2 points.", "Tarn-6", "cue:dataset_split_after"),
        ("We report the Fjord-2 validation split too.", "Fjord-2", "cue:dataset_split_after"),
    ],
)
def test_name_before_a_dataset_word_is_a_dataset(
    extractor: Extractor, abstract: str, name: str, rule: str
) -> None:
    finding = _only(extractor, abstract)
    assert isinstance(finding, DatasetFinding)
    assert (finding.name, finding.rule, finding.introduced) == (name, rule, False)
    assert finding.evidence == abstract


@pytest.mark.parametrize(
    ("abstract", "names", "rule"),
    [
        (
            "We evaluate on Gullnet-9, Kitty-4 and TitSet across all settings.",
            ["Gullnet-9", "Kitty-4", "TitSet"],
            "cue:dataset_evaluated_on",
        ),
        (
            "Models are trained on ShagCorpus and tested on Loon-7.",
            ["ShagCorpus", "Loon-7"],
            "cue:dataset_evaluated_on",
        ),
        (
            "We compare with datasets such as Murre-12, Auk-3 and Razor-8.",
            ["Murre-12", "Auk-3", "Razor-8"],
            "cue:dataset_such_as",
        ),
        (
            "We benchmark on two datasets: Creek-A1 and Brook-B2.",
            ["Creek-A1", "Brook-B2"],
            "cue:dataset_word_list",
        ),
    ],
)
def test_dataset_lists_after_a_cue(
    extractor: Extractor, abstract: str, names: list[str], rule: str
) -> None:
    result = _extract(extractor, abstract)
    assert _names(extractor, abstract, "Dataset") == dict.fromkeys(names, rule)
    assert result.of("Method") == []
    for finding in result.of("Dataset"):
        [mention] = finding.mentions
        assert abstract[mention.start : mention.end] == finding.name
        assert finding.confidence == 0.75


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Experiments on Wren-5, Skua and PetrelQA show gains.", {"Wren-5", "Skua", "PetrelQA"}),
        ("We evaluate on Heron and Gull-QA.", {"Heron", "Gull-QA"}),
        ("Results on Kestrel, Plover-2 and Avocet confirm it.", {"Kestrel", "Plover-2", "Avocet"}),
    ],
)
def test_a_capitalised_word_in_a_dataset_list_is_a_dataset(
    extractor: Extractor, abstract: str, expected: set[str]
) -> None:
    assert set(_names(extractor, abstract, "Dataset")) == expected


def test_a_lower_case_word_in_a_dataset_list_is_not_a_name(extractor: Extractor) -> None:
    names = _names(extractor, "Experiments on Wren-5, images and PetrelQA show gains.", "Dataset")
    assert set(names) == {"Wren-5", "PetrelQA"}


@pytest.mark.parametrize(
    "abstract",
    [
        "Our model outperforms Self-Distill by two points.",
        "The detector is based on Cross-Fuse and a small head.",
        "We compare with baselines such as Late-Merge.",
    ],
)
def test_a_capitalised_hyphen_compound_after_a_cue_is_a_name(
    extractor: Extractor, abstract: str
) -> None:
    result = _extract(extractor, abstract)
    assert any("-" in f.name for f in result.of("Method"))


@pytest.mark.parametrize(
    ("abstract", "names", "rule"),
    [
        (
            "We build on methods such as Delta-GAN, Estuary-3 and BayNet.",
            ["Delta-GAN", "Estuary-3", "BayNet"],
            "cue:method_such_as",
        ),
        (
            "Strong baselines including TideFormer and WaveMix are used.",
            ["TideFormer", "WaveMix"],
            "cue:method_such_as",
        ),
        ("It is compared with Heron-7 and Egret-9.", ["Heron-7", "Egret-9"], "cue:method_compared"),
        ("It is based on Cormorant-XL for the encoder.", ["Cormorant-XL"], "cue:method_based_on"),
    ],
)
def test_method_lists_after_a_cue_are_used_methods(
    extractor: Extractor, abstract: str, names: list[str], rule: str
) -> None:
    result = _extract(extractor, abstract)
    assert {f.name: (f.rule, f.role) for f in result.findings} == dict.fromkeys(
        names, (rule, "used")
    )


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We release Sparrow-QA, a large-scale dataset for question answering.", "Sparrow-QA"),
        ("We introduce the Menu Pond dataset for parsing.", "Menu Pond"),
        ("We introduce the Quiet Pond Corpus of frog calls.", "Quiet Pond Corpus"),
    ],
)
def test_a_proposed_dataset_is_introduced(extractor: Extractor, abstract: str, name: str) -> None:
    finding = _only(extractor, abstract)
    assert isinstance(finding, DatasetFinding)
    assert (finding.name, finding.introduced) == (name, True)


@pytest.mark.parametrize(
    "abstract", ["Stork datasets are rare.", "Regarding Menus, no benchmark exists."]
)
def test_a_sentence_opening_word_is_not_a_name(extractor: Extractor, abstract: str) -> None:
    assert _extract(extractor, abstract).findings == []


def test_evidence_is_the_sentence_of_the_cue(extractor: Extractor) -> None:
    abstract = "We propose Gadwall. It is tested on the MenuPond benchmark. Gadwall wins."
    result = _extract(extractor, abstract, title="Menu Parsing")
    by_name = {f.name: f for f in result.findings}
    assert set(by_name) == {"Gadwall", "MenuPond"}
    assert by_name["Gadwall"].evidence == "We propose Gadwall."
    assert by_name["MenuPond"].evidence == "It is tested on the MenuPond benchmark."
    # offsets count the title line and its line break
    assert [(m.start, m.rule) for m in by_name["Gadwall"].mentions] == [
        (24, "cue:proposal"),
        (73, "repeat"),
    ]


@pytest.mark.parametrize(
    "abstract",
    [
        "We collect Kelp-5k, a new dataset of seaweed images.",
        "We also release Kelp-5k, a collection of seaweed images.",
        "Kelp-5k, a new benchmark for seaweed images, is out.",
    ],
)
def test_name_in_apposition_to_a_new_dataset_is_a_dataset(
    extractor: Extractor, abstract: str
) -> None:
    finding = _only(extractor, abstract)
    assert (finding.label, finding.name) == ("Dataset", "Kelp-5k")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("The detector is built on the benchmark KelpNet-3 for training.", "KelpNet-3"),
        (
            "Our studies are based on the synthetic dataset DTiles and the face dataset FaceQ.",
            "DTiles",
        ),
        ("Our model relies on the corpus WebNet-2 for pre-training.", "WebNet-2"),
    ],
)
def test_a_dataset_noun_just_before_a_method_cues_name_makes_it_a_dataset(
    extractor: Extractor, abstract: str, name: str
) -> None:
    assert name in _names(extractor, abstract, "Dataset")
    assert _names(extractor, abstract, "Method") == {}


def test_a_method_cues_name_without_a_dataset_noun_stays_a_method(extractor: Extractor) -> None:
    finding = _only(extractor, "Our detector is based on Quillo-Net.")
    assert (finding.label, finding.name) == ("Method", "Quillo-Net")


@pytest.mark.parametrize(
    "abstract",
    [
        "We also release a corpus of real-world bird videos named Kestrel.",
        "We collect a large benchmark of night-time calls, named Kestrel, for counting.",
        "We build a new split, which we call Kestrel.",
    ],
)
def test_a_name_given_to_a_dataset_phrase_is_an_introduced_dataset(
    extractor: Extractor, abstract: str
) -> None:
    [dataset] = _extract(extractor, abstract).of("Dataset")
    assert dataset.name == "Kestrel" and dataset.introduced
    assert _extract(extractor, abstract).of("Method") == []


@pytest.mark.parametrize(
    "abstract",
    [
        "We train on the corpus with a model named Kestrel.",
        "We pair the bird corpus with a network named Kestrel.",
    ],
)
def test_a_name_given_to_a_model_near_a_dataset_noun_is_a_method(
    extractor: Extractor, abstract: str
) -> None:
    assert "Kestrel" in {m.name for m in _extract(extractor, abstract).of("Method")}
    assert _extract(extractor, abstract).of("Dataset") == []


@pytest.mark.parametrize(
    ("abstract", "model"),
    [
        ("It reaches lower perplexity on Wren-5 and Tern-BERT-base gains too.", "Tern-BERT-base"),
        ("We report results on Wren-5 and Tern-7B.", "Tern-7B"),
        ("Experiments on Wren-5, Heron-9 and KiteLM-large show gains.", "KiteLM-large"),
    ],
)
def test_a_model_sized_name_in_a_dataset_list_is_a_method(
    extractor: Extractor, abstract: str, model: str
) -> None:
    result = _extract(extractor, abstract)
    assert "Wren-5" in {d.name for d in result.of("Dataset")}
    assert model in {m.name for m in result.of("Method")}
    assert model not in {d.name for d in result.of("Dataset")}


@pytest.mark.parametrize(
    "abstract",
    [
        "We test on several benchmarks, including Tern-5 bird counting, Wren-2 night-time"
        " call detection and Skua-1 forecasting.",
        "Results on the datasets Tern-5 counting, Wren-2 detection and Skua-1 are strong.",
    ],
)
def test_list_items_that_end_in_a_task_phrase(extractor: Extractor, abstract: str) -> None:
    names = {d.name for d in _extract(extractor, abstract).of("Dataset")}
    assert {"Tern-5", "Wren-2", "Skua-1"} <= names
