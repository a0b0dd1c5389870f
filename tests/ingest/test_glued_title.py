"""Titles run into their abstracts, on openings written for these tests."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest import read_inputs
from kg.ingest.glued_title import split_glued_title
from tests.ingest.conftest import WriteInput


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Sparse Graph Networks for Traffic Forecasting Forecasting traffic is hard.",
            "Sparse Graph Networks for Traffic Forecasting",
        ),
        (
            "LaneNet: Lane Detection in the Wild We present a lane detector.",
            "LaneNet: Lane Detection in the Wild",
        ),
        # the sentence opens with a capitalised small word, or a number comes first
        (
            "Tiny Crowd Counters In this paper, we count people.",
            "Tiny Crowd Counters",
        ),
        (
            "Robust Depth from Stereo Pairs The network learns depth from 3D scans.",
            "Robust Depth from Stereo Pairs",
        ),
        (
            "Fast Voxel Nets for Scene Completion Completion of 3D scenes is slow.",
            "Fast Voxel Nets for Scene Completion",
        ),
    ],
)
def test_a_title_run_into_the_first_sentence_is_split_off(text: str, title: str) -> None:
    assert split_glued_title(text) == (title, text[len(title) + 1 :])


@pytest.mark.parametrize(
    "text",
    [
        "We propose a lane detector. It is fast.",
        "Deep networks are hard to train. We fix that.",
        "In this paper, we count people in crowds.",
        "Appendix We present the derivations.",
        "Lane detection with tiny networks We present a lane detector.",  # a sentence-case title
    ],
)
def test_an_abstract_that_opens_with_a_sentence_is_left_alone(text: str) -> None:
    assert split_glued_title(text) is None


@given(st.text(alphabet=st.sampled_from("Ab c D. e:F-3 of the In\n"), max_size=80))
def test_splitting_loses_no_text(text: str) -> None:
    split = split_glued_title(text)
    if split is not None:
        title, abstract = split
        assert title and abstract
        assert text.startswith(title) and text.endswith(abstract)
        assert not text[len(title) : len(text) - len(abstract)].strip()


def test_only_records_without_a_title_are_split_and_the_summary_counts_them(
    write_input: WriteInput,
) -> None:
    opening = "Tiny Crowd Counters Counting people is hard. We count them."
    records = [
        {"id": "p1", "abstract": opening},
        {"id": "p2", "title": "Given Title", "abstract": opening},
    ]
    path = write_input("papers.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    papers, report = read_inputs([path])
    first, second = papers
    assert (first.id, first.title, first.abstract) == (
        "p1",
        "Tiny Crowd Counters",
        "Counting people is hard. We count them.",
    )
    assert (second.title, second.abstract) == ("Given Title", opening)
    assert report.titles_from_abstract == 1
    assert "1 titles read from the start of their abstract" in report.summary()
