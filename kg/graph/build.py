"""The knowledge graph as a plain NetworkX ``MultiDiGraph``.

Conventions every other stage relies on:

* node keys are namespaced by label (the schema's namespace): ``paper:<id>``, ``method:<id>``,
  ``dataset:<id>``, ``repo:<id>``; the ``id`` property holds the id without the namespace;
* every node has ``label`` (``"Paper"``) and ``labels`` (``":Paper"``, the form graph tools read);
* edges are keyed by relationship type and carry ``label`` (the type), ``evidence``,
  ``confidence`` and ``rule`` (plus ``introduced`` on ``EVALUATES_ON``);
* properties with no value are left out rather than stored as ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.models import Entity, Paper, Relation, entity_properties
from kg.schema import NodeLabel, node_key

__all__ = ["add_node", "build_graph", "node_key", "nodes_with_label", "paper_properties"]


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value: not None, not an empty list."""
    return {k: v for k, v in props.items() if not (v is None or (type(v) is list and not v))}


def paper_properties(paper: Paper) -> dict[str, Any]:
    """Node properties of a paper (sources are kept as ``file:line`` strings)."""
    props = paper.model_dump(exclude={"sources"})
    props["sources"] = [f"{s.file}:{s.line}" for s in paper.sources]
    return _present(props)


def relation_properties(relation: Relation) -> dict[str, Any]:
    """Edge properties of a relation."""
    return _present(
        {
            "label": str(relation.type),
            "evidence": relation.evidence,
            "confidence": relation.confidence,
            "rule": relation.rule,
            "introduced": relation.introduced,
            "is_official": relation.is_official,
            "framework": relation.framework,
        }
    )


def add_node(graph: nx.MultiDiGraph, label: str, props: dict[str, Any]) -> str:
    """Add a node of ``label`` with ``props`` (which hold its ``id``); returns its key."""
    label = str(label)
    key = node_key(label, props["id"])
    graph.add_node(key, label=label, labels=f":{label}", **props)
    return key


def build_graph(
    papers: Iterable[Paper], entities: Iterable[Entity], relations: Iterable[Relation]
) -> nx.MultiDiGraph:
    """Assemble papers, entities and relations into one graph.

    A relation whose paper or entity is unknown is a programming error, so it raises.
    """
    graph = nx.MultiDiGraph()
    for paper in papers:
        add_node(graph, NodeLabel.PAPER, paper_properties(paper))
    for entity in entities:
        add_node(graph, entity.label, entity_properties(entity))
    for relation in relations:
        source = node_key(relation.source_label, relation.source)
        target = node_key(relation.target_label, relation.target)
        for key in (source, target):
            if key not in graph:
                raise KeyError(f"relation {relation.type} refers to unknown node {key!r}")
        graph.add_edge(source, target, key=str(relation.type), **relation_properties(relation))
    return graph


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Keys of all nodes carrying ``label``."""
    return [n for n, data in graph.nodes(data=True) if data.get("label") == label]
