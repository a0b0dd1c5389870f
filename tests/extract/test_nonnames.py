"""Name-shaped words that are not names."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.candidates import SHAPE, Candidate
from kg.extract.nonnames import not_a_name_here
from kg.models import Paper


def _here(sentence: str, word: str) -> bool:
    start = sentence.index(word)
    return not_a_name_here(sentence, Candidate(start, start + len(word), word, "name_shape", SHAPE))


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The QZR token summarises the sequence.", "QZR"),
        ("It runs on a single XP9 GPU in real time.", "XP9"),
        ("We report the BLQ score of each system.", "BLQ"),
        ("The model reaches an ERRQ of 0.85 on the test set.", "ERRQ"),
        ("It achieves 0.76 MRQ@10 overall.", "MRQ"),
        ("Attention costs O(N logN) time.", "logN"),
        ("The product QK^top is normalised.", "QK^top"),
        ("Training takes a day on eight Zephyr ZX9 GPUs.", "Zephyr"),
        ("It runs on four Quill QX 3090 cards at once.", "Quill"),
    ],
)
def test_words_that_are_not_names(sentence: str, word: str) -> None:
    assert _here(sentence, word)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("We fine-tune ZetaNet on the data.", "ZetaNet"),
        ("ZetaNet-2 of our own design wins.", "ZetaNet-2"),
        ("The QZR module is trained with Adam.", "QZR"),
        ("ZetaNet beats Heron GPT on GPUs.", "ZetaNet"),
        ("ZetaNet needs two GPUs to train.", "ZetaNet"),
        ("ZetaNet needs 40 GPU-hours of training.", "ZetaNet"),
    ],
)
def test_names_stay(sentence: str, word: str) -> None:
    assert not _here(sentence, word)


def test_a_pair_of_defined_acronyms_is_not_a_name() -> None:
    abstract = (
        "We report mean squared error (MSE) and word error rate (WER). "
        "MSE-WER curves are shown for each model."
    )
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "MSE-WER" not in {m.name for m in result.of("Method")}


@pytest.mark.parametrize(
    "abstract",
    [
        "We study image-to-SQL parsing of scanned forms.",
        "A speech-to-IPA tagger reads the calls.",
        "It learns a graph-into-JSON map.",
    ],
)
def test_a_lower_case_mapping_compound_is_not_a_name(abstract: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert [f for f in result.findings if f.label in ("Method", "Dataset")] == []


def test_a_capitalised_mapping_name_stays() -> None:
    abstract = "We compare with Speech-to-IPA, a tagger of calls."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "Speech-to-IPA" in {f.name for f in result.of("Method")}


def test_a_mapping_compound_heading_a_task_stays_a_task() -> None:
    abstract = "We study night-to-day translation of bird photographs."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "night-to-day translation" in {t.name for t in result.of("Task")}


@pytest.mark.parametrize(
    ("abstract", "residue"),
    [
        ("A light KiteNet also has sim3.5AP gain at 7% more time.", "sim3.5AP"),
        ("Methods based on ell_1 penalties select too few words.", "ell_1"),
        ("It is approx12 times faster than GullNet.", "approx12"),
        ("Errors drop by pm0.3 points over five seeds with TernNet.", "pm0.3"),
    ],
)
def test_tex_commands_that_lost_their_backslash_are_not_names(abstract: str, residue: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    names = {f.name for f in result.findings}
    assert residue not in names
    assert not {n for n in names if n.startswith(residue[:3])}


@pytest.mark.parametrize(
    ("abstract", "glued"),
    [
        ("Retrieval usingKDX hashing is fast, and KDX scales.", "usingKDX"),
        ("Compared with ourKDX variant, KDX wins.", "ourKDX"),
        ("TernNet reaches 40.1 mAPon the bird set.", "mAPon"),
        ("Scores of GULLfor each split are given.", "GULLfor"),
    ],
)
def test_a_word_glued_to_a_name_by_the_page_is_not_a_name(abstract: str, glued: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert glued not in {f.name for f in result.findings}


@pytest.mark.parametrize("name", ["ReCon", "CoCon", "TheGAN", "OnDevice", "BERTology"])
def test_names_that_merely_hold_a_function_word_stay(name: str) -> None:
    abstract = f"We compare {name} with two baselines."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert name in {f.name for f in result.of("Method")}


@pytest.mark.parametrize(
    ("abstract", "fragment"),
    [
        ("We build KITE-ViT, a HIgh-Resolution ViT for birds.", "HIgh-Resolution"),
        ("Our descriptor, DEnse Tern Features (DETF), is fast.", "DEnse"),
        ("We propose GullCLIP (eXtended Length) for long captions.", "eXtended"),
    ],
)
def test_capitals_that_mark_acronym_letters_are_no_name(abstract: str, fragment: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert fragment not in {f.name for f in result.findings}


@pytest.mark.parametrize("name", ["GPipe", "IPython", "MLlib"])
def test_a_name_with_such_capitals_standing_alone_stays(name: str) -> None:
    abstract = f"We train with {name} and two baselines."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert name in {f.name for f in result.of("Method")}


@pytest.mark.parametrize(
    ("abstract", "compound"),
    [
        ("We add a series of KL-divergences to the loss of TernNet.", "KL-divergences"),
        ("TernNet flags AI-generated photographs of birds.", "AI-generated"),
        ("We train TernNet for 40 GPU-hours.", "GPU-hours"),
    ],
)
def test_a_non_name_with_a_lower_case_word_hyphened_on_is_no_name(
    abstract: str, compound: str
) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    names = {f.name for f in result.findings}
    assert compound not in names
    assert "TernNet" in names


def test_the_next_sentence_glued_to_a_name_is_cut_off() -> None:
    abstract = "It gets 47.6% mIoU with single-scale testing on Gull20K.Code is available."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "Gull20K" in {f.name for f in result.of("Dataset")}
    assert "Gull20K.Code" not in {f.name for f in result.findings}


@pytest.mark.parametrize(
    ("abstract", "key"),
    [
        ("Recently, smith2022active gave the first bound for KiteNet.", "smith2022active"),
        ("Unlike lee2019heron, KiteNet needs no labels.", "lee2019heron"),
    ],
)
def test_a_citation_key_left_by_the_page_is_no_name(abstract: str, key: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    names = {f.name for f in result.findings}
    assert key not in names
    assert "KiteNet" in names


@pytest.mark.parametrize(
    "abstract",
    [
        "This paper reports our ``not-so-obvious'' finding that KiteNet helps.",
        "We share our 'counter-intuitive' result on KiteNet.",
    ],
)
def test_a_quoted_word_qualifying_a_finding_is_no_name(abstract: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert {f.name for f in result.of("Method")} == {"KiteNet"}


def test_a_quoted_lower_case_name_of_a_module_stays() -> None:
    abstract = "Our 'ripple' module adds little cost to KiteNet."
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "ripple" in {f.name for f in result.of("Method")}
