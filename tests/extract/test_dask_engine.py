"""The Dask engine writes what the local engine writes, byte for byte, and says clearly when it
cannot run. One local cluster of two worker processes serves the module."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from distributed import LocalCluster, get_worker

import kg
from kg.cli import main
from kg.errors import ConfigError
from kg.export import extraction_line
from kg.extract import Extractor, NameTable
from kg.extract.batching import batches
from kg.extract.dask_engine import PLUGIN_PREFIX
from kg.extract.engines import extract_with
from kg.extract.runs import CHUNK, ExtractRun
from kg.models import Paper, PaperExtraction
from tests.outdir import out_dir_files

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "kg" / "data" / "sample"
LATE = ["Pangolin", "Axolotl", "Narwhal"]


def corpus() -> list[Paper]:
    """Papers over three chunks. "Quokka" is proved a method in the first chunk and a dataset,
    by as many votes, in the last, "Okapi" the other way round, so the label each gets elsewhere
    depends on the order the chunks' name tables are merged in; the names of ``LATE`` are proved
    only in the last chunk and mentioned before, so the table must be whole before any findings
    are made."""
    size = CHUNK * 2 + 50
    special = {
        10: "We propose Quokka, a sparse attention model for long documents.",
        11: "We present Quokka, a model that reads long documents in one pass.",
        20: "We introduce the Okapi dataset, a collection of 5,000 annotated street scenes.",
        size - 20: "We introduce the Quokka dataset, a collection of 9,000 annotated receipts.",
        size - 11: "We propose Okapi, a recurrent model for speech with few parameters.",
        size - 10: "We present Okapi, a model that hears speech in one pass.",
    }
    for offset, name in enumerate(LATE):
        special[size - 5 + offset] = f"We propose {name}, a graph solver, tested on Delta-{offset}."
    names = ["Quokka", "Okapi", *LATE]
    papers = []
    for i in range(size):
        name = names[i % len(names)]
        abstract = special.get(i, f"Results with {name} are reported for run {i} with ResNet-50.")
        papers.append(Paper(id=f"p{i:04d}", title=f"Study {i}", abstract=abstract))
    return papers


@pytest.fixture(scope="module")
def importable() -> Iterator[None]:
    """Workers started while this runs can import this module (its ``reduce`` functions)."""
    sys.path.insert(0, str(REPO))
    yield
    sys.path.remove(str(REPO))


@pytest.fixture(scope="module")
def scheduler(importable: None) -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return corpus()


@pytest.fixture
def corpus_file(papers: list[Paper], tmp_path: Path) -> str:
    path = tmp_path / "corpus.jsonl"
    path.write_text(
        "".join(p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in papers),
        encoding="utf-8",
    )
    return str(path)


def files(folder: Path) -> dict[str, bytes]:
    return out_dir_files(folder)


def build_both(inputs: list[str], tmp_path: Path, *dask_options: str) -> None:
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    assert main(["build", *inputs, "--workers", "1", "--out", str(local)]) == 0
    assert main(["build", *inputs, "--engine", "dask", *dask_options, "--out", str(on_dask)]) == 0
    written = files(local)
    assert {name.split("/")[0] for name in written} == {
        "graph.graphml",
        "extractions.jsonl",
        "names.json",
        "report.json",
        "graph.tables",
    }
    assert files(on_dask) == written


def test_build_on_dask_writes_the_local_files(
    corpus_file: str, scheduler: str, tmp_path: Path
) -> None:
    build_both([corpus_file], tmp_path, "--scheduler", scheduler)


def test_build_of_the_sample_on_dask_writes_the_local_files(scheduler: str, tmp_path: Path) -> None:
    inputs = [str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl")]
    build_both(inputs, tmp_path, "--scheduler", scheduler)


def explanations(err: str) -> str:
    """What --explain printed: the lines after the counts and "wrote", without the time per
    stage (the engines time different stages)."""
    kept = [line for line in err.split("\n")[2:] if not line.startswith("kg: time:")]
    return "\n".join(kept)


def test_extract_on_dask_writes_the_local_lines(
    corpus_file: str, scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    options = ["--explain", "p0001", "--quiet"]  # no time per stage, which differ
    assert main(["extract", corpus_file, *options, "-o", str(local)]) == 0
    explained = explanations(capsys.readouterr().err)
    dask_options = ["--engine", "dask", "--scheduler", scheduler, *options]
    assert main(["extract", corpus_file, *dask_options, "-o", str(on_dask)]) == 0
    assert explanations(capsys.readouterr().err) == explained
    assert "p0001: Study 1" in explained
    assert on_dask.read_bytes() == local.read_bytes()
    assert local.read_bytes().count(b"\n") == CHUNK * 2 + 50


def test_the_python_api_extracts_on_dask(corpus_file: str, scheduler: str) -> None:
    local = [extraction_line(e) for e in kg.extract([corpus_file])]
    on_dask = kg.extract([corpus_file], engine="dask", scheduler=scheduler)
    assert [extraction_line(e) for e in on_dask] == local


def test_the_name_table_is_folded_in_corpus_order(papers: list[Paper], scheduler: str) -> None:
    extractor = Extractor()
    parts = [
        extractor.table(extractor.hints(paper.text for paper in chunk))
        for chunk in batches(papers, CHUNK)
    ]
    in_order, reversed_ = NameTable(), NameTable()
    for part in parts:
        in_order.merge(part)
    for part in reversed(parts):
        reversed_.merge(part)
    assert in_order.label("quokka") == "Method" and in_order.label("okapi") == "Dataset"
    assert reversed_ != in_order  # the corpus tells the orders apart

    tables: list[NameTable] = []
    run = ExtractRun(on_table=tables.append, scheduler=scheduler)
    chunks = extract_with("dask", papers, len, run)
    assert list(chunks) == [len(chunk) for chunk in batches(papers, CHUNK)]
    assert tables == [in_order]


def test_each_pass_is_reported_chunk_by_chunk(papers: list[Paper], scheduler: str) -> None:
    from kg.extract import FINDINGS_PASS, HINTS_PASS

    told: list[tuple[str, int]] = []
    run = ExtractRun(scheduler=scheduler, on_progress=lambda name, n: told.append((name, n)))
    sizes = [len(chunk) for chunk in batches(papers, CHUNK)]
    seen = list(extract_with("dask", papers, len, run))
    assert seen == sizes
    assert told == [(HINTS_PASS, n) for n in sizes] + [(FINDINGS_PASS, n) for n in sizes]


def test_a_prior_table_comes_first(papers: list[Paper], scheduler: str) -> None:
    prior = NameTable().add_all([("okapi", "Method")] * 2)  # as many votes as the papers
    local: list[NameTable] = []
    on_dask: list[NameTable] = []
    first = papers[: CHUNK + 1]
    lines = list(extract_with("local", first, list, ExtractRun(prior=prior, on_table=local.append)))
    on = ExtractRun(prior=prior, on_table=on_dask.append, scheduler=scheduler)
    dask_lines = list(extract_with("dask", first, list, on))
    assert on_dask == local and local[0].label("okapi") == "Method"
    assert dask_lines == lines


def test_update_on_dask_writes_the_local_files(
    papers: list[Paper], scheduler: str, tmp_path: Path
) -> None:
    def write(path: Path, part: list[Paper]) -> str:
        lines = (p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in part)
        path.write_text("".join(lines), encoding="utf-8")
        return str(path)

    old = write(tmp_path / "old.jsonl", papers[: CHUNK + 20])
    new = write(tmp_path / "new.jsonl", papers[CHUNK + 20 :])
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    for out in (local, on_dask):
        assert main(["build", old, "--workers", "1", "--out", str(out)]) == 0
    assert main(["build", new, "--workers", "1", "--update", str(local)]) == 0
    dask_options = ["--engine", "dask", "--scheduler", scheduler]
    assert main(["build", new, *dask_options, "--update", str(on_dask)]) == 0
    assert files(on_dask) == files(local)


def test_without_a_scheduler_the_build_runs_its_own_cluster(tmp_path: Path) -> None:
    build_both([str(SAMPLE / "papers.jsonl")], tmp_path, "--workers", "2")


def test_a_bad_gazetteer_read_by_the_workers_is_a_coded_error(
    scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gazetteer = tmp_path / "names.jsonl"
    gazetteer.write_text('{"label": "Method", "name": "Quokka"}\n{"label": \n', encoding="utf-8")
    dask_options = ["--engine", "dask", "--scheduler", scheduler, "--gazetteer", str(gazetteer)]
    assert main(["extract", str(SAMPLE / "papers.jsonl"), *dask_options]) == 3
    err = capsys.readouterr().err
    assert f"[E003] {gazetteer}:2: not a gazetteer entry" in err
    assert "Traceback" not in err


def pipelines(_extractions: list[PaperExtraction]) -> tuple[str, list[int]]:
    """Which worker ran the chunk, and the pipelines its plugins hold."""
    worker = get_worker()
    held = [id(p.extractor) for n, p in worker.plugins.items() if n.startswith(PLUGIN_PREFIX)]
    return worker.address, held


def test_each_worker_builds_one_pipeline_for_all_its_chunks(
    papers: list[Paper], scheduler: str
) -> None:
    seen = list(extract_with("dask", papers, pipelines, ExtractRun(scheduler=scheduler)))
    assert len(seen) == len(list(batches(papers, CHUNK))) == 3
    by_worker: dict[str, set[int]] = {}
    for address, held in seen:
        assert len(held) == 1
        by_worker.setdefault(address, set()).update(held)
    assert all(len(ids) == 1 for ids in by_worker.values())


def die(_extractions: list[PaperExtraction]) -> None:
    os._exit(1)  # the worker process ends at once, as when the system kills it


def test_a_worker_that_dies_is_a_coded_error(papers: list[Paper], importable: None) -> None:
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster,
        pytest.raises(ConfigError, match=r"a Dask worker died extracting chunk 0 of 1"),
    ):
        run = ExtractRun(scheduler=cluster.scheduler_address)
        list(extract_with("dask", papers[:10], die, run))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:{port}", "no-port-here"])
def test_an_unreachable_scheduler_is_a_coded_error(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    address = address.format(port=closed_port())
    out = tmp_path / "out"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        dask_options = ["--engine", "dask", "--scheduler", address]
        code = main(["build", str(SAMPLE / "papers.jsonl"), *dask_options, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert f"[E003] cannot reach the Dask scheduler at {address}" in err
    assert "Traceback" not in err
    assert not (out / "graph.graphml").exists()


def test_a_scheduler_without_workers_is_a_coded_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        LocalCluster(n_workers=0, dashboard_address=":0") as empty,
    ):
        address = empty.scheduler_address
        dask_options = ["--engine", "dask", "--scheduler", address]
        out = tmp_path / "out"
        code = main(["build", str(SAMPLE / "papers.jsonl"), *dask_options, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 3
    assert f"[E003] the Dask scheduler at {address} has no workers" in err
    assert "Traceback" not in err
    assert not (out / "graph.graphml").exists()


def test_dask_not_installed_is_a_coded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now fails
    for command in (["build", "--out", str(tmp_path / "out")], ["extract"]):
        code = main([*command, str(SAMPLE / "papers.jsonl"), "--engine", "dask"])
        err = capsys.readouterr().err
        assert code == 3
        assert "[E003]" in err and "pip install 'kg-papers[dask]'" in err
        assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_scheduler_goes_with_the_dask_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", str(SAMPLE / "papers.jsonl"), "--scheduler", "tcp://127.0.0.1:8786"])
    assert code == 2
    assert "[E005] --scheduler goes with --engine dask" in capsys.readouterr().err
