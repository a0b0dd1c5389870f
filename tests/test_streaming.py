"""A build streams its corpus chunk by chunk: the files it writes do not depend on the chunk
size, the number of workers or whether a NetworkX graph is made, and equal those of resolving
the whole corpus in memory at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.export.graphml import write_graphml
from kg.extract import extract_papers
from kg.graph import build_graph, graph_stats
from kg.ingest import read_inputs
from kg.pipeline import build
from kg.resolve import Resolver
from kg.scratch import SCRATCH_PREFIX
from tests.outdir import out_dir_files

SAMPLE = Path(__file__).resolve().parents[1] / "kg" / "data" / "sample"

# written for this test: a name proved only late (so the name table must be whole before any
# findings), repeats merged at ingest (same id, longer abstract; same title, no id), a code link
# and a stated result
PAPERS = [
    {"id": "s1", "title": "Sparse solvers at scale", "abstract": "We run Quokka on big graphs."},
    {"id": "s2", "title": "Graph kernels", "abstract": "Quokka and ResNet-50 are compared."},
    {"id": "s3", "title": "Pruned transformers", "abstract": "We prune BERT on GLUE."},
    {
        "id": "s1",
        "title": "Sparse solvers at scale",
        "abstract": "We run Quokka on big graphs, "
        "and on Wikipedia too; code is at https://github.com/example/quokka-runs.",
    },
    {"title": "Graph kernels", "abstract": "Quokka and ResNet-50 are compared, at length."},
    {
        "id": "s4",
        "title": "Faster image models",
        "abstract": "Our WombatNet reaches 91.2% "
        "top-1 accuracy on ImageNet, 1.3 points above ResNet-50.",
    },
    {
        "id": "s5",
        "title": "Quokka",
        "abstract": "We propose Quokka, a sparse solver, and test "
        "it on the Delta-5 dataset. Code: https://github.com/example/quokka.",
    },
    {"id": "s6", "title": "", "abstract": "We introduce the Okapi benchmark for retrieval."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = tmp_path_factory.mktemp("inputs") / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    return [str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl"), str(path)]


def files(out: Path) -> dict[str, bytes]:
    return out_dir_files(out)


@pytest.fixture(scope="module")
def default(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("default")
    build(inputs, out)
    return files(out)


@pytest.mark.parametrize(
    ("chunk_size", "workers", "networkx"),
    [(1, 1, None), (3, 1, False), (3, 2, None), (None, 2, False), (1, 2, True)],
)
def test_the_files_do_not_depend_on_how_the_corpus_is_streamed(
    inputs: list[str],
    default: dict[str, bytes],
    tmp_path: Path,
    chunk_size: int | None,
    workers: int,
    networkx: bool | None,
) -> None:
    result = build(inputs, tmp_path, workers=workers, networkx=networkx, chunk_size=chunk_size)
    assert files(tmp_path) == default
    assert (result.graph is None) == (networkx is False)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(SCRATCH_PREFIX)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_pipeline_built_anew_every_chunk_writes_the_same_files(
    inputs: list[str],
    default: dict[str, bytes],
    tmp_path: Path,
    workers: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kg.extract.parallel as parallel
    from kg.extract import Extractor

    built: list[int] = []

    class Counted(Extractor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "RENEW_EVERY", 1)
    monkeypatch.setattr("kg.extract.Extractor", Counted)
    build(inputs, tmp_path, workers=workers, chunk_size=1)
    assert files(tmp_path) == default
    if workers == 1:  # the pipelines of worker processes are not counted here
        papers = len(read_inputs(inputs)[0])
        # one per chunk of the hints pass; the findings pass tokenizes nothing: none
        assert len(built) == papers


def test_the_files_are_those_of_the_corpus_resolved_in_memory(
    inputs: list[str], default: dict[str, bytes], tmp_path: Path
) -> None:
    papers, _report = read_inputs(inputs)
    resolver = Resolver()
    lines = []
    for extraction in extract_papers(papers):
        resolver.add(extraction)
        lines.append(extraction)
    graph = build_graph(papers, resolver.entities(), resolver.relations())
    write_graphml(graph, tmp_path / "graph.graphml")
    assert (tmp_path / "graph.graphml").read_bytes() == default["graph.graphml"]
    assert graph.number_of_edges() > len(papers)  # a graph worth comparing
    assert {d["label"] for _, d in graph.nodes(data=True)} >= {"Paper", "Method", "Result"}


def test_stats_without_networkx_are_those_of_the_graph(inputs: list[str], tmp_path: Path) -> None:
    with_graph = build(inputs, tmp_path / "a", networkx=True)
    streamed = build(inputs, tmp_path / "b", networkx=False, chunk_size=2)
    assert with_graph.graph is not None
    assert streamed.stats == with_graph.stats == graph_stats(with_graph.graph)


def test_a_failed_build_leaves_no_scratch_folder(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.graph

    def broken(_graph: object, _target: object, **_kwargs: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(kg.graph, "write_graphml", broken)
    with pytest.raises(OSError, match="disk gone"):
        build(inputs, tmp_path, chunk_size=2)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("networkx", [True, False])
def test_tables_failing_beside_the_graphml_fail_the_build_and_leave_nothing(
    inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, networkx: bool
) -> None:
    """With two workers the tables are written by a forked child: its error is the build's,
    and the out dir is left as it was (here: empty)."""
    import kg.graph.table_cache

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.graph.table_cache, "graph_table_files", broken)
    with pytest.raises(OSError, match="No space left"):
        build(inputs, tmp_path, workers=2, chunk_size=2, networkx=networkx)
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_and_an_update_write_the_same_files_without_networkx(
    inputs: list[str], tmp_path: Path
) -> None:
    from kg.cli.main import main

    with_graph, without = tmp_path / "with", tmp_path / "without"
    assert main(["build", inputs[0], "--out", str(with_graph)]) == 0
    assert main(["build", inputs[0], "--no-networkx", "--out", str(without)]) == 0
    assert files(without) == files(with_graph)
    assert main(["build", *inputs[1:], "--update", str(with_graph)]) == 0
    assert main(["build", *inputs[1:], "--no-networkx", "--update", str(without)]) == 0
    assert files(without) == files(with_graph)
