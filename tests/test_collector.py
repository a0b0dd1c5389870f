"""The cycle collector's pause is only a speed-up: results are the same without it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import collector
from kg.export import extraction_line
from kg.extract import extract_papers
from kg.ingest import read_inputs

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "data" / "sample"
INPUTS = [str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl")]


@pytest.fixture
def plain() -> Iterator[None]:
    collector.PAUSE = False
    try:
        yield
    finally:
        collector.PAUSE = True


def _outputs() -> tuple[list[str], str]:
    papers, report = read_inputs(INPUTS)
    return [extraction_line(e) for e in extract_papers(papers)], report.model_dump_json()


def test_paused_and_plain_paths_give_the_same_results(plain: None) -> None:
    without = _outputs()
    collector.PAUSE = True
    assert _outputs() == without


def test_the_pause_ends_with_the_block_and_is_skipped_on_the_plain_path(plain: None) -> None:
    with collector.collector_paused():
        assert gc.isenabled()
    collector.PAUSE = True
    with collector.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector.collector_paused():
        raise RuntimeError
    assert gc.isenabled()
