from __future__ import annotations

import pytest

from kg.store.cypher_script import literal, split_statements
from kg.store.errors import SchemaViolation


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


def test_literals_escape_what_would_end_the_string_or_the_line() -> None:
    assert literal('a "b" \\ c\nd\re\tf') == '"a \\"b\\" \\\\ c\\nd\\re\\tf"'
    assert literal([1, 2.5, True, "x"]) == '[1, 2.5, true, "x"]'


@pytest.mark.parametrize("value", [float("nan"), {"a": 1}, None])
def test_values_without_a_literal_are_rejected(value: object) -> None:
    with pytest.raises(SchemaViolation):
        literal(value)
