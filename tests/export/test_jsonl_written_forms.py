"""The ``kg extract`` record lists the other written forms of a task or metric as items."""

from __future__ import annotations

from kg.export import extraction_record
from kg.extract import Extractor
from kg.models import Paper


def _record(abstract: str) -> dict[str, list[dict[str, object]]]:
    (extraction,) = Extractor().extract([Paper(id="p", title="", abstract=abstract)])
    return extraction_record(extraction)


def test_a_defined_acronym_of_a_task_is_an_item_of_its_own() -> None:
    record = _record(
        "We study semantic role labeling (SRL) with a new parser. Our SRL results improve."
    )
    names = [item["name"] for item in record["tasks"]]
    assert names == ["semantic role labeling", "SRL"]
    (alias,) = [item for item in record["tasks"] if "alias_of" in item]
    assert alias["alias_of"] == "semantic role labeling"
    assert alias["key"] == record["tasks"][0]["key"]
    assert [m["text"] for m in alias["mentions"]] == ["SRL", "SRL"]  # type: ignore[index]


def test_a_metric_written_two_ways_lists_both() -> None:
    record = _record("The model gains 2 BLEU points; its BLEU is the best reported.")
    assert sorted(str(item["name"]) for item in record["metrics"]) == ["BLEU", "BLEU points"]


def test_a_form_written_once_is_not_repeated_and_methods_have_no_written_forms() -> None:
    record = _record(
        "We propose FastTagNet (FTN) for part-of-speech tagging. Part-of-speech tagging is old."
    )
    assert [item["name"] for item in record["tasks"]] == ["part-of-speech tagging"]
    assert not any("alias_of" in item for item in record["methods"])


def test_a_partial_mention_of_a_shared_head_is_no_written_form() -> None:
    record = _record("It helps speech and object recognition.")
    assert not any("alias_of" in item for item in record["tasks"])
