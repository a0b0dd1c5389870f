"""Scratch folders: a folder in use survives a sweep, one left by a killed build does not."""

from __future__ import annotations

from pathlib import Path

from kg.scratch import SCRATCH_PREFIX, scratch_folder, sweep_stale


def test_a_sweep_removes_a_folder_no_build_holds(tmp_path: Path) -> None:
    stale = tmp_path / f"{SCRATCH_PREFIX}old"
    (stale / "shards").mkdir(parents=True)
    (stale / "shards" / "0.pickle").write_bytes(b"left by kill -9")
    kept = tmp_path / "graph.graphml"
    kept.write_text("<graphml/>", encoding="utf-8")
    assert sweep_stale(tmp_path) == [stale]
    assert not stale.exists()
    assert kept.read_text(encoding="utf-8") == "<graphml/>"


def test_a_sweep_keeps_the_folder_of_a_running_build(tmp_path: Path) -> None:
    with scratch_folder(tmp_path) as folder:
        (folder / "papers.pickle").write_bytes(b"in use")
        assert sweep_stale(tmp_path) == []
        assert (folder / "papers.pickle").exists()
    assert not folder.exists()  # removed on leaving


def test_a_sweep_ignores_files_and_other_folders(tmp_path: Path) -> None:
    (tmp_path / f"{SCRATCH_PREFIX}file").write_text("not a folder", encoding="utf-8")
    (tmp_path / "other").mkdir()
    assert sweep_stale(tmp_path) == []
    assert (tmp_path / f"{SCRATCH_PREFIX}file").exists() and (tmp_path / "other").exists()
