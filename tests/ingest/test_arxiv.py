"""The arXiv metadata snapshot reader, on records written from its documented fields."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

import pytest

from kg.errors import InputError
from kg.ingest import read_inputs
from kg.ingest.arxiv import first_version_date
from kg.ingest.filters import RecordFilter

WriteInput = Callable[[str, str | bytes], str]


def arxiv(arxiv_id: str, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": arxiv_id,
        "submitter": "Ada Lovelace",
        "authors": "A. Lovelace and C. Babbage",
        "title": "A  Sparse\n  Graph Model",
        "comments": "10 pages",
        "journal-ref": None,
        "doi": None,
        "report-no": None,
        "categories": "cs.LG cs.CL",
        "license": None,
        "abstract": "  We propose FooNet, a sparse\ngraph model. It is fast on Cora.\n",
        "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"}],
        "update_date": "2008-11-13",
        "authors_parsed": [["Lovelace", "Ada", ""], ["Babbage", "Charles", "Jr"]],
    }
    record.update(fields)
    return record


def lines(*records: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_record_becomes_a_paper(write_input: WriteInput) -> None:
    papers, report = read_inputs([write_input("a.jsonl", lines(arxiv("0704.0001")))])
    (paper,) = papers
    assert paper.id == paper.arxiv_id == "0704.0001"
    assert paper.title == "A Sparse Graph Model"
    assert paper.abstract == "We propose FooNet, a sparse graph model. It is fast on Cora."
    assert paper.authors == ["Ada Lovelace", "Charles Babbage Jr"]
    assert (paper.year, paper.date) == (2007, "2007-04-02")
    assert paper.categories == ["cs.LG", "cs.CL"]
    assert paper.url == "https://arxiv.org/abs/0704.0001"
    assert report.recognised == {papers[0].sources[0].file: "arxiv"}
    assert "recognised" in report.summary() and "as arxiv" in report.summary()


def test_old_style_id_kept_and_year_from_the_first_of_several_versions(
    write_input: WriteInput,
) -> None:
    versions = [
        {"version": "v3", "created": "Tue, 5 Mar 2002 10:00:00 GMT"},
        {"version": "v1", "created": "Fri, 1 Jan 1999 09:00:00 GMT"},
        {"version": "v2", "created": "Sat, 6 Feb 1999 09:00:00 GMT"},
    ]
    record = arxiv("hep-th/9901001", versions=versions, doi="10.1000/xyz")
    papers, _ = read_inputs([write_input("snap.json", lines(record))])
    (paper,) = papers
    assert paper.id == "hep-th/9901001"
    assert (paper.year, paper.date, paper.doi) == (1999, "1999-01-01", "10.1000/xyz")


def test_authors_string_when_not_parsed_and_missing_abstract(write_input: WriteInput) -> None:
    record = arxiv("2101.00001", authors_parsed=[], abstract="")
    papers, report = read_inputs([write_input("a.jsonl", lines(record))], fmt="arxiv")
    assert papers[0].authors == ["A. Lovelace", "C. Babbage"]
    assert papers[0].abstract == ""
    assert report.without_abstract == 1
    assert report.recognised == {}  # chosen, not recognised


def test_broken_lines_are_reported_with_their_numbers(write_input: WriteInput) -> None:
    text = lines(arxiv("2101.00001"), '{"id": "2101.00002", "title": ', arxiv("2101.00003"))
    text += lines({"title": "no id", "versions": []}, "[1, 2]")
    path = write_input("a.jsonl", text)
    papers, report = read_inputs([path], fmt="arxiv")
    assert [p.id for p in papers] == ["2101.00001", "2101.00003"]
    assert [str(p) for p in report.problems] == [
        f"{path}:2: invalid JSON: Expecting value (column 31)",
        f"{path}:4: arXiv record has no id (a string)",
        f"{path}:5: expected a JSON object, found an array",
    ]
    assert (report.read, report.skipped) == (5, 3)


def test_gzip_variant_reads_the_same(write_input: WriteInput) -> None:
    text = lines(arxiv("2101.00001"), arxiv("2101.00002"))
    plain, _ = read_inputs([write_input("a.jsonl", text)])
    zipped, report = read_inputs([write_input("a.jsonl.gz", gzip.compress(text.encode()))])
    assert [p.model_dump(exclude={"sources"}) for p in zipped] == [
        p.model_dump(exclude={"sources"}) for p in plain
    ]
    assert list(report.recognised.values()) == ["arxiv"]


def test_category_and_since_filters_count_what_they_leave_out(write_input: WriteInput) -> None:
    records = [
        arxiv("2101.00001", categories="cs.CL"),
        arxiv("2101.00002", categories="math.CO"),
        arxiv(
            "2401.00003",
            categories="cs.LG stat.ML",
            versions=[{"version": "v1", "created": "Wed, 3 Jan 2024 10:00:00 GMT"}],
        ),
    ]
    path = write_input("a.jsonl", lines(*records))
    by_category = RecordFilter.of(["cs.CL", "cs.LG"])
    papers, report = read_inputs([path], filters=by_category)
    assert [p.id for p in papers] == ["2101.00001", "2401.00003"]
    assert (report.read, report.built, report.filtered) == (3, 2, 1)
    assert "filtered out 1 by --category/--since" in report.summary()
    both = RecordFilter.of(["cs.CL", "cs.LG"], "2020-01-01")
    papers, report = read_inputs([path], filters=both)
    assert [p.id for p in papers] == ["2401.00003"]
    assert report.filtered == 2


def test_since_wants_an_iso_date() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        RecordFilter.of((), "03/01/2024")


@pytest.mark.parametrize(
    ("versions", "expected"),
    [
        ([], None),
        ([{"version": "v1", "created": "not a date"}], None),
        ([{"version": "v1", "created": "2020-05-06"}], "2020-05-06"),
        ("nonsense", None),
    ],
)
def test_first_version_date_of_odd_versions(versions: object, expected: str | None) -> None:
    assert first_version_date(versions) == expected
