"""The schema table: the data file, the enums, the models and the Browser style agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.models import (
    DatasetEntity,
    MethodEntity,
    MetricEntity,
    Paper,
    RepositoryEntity,
    ResultEntity,
    TaskEntity,
)
from kg.schema import NodeLabel, RelType, grass, node_key, relation_type, schema

REPO = Path(__file__).resolve().parent.parent
ENTITY_MODELS = {
    "Method": MethodEntity,
    "Dataset": DatasetEntity,
    "Repository": RepositoryEntity,
    "Task": TaskEntity,
    "Metric": MetricEntity,
    "Result": ResultEntity,
}


def test_every_label_and_type_has_an_entry() -> None:
    spec = schema()
    assert list(spec.labels) == list(NodeLabel)
    assert list(spec.relationships) == list(RelType)


@pytest.mark.parametrize("label", sorted(ENTITY_MODELS))
def test_entity_models_hold_exactly_the_schema_properties(label: str) -> None:
    fields = set(ENTITY_MODELS[label].model_fields) - {"label"}
    assert fields == set(schema().label(label).properties)


def test_paper_model_holds_the_paper_properties() -> None:
    # ``given`` (what a source states) is deliberately no property: it becomes findings, and
    # is excluded from dumps (so from the graph); every other field is a property
    excluded = [name for name, field in Paper.model_fields.items() if field.exclude]
    assert excluded == ["given"]
    kept = [name for name in Paper.model_fields if name not in excluded]
    assert kept == list(schema().label("Paper").properties)


def test_roles_choose_relationship_types() -> None:
    assert relation_type("Method", "proposed") is RelType.PROPOSES
    assert relation_type("Method", "used") is RelType.USES
    assert relation_type("Dataset", "used") is RelType.EVALUATES_ON
    assert relation_type("Repository", "used") is RelType.HAS_CODE
    assert relation_type("Task", "used") is RelType.ADDRESSES
    assert relation_type("Metric", "used") is RelType.MEASURES
    # a label without a proposed role falls back to its used relationship
    assert relation_type("Dataset", "proposed") is RelType.EVALUATES_ON


def test_relationship_ends_match_the_label_roles() -> None:
    spec = schema()
    for label in spec.entity_labels:
        for rel in (label.roles or {}).values():
            assert spec.relationship(rel).source is NodeLabel.PAPER
            assert spec.relationship(rel).target is label.label


def test_node_keys_use_the_label_namespace() -> None:
    assert node_key("Paper", "2401.1") == "paper:2401.1"
    assert node_key("Repository", "github.com/a/b") == "repo:github.com/a/b"


def test_list_properties_come_from_the_property_types() -> None:
    assert schema().list_properties == {"aliases", "authors", "categories", "sources"}


def test_shipped_browser_style_is_the_one_the_schema_implies() -> None:
    shipped = (REPO / "kg" / "data" / "neo4j" / "kg.grass").read_text(encoding="utf-8")
    assert shipped == grass()
    assert "node.Paper {" in shipped and 'caption: "{title}";' in shipped


def test_display_name_tries_the_display_properties_in_order() -> None:
    repo = schema().label("Repository")
    assert repo.display_name({"id": "x", "url": "https://h/x"}) == "https://h/x"
    assert repo.display_name({"id": "x"}) == "x"


def test_results_link_the_paper_to_dataset_metric_task_and_method() -> None:
    spec = schema()
    assert spec.relationship("REPORTS").source is NodeLabel.PAPER
    ends = {rel: spec.relationship(rel).target for rel in ("ON", "IN_TERMS_OF", "FOR", "OF")}
    assert ends == {
        "ON": NodeLabel.DATASET,
        "IN_TERMS_OF": NodeLabel.METRIC,
        "FOR": NodeLabel.TASK,
        "OF": NodeLabel.METHOD,
    }
    assert all(spec.relationship(rel).source is NodeLabel.RESULT for rel in ends)
