"""Per-paper hints are plain values: they survive pickle, JSON and spaCy's own multiprocessing,
and the name tables built from parts of a corpus merge into the table of the whole."""

from __future__ import annotations

import json
import pickle

import pytest
import srsly

from kg.extract import Extractor, NameTable, PaperHints
from kg.extract.hints import hints_of
from kg.models import Paper

TEXTS = [
    "Glowworm: Sparse Lights\nWe propose Glowworm, a renderer. Code: https://github.com/a/glow.",
    "We evaluate on the TinyCity dataset and compare with Glowworm and ResNet-50.",
    "Weights at huggingface.co/acme/owl-7b and a demo at www.owl-demo.ai/try.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def hints(extractor: Extractor) -> list[PaperHints]:
    return list(extractor.hints(TEXTS))


def test_hints_round_trip_through_pickle_json_and_msgpack(hints: list[PaperHints]) -> None:
    for one in hints:
        assert one.candidates, "every text has something"
        assert pickle.loads(pickle.dumps(one)) == one
        assert PaperHints.from_plain(json.loads(json.dumps(one.plain()))) == one
        assert PaperHints.from_plain(srsly.msgpack_loads(srsly.msgpack_dumps(one.plain()))) == one


def test_docs_leave_the_pipeline_with_plain_user_data_only(extractor: Extractor) -> None:
    doc = extractor.nlp(TEXTS[0])
    assert list(doc.user_data) == ["kg_hints"]
    srsly.msgpack_dumps(doc.user_data)  # raises for anything but plain values


def test_spacy_multiprocessing_gives_the_same_hints(
    extractor: Extractor, hints: list[PaperHints]
) -> None:
    docs = extractor.nlp.pipe(TEXTS, n_process=2, batch_size=1)
    assert [hints_of(doc) for doc in docs] == hints


def test_title_end_is_the_first_line_break(hints: list[PaperHints]) -> None:
    assert hints[0].title_end == TEXTS[0].index("\n")
    assert hints[1].title_end == 0


def test_a_table_of_parts_merged_in_order_is_the_table_of_the_whole(
    extractor: Extractor, hints: list[PaperHints]
) -> None:
    whole = extractor.table(hints)
    merged = extractor.table(hints[:1]).merge(extractor.table(hints[1:]))
    assert merged == whole
    assert whole.label("glowworm") == "Method"


def test_name_table_counts_votes_and_the_most_votes_decide() -> None:
    first = NameTable().add_all([("orca", "Dataset"), ("orca", "Method")])
    assert first.label("orca") == "Dataset"  # of equal votes, the first the corpus showed
    second = NameTable().add_all([("orca", "Method"), ("kite", "Method")])
    first.merge(second)
    assert first.label("orca") == "Method"  # one early paper does not decide for the rest
    assert first.votes["orca"] == {"Dataset": 1, "Method": 2}
    assert list(first) == ["orca", "kite"]
    assert first.label("nope") is None and "kite" in first and len(first) == 2
    assert NameTable.from_plain(json.loads(json.dumps(first.plain()))) == first
    assert first != second


def test_settled_names_hold_each_names_winning_label() -> None:
    table = NameTable().add_all(
        [("orca", "Dataset"), ("orca", "Method"), ("orca", "Method"), ("kite", "Task")]
    )
    table.add_all([("wren", "Metric"), ("wren", "Dataset")])
    settled = table.settled()
    assert settled.labels == {"orca": "Method", "kite": "Task", "wren": "Metric"}
    assert all(settled.label(key) == table.label(key) for key in [*table, "nope"])
    assert "kite" in settled and "nope" not in settled and len(settled) == 3
    assert pickle.loads(pickle.dumps(settled)) == settled


def test_a_name_the_corpus_proves_both_ways_takes_the_label_of_most_papers(
    extractor: Extractor,
) -> None:
    texts = [
        "We report results on the Plover dataset, a corpus of parsed sentences.",
        "We propose Plover, a new network for parsing long sentences.",
        "In this paper we introduce Plover, a parser network that is fast.",
        "The appendix gives more details about Plover.",
    ]
    hints = list(extractor.hints(texts))
    table = extractor.table(hints)
    assert table.votes["plover"]["Dataset"] < table.votes["plover"]["Method"]
    for corpus in (table, table.settled()):
        last = extractor.findings(Paper(id="d", abstract=texts[3]), hints[3], corpus)
        assert [(f.label, f.display, f.rule) for f in last.findings] == [
            ("Method", "Plover", "corpus_name")
        ]


def test_findings_step_uses_another_papers_proof(
    extractor: Extractor, hints: list[PaperHints]
) -> None:
    table = extractor.table(hints)
    second = extractor.findings(Paper(id="b", abstract=TEXTS[1]), hints[1], table)
    assert any(f.display == "Glowworm" and f.role == "used" for f in second.findings)
    assert extractor.findings(Paper(id="b", abstract=TEXTS[1]), hints[1], table.settled()) == second
    alone = extractor.findings(Paper(id="b", abstract=TEXTS[1]), hints[1], NameTable())
    assert not any(f.display == "Glowworm" for f in alone.findings)


def test_model_hub_and_project_page_links_are_repositories(extractor: Extractor) -> None:
    [result] = extractor.extract([Paper(id="c", abstract=TEXTS[2])])
    roots = sorted(f.display for f in result.of("Repository"))
    assert roots == ["https://huggingface.co/acme/owl-7b", "https://www.owl-demo.ai/try"]
