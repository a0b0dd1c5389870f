"""The top-level parser: each command's help line is its module's, and help needs no module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.cli.main import COMMANDS, build_parser
from kg.store.falkordb_store import FalkorStore


def test_the_help_table_matches_each_command_module() -> None:
    full = build_parser(every=True)
    actions = [a for a in full._actions if a.dest == "command"]
    [subparsers] = actions
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}  # type: ignore[attr-defined]
    assert helps == COMMANDS


def test_help_imports_no_command_module() -> None:
    code = (
        "import sys; from kg.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('spacy', 'kg.extract', "
        "'falkordb', 'neo4j', 'kg.pipeline'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


# what the command line must not load unless a command needs it: extraction, the graph model
# (NetworkX), the data models, the exporters' numeric stack and the Neo4j driver
HEAVY = ("spacy", "networkx", "numpy", "neo4j", "kg.extract", "kg.models", "kg.graph.build")


def modules_after(argv: list[str]) -> tuple[list[str], str]:
    """The heavy modules that running ``kg ARGV`` in a fresh interpreter loads, and what it
    printed."""
    code = (
        "import json, sys; from kg.cli.main import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(heavy))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *printed, loaded = out.stdout.strip().splitlines()
    return json.loads(loaded), "\n".join(printed)


def test_help_and_version_import_nothing_heavy() -> None:
    assert modules_after(["--help"])[0] == []
    assert modules_after(["--version"])[0] == []


def test_a_query_imports_only_the_store(kg_home: Path, store: FalkorStore) -> None:
    """``kg query`` against the embedded server needs the store and its client only (the
    start-up time ``scripts/bench_cli.py`` measures)."""
    store.write("CREATE (:Paper {id: 'p1'})", {})
    query = ["query", "MATCH (p:Paper) RETURN p.id AS id", "--json", "--graph", store.graph.name]
    loaded, printed = modules_after(query)
    assert json.loads(printed) == [{"id": "p1"}]
    assert loaded == []


def test_db_status_imports_only_the_store(kg_home: Path) -> None:
    loaded, printed = modules_after(["db", "status"])
    assert printed.startswith("running: embedded FalkorDB")
    assert loaded == []
