"""Acronym definitions tie a long form to its short form and say what was defined."""

from __future__ import annotations

import pytest

from kg.extract.acronyms import classify, long_form_for


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
