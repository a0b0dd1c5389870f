from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import read_graphml


def test_build_writes_graph_extractions_and_report(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", *sample_inputs, "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "Paper" in printed.out and "HAS_CODE" in printed.out
    assert re.search(r"read \d+ records from 2 file\(s\): built \d+ papers", printed.err)

    graph = read_graphml(out / "graph.graphml")
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == "Paper"]
    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text().splitlines()]
    report = json.loads((out / "report.json").read_text())
    assert len(papers) == len(records) == report["built"]
    assert report["merged"] >= 1  # the sample repeats a paper
    assert any(d["label"] == "Repository" for _, d in graph.nodes(data=True))
    assert {k for _, _, k in graph.edges(keys=True)} <= {
        "PROPOSES",
        "USES",
        "EVALUATES_ON",
        "HAS_CODE",
        "ADDRESSES",
        "MEASURES",
        "REPORTS",
        "ON",
        "IN_TERMS_OF",
        "FOR",
        "OF",
    }


def test_stats_on_built_dir(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    main(["build", *sample_inputs, "--out", str(out)])
    capsys.readouterr()
    assert main(["stats", str(out), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["nodes"]["Paper"] > 0
    assert set(stats["relationships"]) >= {"PROPOSES", "USES", "EVALUATES_ON", "HAS_CODE"}


def test_stats_without_graph_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "no graph at" in err and "Traceback" not in err


def test_seed_listings_give_293_papers_and_every_code_link(
    seed_inputs: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert main(["build", *seed_inputs, "--out", str(out)]) == 0
    graph = read_graphml(out / "graph.graphml")
    papers = [n for n, d in graph.nodes(data=True) if d["label"] == "Paper"]
    assert len(papers) == 293
    linked_repos = {target for _, target, key in graph.edges(keys=True) if key == "HAS_CODE"}
    text = "\n".join(Path(p).read_text(encoding="utf-8") for p in seed_inputs)
    hosts = {
        m.split("/")[0].rstrip(".,;:)]}").lower()
        for m in re.findall(r"https?://(?:www\.)?(\S+)", text)
    }
    repo_hosts = {graph.nodes[r]["host"].lower().removeprefix("www.") for r in linked_repos}
    assert hosts <= repo_hosts
    assert len(linked_repos) >= 70


def test_build_summary_names_every_stage(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", *sample_inputs, "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    stages = [line.split()[2] for line in err.splitlines() if line.startswith("kg: time: ")]
    assert stages == [
        "read",
        "extract:hints",
        "extract:findings",
        "resolve",
        "write",
        "tables",
        "total",
    ]
    assert "\r" not in err  # not a terminal: no live lines


def test_build_quiet_prints_no_progress(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", *sample_inputs, "--out", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "kg: time:" not in err and "\r" not in err
    assert re.search(r"built \d+ papers", err)  # what was read is still said
