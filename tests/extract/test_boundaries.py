"""A version after a name belongs to the name; a number with a unit does not."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.boundaries import version_after
from kg.models import Paper


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We train TernNet 2.0 on speech.", "TernNet 2.0"),
        ("We train TernNet v2 on speech.", "TernNet v2"),
        ("We train TernNet v1.5, a small model.", "TernNet v1.5"),
        ("TernNet 2.5 points higher than before.", "TernNet"),
        ("TernNet 2.0 to 3.0 times faster.", "TernNet"),
        ("TernNet 3 is out.", "TernNet"),
        ("TernNet 2017 results.", "TernNet"),
    ],
)
def test_version_after(text: str, name: str) -> None:
    start = text.index("TernNet")
    assert text[start : version_after(text, start + len("TernNet"))] == name


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        ("We propose GullNet 2.0, a faster tagger.", {"GullNet 2.0"}),
        ("We compare against GullNet v3 and PloverNet 1.1 here.", {"GullNet v3", "PloverNet 1.1"}),
    ],
)
def test_versioned_names_are_found_whole(abstract: str, names: set[str]) -> None:
    [result] = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    assert {m.name for m in result.of("Method")} == names
