"""Dataset signals: lists after a dataset noun, split names, variants of known datasets."""

from __future__ import annotations

import json

import pytest

from kg.extract import ExtractConfig, Extractor
from kg.models import Paper

KNOWN = [
    {"label": "Dataset", "name": "Gullset", "aliases": []},
    {"label": "Dataset", "name": "Osprey Treebank", "aliases": []},
    {"label": "Dataset", "name": "2K Loon Calls", "aliases": []},
    {
        "label": "Dataset",
        "name": "BCS",
        "aliases": ["Bird Call Segmentation", "bird call segmentation"],
        "case_sensitive": True,
    },
]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    path = tmp_path_factory.mktemp("gaz") / "known.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in KNOWN) + "\n", encoding="utf-8")
    return Extractor(ExtractConfig(gazetteers=[path]))


def _found(extractor: Extractor, abstract: str, title: str = "") -> tuple[set[str], set[str]]:
    [result] = extractor.extract([Paper(id="p", title=title, abstract=abstract)])
    return {f.name for f in result.of("Dataset")}, {f.name for f in result.of("Method")}


@pytest.mark.parametrize(
    "abstract",
    [
        "On three public datasets, Wren-2201, KTH-Gulls and OspreyDB, we gain 2 points.",
        "Tests on two face aging databases (Wren-2201 and KTH-Gulls) show gains.",
        "We report results on benchmarks Wren-2201 and KTH-Gulls.",
        "We test on bird call corpora, including the field-recorded Wren-2201 and KTH-Gulls.",
        "Results on three bird datasets (Heron Album 2, Wren-2201 and KTH-Gulls) are strong.",
        "We evaluate on the benchmarks Loon Calls, extended Wren-2201, and KTH-Gulls.",
        "Tests on Wren-2201, Heron Hall, KTH-Gulls night-time bird counting benchmarks.",
    ],
)
def test_names_listed_after_a_dataset_noun(extractor: Extractor, abstract: str) -> None:
    datasets, methods = _found(extractor, abstract)
    assert {"Wren-2201", "KTH-Gulls"} <= datasets
    assert not methods & datasets


def test_name_before_a_test_set_is_a_dataset(extractor: Extractor) -> None:
    datasets, _ = _found(extractor, "It scores 61.2 on the PLOVER test set.")
    assert datasets == {"PLOVER"}


def test_a_name_has_one_label_per_paper(extractor: Extractor) -> None:
    abstract = (
        "We propose Heron Search over Remote Databases (HeSeRD), a method for retrieval. "
        "It queries remote databases (HeSeRD keeps an index) quickly."
    )
    datasets, methods = _found(extractor, abstract)
    assert "HeSeRD" in methods and "HeSeRD" not in datasets


def test_title_case_words_before_a_dataset_noun_are_not_a_name(extractor: Extractor) -> None:
    datasets, _ = _found(extractor, "We scale it up.", "Sparse Fields For Large Diverse Datasets")
    assert datasets == set()


def test_sentence_opening_word_is_not_a_dataset(extractor: Extractor) -> None:
    datasets, _ = _found(extractor, "Regarding benchmarks, none exist for this task.")
    assert datasets == set()


def test_variant_of_a_known_dataset_needs_no_cue(extractor: Extractor) -> None:
    datasets, _ = _found(extractor, "Samples drawn at random from Gullset-64 look sharp.")
    assert datasets == {"Gullset-64"}


def test_year_suffix_marks_a_shared_task_but_not_a_venue(extractor: Extractor) -> None:
    datasets, methods = _found(extractor, "Parsing scores on KiwiST-2019 beat those in ICML2019.")
    assert datasets == {"KiwiST-2019"}
    assert "ICML2019" not in methods | datasets


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We train on the parallel corpora from KIWI’15 and test on news.", "KIWI’15"),
        ("Word error rates on LOONST'19 drop by a third.", "LOONST'19"),
        ("Our tagger, trained with data of TNEVAL'21, is fast.", "TNEVAL'21"),
    ],
)
def test_a_year_after_an_apostrophe_is_part_of_a_shared_task_name(
    extractor: Extractor, abstract: str, name: str
) -> None:
    datasets, methods = _found(extractor, abstract)
    assert name in datasets
    assert not {m for m in methods if name.startswith(m)}


def test_an_apostrophe_year_of_a_venue_is_no_dataset(extractor: Extractor) -> None:
    datasets, methods = _found(extractor, "Ideas first shown at ICML'19 now run on phones.")
    assert "ICML'19" not in methods | datasets


