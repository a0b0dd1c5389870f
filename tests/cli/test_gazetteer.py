"""``kg gazetteer import --from pwc``, and extraction with the gazetteer it writes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.extract.gazetteer import read_gazetteer

METHODS = [
    {
        "url": "https://paperswithcode.com/method/zorblat",
        "name": "Zorblat",
        "full_name": "Zero-Order Blended Latent Attention",
        "description": "A made-up method.",
        "paper": {"title": "Zorblat", "url": "https://paperswithcode.com/paper/zorblat"},
        "introduced_year": 2021,
        "source_url": None,
        "code_snippet_url": None,
        "collections": [{"collection": "Attention Mechanisms", "area": "General"}],
    },
    {"name": "Quux Pooling", "full_name": "Quux Pooling", "collections": []},
    {"name": "", "full_name": "Nameless", "collections": []},
    {"name": "Zorblat", "full_name": "ZOBLA", "collections": []},
]
DATASETS = [
    {
        "url": "https://paperswithcode.com/dataset/frobbank",
        "name": "FrobBank-7",
        "full_name": "Frobnication Bank 7",
        "homepage": "https://example.org/frobbank",
        "paper": None,
        "modalities": ["Texts"],
        "tasks": [],
        "languages": ["English"],
        "variants": ["FrobBank-7"],
    }
]


def test_import_writes_gazetteer_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    methods = tmp_path / "a.json"  # told apart by its records' keys, not its name
    methods.write_text(json.dumps(METHODS, indent=1), encoding="utf-8")
    datasets = tmp_path / "datasets.json.gz"
    datasets.write_bytes(gzip.compress(json.dumps(DATASETS).encode()))
    out = tmp_path / "names.jsonl"
    argv = ["gazetteer", "import", "--from", "pwc", str(methods), str(datasets), "-o", str(out)]
    assert main(argv) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {
            "label": "Method",
            "name": "Zorblat",
            "aliases": ["Zero-Order Blended Latent Attention", "ZOBLA"],
            "generic": False,
            "case_sensitive": True,
        },
        {"label": "Method", "name": "Quux Pooling", "aliases": [], "generic": False},
        {
            "label": "Dataset",
            "name": "FrobBank-7",
            "aliases": ["Frobnication Bank 7"],
            "generic": False,
        },
    ]
    assert len(list(read_gazetteer(out))) == 3
    err = capsys.readouterr().err
    assert f"{methods}:" in err and "record has no name" in err
    assert "wrote 3 names" in err


def test_import_of_nothing_usable_fails(tmp_path: Path) -> None:
    empty = tmp_path / "lists.json"
    empty.write_text('[{"name": "X1"}]', encoding="utf-8")
    assert main(["gazetteer", "import", "--from", "pwc", str(empty), "-o", "-"]) == 3


def test_extract_finds_imported_names_with_gazetteer(tmp_path: Path) -> None:
    methods = tmp_path / "methods.json"
    methods.write_text(json.dumps(METHODS), encoding="utf-8")
    datasets = tmp_path / "datasets.json"
    datasets.write_text(json.dumps(DATASETS), encoding="utf-8")
    names = tmp_path / "names.jsonl"
    argv = ["gazetteer", "import", "--from", "pwc", str(methods), str(datasets), "-o", str(names)]
    assert main(argv) == 0
    papers = tmp_path / "papers.jsonl"
    abstract = "We apply Quux Pooling to text. Results on FrobBank-7 are good."
    papers.write_text(
        json.dumps({"id": "p1", "title": "A Study", "abstract": abstract}) + "\n", encoding="utf-8"
    )

    def found(*extra: str) -> set[tuple[str, str]]:
        out = tmp_path / "out.jsonl"
        assert main(["extract", str(papers), "-o", str(out), "--workers", "1", *extra]) == 0
        record = json.loads(out.read_text(encoding="utf-8"))
        return {(m["name"], m["rule"]) for m in record["methods"]} | {
            (d["name"], d["rule"]) for d in record["datasets"]
        }

    assert ("Quux Pooling", "gazetteer:Quux Pooling") not in found()
    with_names = found("--gazetteer", str(names))
    assert ("Quux Pooling", "gazetteer:Quux Pooling") in with_names
    assert ("FrobBank-7", "gazetteer:FrobBank-7") in with_names
