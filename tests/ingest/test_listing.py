from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest.lines import read_lines
from kg.ingest.listing import (
    LineKind,
    ListingEntry,
    classify_line,
    parse_listing,
    read_listing,
    strip_chrome,
)
from kg.ingest.records import BadRecord, RawRecord

ABSTRACT = (
    "Graph models are hard to scale. We propose FooNet, a sparse message passing network. "
    "It beats prior work on Cora and PubMed."
)
CHROME = [
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "new",
    "byAK and the research community",
    "Mar 13",
]


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def pairs(text: str) -> list[tuple[str, str]]:
    return [(e.title, e.abstract) for e in parse_listing(numbered(text))]


def test_pairs_lines_without_blank_separators() -> None:
    text = f"Title A\n{ABSTRACT}\nTitle B\n{ABSTRACT}"
    assert pairs(text) == [("Title A", ABSTRACT), ("Title B", ABSTRACT)]


def test_pairs_lines_separated_by_blank_lines() -> None:
    text = f"\n\nTitle A\n\n{ABSTRACT}\n\n\nTitle B\n\n{ABSTRACT}\n"
    assert pairs(text) == [("Title A", ABSTRACT), ("Title B", ABSTRACT)]


def test_page_chrome_is_dropped() -> None:
    text = "\n".join([*CHROME, "Title A", ABSTRACT])
    assert pairs(text) == [("Title A", ABSTRACT)]


def test_title_glued_to_subscribe_is_recovered() -> None:
    text = f"{CHROME[1]}\nSubscribeAutoInt: Feature Learning\n{ABSTRACT}"
    assert pairs(text) == [("AutoInt: Feature Learning", ABSTRACT)]


def test_glued_prefix_is_kept_when_a_lowercase_word_follows() -> None:
    assert strip_chrome("Subscribers matter") == "Subscribers matter"


def test_entries_start_at_the_title_line() -> None:
    entries = list(parse_listing(numbered(f"new\n\nTitle A\n\n{ABSTRACT}")))
    assert entries == [ListingEntry("Title A", ABSTRACT, 3)]


def test_title_without_abstract_becomes_its_own_entry() -> None:
    text = f"Lonely Title\nTitle B\n{ABSTRACT}"
    assert pairs(text) == [("Lonely Title", ""), ("Title B", ABSTRACT)]


def test_abstract_without_title_becomes_its_own_entry() -> None:
    text = f"Title A\n{ABSTRACT}\n{ABSTRACT} More.\nTitle C\n{ABSTRACT}"
    assert pairs(text) == [("Title A", ABSTRACT), ("", ABSTRACT + " More."), ("Title C", ABSTRACT)]


def test_last_title_without_abstract_is_kept() -> None:
    assert pairs(f"Title A\n{ABSTRACT}\nTrailing Title") == [
        ("Title A", ABSTRACT),
        ("Trailing Title", ""),
    ]


def test_title_with_inner_full_stops_is_told_apart_by_what_follows() -> None:
    title = "Galaxy Nets (GaNets). I. Searching for lens candidates in survey spectra"
    assert pairs(f"{title}\n{ABSTRACT}") == [(title, ABSTRACT)]


def test_one_sentence_abstract_after_a_title_is_its_abstract() -> None:
    assert pairs("Short Title\nWe propose a method.") == [("Short Title", "We propose a method.")]


def test_line_shapes() -> None:
    assert classify_line("Deep Residual Learning for Image Recognition") is LineKind.TITLE
    assert classify_line(ABSTRACT) is LineKind.ABSTRACT
    assert classify_line("x " * 300) is LineKind.ABSTRACT
    assert classify_line("We propose a method.") is LineKind.EITHER


def test_unreadable_lines_are_reported_and_the_rest_is_parsed() -> None:
    data = f"Title A\n{ABSTRACT}\n".encode() + b"Bad \xff line\n"
    items = list(read_listing(read_lines(io.BytesIO(data))))
    assert [type(i) for i in items] == [RawRecord, BadRecord]
    assert isinstance(items[1], BadRecord) and items[1].line == 3


# --- properties ---------------------------------------------------------------------------