@pytest.mark.parametrize(
    ("abstract", "known"),
    [
        ("We parse the Osprey Treebank with 3% fewer errors.", "Osprey Treebank"),
        ("Results on Osprey Treebank and Gullset improve.", "Osprey Treebank"),
        ("It also excels on the large 2K Loon Calls dataset.", "2K Loon Calls"),
    ],
)
def test_a_cue_word_inside_a_known_name_reads_no_fragment_of_it(
    extractor: Extractor, abstract: str, known: str
) -> None:
    datasets, _ = _found(extractor, abstract)
    assert known in datasets
    assert not {d for d in datasets if d != known and d in known}


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("Results on Osprey Treebank and Gullset improve.", {"Osprey Treebank", "Gullset"}),
        ("We evaluate on Osprey Treebank and Heron Hall.", {"Osprey Treebank", "Heron Hall"}),
        (
            "Experiments on Heron Hall and Osprey Treebank datasets show gains.",
            {"Heron Hall", "Osprey Treebank"},
        ),
    ],
)
def test_a_span_joined_at_and_splits_beside_a_known_name(
    extractor: Extractor, abstract: str, expected: set[str]
) -> None:
    datasets, _ = _found(extractor, abstract)
    assert datasets == expected


def _tasks(extractor: Extractor, abstract: str) -> set[str]:
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    return {f.name for f in result.of("Task")}


@pytest.mark.parametrize(
    "abstract",
    [
        "Experiments on bird call segmentation (BCS) and image retrieval show gains.",
        "Our model also helps bird call segmentation, a hard problem.",
        "We study bird call segmentation (BCS) in noisy forests.",
    ],
)
def test_a_lower_case_long_form_of_a_dataset_names_its_task(
    extractor: Extractor, abstract: str
) -> None:
    datasets, _ = _found(extractor, abstract)
    assert not datasets & {"BCS", "bird call segmentation", "Bird Call Segmentation"}
    assert "bird call segmentation" in _tasks(extractor, abstract)


@pytest.mark.parametrize(
    "abstract",
    [
        "We report results on the BCS dataset and on Gullset.",
        "We evaluate on Bird Call Segmentation (BCS) and Gullset.",
    ],
)
def test_the_dataset_itself_is_still_a_dataset(extractor: Extractor, abstract: str) -> None:
    datasets, _ = _found(extractor, abstract)
    assert datasets & {"BCS", "Bird Call Segmentation"}


@pytest.mark.parametrize(
    "abstract",
    [
        "Gains are large on bird datasets, e.g., Wren-2201, KTH-Gulls and OspreyDB.",
        "Gains are large on bird datasets (e.g., Wren-2201, KTH-Gulls and OspreyDB).",
        "Gains are large on bird benchmarks, i.e., Wren-2201, KTH-Gulls and OspreyDB.",
    ],
)
def test_names_after_e_g_and_its_comma_are_datasets(extractor: Extractor, abstract: str) -> None:
    datasets, methods = _found(extractor, abstract)
    assert {"Wren-2201", "KTH-Gulls", "OspreyDB"} <= datasets
    assert not methods & {"Wren-2201", "KTH-Gulls", "OspreyDB"}


@pytest.mark.parametrize(
    "abstract",
    [
        "We release a labelled subset of the KTH-Gulls collection of field recordings.",
        "Retrieval runs over the Wren-04 and KTH-Gulls collections with a sparse index.",
    ],
)
def test_a_name_before_collection_is_a_dataset(extractor: Extractor, abstract: str) -> None:
    datasets, _ = _found(extractor, abstract)
    assert "KTH-Gulls" in datasets


@pytest.mark.parametrize(
    "abstract",
    [
        "Our design has three parts. Datasets: We curate a bilingual set of bird calls.",
        "Benchmarks: Moreover, we report the error of each model.",
        "Public datasets: These were recorded at night.",
    ],
)
def test_a_capitalised_function_word_after_a_dataset_header_is_no_name(
    extractor: Extractor, abstract: str
) -> None:
    datasets, methods = _found(extractor, abstract)
    assert not (datasets | methods) & {"We", "Moreover", "These"}


def test_a_known_name_after_on_splits_from_the_name_before_it(extractor: Extractor) -> None:
    abstract = "Compared with KiteNet on Osprey Treebank and Heron Hall, ours wins."
    datasets, methods = _found(extractor, abstract)
    assert {"Osprey Treebank", "Heron Hall"} <= datasets
    assert not {n for n in datasets | methods if " on " in n or " and " in n}


def test_the_long_form_of_an_acronym_holding_a_known_name_stays_whole(
    extractor: Extractor,
) -> None:
    abstract = "We introduce a reader called Gated Routing on Osprey Treebank (GROT)."
    [result] = extractor.extract([Paper(id="p", title="", abstract=abstract)])
    forms = {f.name for f in result.findings} | {a for f in result.findings for a in f.aliases}
    assert "Gated Routing on Osprey Treebank" in forms


def test_two_capital_words_split_again_when_the_gazetteer_knows_one() -> None:
    [result] = Extractor().extract(
        [Paper(id="p", title="", abstract="Hybrid CNN LSTM taggers label the calls.")]
    )
    assert "CNN LSTM" not in {f.name for f in result.findings}


def test_a_known_capital_name_run_into_the_next_splits_from_it() -> None:
    abstract = "Many datasets, such as MNIST GULLSET9, CIFAR10 and SVHN, show the effect."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    datasets = {f.name for f in result.of("Dataset")}
    assert {"MNIST", "GULLSET9"} <= datasets
    assert "MNIST GULLSET9" not in datasets
