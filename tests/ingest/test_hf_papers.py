"""The Hugging Face papers API reader, on items written from its documented fields."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from kg.ingest import read_inputs
from kg.models import GivenEntity

WriteInput = Callable[[str, str | bytes], str]


def item(arxiv_id: str, **paper_fields: object) -> dict[str, object]:
    paper: dict[str, object] = {
        "id": arxiv_id,
        "authors": [{"_id": "1", "name": "Ada Lovelace", "hidden": False}, {"name": "Alan T"}],
        "publishedAt": "2024-01-15T09:30:00.000Z",
        "title": "FooNet: Sparse\n Graphs",
        "summary": "We propose FooNet.\nCode is released.",
        "upvotes": 12,
    }
    paper.update(paper_fields)
    return {"paper": paper, "publishedAt": "2024-01-16T00:00:00.000Z", "numComments": 1}


def test_daily_papers_become_papers_with_their_stated_links(write_input: WriteInput) -> None:
    items = [
        item(
            "2401.00001",
            githubRepo="https://github.com/acme/foonet",
            projectPage="https://acme.github.io/foonet/",
        ),
        item("2401.00002"),  # no githubRepo
    ]
    path = write_input("daily.json", json.dumps(items))
    papers, report = read_inputs([path])
    assert report.recognised == {path: "hf-papers"}
    first, second = papers
    assert first.id == first.arxiv_id == "2401.00001"
    assert (first.title, first.abstract) == (
        "FooNet: Sparse Graphs",
        "We propose FooNet. Code is released.",
    )
    assert (first.authors, first.date) == (["Ada Lovelace", "Alan T"], "2024-01-15")
    assert first.given == [
        GivenEntity(label="Repository", source="hf-papers", url="https://github.com/acme/foonet"),
        GivenEntity(label="Repository", source="hf-papers", url="https://acme.github.io/foonet/"),
    ]
    assert second.given == []


def test_missing_summary_and_id_gzip_and_broken_document(write_input: WriteInput) -> None:
    text = json.dumps([item("2401.00001", summary=None), {"paper": {"title": "no id"}}])
    text = text[:-1] + ", {broken"
    path = write_input("daily.json.gz", gzip.compress(text.encode()))
    papers, report = read_inputs([path], fmt="hf-papers")
    assert [(p.id, p.abstract) for p in papers] == [("2401.00001", "")]
    assert [p.reason.split(";")[0] for p in report.problems] == [
        "Hugging Face item has no paper id",
        "invalid JSON: Expecting property name enclosed in double quotes",
    ]
    assert report.without_abstract == 1
