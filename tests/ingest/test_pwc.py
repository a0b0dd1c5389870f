"""The Papers with Code archive reader: papers with abstracts, and code links joined to them."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from kg.ingest import read_inputs
from kg.models import GivenEntity

WriteInput = Callable[[str, str | bytes], str]


def pwc_paper(slug: str, arxiv_id: str | None, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "paper_url": f"https://paperswithcode.com/paper/{slug}",
        "arxiv_id": arxiv_id,
        "title": f"Paper {slug}",
        "abstract": "We propose a sparse model.",
        "url_abs": "https://example.org/abs",
        "url_pdf": "https://example.org/pdf",
        "proceeding": None,
        "authors": ["Ada Lovelace", "Alan Turing"],
        "tasks": ["Node Classification"],
        "date": "2019-05-01",
        "methods": [
            {"name": "Adam", "full_name": "Adam", "description": "An optimizer."},
            {"name": "GCN", "full_name": "Graph Convolutional Network", "description": ""},
        ],
    }
    record.update(fields)
    return record


def pwc_link(
    slug: str, arxiv_id: str | None, repo: str | None, **fields: object
) -> dict[str, object]:
    record: dict[str, object] = {
        "paper_url": f"https://paperswithcode.com/paper/{slug}",
        "paper_title": f"Paper {slug}",
        "paper_arxiv_id": arxiv_id,
        "paper_url_abs": None,
        "paper_url_pdf": None,
        "repo_url": repo,
        "is_official": True,
        "mentioned_in_paper": False,
        "mentioned_in_github": True,
        "framework": "pytorch",
    }
    record.update(fields)
    return record


def test_papers_with_curated_methods(write_input: WriteInput) -> None:
    records = [pwc_paper("foo", "1905.00001"), pwc_paper("bar", None, methods=[])]
    path = write_input("papers-with-abstracts.json", json.dumps(records, indent=2))
    papers, report = read_inputs([path])
    assert report.recognised == {path: "pwc"}
    foo, bar = papers
    assert (foo.id, foo.arxiv_id, foo.year, foo.date) == (
        "1905.00001",
        "1905.00001",
        2019,
        "2019-05-01",
    )
    assert foo.authors == ["Ada Lovelace", "Alan Turing"]
    assert foo.given == [
        GivenEntity(label="Method", source="pwc", name="Adam"),
        GivenEntity(
            label="Method", source="pwc", name="GCN", aliases=("Graph Convolutional Network",)
        ),
    ]
    # a paper without arXiv id is known by its paper_url
    assert bar.id == bar.url == "https://paperswithcode.com/paper/bar"
    assert bar.arxiv_id is None and bar.given == []


def test_code_links_join_by_paper_url_or_arxiv_id_in_any_order(write_input: WriteInput) -> None:
    papers_path = write_input(
        "papers-with-abstracts.json.gz",
        gzip.compress(
            json.dumps(
                [pwc_paper("foo", "1905.00001"), pwc_paper("bar", None, methods=[])]
            ).encode()
        ),
    )
    links = [
        pwc_link("other-slug", "1905.00001v2", "https://github.com/acme/foo"),
        pwc_link("bar", None, "https://github.com/acme/bar", is_official=False, framework="none"),
        pwc_link("nowhere", None, "https://github.com/acme/nowhere"),
    ]
    links_path = write_input("links-between-papers-and-code.json", json.dumps(links))
    for order in ([links_path, papers_path], [papers_path, links_path]):
        papers, report = read_inputs(order)
        foo, bar = papers
        assert foo.given[-1] == GivenEntity(
            label="Repository",
            source="pwc",
            url="https://github.com/acme/foo",
            is_official=True,
            framework="pytorch",
        )
        assert bar.given == [
            GivenEntity(
                label="Repository",
                source="pwc",
                url="https://github.com/acme/bar",
                is_official=False,
            )
        ]
        assert report.unjoined == 1
        assert set(report.recognised.values()) == {"pwc"}


def test_bad_pwc_records(write_input: WriteInput) -> None:
    text = "\n".join(
        [
            json.dumps(pwc_paper("foo", "1905.00001")),
            json.dumps({"title": "neither id", "paper_url": None, "arxiv_id": None}),
            json.dumps(pwc_link("x", None, None)),
            json.dumps(pwc_link("x", None, "https://github.com/a/b", paper_url=None)),
            "not json",
        ]
    )
    path = write_input("pwc.jsonl", text)
    papers, report = read_inputs([path], fmt="pwc")
    assert [p.id for p in papers] == ["1905.00001"]
    assert [(p.line, p.reason.split(" (")[0]) for p in report.problems] == [
        (2, "Papers with Code record has neither paper_url nor arxiv_id"),
        (3, "code link has no repo_url"),
        (4, "code link names no paper"),
        (5, "invalid JSON: Expecting value"),
    ]
