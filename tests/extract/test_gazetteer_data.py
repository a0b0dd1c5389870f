"""Integrity checks for the bundled method and dataset gazetteers (JSON Lines)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "kg" / "data" / "gazetteer"
FILES = {"Method": GAZETTEER_DIR / "methods.jsonl", "Dataset": GAZETTEER_DIR / "datasets.jsonl"}
REQUIRED = {"label": str, "name": str, "aliases": list, "generic": bool}
OPTIONAL = {"case_sensitive": bool}

# Everyday words that must never match case-insensitively as a specific method or dataset.
COMMON_WORDS = {
    "adam", "attention", "bagging", "clip", "cola", "copa", "drop", "glove", "glue", "glow",
    "map", "mind", "pile", "race", "record", "reinforce", "sam", "spider", "squad", "surf",
    "transformer", "whisper",
}  # fmt: skip


def normalise(form: str) -> str:
    """The comparison key for surface forms: case-folded, hyphens and whitespace removed."""
    return re.sub(r"[\s\-\u2010-\u2015]+", "", form).casefold()


def read_entries(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n"), f"{path.name}: last line must end with a newline"
    for lineno, line in enumerate(text.split("\n")[:-1], start=1):
        assert line.strip(), f"{path.name}:{lineno}: blank line"
        entry = json.loads(line)
        assert isinstance(entry, dict), f"{path.name}:{lineno}: not a JSON object"
        yield lineno, entry


def surface_forms(entry: dict[str, Any]) -> list[str]:
    return [entry["name"], *entry["aliases"]]


@pytest.fixture(scope="module")
def entries() -> dict[str, list[dict[str, Any]]]:
    return {label: [e for _, e in read_entries(path)] for label, path in FILES.items()}


@pytest.mark.parametrize("label", sorted(FILES))
def test_every_line_is_a_well_formed_entry(label: str) -> None:
    path = FILES[label]
    for lineno, entry in read_entries(path):
        where = f"{path.name}:{lineno}"
        missing = REQUIRED.keys() - entry.keys()
        assert not missing, f"{where}: missing keys {sorted(missing)}"
        unknown = entry.keys() - REQUIRED.keys() - OPTIONAL.keys()
        assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
        for key, kind in {**REQUIRED, **OPTIONAL}.items():
            if key in entry:
                assert type(entry[key]) is kind, f"{where}: {key!r} must be {kind.__name__}"
        assert entry["label"] == label, f"{where}: label {entry['label']!r} in {path.name}"
        assert all(isinstance(a, str) for a in entry["aliases"]), f"{where}: non-string alias"


@pytest.mark.parametrize("label", sorted(FILES))
def test_surface_forms_are_clean_strings(
    label: str, entries: dict[str, list[dict[str, Any]]]
) -> None:
    for entry in entries[label]:
        forms = surface_forms(entry)
        for form in forms:
            assert form, f"{entry['name']!r}: empty surface form"
            assert form == form.strip(), f"{entry['name']!r}: untrimmed form {form!r}"
            assert "  " not in form, f"{entry['name']!r}: double space in {form!r}"
        assert len(forms) == len(set(forms)), f"{entry['name']!r}: repeated alias"


@pytest.mark.parametrize("label", sorted(FILES))
def test_no_surface_form_belongs_to_two_entries(
    label: str, entries: dict[str, list[dict[str, Any]]]
) -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries[label]:
        for key in {normalise(form) for form in surface_forms(entry)}:
            if key in owner:
                clashes.append((key, owner[key], entry["name"]))
            owner[key] = entry["name"]
    assert not clashes, f"surface forms shared by two {label} entries: {clashes[:10]}"


def test_methods_and_datasets_share_no_surface_form(
    entries: dict[str, list[dict[str, Any]]],
) -> None:
    methods = {normalise(f) for e in entries["Method"] for f in surface_forms(e)}
    datasets = {normalise(f) for e in entries["Dataset"] for f in surface_forms(e)}
    assert not methods & datasets, f"shared: {sorted(methods & datasets)[:10]}"


def test_only_method_families_are_generic(entries: dict[str, list[dict[str, Any]]]) -> None:
    assert not [e["name"] for e in entries["Dataset"] if e["generic"]]
    generic = [e for e in entries["Method"] if e["generic"]]
    assert 40 <= len(generic) <= 110
    for entry in generic:
        assert entry["aliases"] or " " in entry["name"], f"{entry['name']!r}: no long form"


def test_mechanisms_are_generic_families(entries: dict[str, list[dict[str, Any]]]) -> None:
    """Normalisation layers, activations, attention and convolution variants and training
    procedures are families a paper builds with, not named methods."""
    by_name = {e["name"]: e for e in entries["Method"]}
    mechanisms = ["Batch Normalization", "Layer Normalization", "ReLU", "GELU", "Dropout"]
    mechanisms += ["Multi-Head Attention", "Atrous Convolution", "Backpropagation", "SGD"]
    assert [m for m in mechanisms if not by_name[m]["generic"]] == []


def test_common_words_are_generic_or_case_sensitive(
    entries: dict[str, list[dict[str, Any]]],
) -> None:
    offenders = [
        form
        for label in FILES
        for e in entries[label]
        if not e["generic"] and not e.get("case_sensitive", False)
        for form in surface_forms(e)
        if form.casefold() in COMMON_WORDS
    ]
    assert not offenders, f"ambiguous forms without case_sensitive: {offenders}"


def test_case_sensitive_flag_is_only_ever_true(entries: dict[str, list[dict[str, Any]]]) -> None:
    flags = {e["case_sensitive"] for lbl in FILES for e in entries[lbl] if "case_sensitive" in e}
    assert flags <= {True}


@pytest.mark.parametrize(
    ("label", "name", "alias"),
    [
        ("Method", "ResNet-50", "ResNet50"),
        ("Method", "BERT", "Bidirectional Encoder Representations from Transformers"),
        ("Method", "CNN", "Convolutional Neural Networks"),
        ("Dataset", "MS-COCO", "COCO"),
        ("Dataset", "CIFAR-10", "CIFAR10"),
        ("Dataset", "LibriSpeech", None),
    ],
)
def test_well_known_entries_are_present(
    label: str, name: str, alias: str | None, entries: dict[str, list[dict[str, Any]]]
) -> None:
    by_name = {e["name"]: e for e in entries[label]}
    assert name in by_name
    if alias is not None:
        assert alias in by_name[name]["aliases"]


def test_gazetteers_have_broad_coverage(entries: dict[str, list[dict[str, Any]]]) -> None:
    assert len(entries["Method"]) >= 150
    assert len(entries["Dataset"]) >= 150
