"""Papers kept on disk while a corpus is read are the papers kept in memory."""

from __future__ import annotations

import json
from pathlib import Path

from kg.ingest import read_inputs
from kg.ingest.spill import PAPERS_FILE, SpilledPapers
from kg.models import Paper
from tests.ingest.conftest import WriteInput
from tests.ingest.test_across_sources import ARXIV, HF, OPENALEX, S2

SAMPLE = Path(__file__).resolve().parents[2] / "kg" / "data" / "sample"


def test_a_spilled_read_gives_the_papers_and_report_of_one_in_memory(
    write_input: WriteInput, tmp_path: Path
) -> None:
    repeats = [
        {"id": "a1", "title": "Short", "abstract": "One."},
        {"title": "Short", "abstract": "One, told at greater length."},
        {"id": "a1", "title": "Short", "abstract": "", "authors": ["Ada Lovelace"]},
        {"id": "b2", "title": "Other", "abstract": ""},
    ]
    paths = [
        write_input("works.jsonl", json.dumps(OPENALEX) + "\n"),
        write_input("s2.jsonl", json.dumps(S2) + "\n"),
        write_input("snapshot.jsonl", json.dumps(ARXIV) + "\n"),
        write_input("daily.json", json.dumps(HF)),
        write_input("repeats.jsonl", "".join(json.dumps(r) + "\n" for r in repeats)),
        str(SAMPLE / "listing.txt"),
    ]
    in_memory, report = read_inputs(paths)
    spill = tmp_path / "spill"
    spill.mkdir()
    on_disk, spilled_report = read_inputs(paths, spill=spill)
    assert isinstance(on_disk, SpilledPapers)
    assert list(on_disk) == list(in_memory) and len(on_disk) == len(in_memory)
    assert [on_disk[i] for i in range(len(on_disk))] == list(in_memory)
    assert spilled_report == report and report.merged >= 3 and report.without_abstract >= 1
    assert (spill / PAPERS_FILE).is_file()


def test_a_replaced_paper_is_read_back_changed(tmp_path: Path) -> None:
    store = SpilledPapers(tmp_path)
    first = store.append(Paper(id="p1", title="One"))
    store.append(Paper(id="p2", title="Two", abstract="Text."))
    store[first] = Paper(id="p1", title="One", abstract="Now with text.")
    assert [p.abstract for p in store] == ["Now with text.", "Text."]
    assert store[0].abstract == "Now with text." and store[-1].id == "p2"
    assert store.without_abstract() == 0
    store.close()
