"""The Python API: the commands as functions, on the shipped sample, with a real database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.errors import InputError
from kg.models import PaperExtraction
from kg.schema import NodeLabel

REPO = Path(__file__).resolve().parent.parent
SAMPLE = [
    REPO / "kg" / "data" / "sample" / "listing.txt",
    REPO / "kg" / "data" / "sample" / "papers.jsonl",
]


def test_build_then_read_graph(tmp_path: Path) -> None:
    result = kg.build(SAMPLE, tmp_path / "out")
    assert result.report.built == 18
    graph = kg.read_graph(tmp_path / "out")
    assert graph.number_of_nodes() == result.graph.number_of_nodes()
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert labels >= {"Paper", "Method", "Dataset", "Repository"}
    assert labels <= {str(label) for label in NodeLabel}
    aliases = [d["aliases"] for _, d in graph.nodes(data=True) if d.get("aliases")]
    assert aliases and all(isinstance(a, list) for a in aliases)


def test_extract_yields_one_record_per_paper_in_input_order() -> None:
    records = list(kg.extract(SAMPLE[1:]))
    assert all(isinstance(r, PaperExtraction) for r in records)
    ids = [r.paper.id for r in records]
    assert ids == ["2403.01234", "2402.05555", "S2-88120", "10.5555/kg.2023.017", "2311.09876"]
    assert any(f.role == "proposed" for r in records for f in r.findings)


def test_extract_reports_bad_records_to_the_callback(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "title": "T", "abstract": "We use BERT."}\n{oops\n')
    problems: list[str] = []
    records = list(kg.extract([source], on_problem=lambda p: problems.append(str(p))))
    assert [r.paper.id for r in records] == ["a"]
    assert problems and problems[0].startswith(f"{source}:2:")
    with pytest.raises(InputError):
        list(kg.extract([source], strict=True))


def test_read_graph_of_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no graph at"):
        kg.read_graph(tmp_path / "nothing")


@pytest.mark.falkordb
def test_load_and_query_the_embedded_database(
    tmp_path: Path, kg_home: Path, graph_name: str
) -> None:
    kg.build(SAMPLE, tmp_path / "out")
    first = kg.load(tmp_path / "out", graph=graph_name)
    assert first.nodes_created > 0
    again = kg.load(tmp_path / "out", graph=graph_name)
    assert again.nodes_created == 0 and again.relationships_created == 0
    rows = kg.query("MATCH (p:Paper) RETURN count(p) AS papers", graph=graph_name)
    assert rows == [{"papers": 18}]
    named = kg.query(
        "MATCH (d:Dataset {name: $name}) RETURN d.name AS name",
        {"name": "ImageNet"},
        graph=graph_name,
    )
    assert named == [{"name": "ImageNet"}]


def test_importing_kg_does_not_import_spacy_or_database_clients() -> None:
    clients = "('spacy', 'neo4j', 'falkordb')"
    code = f"import sys, kg; print(sorted(m for m in {clients} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
