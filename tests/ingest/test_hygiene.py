"""Text hygiene at ingest: characters XML 1.0 or UTF-8 cannot carry never reach a paper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_inputs
from kg.ingest.hygiene import UNSAFE, clean_text, clean_value

# One of each class: NUL, other C0 controls, ESC (ANSI colour), DEL-free C0 tail, the two
# non-characters, vertical tab / form feed, and lone surrogates (high and low).
CLASSES = {
    "nul": ("a\x00b", "ab"),
    "c0": ("a\x01\x02\x03\x04\x05\x06\x07\x08b", "ab"),
    "esc": ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    "c0-high": ("a\x0e\x1fb", "ab"),
    "noncharacters": ("a\ufffe\uffffb", "ab"),
    "space-like": ("a\x0bb\x0cc", "a b c"),
    "high-surrogate": ("a\ud800b", "a\ufffdb"),
    "low-surrogate": ("a\udfffb", "a\ufffdb"),
}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_class_is_removed_or_replaced(name: str) -> None:
    raw, expected = CLASSES[name]
    cleaned, count = clean_text(raw)
    assert cleaned == expected
    assert count == len(UNSAFE.findall(raw)) > 0
    cleaned.encode("utf-8")


def test_allowed_text_is_untouched() -> None:
    text = "tab\tnewline\ncr\r emoji \U0001f600 \x7f\x85 ü"
    assert clean_text(text) == (text, 0)
    value = {"a": [text]}
    assert clean_value(value)[0] is value


def test_nested_values_are_cleaned() -> None:
    cleaned, count = clean_value({"authors": ["A\x00n", {"name": "B\ud800"}], "year": 2020})
    assert cleaned == {"authors": ["An", {"name": "B\ufffd"}], "year": 2020}
    assert count == 2


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_a_paper_with_bad_characters_is_kept_and_counted(tmp_path: Path, name: str) -> None:
    raw, _ = CLASSES[name]
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "p1", "title": f"Title {raw}", "abstract": f"We propose {raw} Net."},
        {"id": "p2", "title": "Clean", "abstract": "Nothing odd."},
    ]
    # ensure_ascii: surrogates travel as \\ud800 escapes, as scraped JSON has them
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    papers, report = read_inputs([str(path)])
    assert [p.id for p in papers] == ["p1", "p2"]
    assert report.cleaned == 2 * len(UNSAFE.findall(raw))
    assert "cleaned" in report.summary()
    for paper in papers:
        assert not UNSAFE.search(paper.title + paper.abstract)
    assert json.loads(report.model_dump_json())["cleaned"] == report.cleaned


def test_raw_control_bytes_in_a_csv_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"title,abstract\nRes\x01Net paper,We \x1b[1mpropose\x07 it.\n")
    papers, report = read_inputs([str(path)])
    assert [(p.title, p.abstract) for p in papers] == [("ResNet paper", "We [1mpropose it.")]
    assert report.cleaned == 3
