"""Query files, --param options and scripts split into statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli.query_file import (
    Param,
    parse_param_option,
    parse_query_file,
    parse_value,
    split_statements,
    typed_value,
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


def test_param_values_are_typed_by_the_declared_default(tmp_path: Path) -> None:
    path = tmp_path / "q.cypher"
    path.write_text(
        '// @param paper = "x"\n// @param limit = 10\n// @param ratio = 0.5\n'
        '// @param exact = true\n// @param names = ["a"]\n// @param any = null\n'
        "MATCH (p:Paper {id: $paper}) RETURN p LIMIT $limit\n",
        encoding="utf-8",
    )
    query = parse_query_file(path)
    options = [
        "paper=2403.01234",
        "limit=5",
        "ratio=1",
        "exact=false",
        'names=["b", "c"]',
        "any=10.1000/xyz",
    ]
    given = dict(parse_param_option(option) for option in options)
    assert query.parameters(given) == {
        "paper": "2403.01234",
        "limit": 5,
        "ratio": 1.0,
        "exact": False,
        "names": ["b", "c"],
        "any": "10.1000/xyz",
    }
    assert query.parameters(dict([parse_param_option('paper="quoted"')]))["paper"] == "quoted"
    with pytest.raises(UsageError, match="limit is declared as int"):
        query.parameters(dict([parse_param_option("limit=ten")]))


def test_inline_params_are_text_unless_typed() -> None:
    assert parse_param_option("n=10") == ("n", Param("10"))
    assert typed_value("n", Param("10")) == "10"
    assert typed_value("paper", Param("2403.01234")) == "2403.01234"
    assert typed_value("n", parse_param_option("n:int=10")[1]) == 10
    assert typed_value("x", parse_param_option("x:json=[1]")[1]) == [1]
    assert parse_value('["a"]') == ["a"]
    with pytest.raises(UsageError, match="expected name=value"):
        parse_param_option("novalue")
    with pytest.raises(UsageError, match="TYPE is one of"):
        parse_param_option("n:number=1")
