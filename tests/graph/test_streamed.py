"""The graph written from rows on disk is the graph NetworkX holds, byte for byte."""

from __future__ import annotations

import pickle
from collections import defaultdict
from pathlib import Path
from typing import Any

from kg.export.graphml import write_graphml
from kg.graph import build_graph, graph_stats, read_graphml
from kg.graph.streamed import ChunkRows, GraphRows, StreamedGraph, graph_from_rows, rows_stats
from kg.models import Entity, Relation, ResultEntity
from kg.schema import RelType
from tests.graph.conftest import small_records


def _result_edge(kind: RelType, **ends: Any) -> Relation:
    """A relation of the stated result, with the evidence, confidence and rule it carries."""
    ends.setdefault("source", "p2#1")
    return Relation(type=kind, evidence="91.5% on it", confidence=0.8, rule="result", **ends)


def records_with_a_result() -> tuple[list[Entity], list[Relation]]:
    """A stated result of p2 and its relations, as the resolver gives them."""
    result = ResultEntity(id="p2#1", value=91.5, unit="%", delta=False, evidence="91.5% on it")
    ends = [
        _result_edge(RelType.REPORTS, source="p2", target_label="Result", target="p2#1"),
        _result_edge(RelType.ON, source_label="Result", target_label="Dataset", target="imagenet"),
        _result_edge(RelType.OF, source_label="Result", target_label="Method", target="resnet50"),
    ]
    return [result], ends


def with_links(entities: list[Entity], relations: list[Relation]) -> list[tuple[Entity, int]]:
    """Each entity with the distinct sources of the relations ending at it, as the resolver
    counts them."""
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for relation in relations:
        sources[(relation.target_label, relation.target)].add(relation.source)
    return [(entity, len(sources[(str(entity.label), entity.id)])) for entity in entities]


def test_the_streamed_graphml_is_the_networkx_graphml(tmp_path: Path) -> None:
    papers, entities, relations = small_records()
    results, ends = records_with_a_result()
    graph = build_graph(papers, entities + results, relations + ends)
    write_graphml(graph, tmp_path / "networkx.graphml")

    rows = GraphRows(tmp_path)
    rows.add([], relations[:3])  # the resolver hands the relations over chunk by chunk
    rows.add(results, relations[3:] + ends)
    rows.add_entities(with_links(entities, relations + ends))
    streamed = StreamedGraph(papers, rows)
    write_graphml(streamed, tmp_path / "streamed.graphml")
    rows.close()

    written = (tmp_path / "streamed.graphml").read_bytes()
    assert written == (tmp_path / "networkx.graphml").read_bytes()
    assert b"p2#1" in written and read_graphml(tmp_path / "streamed.graphml").number_of_edges() == 9


def test_the_rows_give_the_graph_and_its_stats(tmp_path: Path) -> None:
    papers, entities, relations = small_records()
    results, ends = records_with_a_result()
    rows = GraphRows(tmp_path)
    rows.add(results, relations + ends)
    rows.add_entities(with_links(entities, relations + ends))
    graph = graph_from_rows(StreamedGraph(papers, rows))
    expected = build_graph(papers, entities + results, relations + ends)
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    for limit in (1, 2, 10):
        assert rows_stats(len(papers), rows, limit=limit) == graph_stats(expected, limit=limit)
    rows.close()


def test_rows_made_in_another_process_give_the_same_graph(tmp_path: Path) -> None:
    papers, entities, relations = small_records()
    results, ends = records_with_a_result()
    expected = build_graph(papers, entities + results, relations + ends)
    rows = GraphRows(tmp_path)
    for chunk in ([], relations[:3]), (results, relations[3:] + ends), ([], []):
        made = ChunkRows.of(*chunk)  # as a worker makes them, then sent back
        rows.add_rows(pickle.loads(pickle.dumps(made)))
    assert rows.results == 1 and sum(rows.relationships.values()) == len(relations + ends)
    rows.add_entities(with_links(entities, relations + ends))
    graph = graph_from_rows(StreamedGraph(papers, rows))
    assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    rows.close()
