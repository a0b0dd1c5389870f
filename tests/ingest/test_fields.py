from __future__ import annotations

import pytest

from kg.ingest.fields import BuiltPaper, build_paper, parse_authors
from kg.models import SourceRef

SOURCE = SourceRef(file="f", line=1)


def built(record: dict[str, object]) -> BuiltPaper:
    result = build_paper(record, SOURCE)
    assert isinstance(result, BuiltPaper)
    return result


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["A B", "C D"], ["A B", "C D"]),
        ([{"name": "A B"}, {"name": "C D"}, {"affiliation": "x"}], ["A B", "C D"]),
        ("A B; C D", ["A B", "C D"]),
        ("A B, C D and E F", ["A B", "C D", "E F"]),
        ("A B, C D, and E F", ["A B", "C D", "E F"]),
        ("A B", ["A B"]),
        (None, []),
        (7, ["7"]),
    ],
)
def test_authors_in_common_shapes(value: object, expected: list[str]) -> None:
    assert parse_authors(value) == expected


@pytest.mark.parametrize(
    ("record", "expected_id"),
    [
        ({"id": "i", "paperId": "p", "arxiv_id": "a", "doi": "d", "title": "T"}, "i"),
        ({"paperId": "p", "arxiv_id": "a", "doi": "d", "title": "T"}, "p"),
        ({"arxiv_id": "a", "doi": "d", "title": "T"}, "a"),
        ({"doi": "d", "title": "T"}, "d"),
        ({"id": "", "doi": "d", "title": "T"}, "d"),
        ({"id": 42, "title": "T"}, "42"),
    ],
)
def test_own_id_comes_from_the_first_id_field_present(
    record: dict[str, object], expected_id: str
) -> None:
    result = built(record)
    assert (result.paper.id, result.own_id) == (expected_id, True)


def test_title_id_when_the_record_has_none() -> None:
    result = built({"title": "Attention Is All You Need"})
    assert (result.paper.id, result.own_id) == ("t37f63852cdfb0690", False)


def test_abstract_only_record_gets_an_abstract_id() -> None:
    assert built({"summary": "Only an abstract."}).paper.id.startswith("a")


def test_year_is_taken_from_the_date_when_missing() -> None:
    paper = built({"title": "T", "date": "2020-05-01"}).paper
    assert (paper.year, paper.date) == (2020, "2020-05-01")


def test_year_as_text() -> None:
    assert built({"title": "T", "year": "2019"}).paper.year == 2019


def test_title_whitespace_is_collapsed() -> None:
    assert built({"title": "  A\n  long\ttitle "}).paper.title == "A long title"


def test_no_title_and_no_abstract_gives_a_reason() -> None:
    assert build_paper({"id": "x", "title": " ", "abstract": None}, SOURCE) == (
        "record has no title and no abstract"
    )


def test_line_endings_are_unified() -> None:
    paper = built({"title": "T", "abstract": "First line.\r\nSecond.\rThird."}).paper
    assert paper.abstract == "First line.\nSecond.\nThird."
