from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import query
from kg.errors import InputError, StoreError, UsageError
from kg.store import QueryError, load_graph, open_store

from .conftest import parse


@pytest.fixture
def loaded(kg_home: Path, graph_name: str, two_paper_graph: nx.MultiDiGraph) -> str:
    store = open_store(None, graph_name)
    load_graph(store, two_paper_graph)
    store.close()
    return graph_name


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert query.run(parse(query, ["query", *argv])) == 0
    return capsys.readouterr().out


PAPERS = "MATCH (p:Paper) RETURN p.id AS id, p.authors AS authors, p.year AS year ORDER BY id"


def test_table_output_is_aligned(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([PAPERS, "--graph", loaded], capsys).splitlines() == [
        "id  authors               year",
        "--  --------------------  ----",
        'p1  ["A. One", "B. Two"]',
        "p2                        2020",
        "(2 rows)",
    ]


def test_json_output_is_one_array_of_row_objects(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = json.loads(run([PAPERS, "--graph", loaded, "--json"], capsys))
    assert rows == [
        {"id": "p1", "authors": ["A. One", "B. Two"], "year": None},
        {"id": "p2", "authors": None, "year": 2020},
    ]


def test_csv_output_has_a_header(loaded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run([PAPERS, "--graph", loaded, "--csv"], capsys).splitlines() == [
        "id,authors,year",
        'p1,"[""A. One"", ""B. Two""]",',
        "p2,,2020",
    ]


def test_nodes_and_relationships_print_as_plain_objects(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "MATCH (:Paper {id: 'p2'})-[r:USES]->(m) RETURN r, m"
    [row] = json.loads(run([text, "--graph", loaded, "--json"], capsys))
    assert row["r"]["type"] == "USES"
    assert row["r"]["properties"]["evidence"] == "p2 uses resnet."
    assert row["m"] == {
        "labels": ["Method"],
        "properties": {
            "id": "resnet",
            "name": "ResNet",
            "aliases": ["ResNet-50", "ResNet50"],
            "generic": False,
        },
    }


def test_file_defaults_apply_and_params_override_them(
    loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "by_id.cypher"
    path.write_text(
        "// Title of one paper.\n// @param paper = \"p1\"\n// @param suffix = '!'\n"
        "MATCH (p:Paper {id: $paper}) RETURN p.title + $suffix AS title\n"
    )
    base = ["--file", str(path), "--graph", loaded, "--json"]
    assert json.loads(run(base, capsys)) == [{"title": "First'!'"}]
    overridden = run([*base, "--param", "paper=p2", "-p", 'suffix="?"'], capsys)
    assert json.loads(overridden) == [{"title": "Second?"}]


def test_a_param_the_file_does_not_declare_is_rejected(loaded: str, tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text('// @param paper = "p1"\nMATCH (p:Paper {id: $paper}) RETURN p.id\n')
    with pytest.raises(InputError, match=r"unknown parameter\(s\) papr \(declared: paper\)"):
        query.run(parse(query, ["query", "--file", str(path), "-p", "papr=x"]))


def test_a_syntax_error_reports_the_server_message_and_the_query(loaded: str) -> None:
    with pytest.raises(QueryError) as caught:
        query.run(parse(query, ["query", "MATC (n) RETURN n", "--graph", loaded]))
    message = str(caught.value)
    assert "Invalid input" in message
    assert message.endswith("query:\nMATC (n) RETURN n")


def test_queries_are_read_only_unless_write_is_given(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    create = "CREATE (:Paper {id: 'p9'})"
    with pytest.raises(QueryError, match="pass --write"):
        query.run(parse(query, ["query", create, "--graph", loaded]))
    run([create, "--graph", loaded, "--write"], capsys)
    count = "MATCH (p:Paper) RETURN count(p) AS n"
    assert json.loads(run([count, "--graph", loaded, "--json"], capsys)) == [{"n": 3}]


def test_a_query_on_a_graph_never_loaded_says_so(kg_home: Path) -> None:
    with pytest.raises(QueryError, match="graph 'never-loaded' does not exist yet"):
        query.run(parse(query, ["query", "MATCH (n) RETURN n", "--graph", "never-loaded"]))


def test_an_unreachable_server_is_a_clear_error() -> None:
    argv = ["query", "MATCH (n) RETURN n", "--uri", "falkor://127.0.0.1:1"]
    with pytest.raises(StoreError, match=r"cannot connect to FalkorDB at falkor://127.0.0.1:1"):
        query.run(parse(query, argv))


def test_an_unknown_uri_scheme_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unsupported database URI 'http://x'"):
        query.run(parse(query, ["query", "RETURN 1", "--uri", "http://x"]))


def test_either_a_query_or_a_file_is_required() -> None:
    with pytest.raises(UsageError, match="either a query or --file"):
        query.run(parse(query, ["query"]))


def test_an_arxiv_id_param_finds_its_paper(
    loaded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "MATCH (p:Paper) WHERE p.id = $paper RETURN count(p) AS n"
    # inline: text, never the float 2403.01234
    assert json.loads(run([text, "--graph", loaded, "--json", "-p", "paper=p1"], capsys)) == [
        {"n": 1}
    ]
    out = run([text, "--graph", loaded, "--json", "-p", "paper=2403.01234"], capsys)
    assert json.loads(out) == [{"n": 0}]
    path = tmp_path / "n.cypher"
    path.write_text("// @param n = 1\nRETURN $n + 1 AS m\n")
    argv = ["--file", str(path), "--graph", loaded, "--json", "-p", "n=2"]
    assert json.loads(run(argv, capsys)) == [{"m": 3}]


def test_a_script_prints_every_statement_result(
    loaded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = "RETURN 1 AS one; RETURN 2 AS two"
    out = run([script, "--graph", loaded], capsys)
    assert "// statement 1: RETURN 1 AS one" in out and "// statement 2" in out
    assert "one" in out and "two" in out
    both = json.loads(run([script, "--graph", loaded, "--json"], capsys))
    assert both == [[{"one": 1}], [{"two": 2}]]
