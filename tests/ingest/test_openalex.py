"""The OpenAlex works reader, on works written from its documented fields."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from kg.ingest import read_inputs
from kg.ingest.openalex import abstract_from_index, inverted_index

WriteInput = Callable[[str, str | bytes], str]

# "We propose FooNet, a sparse model. FooNet is fast, and FooNet is small." with its
# punctuation glued to the words and repeated words at several positions
INDEX = {
    "We": [0],
    "propose": [1],
    "FooNet,": [2],
    "a": [3],
    "sparse": [4],
    "model.": [5],
    "FooNet": [6, 10],
    "is": [7, 11],
    "fast,": [8],
    "and": [9],
    "small.": [12],
}


def work(work_id: str, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": f"https://openalex.org/{work_id}",
        "doi": f"https://doi.org/10.1234/Foo.{work_id}",
        "title": "FooNet: Sparse Models",
        "display_name": "FooNet: Sparse Models",
        "publication_year": 2023,
        "publication_date": "2023-03-04",
        "authorships": [
            {"author_position": "first", "author": {"id": "A1", "display_name": "Ada Lovelace"}},
            {"author_position": "last", "author": {"id": "A2", "display_name": "Alan Turing"}},
        ],
        "abstract_inverted_index": INDEX,
        "cited_by_count": 3,
    }
    record.update(fields)
    return record


def test_work_becomes_a_paper_with_its_abstract_rebuilt(write_input: WriteInput) -> None:
    path = write_input("works.jsonl", json.dumps(work("W1")) + "\n")
    (paper,), report = read_inputs([path])
    assert report.recognised == {path: "openalex"}
    assert paper.id == "W1"
    assert paper.doi == "10.1234/Foo.W1"
    assert (paper.title, paper.year, paper.date) == ("FooNet: Sparse Models", 2023, "2023-03-04")
    assert paper.authors == ["Ada Lovelace", "Alan Turing"]
    assert paper.abstract == (
        "We propose FooNet, a sparse model. FooNet is fast, and FooNet is small."
    )


def test_works_without_abstract_are_counted(write_input: WriteInput) -> None:
    records = [
        work("W1", abstract_inverted_index=None),
        work("W2"),
        work("W3", abstract_inverted_index={"x": "not positions"}),
        work("W4", title=None, display_name="Shown Name", abstract_inverted_index=None),
    ]
    path = write_input("w.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    papers, report = read_inputs([path], fmt="openalex")
    assert [p.id for p in papers] == ["W1", "W2", "W3", "W4"]
    assert papers[3].title == "Shown Name"
    assert report.without_abstract == 3
    assert "3 papers without an abstract" in report.summary()
    assert [str(p) for p in report.problems] == [
        f"{path}:3: abstract_inverted_index is not word -> positions"
    ]
    assert report.skipped == 0


def test_api_result_pages_on_one_line_or_spread_out(write_input: WriteInput) -> None:
    page = {"meta": {"count": 2, "page": 1}, "results": [work("W1"), work("W2")]}
    one_line = write_input("page.json", json.dumps(page) + "\n")
    spread = write_input("page2.json", json.dumps(page, indent=2))
    for path in (one_line, spread):
        papers, report = read_inputs([path])
        assert [p.id for p in papers] == ["W1", "W2"], path
        assert report.recognised == {path: "openalex"}


def test_gzip_and_broken_lines(write_input: WriteInput) -> None:
    text = json.dumps(work("W1")) + "\n" + '{"id": "https://openalex.org/W2",\n'
    text += json.dumps({"title": "no id"}) + "\n"
    path = write_input("w.jsonl.gz", gzip.compress(text.encode()))
    papers, report = read_inputs([path], fmt="openalex")
    assert [p.id for p in papers] == ["W1"]
    assert [(p.line, p.reason.split(":")[0]) for p in report.problems] == [
        (2, "invalid JSON"),
        (3, "OpenAlex work has no id"),
    ]


words = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
).map(lambda s: "".join(s.split()) or "x")


@given(st.lists(words, max_size=60))
def test_an_abstract_through_its_inverted_index_reads_the_same(parts: list[str]) -> None:
    abstract = " ".join(parts)
    index = json.loads(json.dumps(inverted_index(abstract)))  # as a dump holds it
    rebuilt = abstract_from_index(index)
    assert rebuilt is not None
    assert rebuilt.split() == abstract.split()


def test_gaps_in_positions_are_closed_and_bad_indexes_refused() -> None:
    assert abstract_from_index({"b": [5], "a": [2]}) == "a b"
    assert abstract_from_index({"a": [True]}) is None
    assert abstract_from_index(["a"]) is None
