from __future__ import annotations

import pytest

from kg.graph.tables import Table
from kg.schema import NodeLabel, RelType
from kg.store import SchemaViolation, statements


def test_merge_statements_name_only_schema_labels_and_values_as_parameters() -> None:
    text = statements.merge_relationships("Paper", "EVALUATES_ON", "Dataset", ["evidence", "x"])
    assert "(s:Paper {id: row[0]})" in text
    assert "(t:Dataset {id: row[1]})" in text
    assert "[r:EVALUATES_ON]" in text
    assert "SET r.evidence = row[2], r.x = row[3]" in text
    assert "$rows" in text
    assert "{{" not in text


def test_a_statement_without_properties_sets_nothing() -> None:
    assert "SET" not in statements.merge_nodes("Method")
    assert "SET" not in statements.merge_relationships("Paper", "USES", "Method")


@pytest.mark.parametrize("name", ["a b", "x = 1 DETACH DELETE n //", "1st", "", "é"])
def test_property_names_that_are_not_plain_identifiers_are_rejected(name: str) -> None:
    with pytest.raises(SchemaViolation, match="not a plain identifier"):
        statements.merge_nodes("Paper", [name])


@pytest.mark.parametrize("label", ["Person", "Paper) DETACH DELETE (n", "paper", ""])
def test_labels_outside_the_schema_are_rejected(label: str) -> None:
    with pytest.raises(SchemaViolation, match="unknown node label"):
        statements.merge_nodes(label)


@pytest.mark.parametrize("rel", ["CITES", "USES]->() DELETE x //"])
def test_relationship_types_outside_the_schema_are_rejected(rel: str) -> None:
    with pytest.raises(SchemaViolation, match="unknown relationship type"):
        statements.merge_relationships("Paper", rel, "Method")


def test_every_label_and_type_has_a_statement() -> None:
    for label in NodeLabel:
        assert f":{label} " in statements.merge_nodes(label)
        assert f"(n:{label})" in statements.falkordb_index(label)
    for rel in RelType:
        assert f"[r:{rel}]" in statements.merge_relationships("Paper", rel, "Method")


def test_neo4j_constraints_are_named_idempotent_and_unique_on_id() -> None:
    text = statements.neo4j_constraint("Repository")
    assert "CREATE CONSTRAINT repository_id_unique IF NOT EXISTS" in text
    assert "FOR (n:Repository) REQUIRE n.id IS UNIQUE" in text


def test_each_table_has_its_merge_statement() -> None:
    nodes = Table("nodes", ("Dataset",), ("name",), [("imagenet", "ImageNet")])
    assert statements.merge_table(nodes) == statements.merge_nodes("Dataset", ["name"])
    rels = Table("relationships", ("Paper", "USES", "Method"), ("rule",), [("p", "m", "x")])
    assert statements.merge_table(rels) == statements.merge_relationships(
        "Paper", "USES", "Method", ["rule"]
    )
