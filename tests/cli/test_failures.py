"""Failed, interrupted and partial runs: previous outputs kept, coded messages, exit codes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import kg.graph
from kg.cli.main import main
from kg.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OUTPUT, EXIT_USAGE
from tests.outdir import out_dir_files

NAMES = ("graph.graphml", "extractions.jsonl", "names.json", "report.json", "graph.tables")


def snapshot(folder: Path) -> dict[str, bytes]:
    return out_dir_files(folder)


@pytest.fixture
def good_out(sample_inputs: list[str], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert main(["build", *sample_inputs, "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    return out


def test_a_build_of_no_papers_leaves_a_good_out_dir_untouched(
    good_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(good_out)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(empty), "--out", str(good_out)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "[E001]" in err and f"nothing in {good_out} was changed" in err
    assert "Traceback" not in err
    assert snapshot(good_out) == before


@pytest.mark.parametrize(
    ("failure", "code", "words"),
    [
        (KeyboardInterrupt(), EXIT_INTERRUPTED, "interrupted"),
        (OSError(errno.ENOSPC, "No space left on device"), EXIT_OUTPUT, "the disk is full"),
        (OSError(errno.EACCES, "Permission denied"), EXIT_OUTPUT, "choose a folder"),
    ],
)
def test_a_build_that_fails_while_writing_keeps_the_previous_outputs(
    good_out: Path,
    sample_inputs: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failure: BaseException,
    code: int,
    words: str,
) -> None:
    before = snapshot(good_out)

    def broken(_graph: object, target: Path, **_kwargs: object) -> None:
        Path(target).write_text("<graphml partial", encoding="utf-8")
        raise failure

    monkeypatch.setattr(kg.graph, "write_graphml", broken)  # what the build flow calls
    capsys.readouterr()
    assert main(["build", sample_inputs[0], "--out", str(good_out)]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert snapshot(good_out) == before  # no temporary file left either


def test_a_missing_input_stops_the_run_unless_skip_missing(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    missing = str(tmp_path / "nope.jsonl")
    assert main(["build", *sample_inputs, missing, "--out", str(out)]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert "[E001] input file(s) not found" in err and "--skip-missing" in err
    assert not out.exists()
    assert main(["build", *sample_inputs, missing, "--out", str(out), "--skip-missing"]) == 0
    assert "nope.jsonl" in capsys.readouterr().err
    target = tmp_path / "x.jsonl"
    assert main(["extract", missing, "-o", str(target)]) == EXIT_INPUT
    assert not target.exists()


def test_extract_output_is_replaced_only_when_complete(
    sample_inputs: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "x.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    from kg.cli import extract

    def broken(*_args: object, **_kwargs: object) -> object:
        yield ('{"id": "partial"}\n', [])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(extract, "extract_with", broken)
    assert main(["extract", *sample_inputs, "-o", str(target)]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "the disk is full" in err and f"{target} was left as it was" in err
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.jsonl"]


def test_explain_of_an_unknown_id_is_an_error(
    sample_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.jsonl"
    assert main(["extract", *sample_inputs, "-o", str(target), "--explain", "NOSUCHID"]) == 3
    assert "[E001] no paper with id 'NOSUCHID'" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query"]) == EXIT_USAGE
    assert "[E005]" in capsys.readouterr().err
