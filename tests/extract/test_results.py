"""Stated results, on abstracts written for the rule (varied phrasings).

``data/stated_results.jsonl`` holds 30 short abstracts, each stating one result, with the
value, unit, metric, dataset and whether it is an improvement that a reader takes from it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.extract.canonical import canonical_key
from kg.extract.metrics import metric_lexicon
from kg.models import Paper, ResultFinding

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "stated_results.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def found(extractor: Extractor) -> list[tuple[dict[str, object], ResultFinding | None]]:
    """Each case with the first result its abstract states, if any."""
    papers = [Paper(id=f"r{n}", abstract=str(c["abstract"])) for n, c in enumerate(CASES)]
    extractions = extractor.extract(papers)
    return [
        (case, extraction.results[0] if extraction.results else None)
        for case, extraction in zip(CASES, extractions, strict=True)
    ]


def _metric_key(name: str) -> str:
    return canonical_key("Metric", metric_lexicon().name_of(name) or name)


def _right(result: ResultFinding | None, case: dict[str, object]) -> bool:
    """Value, metric and dataset as the case states them."""
    return (
        result is not None
        and result.value == case["value"]
        and result.metric_key == _metric_key(str(case["metric"]))
        and str(case["dataset"]).lower() in result.dataset.lower()
    )


def test_value_metric_and_dataset_are_right_in_nine_of_ten_abstracts(
    found: list[tuple[dict[str, object], ResultFinding | None]],
) -> None:
    right = [case for case, result in found if _right(result, case)]
    assert len(CASES) == 30
    assert len(right) / len(CASES) >= 0.9


def test_a_result_read_right_has_its_unit_and_delta_right(
    found: list[tuple[dict[str, object], ResultFinding | None]],
) -> None:
    wrong = [
        (case["abstract"], result.unit, result.delta)
        for case, result in found
        if result is not None
        and _right(result, case)
        and (result.unit, result.delta) != (case["unit"], case["delta"])
    ]
    assert wrong == []


def test_no_result_without_a_dataset_in_the_same_sentence(extractor: Extractor) -> None:
    abstract = "We evaluate on COCO. The model reaches 41.0 mAP."
    (extraction,) = extractor.extract([Paper(id="r", abstract=abstract)])
    assert extraction.results == []


def test_no_result_without_a_number(extractor: Extractor) -> None:
    abstract = "The model improves accuracy on ImageNet."
    (extraction,) = extractor.extract([Paper(id="r", abstract=abstract)])
    assert extraction.results == []
