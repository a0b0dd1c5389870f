"""``kg schema [NAME]``: JSON Schema of the records that cross stage boundaries."""

from __future__ import annotations

import argparse
import json

from pydantic import BaseModel

from kg import models

SCHEMAS: dict[str, type[BaseModel]] = {
    "paper": models.Paper,
    "mention": models.Mention,
    "finding": models.Finding,
    "extraction": models.PaperExtraction,
    "entity": models.Entity,
    "relation": models.Relation,
    "report": models.IngestReport,
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("schema", help="print the JSON Schema of the data models")
    parser.add_argument("name", nargs="?", choices=sorted(SCHEMAS), help="one model (default: all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    chosen = [args.name] if args.name else sorted(SCHEMAS)
    out = {name: SCHEMAS[name].model_json_schema() for name in chosen}
    print(json.dumps(out[args.name] if args.name else out, indent=2))
    return 0
