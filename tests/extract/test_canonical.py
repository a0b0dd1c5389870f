"""Canonical keys collapse surface variants of one entity and keep distinct ones apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.canonical import canonical_key


@pytest.mark.parametrize(
    ("label", "variants"),
    [
        ("Method", ["ResNet50", "ResNet-50", "resnet 50", "ResNet 50"]),
        ("Dataset", ["MS-COCO", "COCO", "Microsoft COCO", "MS COCO", "the COCO dataset"]),
        ("Dataset", ["CIFAR-10", "CIFAR10", "CIFAR-10 dataset", "cifar-10 benchmark"]),
        ("Dataset", ["Penn Treebank", "Penn Treebank corpus", "Penn TreeBank"]),
        ("Method", ["CNN", "CNNs", "cnn"]),
        ("Method", ["Transformer", "Transformers", "transformers"]),
        ("Method", ["BERT", "BERT model"]),
        ("Method", ["Wide & Deep", "Wide and Deep"]),
        ("Method", ["V^2L", "V2L"]),
        (
            "Repository",
            ["https://github.com/a/b", "github.com/a/b/", "http://www.github.com/a/b.git"],
        ),
    ],
)
def test_surface_variants_share_a_key(label: str, variants: list[str]) -> None:
    assert len({canonical_key(label, v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("label", "first", "second"),
    [
        ("Dataset", "CIFAR-10", "CIFAR-100"),
        ("Method", "GPT-2", "GPT-3"),
        ("Method", "ResNet-50", "ResNet-101"),
        ("Dataset", "Google News", "News"),
    ],
)
def test_different_entities_keep_different_keys(label: str, first: str, second: str) -> None:
    assert canonical_key(label, first) != canonical_key(label, second)


def test_type_word_alone_is_kept() -> None:
    assert canonical_key("Dataset", "Benchmark") == "benchmark"


@given(st.text(max_size=40))
def test_key_holds_only_lowercase_letters_and_digits(name: str) -> None:
    key = canonical_key("Method", name)
    assert key == "" or (key.isascii() and key.isalnum() and key == key.lower())
