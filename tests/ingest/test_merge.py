from __future__ import annotations

from collections.abc import Callable

from kg.ingest import paper_id_for_title, read_inputs

WriteInput = Callable[[str, str | bytes], str]

ABSTRACT = "We propose FooNet. It learns sparse graphs. It is fast on Cora."


def test_same_title_without_ids_merges_keeping_every_source(write_input: WriteInput) -> None:
    listing = f"FooNet: Sparse Graphs\n{ABSTRACT}\nOther Paper\n{ABSTRACT}\nFooNet: sparse graphs\n"
    path = write_input("a.txt", listing + f"{ABSTRACT} Longer.\n")
    papers, report = read_inputs([path])
    assert [p.title for p in papers] == ["FooNet: Sparse Graphs", "Other Paper"]
    assert papers[0].id == paper_id_for_title("FooNet: Sparse Graphs")
    assert papers[0].abstract == f"{ABSTRACT} Longer."
    assert [s.line for s in papers[0].sources] == [1, 5]
    assert report.merged == 1


def test_own_id_copy_merges_into_title_copy_and_lends_its_id(write_input: WriteInput) -> None:
    listing = write_input("a.txt", f"FooNet: Sparse Graphs\n{ABSTRACT}\n")
    records = write_input(
        "b.jsonl",
        '{"arxiv_id": "2101.00001", "title": "FooNet - sparse graphs", "authors": ["A B"],'
        ' "year": 2021, "abstract": "Short."}\n',
    )
    papers, report = read_inputs([listing, records])
    assert len(papers) == 1
    paper = papers[0]
    assert (paper.id, paper.arxiv_id, paper.authors, paper.year) == (
        "2101.00001",
        "2101.00001",
        ["A B"],
        2021,
    )
    assert paper.abstract == ABSTRACT
    assert [s.file for s in paper.sources] == [listing, records]
    assert report.merged == 1


def test_same_own_id_merges_across_files(write_input: WriteInput) -> None:
    a = write_input("a.jsonl", '{"id": "x1", "title": "T", "url": "https://a.org/x1"}\n')
    b = write_input("b.csv", "id,title,abstract,doi\nx1,T,Some text.,10.1/abc\n")
    papers, report = read_inputs([a, b])
    assert len(papers) == 1
    assert (papers[0].url, papers[0].abstract, papers[0].doi) == (
        "https://a.org/x1",
        "Some text.",
        "10.1/abc",
    )
    assert report.merged == 1


def test_different_own_ids_with_the_same_title_stay_apart(write_input: WriteInput) -> None:
    path = write_input("a.jsonl", '{"id": "v1", "title": "T"}\n{"id": "v2", "title": "T"}\n')
    papers, report = read_inputs([path])
    assert [p.id for p in papers] == ["v1", "v2"]
    assert report.merged == 0


def test_title_only_copy_joins_the_first_of_several_id_copies(write_input: WriteInput) -> None:
    path = write_input(
        "a.jsonl", '{"id": "v1", "title": "T"}\n{"id": "v2", "title": "T"}\n{"title": "T"}\n'
    )
    papers, _ = read_inputs([path])
    assert [(p.id, len(p.sources)) for p in papers] == [("v1", 2), ("v2", 1)]
