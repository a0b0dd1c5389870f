"""The explorer's document and file, without a browser."""

from __future__ import annotations

import importlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.cli.main import main
from kg.cli.view import _node_keys
from kg.errors import ConfigError, InputError
from kg.export.graphml import write_graphml
from kg.schema import grass as schema_grass
from kg.schema import schema
from kg.view import Start, data_json, payload, render_html, select

from .conftest import NASTY_TITLE, small_graph

renderer_module = importlib.import_module("kg.view.renderer")  # kg.view.renderer is also a function


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"src", "href"} and value:
                self.urls.append((tag, name, value))


def test_colours_captions_and_sizes_come_from_the_schema() -> None:
    doc = payload(small_graph())
    for style in doc["labels"]:
        spec = schema().label(style["name"])
        assert style["color"] == spec.style["color"]
        assert style["caption"] == spec.style["caption"]
    paper = next(n for n in doc["nodes"] if n["key"] == "paper:2401.00001")
    assert paper["caption"] == NASTY_TITLE and paper["degree"] == 3
    widths = {t["name"]: t["width"] for t in doc["types"]}
    assert widths["PROPOSES"] > widths["USES"]


def test_max_nodes_keeps_the_most_linked_and_says_what_is_left_out() -> None:
    doc = payload(small_graph(), max_nodes=2)
    assert {n["key"] for n in doc["nodes"]} == {"paper:2401.00001", "method:foonet"}
    assert doc["omitted"]["nodes"] == 4
    assert doc["omitted"]["byLabel"] == {"Dataset": 1, "Method": 1, "Paper": 1, "Repository": 1}


def test_start_node_and_hops() -> None:
    graph = small_graph()
    one, key = select(graph, start=Start(schema().label("Method").label, "foo network", 1))
    assert key == "method:foonet" and set(one.nodes) == {
        key,
        "paper:2401.00001",
        "paper:2401.00002",
    }
    two, _ = select(graph, start=Start(schema().label("Method").label, "FooNet", 2))
    assert two.number_of_nodes() == graph.number_of_nodes()
    with pytest.raises(InputError):
        select(graph, start=Start(schema().label("Dataset").label, "nope"))


def test_data_cannot_close_its_script_block() -> None:
    text = data_json({"t": "</script><!-- \u2028"})
    assert "<" not in text and json.loads(text) == {"t": "</script><!-- \u2028"}


def test_the_file_fetches_nothing_and_holds_the_text_inert() -> None:
    page = render_html(payload(small_graph(), title='<b>"x"</b>'))
    parser = _Urls()
    parser.feed(page)
    remote = [u for u in parser.urls if re.match(r"\s*(https?:)?//", u[2], re.I)]
    assert remote == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert not re.search(r"@import", page)
    assert NASTY_TITLE not in page  # only its escaped form, inside the JSON block
    assert page.lower().count("</script") == 3  # the data, the renderer and our glue
    assert "<title>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>" in page


def test_missing_renderer_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    renderer_module.renderer.cache_clear()
    monkeypatch.setattr(renderer_module.importlib.util, "find_spec", lambda _name: None)
    try:
        with pytest.raises(ConfigError, match=r"kg-papers\[view\]"):
            renderer_module.renderer()
    finally:
        renderer_module.renderer.cache_clear()


def test_cli_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "graph.graphml"
    write_graphml(small_graph(), source)
    out = tmp_path / "view.html"
    assert main(["view", str(source), "-o", str(out), "--method", "FooNet"]) == 0
    assert "3 of 6 nodes" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["view", str(source), "-o", str(out), "--dataset", "missing"]) == 3


def test_query_values_name_their_nodes() -> None:
    found: set[str] = set()
    row = [
        {"labels": ["Paper"], "properties": {"id": "p1"}},
        {"nodes": [{"labels": ["Method"], "properties": {"id": "m"}}], "relationships": []},
        42,
    ]
    _node_keys(row, found)
    assert found == {"paper:p1", "method:m"}


def test_readme_browser_guide_matches_the_schema() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    guide = readme.split("<!-- browser-guide -->")[1].split("<!-- /browser-guide -->")[0]
    blocks = re.findall(r"```\n(.*?)```", guide, re.S)
    queries = [b for b in blocks if "MATCH" in b]
    assert len(queries) == 3
    spec = schema()
    labels = {str(label) for label in spec.labels}
    rel_types = {str(rel) for rel in spec.relationships}
    properties = set().union(*(s.properties for s in spec.labels.values()))
    for block in queries:
        params = set(re.findall(r":param (\w+) =>", block))
        assert params and params <= set(re.findall(r"\$(\w+)", block))
        for names in re.findall(r"\[\w*:([\w|]+)\]", block):
            assert set(names.split("|")) <= rel_types
        assert set(re.findall(r"\(\w*:(\w+)", block)) <= labels
        assert set(re.findall(r"\{(\w+):", block)) <= properties
    assert "kg/data/neo4j/kg.grass" in guide
    grass = (Path(__file__).resolve().parents[2] / "kg/data/neo4j/kg.grass").read_text()
    assert grass == schema_grass()
