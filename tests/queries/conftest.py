"""A small corpus with known answers, loaded once into the session's embedded FalkorDB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.graph import build_graph
from kg.models import (
    DatasetEntity,
    Entity,
    MethodEntity,
    Paper,
    Relation,
    RelType,
    RepositoryEntity,
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
    relations = []

    def link(kind: RelType, paper: str, label: str, target: str, **extra: bool) -> None:
        relations.append(
            Relation(
                type=kind,
                source=paper,
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
    return papers, entities, relations


@pytest.fixture(scope="session")
def corpus_store(server: ServerInfo) -> Iterator[FalkorStore]:
    """The corpus loaded once into its own graph of the session's server."""
    store = FalkorStore(server.client(), "queries-corpus", "query test corpus")
    load_graph(store, build_graph(*corpus()))
    yield store
    store.graph.delete()
    store.close()
