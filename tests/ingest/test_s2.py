"""The Semantic Scholar reader: papers records, and abstracts records joined by corpusid."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

from kg.ingest import read_inputs

WriteInput = Callable[[str, str | bytes], str]


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def s2_paper(corpus_id: int, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "corpusid": corpus_id,
        "externalids": {"ArXiv": None, "DOI": None, "MAG": "123", "CorpusId": str(corpus_id)},
        "url": f"https://www.semanticscholar.org/paper/{corpus_id}",
        "title": f"Paper {corpus_id}",
        "authors": [{"authorId": "1", "name": "Ada Lovelace"}, {"authorId": "2", "name": "B"}],
        "year": 2022,
        "venue": "",
    }
    record.update(fields)
    return record


def test_papers_get_arxiv_id_else_corpus_id(write_input: WriteInput) -> None:
    records = jsonl(
        s2_paper(1, externalids={"ArXiv": "2201.00001", "DOI": "10.1/A"}),
        s2_paper(2, abstract="We study bars."),
    )
    path = write_input("papers.jsonl", records)
    papers, report = read_inputs([path])
    assert report.recognised == {path: "s2"}
    assert [(p.id, p.arxiv_id, p.doi) for p in papers] == [
        ("2201.00001", "2201.00001", "10.1/A"),
        ("CorpusId:2", None, None),
    ]
    assert papers[0].authors == ["Ada Lovelace", "B"]
    assert (papers[1].year, papers[1].abstract) == (2022, "We study bars.")


def test_abstracts_join_their_papers_whatever_the_order(write_input: WriteInput) -> None:
    abstracts = write_input(
        "abstracts.jsonl.gz",
        gzip.compress(
            jsonl(
                {"corpusid": 2, "openaccessinfo": {"license": None}, "abstract": "Two."},
                {"corpusid": 99, "abstract": "Nobody's."},
                {"corpusid": 1, "abstract": "One is\nwrapped."},
            ).encode()
        ),
    )
    papers_file = write_input("papers.jsonl", jsonl(s2_paper(1), s2_paper(2), s2_paper(3)))
    for order in ([abstracts, papers_file], [papers_file, abstracts]):
        papers, report = read_inputs(order)
        assert [(p.id, p.abstract) for p in papers] == [
            ("CorpusId:1", "One is wrapped."),
            ("CorpusId:2", "Two."),
            ("CorpusId:3", ""),
        ]
        assert (report.unjoined, report.without_abstract, report.read) == (1, 1, 6)
        assert "1 abstracts or code links matched no paper" in report.summary()


def test_abstracts_on_stdin_like_inputs_wait_for_their_paper(write_input: WriteInput) -> None:
    # named as JSON Lines and chosen by --format: read in the order given, held until joined
    mixed = jsonl({"corpusid": 5, "abstract": "Five."}, s2_paper(5), {"corpusid": 6})
    path = write_input("mixed.jsonl", mixed)
    papers, report = read_inputs([path], fmt="s2")
    assert [(p.id, p.abstract) for p in papers] == [("CorpusId:5", "Five.")]
    assert [(p.line, p.reason) for p in report.problems] == [
        (3, "abstracts record has no abstract")
    ]
    assert report.unjoined == 0


def test_record_without_corpusid_is_reported(write_input: WriteInput) -> None:
    path = write_input("p.jsonl", jsonl(s2_paper(1), {"title": "x", "corpusid": None}))
    _, report = read_inputs([path], fmt="s2")
    assert [str(p) for p in report.problems] == [
        f"{path}:2: Semantic Scholar record has no corpusid"
    ]
