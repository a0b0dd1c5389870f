"""Papers that arrive through several sources in one run: recognised, merged, filtered."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from kg.ingest import read_inputs
from kg.ingest.formats import is_join_input, recognise_source
from kg.ingest.ids import arxiv_key, doi_key

WriteInput = Callable[[str, str | bytes], str]

ARXIV = {
    "id": "2401.00001",
    "title": "FooNet: Sparse Graphs",
    "abstract": "We propose FooNet, a sparse graph model, and show it is fast on Cora.",
    "categories": "cs.LG",
    "versions": [{"version": "v1", "created": "Wed, 3 Jan 2024 10:00:00 GMT"}],
    "authors_parsed": [["Lovelace", "Ada", ""]],
    "doi": None,
}
HF = [
    {
        "paper": {
            "id": "2401.00001",
            "title": "FooNet: Sparse Graphs",
            "summary": "We propose FooNet.",
            "authors": [{"name": "Ada Lovelace"}],
            "publishedAt": "2024-01-04T00:00:00.000Z",
            "githubRepo": "https://github.com/acme/foonet",
        }
    }
]
OPENALEX = {
    "id": "https://openalex.org/W9",
    "doi": "https://doi.org/10.5555/FOO.1",
    "title": "FooNet (journal version)",
    "publication_year": 2024,
    "authorships": [],
    "abstract_inverted_index": {"Short.": [0]},
}
S2 = {
    "corpusid": 7,
    "title": "FooNet",
    "externalids": {"ArXiv": "2401.00001", "DOI": "10.5555/foo.1"},
    "authors": [],
    "year": 2024,
}


def test_same_arxiv_id_and_doi_from_four_sources_is_one_paper(write_input: WriteInput) -> None:
    paths = [
        write_input("works.jsonl", json.dumps(OPENALEX) + "\n"),
        write_input("s2.jsonl", json.dumps(S2) + "\n"),  # names the DOI and the arXiv id
        write_input("snapshot.jsonl", json.dumps(ARXIV) + "\n"),
        write_input("daily.json", json.dumps(HF)),
    ]
    papers, report = read_inputs(paths)
    assert list(report.recognised.values()) == ["openalex", "s2", "arxiv", "hf-papers"]
    (paper,) = papers
    assert paper.id == "2401.00001"  # the arXiv id wins over the OpenAlex id seen first
    assert paper.doi == "10.5555/FOO.1"
    assert paper.abstract == ARXIV["abstract"]
    assert paper.categories == ["cs.LG"]
    assert [g.url for g in paper.given] == ["https://github.com/acme/foonet"]
    assert [s.file for s in paper.sources] == paths
    assert (report.built, report.merged) == (1, 3)


def test_papers_kept_apart_are_not_joined_by_a_later_record_naming_both(
    write_input: WriteInput,
) -> None:
    # the OpenAlex work (DOI only) and the arXiv record (arXiv id only) share no key; the S2
    # record naming both merges into the first it matches (documented limit)
    paths = [
        write_input("works.jsonl", json.dumps(OPENALEX) + "\n"),
        write_input("snapshot.jsonl", json.dumps(ARXIV) + "\n"),
        write_input("s2.jsonl", json.dumps(S2) + "\n"),
    ]
    papers, report = read_inputs(paths)
    assert [p.id for p in papers] == ["W9", "2401.00001"]
    assert papers[1].doi == "10.5555/foo.1"
    assert report.merged == 1


def test_an_explicit_format_is_not_second_guessed(write_input: WriteInput) -> None:
    path = write_input("snapshot.jsonl", json.dumps(ARXIV) + "\n")
    papers, report = read_inputs([path], fmt="jsonl")
    assert report.recognised == {}
    assert papers[0].categories == ["cs.LG"]  # a plain record's categories are read too
    assert papers[0].date is None  # but versions mean nothing to plain JSON Lines


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (json.dumps(ARXIV), "arxiv"),
        (json.dumps(HF), "hf-papers"),
        (json.dumps(OPENALEX), "openalex"),
        (json.dumps(S2), "s2"),
        ('[{"paper_url": "u", "repo_url": "r"}]', "pwc"),
        ('{"id": "p1", "title": "T", "abstract": "A"}', None),
        ("paper_url: no JSON", None),
    ],
)
def test_sources_recognised_by_their_keys(head: str, expected: str | None) -> None:
    assert recognise_source(head.encode()) == expected


def test_join_inputs_are_told_apart_from_paper_inputs() -> None:
    assert is_join_input(b'{"corpusid": 1, "abstract": "A"}', None)
    assert not is_join_input(json.dumps(S2).encode(), None)
    assert is_join_input(b'[{"paper_url": "u", "repo_url": "r"}]', "pwc")
    assert not is_join_input(b'[{"paper_url": "u", "arxiv_id": "1"}]', None)


def test_match_keys() -> None:
    assert arxiv_key("arXiv:2101.00001v3") == arxiv_key("https://arxiv.org/abs/2101.00001")
    assert arxiv_key("hep-th/9901001v1") == "hep-th/9901001"
    assert doi_key("https://doi.org/10.1/AbC") == doi_key("10.1/abc")
