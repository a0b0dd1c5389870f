"""Extraction in several processes gives exactly what one process gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.export import extraction_line
from kg.extract import FINDINGS_PASS, HINTS_PASS, ExtractRun, extract_chunks, extract_papers
from kg.extract.runs import CHUNK
from kg.models import Paper

NAMES = ["Quokka", "Marmot", "Pangolin", "Axolotl", "Narwhal", "Okapi"]


def corpus(size: int) -> list[Paper]:
    """Papers spread over several chunks; each name is proposed (a strong cue) only late in the
    corpus and merely mentioned, capitalised, everywhere before, so the name table must be whole
    before any findings are made."""
    papers = []
    for i in range(size):
        name = NAMES[i % len(NAMES)]
        if i >= size - len(NAMES):
            abstract = f"We propose {name}, a sparse solver, and test it on the Delta-{i} dataset."
        else:
            abstract = f"Results of {name} on graphs are reported (run {i}) with ResNet-50."
        papers.append(Paper(id=f"p{i:04d}", title=f"Study {i}", abstract=abstract))
    return papers


@pytest.fixture(scope="module")
def papers() -> list[Paper]:
    return corpus(CHUNK * 2 + 40)


def test_two_workers_equal_one(papers: list[Paper]) -> None:
    one = [extraction_line(e) for e in extract_papers(papers, workers=1)]
    two = [extraction_line(e) for e in extract_papers(papers, workers=2)]
    assert len(one) == len(papers)
    assert two == one
    # the late proposals reached the early papers
    first = json.loads(one[0])
    assert [m["name"] for m in first["methods"] if m["name"] == NAMES[0]] == [NAMES[0]]


def test_cli_output_is_byte_identical_for_any_number_of_workers(
    papers: list[Paper], tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for paper in papers:
            handle.write(paper.model_dump_json(include={"id", "title", "abstract"}) + "\n")
    outputs = []
    for workers in ("1", "2", "3"):
        out = tmp_path / f"w{workers}.jsonl"
        assert main(["extract", str(source), "--workers", workers, "-o", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0].count(b"\n") == len(papers)
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


def test_build_with_workers_gives_the_same_files(papers: list[Paper], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in papers),
        encoding="utf-8",
    )
    for workers in ("1", "2"):
        assert (
            main(["build", str(source), "--workers", workers, "--out", str(tmp_path / workers)])
            == 0
        )
    for name in ("extractions.jsonl", "graph.graphml"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_any_chunk_size_gives_the_same_extractions(papers: list[Paper]) -> None:
    whole = [extraction_line(e) for e in extract_papers(papers[:40])]
    for size, workers in ((1, 1), (7, 2)):
        run = ExtractRun(workers=workers, chunk_size=size)
        chunks = list(extract_chunks(papers[:40], list, run=run))
        assert [len(chunk) for chunk in chunks][:2] == [size, size]
        assert [extraction_line(e) for chunk in chunks for e in chunk] == whole


def explode(_extractions: list[object]) -> None:
    raise RuntimeError("reduce failed")


def test_the_chunk_shards_are_removed_after_a_run_and_a_failed_one(
    papers: list[Paper], tmp_path: Path
) -> None:
    run = ExtractRun(workers=2, chunk_size=10, scratch=tmp_path)
    assert len(list(extract_chunks(papers[:30], len, run=run))) == 3
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RuntimeError, match="reduce failed"):
        list(extract_chunks(papers[:30], explode, run=run))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_told_every_paper_of_each_pass(papers: list[Paper], workers: int) -> None:
    told: dict[str, int] = {}

    def on_progress(name: str, count: int) -> None:
        told[name] = told.get(name, 0) + count

    quiet = [extraction_line(e) for e in extract_papers(papers, workers=workers)]
    chunks = extract_chunks(papers, list, workers=workers, on_progress=on_progress)
    heard = [extraction_line(e) for chunk in chunks for e in chunk]
    assert heard == quiet
    assert told == {HINTS_PASS: len(papers), FINDINGS_PASS: len(papers)}


def test_a_signal_while_the_workers_are_forked_interrupts_the_run(
    papers: list[Paper], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGTERM at the instant the pool forks is held back, not lost: it is delivered once the
    pool is whole, the run ends as interrupted and no worker is left behind."""
    import multiprocessing
    import os
    import signal
    import threading

    from kg.errors import EXIT_INTERRUPTED
    from kg.extract import parallel

    real = parallel._context()
    held: list[bool] = []

    class Forking:
        """The real context, with a SIGTERM sent just as its pool starts forking."""

        def Pool(self, *args: object, **kwargs: object) -> object:
            os.kill(os.getpid(), signal.SIGTERM)
            held.append(True)  # not interrupted here: held back
            return real.Pool(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_context", Forking)
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(p.model_dump_json(include={"id", "title", "abstract"}) + "\n" for p in papers),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = threading.Event()  # another thread, which the kernel may hand the signal to
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        code = main(["extract", str(source), "--workers", "2", "-o", str(out)])
    finally:
        done.set()
        other.join()
    assert code == EXIT_INTERRUPTED
    assert held == [True]  # held back while forking, delivered after
    assert not out.exists()
    assert multiprocessing.active_children() == []


SURFACE_ORDER = [
    Paper(
        id="s1",
        title="Smoothing for labels",
        abstract=(
            "We apply our smoothing to supervised and semi-supervised learning tasks. "
            "In supervised learning it halves the error, and supervised training is faster."
        ),
    ),
    Paper(
        id="s2",
        title="Regression with few labels",
        abstract="Image retrieval and image classification gain from retrieval pre-training.",
    ),
]


def test_output_does_not_depend_on_the_string_hash_seed(tmp_path: Path) -> None:
    """Worker processes get their own hash seed: nothing may follow the order of a set."""
    source = tmp_path / "in.jsonl"
    sample = Path(__file__).parents[2] / "kg" / "data" / "sample" / "papers.jsonl"
    lines = [p.model_dump_json(include={"id", "title", "abstract"}) for p in SURFACE_ORDER]
    source.write_text(sample.read_text(encoding="utf-8") + "\n".join(lines) + "\n", "utf-8")
    outputs = set()
    for seed in ("1", "6", "7", "9"):  # seeds that order short and long surfaces both ways
        out = tmp_path / f"seed{seed}.jsonl"
        args = ["extract", str(source), "--quiet", "--workers", "1", "-o", str(out)]
        code = f"from kg.cli import main; raise SystemExit(main({args!r}))"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        outputs.add(out.read_bytes())
    assert len(outputs) == 1
