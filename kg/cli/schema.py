"""``kg schema [NAME]``: JSON Schema of the records that cross stage boundaries, and the graph
schema (``kg schema graph``: labels, properties, relationship types)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pydantic import TypeAdapter

from kg import models
from kg.schema import schema

RECORDS: dict[str, Any] = {
    "paper": models.Paper,
    "mention": models.Mention,
    "finding": models.Finding,
    "extraction": models.PaperExtraction,
    "entity": models.Entity,
    "relation": models.Relation,
    "report": models.IngestReport,
}
GRAPH = "graph"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema", help="print the graph schema or the JSON Schema of the data models"
    )
    parser.add_argument(
        "name", nargs="?", choices=sorted([*RECORDS, GRAPH]), help="one of them (default: all)"
    )
    parser.set_defaults(func=run)


def graph_schema() -> dict[str, Any]:
    """The graph schema as JSON: per label its properties, per type its ends and properties."""
    spec = schema()
    return {
        "nodes": {
            str(label.label): {"properties": label.properties, "namespace": label.namespace}
            for label in spec.labels.values()
        },
        "relationships": {
            str(rel.type): {
                "source": str(rel.source),
                "target": str(rel.target),
                "meaning": rel.meaning,
                "properties": rel.properties,
            }
            for rel in spec.relationships.values()
        },
    }


def _one(name: str) -> Any:
    if name == GRAPH:
        return graph_schema()
    return TypeAdapter(RECORDS[name]).json_schema()


def run(args: argparse.Namespace) -> int:
    names = [args.name] if args.name else sorted([*RECORDS, GRAPH])
    out = {name: _one(name) for name in names}
    if args.name:
        out = out[args.name]
    print(json.dumps(out, indent=2))
    return 0
