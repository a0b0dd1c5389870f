"""Stated results, on abstracts written for the rule (varied phrasings)."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.models import Paper


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


CASES = [
    (
        "Our FooNet reaches 84.3% top-1 accuracy on ImageNet.",
        84.3,
        "top-1 accuracy",
        "ImageNet",
        False,
    ),
    ("We obtain a BLEU score of 28.4 on WMT14 English-German.", 28.4, "BLEU", "WMT14", False),
    ("The detector improves mAP by 2.1 points on COCO.", 2.1, "mAP", "COCO", True),
    ("On CIFAR-10, the model attains a test error of 3.1%.", 3.1, "test error", "CIFAR-10", False),
    ("It achieves an F1 of 91.2 on SQuAD, a gain of +1.5 over BERT.", 91.2, "F1", "SQuAD", False),
    ("A mIoU of 79.3% is reached on Cityscapes.", 79.3, "mIoU", "Cityscapes", False),
]


@pytest.mark.parametrize(("abstract", "value", "metric", "dataset", "delta"), CASES)
def test_a_sentence_with_metric_dataset_and_number_states_a_result(
    extractor: Extractor, abstract: str, value: float, metric: str, dataset: str, delta: bool
) -> None:
    (extraction,) = extractor.extract([Paper(id="r", abstract=abstract)])
    result = extraction.results[0]
    assert (result.value, result.delta) == (value, delta)
    assert result.metric.lower() == metric.lower() or metric in result.metric
    assert dataset.lower() in result.dataset.lower()


def test_no_result_without_a_dataset_in_the_same_sentence(extractor: Extractor) -> None:
    abstract = "We evaluate on COCO. The model reaches 41.0 mAP."
    (extraction,) = extractor.extract([Paper(id="r", abstract=abstract)])
    assert extraction.results == []
