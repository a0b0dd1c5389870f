"""Gazetteers: reading JSON Lines files, looking names up, and known names in the findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.errors import ConfigError
from kg.extract import ExtractConfig, Extractor
from kg.extract.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
    read_gazetteer,
    shipped_gazetteers,
)
from kg.models import MethodFinding, Paper, PaperExtraction
from kg.resources import PIPELINE_CONFIG

ENTRIES: list[dict[str, Any]] = [
    {"label": "Method", "name": "Zeta-Net", "aliases": ["ZN"]},
    {"label": "Dataset", "name": "Quokka Reads", "aliases": ["QuoR"]},
    {"label": "Method", "name": "Fennec Block", "aliases": ["FB"], "generic": True},
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _jsonl(path: Path, entries: list[dict[str, Any]]) -> Path:
    return _write(path, [json.dumps(e) for e in entries])


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    path = _jsonl(tmp_path_factory.mktemp("gaz") / "mine.jsonl", ENTRIES)
    return Extractor(ExtractConfig(gazetteers=[path]))


def _extract(extractor: Extractor, abstract: str) -> PaperExtraction:
    [result] = extractor.extract([Paper(id="g", title="", abstract=abstract)])
    return result


# --- files -------------------------------------------------------------------------------


def test_entries_are_read_with_defaults_and_comments_skipped(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "g.jsonl",
        [
            "# my names",
            json.dumps({"label": "Method", "name": "Zeta-Net"}),
            "",
            json.dumps(
                {"label": "Dataset", "name": "Moth", "aliases": ["MTH"], "case_sensitive": True}
            ),
        ],
    )
    first, second = read_gazetteer(path)
    assert (first.label, first.name, first.aliases, first.generic, first.case_sensitive) == (
        "Method",
        "Zeta-Net",
        [],
        False,
        False,
    )
    assert (second.label, second.surfaces(), second.case_sensitive) == (
        "Dataset",
        ["Moth", "MTH"],
        True,
    )


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"label": "Method", "name": "Zeta-Net",}', r"bad\.jsonl:2: not a gazetteer entry"),
        ('{"label": "Method", "aliases": ["ZN"]}', r"bad\.jsonl:2: not a gazetteer entry"),
        ('{"label": "Method", "name": "Zeta", "aliases": "ZN"}', r"bad\.jsonl:2: not a gaz"),
        ('{"label": "Task", "name": "Parsing"}', r"bad\.jsonl:2: label must be one of"),
    ],
)
def test_a_bad_line_is_a_config_error_with_its_line(tmp_path: Path, line: str, reason: str) -> None:
    path = _write(tmp_path / "bad.jsonl", [json.dumps({"label": "Method", "name": "Ok"}), line])
    with pytest.raises(ConfigError, match=reason):
        list(read_gazetteer(path))


def test_an_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read gazetteer"):
        list(read_gazetteer(tmp_path))  # a directory


def test_shipped_files_are_the_method_and_dataset_lists() -> None:
    assert [p.name for p in shipped_gazetteers()] == ["datasets.jsonl", "methods.jsonl"]


# --- lookups -----------------------------------------------------------------------------


@pytest.fixture
def gazetteer(tmp_path: Path) -> Gazetteer:
    return load_gazetteer([_jsonl(tmp_path / "a.jsonl", ENTRIES)])


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Zeta-Net", "Zeta-Net"),
        ("ZetaNet", "Zeta-Net"),
        ("zeta net", "Zeta-Net"),
        ("ZN", "Zeta-Net"),
        ("quokka reads", "Quokka Reads"),
        ("QuoR", "Quokka Reads"),
    ],
)
def test_spellings_of_a_surface_find_its_entry(
    gazetteer: Gazetteer, surface: str, name: str
) -> None:
    entry = gazetteer.lookup(surface)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize("surface", ["Zeta", "Net", "Quokka", "Fennec"])
def test_parts_of_a_name_are_not_the_name(gazetteer: Gazetteer, surface: str) -> None:
    assert gazetteer.lookup(surface) is None


def test_methods_are_looked_up_before_datasets(tmp_path: Path) -> None:
    both = [
        {"label": "Dataset", "name": "Moth", "aliases": []},
        {"label": "Method", "name": "Moth", "aliases": []},
    ]
    entry = load_gazetteer([_jsonl(tmp_path / "b.jsonl", both)]).lookup("Moth")
    assert entry is not None and entry.label == "Method"


def test_first_file_keeps_a_surface_both_files_define(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "1.jsonl", [{"label": "Method", "name": "Kite", "aliases": ["KT"]}])
    second = _jsonl(
        tmp_path / "2.jsonl", [{"label": "Method", "name": "Kestrel", "aliases": ["KT"]}]
    )
    gazetteer = load_gazetteer([first, second])
    assert len(gazetteer.entries) == 2
    entry = gazetteer.lookup("KT")
    assert entry is not None and entry.name == "Kite"


def test_a_lookup_sees_entries_added_after_it(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Marten") is None
    gazetteer.add(GazetteerEntry(label="Method", name="Marten"))
    entry = gazetteer.lookup("Marten")
    assert entry is not None and entry.name == "Marten"


def test_singular_forms_cover_hyphen_spellings() -> None:
    entry = GazetteerEntry(label="Method", name="Zeta-Net", aliases=["ZN"])
    assert entry.singulars() == {"zeta-net", "zeta net", "zetanet", "zn"}


# --- in the findings ---------------------------------------------------------------------


def test_spelling_variants_are_one_finding_shown_as_most_written(extractor: Extractor) -> None:
    result = _extract(extractor, "We tune ResNet50, and ResNet50 beats ResNet 50 and ResNet-50.")
    [method] = result.of("Method")
    assert (method.name, method.key, method.rule) == ("ResNet50", "resnet50", "gazetteer:ResNet-50")
    assert method.aliases == ["ResNet-50", "ResNet 50"]
    assert [(m.start, m.end, m.text) for m in method.mentions] == [
        (8, 16, "ResNet50"),
        (22, 30, "ResNet50"),
        (37, 46, "ResNet 50"),
        (51, 60, "ResNet-50"),
    ]


def test_a_known_name_matches_in_any_case(extractor: Extractor) -> None:
    [dataset] = _extract(extractor, "Our tagger reads quokka reads in a day.").of("Dataset")
    assert (dataset.name, dataset.aliases, dataset.rule) == (  # a user entry keeps its name
        "Quokka Reads",
        ["quokka reads"],
        "gazetteer:Quokka Reads",
    )
    assert dataset.confidence == 0.85


def test_a_plural_is_shown_in_the_singular(extractor: Extractor) -> None:
    methods = _extract(extractor, "Two Zeta-Nets beat one ZN here.").of("Method")
    assert [m.name for m in methods] == ["Zeta-Net"]
    assert [m.text for m in methods[0].mentions] == ["Zeta-Nets", "ZN"]


@pytest.mark.parametrize(
    "abstract",
    [
        "A CNN baseline and an LSTM encoder are compared with ResNet-50.",
        "Convolutional neural networks fail here, unlike ResNet-50.",
        "Stacking FB layers with Fennec Blocks beats ResNet-50.",
    ],
)
def test_generic_families_are_not_reported(extractor: Extractor, abstract: str) -> None:
    assert [f.name for f in _extract(extractor, abstract).findings] == ["ResNet-50"]


def test_generic_families_are_reported_when_the_config_asks(tmp_path: Path) -> None:
    config = tmp_path / "extract.cfg"
    text = PIPELINE_CONFIG.read_text(encoding="utf-8")
    assert "emit_generic = false" in text
    config.write_text(text.replace("emit_generic = false", "emit_generic = true"), "utf-8")
    result = _extract(Extractor(ExtractConfig(config=config)), "A CNN beats ResNet-50 here.")
    by_name = {f.display: f for f in result.of("Method") if isinstance(f, MethodFinding)}
    assert set(by_name) == {"CNN", "ResNet-50"}
    assert by_name["CNN"].generic and not by_name["ResNet-50"].generic
