"""Characters no output can carry, written into the database by another client, are cleaned
when read back, as at ingest, and counted: kg query (table, JSON, CSV), kg export --from-db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import export, query, view
from kg.hygiene import UNSAFE
from kg.store.backend import QueryResult, clean_result
from kg.store.falkordb_store import FalkorStore

from .conftest import parse

DIRTY = "Res\x1b[31mNet\ufffe\x01-50\x0b!"
CLEAN = "Res[31mNet-50 !"


@pytest.fixture
def dirty(kg_home: Path, store: FalkorStore, graph_name: str) -> str:
    """A paper written by a raw query, as any other client could, with ESC, U+FFFE, \\x01 and a
    vertical tab in a property and a list (FalkorDB takes no NUL in a query or parameter)."""
    store.graph.query(
        "CREATE (:Paper {id: 'p1', title: $title, authors: [$title]})", {"title": DIRTY}
    )
    return graph_name


def run(module: object, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    assert module.run(parse(module, argv)) == 0  # type: ignore[attr-defined]
    printed = capsys.readouterr()
    return printed.out, printed.err


CYPHER = "MATCH (p:Paper) RETURN p.title AS title, p.authors AS authors, {`k\x1b`: p.title} AS m"


@pytest.mark.parametrize("style", [[], ["--json"], ["--csv"]])
def test_query_output_is_clean_and_the_cleaning_is_said(
    dirty: str, style: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out, err = run(query, ["query", CYPHER, "--graph", dirty, *style], capsys)
    assert UNSAFE.search(out) is None
    assert CLEAN in out
    if style == ["--json"]:
        [row] = json.loads(out)
        assert row == {"title": CLEAN, "authors": [CLEAN], "m": {"k": CLEAN}}
    assert "cleaned 13 unusable character(s)" in err  # 4 each in title, list and map; 1 in key


def test_export_from_the_database_is_clean(
    dirty: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "g.json"
    argv = ["export", "--from-db", "--graph", dirty, "--format", "json", "-o", str(target)]
    _out, err = run(export, argv, capsys)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert UNSAFE.search(json.dumps(exported, ensure_ascii=False)) is None
    assert exported["nodes"][0]["title"] == CLEAN
    assert "cleaned 8 unusable character(s)" in err and "database" in err


def test_view_from_the_database_is_clean(
    dirty: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "g.html"
    cypher = "MATCH (p:Paper) RETURN p"
    argv = ["view", "--from-db", "--graph", dirty, "--cypher", cypher, "-o", str(page)]
    out, err = run(view, argv, capsys)
    assert "1 of 1 nodes" in out
    text = page.read_text(encoding="utf-8")  # (the bundled scripts hold a \x01 of their own)
    assert "\x1b" not in text and "\ufffe" not in text and "\\u001b" not in text
    assert "Res[31mNet-50" in text
    assert "cleaned 8 unusable character(s)" in err


def test_every_string_of_a_result_is_cleaned_and_counted() -> None:
    """NUL and lone surrogates too (other databases, or a restored dump, can hold them)."""
    raw = QueryResult(["a\x00"], [["x\x00y", {"k\x1b": ["\ud800", 3, None]}]])
    result = clean_result(raw)
    assert result.columns == ["a"]
    assert result.rows == [["xy", {"k": ["\ufffd", 3, None]}]]
    assert result.cleaned == 4


def test_a_clean_result_is_left_as_it_is() -> None:
    rows = [["x", {"k": [1.5, True]}]]
    raw = QueryResult(["a"], rows)
    assert clean_result(raw) is raw and raw.cleaned == 0
