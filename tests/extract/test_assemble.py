"""Grouping what the rules saw into findings: one per entity and paper, with every mention."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.models import DatasetFinding, Finding, Paper, PaperExtraction


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _no_measures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.label not in ("Task", "Metric")]


def _extract(extractor: Extractor, abstract: str, title: str = "") -> PaperExtraction:
    [result] = extractor.extract([Paper(id="a", title=title, abstract=abstract)])
    # tasks and metrics have rules of their own (tests/extract/test_tasks_metrics.py)
    return result.model_copy(update={"findings": _no_measures(result.findings)})


def _by_name(result: PaperExtraction) -> dict[str, Finding]:
    return {f.display: f for f in result.findings}


def _spans(finding: Finding) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.text) for m in finding.mentions]


def test_acronym_definition_ties_long_and_short_form(extractor: Extractor) -> None:
    abstract = "We propose Sparse Heron Attention (SHA) for speech. SHA is fast."
    [finding] = _extract(extractor, abstract).findings
    assert (finding.label, finding.name, finding.role, finding.rule) == (
        "Method",
        "SHA",
        "proposed",
        "acronym_definition",
    )
    assert finding.aliases == ["Sparse Heron Attention"]
    assert _spans(finding) == [(11, 33, "Sparse Heron Attention"), (35, 38, "SHA"), (52, 55, "SHA")]
    assert finding.evidence == "We propose Sparse Heron Attention (SHA) for speech."


def test_both_forms_of_a_definition_are_mentions_wherever_they_recur(
    extractor: Extractor,
) -> None:
    abstract = (
        "We define the Heron Lattice Kernel (HLK). "
        "The Heron Lattice Kernel is fast and HLK is small."
    )
    [finding] = _extract(extractor, abstract).findings
    assert finding.name == "HLK" and finding.aliases == ["Heron Lattice Kernel"]
    assert [m.start for m in finding.mentions] == [14, 36, 46, 79]
    assert [m.sentence for m in finding.mentions][-1] == (
        "The Heron Lattice Kernel is fast and HLK is small."
    )


def test_a_defined_dataset_acronym_is_one_introduced_dataset(extractor: Extractor) -> None:
    abstract = "We introduce the Quiet Pond Corpus (QPC), a dataset of frog calls."
    [finding] = _extract(extractor, abstract).findings
    assert isinstance(finding, DatasetFinding)
    assert (finding.label, finding.name, finding.aliases, finding.introduced) == (
        "Dataset",
        "QPC",
        ["Quiet Pond Corpus"],
        True,
    )


@pytest.mark.parametrize(
    "abstract",
    [
        "We test on the Long Range Arena (LRA) and LRA results improve.",
        "Scores on Long Range Arena beat those reported for LRA before.",
    ],
)
def test_known_long_and_short_form_are_one_dataset(extractor: Extractor, abstract: str) -> None:
    [finding] = _extract(extractor, abstract).findings
    assert (finding.label, finding.key) == ("Dataset", "longrangearena")
    assert {finding.name, *finding.aliases} == {"Long Range Arena", "LRA"}
    assert {m.text for m in finding.mentions} == {"LRA", "Long Range Arena"}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        # defined once, each form written once: the paper does not say which it prefers
        ("We fine-tune a Residual Network (ResNet) on the scans.", "ResNet"),
        ("A deep residual network (ResNet) is the backbone of the detector.", "ResNet"),
        ("Scores on the Long Range Arena (LRA) improve.", "Long Range Arena"),
        # the form the paper uses most wins, gazetteer or not
        (
            "A Residual Network (ResNet) is pruned. The pruned Residual Network keeps its "
            "accuracy, and the Residual Network runs twice as fast.",
            "Residual Network",
        ),
        ("We test on the Long Range Arena (LRA). LRA results improve on LRA.", "LRA"),
    ],
)
def test_a_known_name_written_as_often_as_another_form_is_shown_as_the_gazetteer_writes_it(
    extractor: Extractor, abstract: str, name: str
) -> None:
    [finding] = [f for f in _extract(extractor, abstract).findings if f.label != "Task"]
    assert finding.name == name


def test_a_repeated_name_has_a_mention_for_each_occurrence(extractor: Extractor) -> None:
    paper = Paper(
        id="r",
        title="Sparse Solvers",
        abstract="Wombat beats Stoat. We propose Wombat. Wombat is fast and Wombat is small.",
    )
    [result] = extractor.extract([paper])
    [finding] = result.findings
    assert (finding.name, finding.role) == ("Wombat", "proposed")
    assert [m.start for m in finding.mentions] == [15, 46, 54, 73]
    for mention in finding.mentions:
        assert paper.text[mention.start : mention.end] == "Wombat"
    assert [m.sentence for m in finding.mentions] == [
        "Wombat beats Stoat.",
        "We propose Wombat.",
        "Wombat is fast and Wombat is small.",
        "Wombat is fast and Wombat is small.",
    ]
    assert finding.evidence == "We propose Wombat."


def test_a_name_inside_a_longer_word_is_not_a_mention(extractor: Extractor) -> None:
    [finding] = _extract(extractor, "We propose Wombat. Wombats are marsupials.").findings
    assert _spans(finding) == [(11, 17, "Wombat")]


def test_one_label_per_name_and_paper(extractor: Extractor) -> None:
    abstract = "We evaluate on the Kite-9 benchmark. Kite-9 is compared with Heron-7."
    by_name = _by_name(_extract(extractor, abstract))
    assert {name: f.label for name, f in by_name.items()} == {
        "Kite-9": "Dataset",
        "Heron-7": "Method",
    }
    assert [m.start for m in by_name["Kite-9"].mentions] == [19, 37]


@pytest.mark.parametrize(
    "abstract",
    [
        "Heron beats Stoat on many inputs.",
        "We run it on a GPU and report BLEU and FID scores.",
        "Our results improve with Attention and Data.",
    ],
)
def test_plain_capitalised_words_and_metrics_are_not_findings(
    extractor: Extractor, abstract: str
) -> None:
    assert _extract(extractor, abstract).findings == []


def test_a_name_shaped_word_alone_is_a_method_with_low_confidence(extractor: Extractor) -> None:
    [finding] = _extract(extractor, "The KiteNet layer is cheap.").findings
    assert (finding.label, finding.name, finding.rule, finding.confidence) == (
        "Method",
        "KiteNet",
        "name_shape",
        0.55,
    )


def test_confidence_follows_the_strongest_rule(extractor: Extractor) -> None:
    abstract = "We propose Stoat. It beats ResNet-18 and is compared with Heron-7."
    confidence = {name: f.confidence for name, f in _by_name(_extract(extractor, abstract)).items()}
    assert confidence == {"Stoat": 0.9, "ResNet-18": 0.85, "Heron-7": 0.75}


def test_a_plain_word_proven_in_another_paper_counts_there(extractor: Extractor) -> None:
    first = Paper(id="a", title="", abstract="We present a parser, named Gadwall, for menus.")
    second = Paper(id="b", title="", abstract="Menus are parsed by Gadwall in all tests.")
    result_a, result_b = extractor.extract([first, second])
    assert [f.rule for f in result_a.findings] == ["cue:naming"]
    [finding] = result_b.findings
    assert (finding.name, finding.rule, finding.confidence) == ("Gadwall", "corpus_name", 0.65)
    assert _extract(extractor, "Menus are parsed by Gadwall in all tests.").findings == []


@pytest.mark.xfail(
    strict=True,
    reason="known bug: the repeat search treats '-' as a word end, so 'Wombat' inside "
    "'Wombat-XL' becomes a mention of Wombat that overlaps the Wombat-XL finding",
)
def test_a_name_inside_a_hyphenated_name_is_not_a_mention(extractor: Extractor) -> None:
    by_name = _by_name(_extract(extractor, "We propose Wombat. Wombat-XL is larger."))
    assert _spans(by_name["Wombat"]) == [(11, 17, "Wombat")]


@pytest.mark.xfail(
    strict=True,
    reason="known bug: without a title, the abstract's first line is read as one, so a "
    "structured abstract's 'Background:' becomes a proposed method",
)
def test_a_paper_without_title_has_no_title_name(extractor: Extractor) -> None:
    assert (
        _extract(extractor, "Background: sparse kernels are cheap. We study them.").findings == []
    )


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        (
            "It is the best on benchmarks such as Revisited Gullford and Revisited Ternis.",
            ["Revisited Gullford", "Revisited Ternis"],
        ),
        (
            "We report results on datasets such as Noisy Wren-5 or Noisy Kite-9.",
            ["Noisy Kite-9", "Noisy Wren-5"],
        ),
        (
            "It wins on benchmarks such as Hard Wren, Hard Kite and Hard Tern.",
            ["Hard Kite", "Hard Tern", "Hard Wren"],
        ),
        ("Results on benchmarks such as Bread and Butter QA improve.", ["Bread and Butter QA"]),
    ],
)
def test_names_sharing_their_first_word_around_and_are_two(
    extractor: Extractor, abstract: str, names: list[str]
) -> None:
    assert sorted(f.display for f in _extract(extractor, abstract).of("Dataset")) == names
