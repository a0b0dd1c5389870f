"""The knowledge graph as a plain NetworkX ``MultiDiGraph``.

Conventions every other stage relies on:

* node keys are namespaced by label: ``paper:<id>``, ``method:<id>``, ``dataset:<id>``,
  ``repo:<id>``; the ``id`` property holds the id without the namespace;
* every node has ``label`` (``"Paper"``) and ``labels`` (``":Paper"``, the form graph tools read);
* edges are keyed by relationship type and carry ``label`` (the type), ``evidence``,
  ``confidence`` and ``rule`` (plus ``introduced`` on ``EVALUATES_ON``);
* properties with no value are left out rather than stored as ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.models import Entity, NodeLabel, Paper, Relation

NAMESPACE: dict[str, str] = {
    "Paper": "paper",
    "Method": "method",
    "Dataset": "dataset",
    "Repository": "repo",
}


def node_key(label: str, ident: str) -> str:
    """The graph key of a node: its label's namespace and its id."""
    return f"{NAMESPACE[label]}:{ident}"


def _present(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None and v != []}


def paper_properties(paper: Paper) -> dict[str, Any]:
    """Node properties of a paper (sources are kept as ``file:line`` strings)."""
    return _present(
        {
            "id": paper.id,
            "title": paper.title,
            "abstract": paper.abstract,
            "authors": list(paper.authors),
            "year": paper.year,
            "date": paper.date,
            "doi": paper.doi,
            "arxiv_id": paper.arxiv_id,
            "url": paper.url,
            "sources": [f"{s.file}:{s.line}" for s in paper.sources],
        }
    )


def entity_properties(entity: Entity) -> dict[str, Any]:
    """Node properties of a method, dataset or repository."""
    if entity.label == NodeLabel.REPOSITORY:
        props: dict[str, Any] = {
            "id": entity.id,
            "url": entity.name,
            "host": entity.host,
            "owner": entity.owner,
            "name": entity.repo,
        }
    else:
        props = {"id": entity.id, "name": entity.name, "aliases": list(entity.aliases)}
        if entity.label == NodeLabel.METHOD:
            props["generic"] = entity.generic
    return {k: v for k, v in props.items() if v is not None}


def relation_properties(relation: Relation) -> dict[str, Any]:
    """Edge properties of a relation."""
    return _present(
        {
            "label": str(relation.type),
            "evidence": relation.evidence,
            "confidence": relation.confidence,
            "rule": relation.rule,
            "introduced": relation.introduced,
        }
    )


def add_node(graph: nx.MultiDiGraph, label: str, props: dict[str, Any]) -> str:
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
        source = node_key(NodeLabel.PAPER, relation.source)
        target = node_key(relation.target_label, relation.target)
        for key in (source, target):
            if key not in graph:
                raise KeyError(f"relation {relation.type} refers to unknown node {key!r}")
        graph.add_edge(source, target, key=str(relation.type), **relation_properties(relation))
    return graph


def nodes_with_label(graph: nx.MultiDiGraph, label: str) -> list[str]:
    """Keys of all nodes carrying ``label``."""
    return [n for n, data in graph.nodes(data=True) if data.get("label") == label]
