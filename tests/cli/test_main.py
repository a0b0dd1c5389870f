"""The top-level parser: each command's help line is its module's, and help needs no module."""

from __future__ import annotations

import subprocess
import sys

from kg.cli.main import COMMANDS, build_parser


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
