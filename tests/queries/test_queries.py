"""Every file in ``queries/`` runs against the known corpus and returns exactly these rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kg.cli.query_file import parse_query_file
from kg.store.falkordb_store import FalkorStore

from .conftest import TITLES

QUERIES = Path(__file__).resolve().parents[2] / "queries"
T = TITLES

EXPECTED: dict[str, list[list[Any]]] = {
    "most_used_datasets": [["ImageNet", 4], ["CIFAR-10", 3], ["TinyBench", 1], ["WMT14", 1]],
    "methods_on_dataset": [
        ["ResNet", 4],
        ["Adam", 2],
        ["MixNet", 1],
        ["TinyNet", 1],
        ["Transformer", 1],
        ["ViT", 1],
    ],
    "datasets_for_method": [["ImageNet", 4], ["CIFAR-10", 3], ["TinyBench", 1]],
    "proposed_methods_with_code": [
        ["p1", T["p1"], "ResNet", "https://github.com/kaiming/resnet"],
        ["p2", T["p2"], "Transformer", "https://github.com/tensorflow/tensor2tensor"],
        ["p3", T["p3"], "ViT", "https://github.com/google-research/vision_transformer"],
        ["p4", T["p4"], "TinyNet", "https://gitlab.com/lab/tinybench"],
    ],
    "most_used_methods": [["Adam", 4], ["ResNet", 4], ["Transformer", 1]],
    "methods_used_together": [["Adam", "ResNet", 3], ["Adam", "Transformer", 2]],
    "repositories_per_host": [["github.com", 3, 3], ["gitlab.com", 1, 1]],
    "papers_sharing_datasets": [
        ["p1", T["p1"], 2, ["CIFAR-10", "ImageNet"]],
        ["p4", T["p4"], 1, ["ImageNet"]],
        ["p5", T["p5"], 1, ["CIFAR-10"]],
        ["p6", T["p6"], 1, ["ImageNet"]],
    ],
    "methods_with_new_dataset": [["TinyBench", "TinyNet", "p4", T["p4"]]],
    # projected below to (type(r), x.id, type(r2), q.id); p is always p3
    "paper_neighbourhood": [
        ["ADDRESSES", "imageclassification", "ADDRESSES", "p1"],
        ["ADDRESSES", "imageclassification", "ADDRESSES", "p4"],
        ["ADDRESSES", "imageclassification", "ADDRESSES", "p5"],
        ["EVALUATES_ON", "cifar10", "EVALUATES_ON", "p1"],
        ["EVALUATES_ON", "cifar10", "EVALUATES_ON", "p5"],
        ["EVALUATES_ON", "imagenet", "EVALUATES_ON", "p1"],
        ["EVALUATES_ON", "imagenet", "EVALUATES_ON", "p4"],
        ["EVALUATES_ON", "imagenet", "EVALUATES_ON", "p6"],
        ["HAS_CODE", "github.com/google-research/vision_transformer", None, None],
        ["MEASURES", "top1accuracy", "MEASURES", "p4"],
        ["MEASURES", "top1accuracy", "MEASURES", "p6"],
        ["PROPOSES", "vit", None, None],
        ["REPORTS", "p3#1", None, None],
        ["USES", "adam", "USES", "p2"],
        ["USES", "adam", "USES", "p4"],
        ["USES", "adam", "USES", "p5"],
        ["USES", "resnet", "PROPOSES", "p1"],
        ["USES", "resnet", "USES", "p4"],
        ["USES", "resnet", "USES", "p5"],
        ["USES", "resnet", "USES", "p6"],
        ["USES", "transformer", "PROPOSES", "p2"],
    ],
    "graph_overview": [
        ["Dataset", 4],
        ["Method", 6],
        ["Metric", 3],
        ["Paper", 6],
        ["Repository", 4],
        ["Result", 7],
        ["Task", 2],
    ],
    "papers_without_code": [["p6", T["p6"], ["MixNet"]]],
    "methods_for_task_on_dataset": [
        ["ResNet", 3],
        ["Adam", 2],
        ["TinyNet", 1],
        ["Transformer", 1],
        ["ViT", 1],
    ],
    "datasets_for_task": [["CIFAR-10", 3], ["ImageNet", 3], ["TinyBench", 1]],
    "metrics_for_task": [["top-1 accuracy", 2], ["top-1 error", 2]],
    # the highest accuracy, the lowest error; the improvement of p4 (95.0) is no value
    "leaderboard": [
        ["image classification", "ImageNet", "top-1 accuracy", 88.5, "%", "ViT", "p3"],
        ["image classification", "ImageNet", "top-1 error", 3.57, "%", "ResNet", "p1"],
        ["machine translation", "WMT14", "BLEU", 28.4, "", "Transformer", "p2"],
        [None, "ImageNet", "top-1 accuracy", 77.0, "%", "MixNet", "p6"],
        [None, "TinyBench", "top-1 accuracy", 60.1, "%", "TinyNet", "p4"],
    ],
}


def query_files() -> list[Path]:
    return sorted(QUERIES.glob("*.cypher"))


def run(store: FalkorStore, name: str, **overrides: Any) -> list[list[Any]]:
    query = parse_query_file(QUERIES / f"{name}.cypher")
    return store.query(query.text, query.parameters(overrides)).rows


def project_neighbourhood(rows: list[list[Any]]) -> list[list[Any]]:
    def ident(node: dict[str, Any] | None) -> str | None:
        return node["properties"]["id"] if node else None

    projected = []
    for p, r, x, r2, q in rows:
        assert ident(p) == "p3"
        projected.append([r["type"], ident(x), r2["type"] if r2 else None, ident(q)])
    return projected


def test_there_are_at_least_ten_queries_and_each_has_known_answers() -> None:
    names = {path.stem for path in query_files()}
    assert len(names) >= 10
    assert names == set(EXPECTED)


@pytest.mark.parametrize("path", query_files(), ids=lambda p: p.stem)
def test_each_file_describes_itself_and_declares_every_parameter(path: Path) -> None:
    query = parse_query_file(path)
    assert path.read_text().startswith("// ")
    assert len(query.description) > 20
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    assert used == set(query.defaults)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_query_returns_the_known_answer(corpus_store: FalkorStore, name: str) -> None:
    rows = run(corpus_store, name)
    if name == "paper_neighbourhood":
        rows = project_neighbourhood(rows)
    assert rows == EXPECTED[name]


def test_parameters_override_the_declared_defaults(corpus_store: FalkorStore) -> None:
    assert run(corpus_store, "most_used_datasets", limit=2) == [["ImageNet", 4], ["CIFAR-10", 3]]
    # datasets and methods are found by alias and by id too
    assert run(corpus_store, "methods_on_dataset", dataset="CIFAR10") == [
        ["ResNet", 3],
        ["Adam", 2],
        ["Transformer", 1],
        ["ViT", 1],
    ]
    assert run(corpus_store, "datasets_for_method", method="vit") == [
        ["CIFAR-10", 1],
        ["ImageNet", 1],
    ]
    assert run(corpus_store, "papers_sharing_datasets", paper="p5") == [
        ["p1", T["p1"], 1, ["CIFAR-10"]],
        ["p3", T["p3"], 1, ["CIFAR-10"]],
    ]
    assert run(corpus_store, "methods_used_together", min_papers=3) == [["Adam", "ResNet", 3]]
    # tasks by id or name, with the dataset by alias
    assert run(
        corpus_store, "methods_for_task_on_dataset", task="machinetranslation", dataset="WMT14"
    ) == [["Adam", 1], ["Transformer", 1]]
    assert run(corpus_store, "methods_for_task_on_dataset", dataset="CIFAR10") == [
        ["ResNet", 3],
        ["Adam", 2],
        ["Transformer", 1],
        ["ViT", 1],
    ]
    assert run(corpus_store, "datasets_for_task", task="machine translation") == [["WMT14", 1]]
    assert run(corpus_store, "metrics_for_task", task="machinetranslation") == [["BLEU", 1]]
    assert len(run(corpus_store, "leaderboard", limit=2)) == 2
