"""A small corpus with known answers, loaded once into the session's embedded FalkorDB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.graph import build_graph
from kg.models import (
    DatasetEntity,
    Entity,
    MethodEntity,
    MetricEntity,
    Paper,
    Relation,
    RelType,
    RepositoryEntity,
    ResultEntity,
    TaskEntity,
)
from kg.store import ServerInfo, load_graph
from kg.store.falkordb_store import FalkorStore

TITLES = {
    "p1": "Deep Residual Learning for Image Recognition",
    "p2": "Attention Is All You Need",
    "p3": "An Image is Worth 16x16 Words",
    "p4": "TinyBench: A Benchmark for Small Models",
    "p5": "A Study of Optimisers for ResNet",
    "p6": "MixNet: Mixed Depthwise Convolutions",
}

# paper -> (proposes, uses, evaluates on (dataset, introduced), repositories)
LINKS: dict[str, tuple[list[str], list[str], list[tuple[str, bool]], list[str]]] = {
    "p1": (
        ["resnet"],
        [],
        [("imagenet", False), ("cifar10", False)],
        ["github.com/kaiming/resnet"],
    ),
    "p2": (["transformer"], ["adam"], [("wmt14", False)], ["github.com/tensorflow/tensor2tensor"]),
    "p3": (
        ["vit"],
        ["transformer", "resnet", "adam"],
        [("imagenet", False), ("cifar10", False)],
        ["github.com/google-research/vision_transformer"],
    ),
    "p4": (
        ["tinynet"],
        ["resnet", "adam"],
        [("tinybench", True), ("imagenet", False)],
        ["gitlab.com/lab/tinybench"],
    ),
    "p5": ([], ["resnet", "adam"], [("cifar10", False)], []),
    "p6": (["mixnet"], ["resnet"], [("imagenet", False)], []),
}

METHODS = {
    "resnet": ("ResNet", ["ResNet-50", "Residual Network"]),
    "transformer": ("Transformer", []),
    "vit": ("ViT", ["Vision Transformer"]),
    "adam": ("Adam", []),
    "tinynet": ("TinyNet", []),
    "mixnet": ("MixNet", []),
}
DATASETS = {
    "imagenet": ("ImageNet", ["ILSVRC 2012"]),
    "cifar10": ("CIFAR-10", ["CIFAR10"]),
    "wmt14": ("WMT14", []),
    "tinybench": ("TinyBench", []),
}

TASKS = {
    "imageclassification": "image classification",
    "machinetranslation": "machine translation",
}
# metric id -> (name, lower_is_better)
METRICS = {
    "top1accuracy": ("top-1 accuracy", False),
    "top1error": ("top-1 error", True),
    "bleu": ("BLEU", False),
}
# paper -> (addresses, measures)
MEASURED: dict[str, tuple[list[str], list[str]]] = {
    "p1": (["imageclassification"], ["top1error"]),
    "p2": (["machinetranslation"], ["bleu"]),
    "p3": (["imageclassification"], ["top1accuracy"]),
    "p4": (["imageclassification"], ["top1accuracy"]),
    "p5": (["imageclassification"], ["top1error"]),
    "p6": ([], ["top1accuracy"]),
}
# paper -> stated results: (value, unit, delta, dataset, metric, task or None, method or None)
RESULTS: dict[str, list[tuple[float, str, bool, str, str, str | None, str | None]]] = {
    "p1": [(3.57, "%", False, "imagenet", "top1error", "imageclassification", "resnet")],
    "p2": [(28.4, "", False, "wmt14", "bleu", "machinetranslation", "transformer")],
    "p3": [(88.5, "%", False, "imagenet", "top1accuracy", "imageclassification", "vit")],
    # an improvement is no leaderboard value, however large
    "p4": [
        (95.0, "points", True, "imagenet", "top1accuracy", "imageclassification", "tinynet"),
        (60.1, "%", False, "tinybench", "top1accuracy", None, "tinynet"),
    ],
    # a higher error is worse: p1 keeps the top-1 error row
    "p5": [(5.1, "%", False, "imagenet", "top1error", "imageclassification", None)],
    # no task named: a leaderboard row of its own
    "p6": [(77.0, "%", False, "imagenet", "top1accuracy", None, "mixnet")],
}


def repository(ident: str) -> RepositoryEntity:
    host, owner, name = ident.split("/")
    return RepositoryEntity(id=ident, url=f"https://{ident}", host=host, owner=owner, name=name)


def corpus() -> tuple[list[Paper], list[Entity], list[Relation]]:
    papers = [
        Paper(id=pid, title=title, abstract=f"Abstract of {pid}.") for pid, title in TITLES.items()
    ]
    entities: list[Entity] = [
        MethodEntity(id=k, name=n, aliases=a) for k, (n, a) in METHODS.items()
    ]
    entities += [DatasetEntity(id=k, name=n, aliases=a) for k, (n, a) in DATASETS.items()]
    repos = sorted({r for *_rest, links in LINKS.values() for r in links})
    entities += [repository(r) for r in repos]
    entities += [TaskEntity(id=k, name=n) for k, n in TASKS.items()]
    entities += [
        MetricEntity(id=k, name=n, lower_is_better=lower) for k, (n, lower) in METRICS.items()
    ]
    relations = []

    def link(
        kind: RelType, paper: str, label: str, target: str, source: str = "Paper", **extra: bool
    ) -> None:
        relations.append(
            Relation(
                type=kind,
                source=paper,
                source_label=source,  # type: ignore[arg-type]
                target_label=label,  # type: ignore[arg-type]
                target=target,
                evidence=f"{paper} -> {target}",
                confidence=0.9,
                **extra,
            )
        )

    for paper, (proposes, uses, datasets, code) in LINKS.items():
        for method in proposes:
            link(RelType.PROPOSES, paper, "Method", method)
        for method in uses:
            link(RelType.USES, paper, "Method", method)
        for dataset, introduced in datasets:
            link(RelType.EVALUATES_ON, paper, "Dataset", dataset, introduced=introduced)
        for repo in code:
            link(RelType.HAS_CODE, paper, "Repository", repo)
    for paper, (tasks, metrics) in MEASURED.items():
        for task in tasks:
            link(RelType.ADDRESSES, paper, "Task", task)
        for metric in metrics:
            link(RelType.MEASURES, paper, "Metric", metric)
    for paper, results in RESULTS.items():
        for number, (value, unit, delta, dataset, metric, task, method) in enumerate(results, 1):
            rid = f"{paper}#{number}"
            entities.append(ResultEntity(id=rid, value=value, unit=unit, delta=delta))
            link(RelType.REPORTS, paper, "Result", rid)
            link(RelType.ON, rid, "Dataset", dataset, source="Result")
            link(RelType.IN_TERMS_OF, rid, "Metric", metric, source="Result")
            if task is not None:
                link(RelType.FOR, rid, "Task", task, source="Result")
            if method is not None:
                link(RelType.OF, rid, "Method", method, source="Result")
    return papers, entities, relations


@pytest.fixture(scope="session")
def corpus_store(server: ServerInfo) -> Iterator[FalkorStore]:
    """The corpus loaded once into its own graph of the session's server."""
    store = FalkorStore(server.client(), "queries-corpus", "query test corpus")
    load_graph(store, build_graph(*corpus()))
    yield store
    store.graph.delete()
    store.close()
