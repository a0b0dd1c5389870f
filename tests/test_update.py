"""Incremental builds: adding inputs to an earlier build gives the build of all inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import InputError
from kg.export import extraction_line
from kg.graph import read_graphml
from kg.pipeline import build
from kg.update import update
from tests.outdir import out_dir_files

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "data" / "sample"
A, B = str(SAMPLE / "listing.txt"), str(SAMPLE / "papers.jsonl")


def _graph_facts(out: Path) -> tuple[set[str], set[tuple[str, str, str]]]:
    graph = read_graphml(out / "graph.graphml")
    return set(graph.nodes), {(s, t, k) for s, t, k in graph.edges(keys=True)}


def test_update_gives_the_papers_entities_and_relations_of_one_build(tmp_path: Path) -> None:
    build([A], tmp_path / "inc")
    result = update([B], tmp_path / "inc")
    build([A, B], tmp_path / "all")
    assert (result.added, result.changed, result.extracted) == (4, 1, 5)
    assert _graph_facts(tmp_path / "inc") == _graph_facts(tmp_path / "all")
    inc = (tmp_path / "inc" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    full = (tmp_path / "all" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert inc == full


def test_full_update_equals_a_build_of_everything(tmp_path: Path) -> None:
    build([A], tmp_path / "inc")
    update([B], tmp_path / "inc", full=True)
    build([A, B], tmp_path / "all")
    for name in ("extractions.jsonl", "graph.graphml", "names.json"):
        assert (tmp_path / "inc" / name).read_bytes() == (tmp_path / "all" / name).read_bytes()


def test_a_paper_already_built_is_updated_not_doubled(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text(
        json.dumps({"id": "p1", "title": "Kestrel", "abstract": "We use BERT on SQuAD."}) + "\n",
        encoding="utf-8",
    )
    build([str(source)], tmp_path / "out")
    again = tmp_path / "b.jsonl"
    longer = "We use BERT and RoBERTa on SQuAD. Code: https://github.com/acme/kestrel."
    again.write_text(
        json.dumps({"id": "p1", "abstract": longer, "year": 2024}) + "\n", encoding="utf-8"
    )
    result = update([str(again)], tmp_path / "out")
    assert (result.added, result.changed, result.extracted) == (0, 1, 1)
    graph = read_graphml(tmp_path / "out" / "graph.graphml")
    papers = [d for _, d in graph.nodes(data=True) if d.get("labels") == ":Paper"]
    assert len(papers) == 1 and papers[0]["abstract"] == longer and papers[0]["year"] == 2024
    assert "repo:github.com/acme/kestrel" in graph
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "RoBERTa" in lines[0]


def test_updating_with_the_same_inputs_changes_no_paper_entity_or_relation(
    tmp_path: Path,
) -> None:
    build([A, B], tmp_path / "out")
    before = _graph_facts(tmp_path / "out")
    result = update([B], tmp_path / "out")
    assert (result.added, result.changed) == (0, 5)
    assert _graph_facts(tmp_path / "out") == before


def test_a_folder_without_a_name_table_is_a_clear_error(tmp_path: Path) -> None:
    build([A], tmp_path / "out")
    (tmp_path / "out" / "names.json").unlink()
    with pytest.raises(InputError, match=r"names\.json"):
        update([B], tmp_path / "out")


def test_cli_update_and_full(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out")
    assert main(["build", A, "--out", out, "--workers", "1"]) == 0
    assert main(["build", B, "--update", out, "--workers", "1"]) == 0
    assert "4 papers added, 1 changed, 5 extracted" in capsys.readouterr().err
    assert main(["build", B, "--update", out, "--full", "--workers", "1"]) == 0
    assert "0 papers added, 5 changed, 18 extracted" in capsys.readouterr().err
    assert main(["build", A, "--out", out, "--full"]) == 2


def test_a_record_read_back_is_the_record(tmp_path: Path) -> None:
    """An update keeps the extraction of papers it does not extract again: read back from
    their records, they give the same records and so the same relations."""
    from kg.models import Paper
    from kg.update import extraction_from_record

    build([A, B], tmp_path / "out")
    lines = (tmp_path / "out" / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    with_results = 0
    for line in lines:
        record = json.loads(line)
        paper = Paper(id=record["id"], title=record["title"])
        extraction = extraction_from_record(paper, record)
        assert extraction_line(extraction) == line
        with_results += bool(extraction.results)
        assert all(r.metric_key and r.dataset_key for r in extraction.results)
    assert with_results > 0


def test_a_failed_update_leaves_the_build_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build([A], tmp_path / "out")
    before = out_dir_files(tmp_path / "out")

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.graph.write_graphml", disk_full)
    with pytest.raises(OSError):
        update([B], tmp_path / "out")
    after = out_dir_files(tmp_path / "out")
    assert after == before
