from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main


def test_extract_writes_contract_records(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.jsonl"
    assert main(["extract", *sample_inputs, "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records
    for record in records:
        assert set(record) >= {"id", "title", "methods", "datasets", "repositories"}
        for method in record["methods"]:
            assert method["name"] and method["role"] in ("proposed", "used")
        for dataset in record["datasets"]:
            assert dataset["name"]
        for repo in record["repositories"]:
            assert repo["url"].startswith("http")
    assert any(m["role"] == "proposed" for r in records for m in r["methods"])
    assert "wrote" in capsys.readouterr().err


def test_record_ids_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "my-id-1", "title": "T", "abstract": "We use BERT on SQuAD."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.jsonl"
    assert main(["extract", str(source), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["id"] == "my-id-1"


def test_explain_names_rules(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", *sample_inputs, "-o", str(tmp_path / "x.jsonl"), "--explain"]) == 0
    err = capsys.readouterr().err
    records = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text().splitlines()]
    some_rule = next(m["rule"] for r in records for m in r["methods"])
    assert some_rule in err


def test_strict_stops_with_non_zero_exit_and_no_traceback(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "a", "title": "Fine"}\n{not json\n', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli.main",
            "extract",
            str(source),
            "--strict",
            "-o",
            str(tmp_path / "x.jsonl"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "bad.jsonl:2" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_record_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "a", "title": "Fine paper", "abstract": "We use BERT."}\n{not json\n'
        '{"id": "b", "title": "Another fine paper"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "x.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli.main", "extract", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "bad.jsonl:2" in done.stderr
    assert "skipped 1" in done.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a", "b"]


def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "paper"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "title" in schema["properties"]
