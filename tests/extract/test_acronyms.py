"""Acronym definitions tie a long form to its short form and say what was defined."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.acronyms import classify, long_form_for
from kg.models import Paper


@pytest.mark.parametrize(
    ("short", "before", "long_form"),
    [
        ("GFN", "we build a Gated Fusion Network", "Gated Fusion Network"),
        ("QRB", "results on the Quantum Reasoning Bench", "Quantum Reasoning Bench"),
        ("HiPo", "a Hierarchical Pooling", "Hierarchical Pooling"),
        ("XY-Net", "the Xenon Yield Net", "Xenon Yield Net"),
    ],
)
def test_long_form_is_spelled_by_the_short_form(short: str, before: str, long_form: str) -> None:
    assert long_form_for(short, before) == long_form


def test_no_long_form_when_letters_do_not_fit() -> None:
    assert long_form_for("ZQW", "we use a plain model") is None


@pytest.mark.parametrize(
    ("long_form", "kind"),
    [
        ("Gated Fusion Network", "Method"),
        ("Quantum Reasoning Benchmark", "Dataset"),
        ("mean opinion score", "none"),
        ("visual question answering", "none"),
        ("Wavelet Lifting", None),
    ],
)
def test_head_word_decides_the_kind(long_form: str, kind: str | None) -> None:
    assert classify(long_form) == kind


def _findings(abstract: str) -> dict[str, tuple[str, str | None, bool]]:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    return {
        f.name: (f.label, getattr(f, "role", None), getattr(f, "introduced", False))
        for f in result.findings
        if f.label in ("Method", "Dataset")
    }


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose a heuristic dense network (KiteNet) for counting birds.",
        "Our approach to counting involves the design of a light gated model (KiteNet).",
        "In this work, we introduce a two-stage coarse-to-fine framework (KiteNet) for calls.",
    ],
)
def test_a_name_in_brackets_after_a_proposed_phrase_is_proposed(abstract: str) -> None:
    assert _findings(abstract)["KiteNet"] == ("Method", "proposed", False)


def test_a_name_in_brackets_after_a_new_corpus_is_an_introduced_dataset() -> None:
    found = _findings("We build a new corpus (KiteSet) of night-time calls.")
    assert found["KiteSet"][0] == "Dataset" and found["KiteSet"][2]


@pytest.mark.parametrize(
    "abstract",
    [
        "We propose a method within the gated network (GaNet) framework.",
        "We propose a loss that uses a dense network (DenseFoo) for counting.",
        "Prior work trained a dense network (DenseFoo) for counting.",
    ],
)
def test_a_name_in_brackets_the_proposal_does_not_govern_is_used(abstract: str) -> None:
    assert all(role != "proposed" for _, role, _ in _findings(abstract).values())


@pytest.mark.parametrize(
    ("abstract", "short"),
    [
        ("We propose a compact descriptor called Sparse Edge Features (SEF) for matching.", "SEF"),
        ("We present a new few-shot method called meta-gated routing (MGR) for birds.", "MGR"),
        ("In this work we introduce a module, termed Wide Echo Cells (WEC), for audio.", "WEC"),
    ],
)
def test_a_long_form_named_after_a_method_noun_of_a_proposal_is_proposed(
    abstract: str, short: str
) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    proposed = {m.name for m in result.of("Method") if m.role == "proposed"}
    assert short in proposed


def test_a_task_named_in_a_proposal_sentence_is_no_method() -> None:
    abstract = (
        "We thus formalize a novel task, termed as Open-set Bird Counting (OBC), and solve it."
    )
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert "OBC" not in {m.name for m in result.of("Method")}


@pytest.mark.parametrize(
    ("abstract", "short", "task"),
    [
        (
            "We also introduce two new tasks, namely Night Call Ranking (NCR), for birds.",
            "NCR",
            "Night Call Ranking",
        ),
        ("Models for bird call segmentation (BCSG) are weak.", "BCSG", "bird call segmentation"),
        (
            "We study a new setting, which we call Open-set Heron Counting (OHC).",
            "OHC",
            "Open-set Heron Counting",
        ),
    ],
)
def test_an_acronym_of_a_task_phrase_is_a_task(abstract: str, short: str, task: str) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert short not in {m.name for m in result.of("Method")}
    tasks = {t.name for t in result.of("Task")} | {a for t in result.of("Task") for a in t.aliases}
    assert task in tasks
