"""Query files, --param options and scripts split into statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli.query_file import (
    parse_param_option,
    parse_query_file,
    parse_value,
    split_statements,
)
from kg.errors import InputError, UsageError


def test_statements_split_only_at_semicolons_outside_strings_names_and_comments() -> None:
    script = (
        "// header; not a statement\n"
        "MERGE (n:Paper {id: \"a;b \\\" ;\"}) SET n.t = 'x;\\' y';\n"
        "MATCH (`odd;name`) RETURN 1 // trailing; comment\n"
        ";;\n"
        "RETURN 2"
    )
    assert split_statements(script) == [
        "MERGE (n:Paper {id: \"a;b \\\" ;\"}) SET n.t = 'x;\\' y'",
        "MATCH (`odd;name`) RETURN 1",
        "RETURN 2",
    ]


def test_a_file_describes_itself_and_declares_defaults(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(
        '// Papers on a dataset.\n// @param dataset = "ImageNet"\n// @param limit = 5\n'
        "MATCH (p) RETURN p LIMIT $limit\n"
    )
    query = parse_query_file(path)
    assert query.description == "Papers on a dataset."
    assert query.defaults == {"dataset": "ImageNet", "limit": 5}
    assert query.parameters({"limit": 2}) == {"dataset": "ImageNet", "limit": 2}


def test_a_malformed_param_line_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text("// @param = 1\nRETURN 1\n")
    with pytest.raises(InputError, match="write '@param name = value'"):
        parse_query_file(path)


def test_param_options_are_json_when_they_parse() -> None:
    assert parse_param_option("n=10") == ("n", 10)
    assert parse_param_option("name=ResNet") == ("name", "ResNet")
    assert parse_value('["a"]') == ["a"]
    with pytest.raises(UsageError, match="expected name=value"):
        parse_param_option("novalue")