WORDS = ["graph", "neural", "sparse", "learning", "robust", "vision", "token", "model", "fast"]
word = st.sampled_from(WORDS)
title_word = st.one_of(
    word, st.sampled_from(["FooNet:", "Graph-Based", "3D", "vs. Trees", "(GNN)"])
)
title_text = (
    st.tuples(st.lists(title_word, min_size=2, max_size=12), st.sampled_from(["", "?", "!"]))
    .map(lambda t: " ".join([t[0][0].capitalize(), *t[0][1:]]) + t[1])
    .filter(lambda t: t.count(". ") < 2)  # two inner full stops read as sentences
)
sentence_word = st.one_of(word, st.sampled_from(["e.g.", "(ours)", "1.5%", "FooNet,"]))
sentence = st.lists(sentence_word, min_size=4, max_size=15).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + "."
)
link = st.sampled_from(["", " Code: https://github.com/foo/bar", " See https://foo.org/x."])


def abstract_text(min_sentences: int) -> st.SearchStrategy[str]:
    sentences = st.lists(sentence, min_size=min_sentences, max_size=6).map(" ".join)
    return st.tuples(sentences, link).map("".join)


entry = st.one_of(
    st.tuples(title_text, abstract_text(1)),
    st.tuples(title_text, st.just("")),
    st.tuples(st.just(""), abstract_text(3)),
)


@st.composite
def rendered_listing(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    drawn = draw(st.lists(entry, min_size=1, max_size=8))
    # A title without abstract right before an abstract without title reads as one paper.
    entries: list[tuple[str, str]] = []
    for title, abstract in drawn:
        if not (title == "" and entries and entries[-1][1] == ""):
            entries.append((title, abstract))
    lines = draw(st.lists(st.sampled_from(CHROME), max_size=4))
    glue = draw(st.booleans())
    for title, abstract in entries:
        for part in (title, abstract):
            if not part:
                continue
            if glue and part is title:
                part, glue = "Subscribe" + part, False
            lines.append(part)
            lines.extend([""] * draw(st.integers(0, 2)))
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.sampled_from(CHROME)))
    return "\n".join(lines), entries


@given(rendered_listing())
def test_rendered_listings_parse_back_to_their_entries(
    case: tuple[str, list[tuple[str, str]]],
) -> None:
    text, entries = case
    assert pairs(text) == entries


@given(st.lists(st.text(max_size=300), max_size=20))
def test_parser_never_raises_on_arbitrary_lines(lines: list[str]) -> None:
    for result in parse_listing(list(enumerate(lines, start=1))):
        assert result.title or result.abstract


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    for item in read_listing(read_lines(io.BytesIO(data))):
        assert isinstance(item, RawRecord | BadRecord)


def test_counters_and_publication_lines_are_chrome() -> None:
    for line in ("Published on Mar 13", "Submitted by AK", "1,234", "12", "3.4k"):
        assert strip_chrome(line) is None, line


def test_titles_that_begin_like_chrome_are_kept() -> None:
    for line in ("Published Results Are Wrong: A Study", "2024: A Year of Models", "New Ideas"):
        assert strip_chrome(line) == line


def test_abstract_broken_over_lines_is_joined() -> None:
    first, rest = f"{ABSTRACT} We also show that it learns", "graphs quickly. It is fast."
    text = f"Title A\n{first}\n{rest}\nTitle B\n{ABSTRACT}"
    assert pairs(text) == [("Title A", f"{first} {rest}"), ("Title B", ABSTRACT)]


def test_lowercase_title_after_an_abstract_starts_a_new_paper() -> None:
    text = f"Title A\n{ABSTRACT}\nmixup: Beyond Empirical Risk Minimization\n{ABSTRACT}"
    assert pairs(text) == [
        ("Title A", ABSTRACT),
        ("mixup: Beyond Empirical Risk Minimization", ABSTRACT),
    ]


def test_title_after_an_abstract_ending_in_a_link_starts_a_new_paper() -> None:
    linked = ABSTRACT + " Code: https://github.com/foo/foonet"
    text = f"Title A\n{linked}\nTitle B\n{ABSTRACT}"
    assert pairs(text) == [("Title A", linked), ("Title B", ABSTRACT)]
