"""Parser for scraped listing pages: title and abstract lines amid page chrome.

Listing text comes with or without blank lines between items, so pairing cannot rely
on layout. Each line is classed as a title or an abstract from its own shape (length,
sentence count, final full stop); lines whose shape is ambiguous are settled by the
title/abstract alternation and by the line that follows. A title with no abstract, or
an abstract with no title, still becomes an entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache

from kg.ingest.lines import Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem
from kg.resources import data_file

# A title is never longer than this; an abstract line is rarely shorter.
TITLE_MAX_CHARS = 250
ABSTRACT_MIN_CHARS = 400

# Chrome matched by a pattern (dates and the like) is short.
_CHROME_PATTERN_MAX_CHARS = 40
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z0-9(])")
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.)\S+$")
_TRAILING_CLOSERS = "\"')]}’”"


@dataclass(frozen=True, slots=True)
class ListingEntry:
    """One paper of a listing; ``line`` is where it starts (its title, else its abstract)."""

    title: str
    abstract: str
    line: int


class LineKind(Enum):
    TITLE = "title"
    ABSTRACT = "abstract"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class _Chrome:
    lines: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    glued_prefixes: tuple[str, ...]
    longest: int  # no chrome line is longer than this


@cache
def _chrome() -> _Chrome:
    data = data_file("ingest", "listing_chrome.json")
    return _Chrome(
        lines=frozenset(line.casefold() for line in data["lines"]),
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in data["line_patterns"]),
        glued_prefixes=tuple(data["glued_prefixes"]),
        longest=max(_CHROME_PATTERN_MAX_CHARS, *(len(line) for line in data["lines"])),
    )


def _is_chrome(text: str, chrome: _Chrome) -> bool:
    if len(text) > chrome.longest:
        return False
    return text.casefold() in chrome.lines or any(p.match(text) for p in chrome.patterns)


def strip_chrome(text: str) -> str | None:
    """The content of a listing line, or None when the line is page chrome.

    Chrome glued to the front of a title ("SubscribeAutoInt: ...") is cut off; the cut
    is made only when what follows starts like a title (not a lowercase word).
    """
    chrome = _chrome()
    text = " ".join(text.split())
    while text and not _is_chrome(text, chrome):
        for prefix in chrome.glued_prefixes:
            if not text.startswith(prefix):
                continue
            rest = text[len(prefix) :].lstrip()
            if rest and not rest[0].islower():
                text = rest
                break
        else:
            return text
    return None


def _ends_like_sentence(text: str) -> bool:
    """A final full stop or ellipsis, or a closing link, which titles never have."""
    body = text.rstrip(_TRAILING_CLOSERS)
    return body.endswith((".", "…")) or _ENDS_WITH_LINK.search(body) is not None


def classify_line(text: str) -> LineKind:
    """Whether a content line looks like a title, an abstract, or could be either."""
    breaks = len(_SENTENCE_BREAK.findall(text))
    sentence_end = _ends_like_sentence(text)
    if len(text) > ABSTRACT_MIN_CHARS:
        return LineKind.ABSTRACT
    if breaks >= 2 and (sentence_end or len(text) > TITLE_MAX_CHARS):
        return LineKind.ABSTRACT
    if len(text) <= TITLE_MAX_CHARS and breaks == 0 and not sentence_end:
        return LineKind.TITLE
    return LineKind.EITHER


def _content_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, LineKind]]:
    for number, raw in lines:
        text = strip_chrome(raw)
        if text:
            yield number, text, classify_line(text)


def _settle(
    kind: LineKind, text: str, has_pending_title: bool, following: tuple[str, LineKind] | None
) -> LineKind:
    """Decide an ambiguous line from its neighbours.

    A short line without a final full stop leans to title, anything else to abstract.
    A line right before the start of an abstract is a title, unless a title is already
    waiting and this line reads as several sentences.
    """
    if kind is not LineKind.EITHER:
        return kind
    leans_title = len(text) <= TITLE_MAX_CHARS and not _ends_like_sentence(text)
    next_starts_abstract = (
        following is not None
        and not following[0][:1].islower()
        and (
            following[1] is LineKind.ABSTRACT
            or (following[1] is LineKind.EITHER and _ends_like_sentence(following[0]))
        )
    )
    if not has_pending_title:
        return LineKind.TITLE if leans_title or next_starts_abstract else LineKind.ABSTRACT
    if not leans_title:
        return LineKind.ABSTRACT
    one_sentence = len(_SENTENCE_BREAK.findall(text)) < 2
    return LineKind.TITLE if one_sentence or next_starts_abstract else LineKind.ABSTRACT


def _continues(abstract: str, text: str) -> bool:
    """Whether ``text`` reads as the rest of ``abstract`` (a paragraph broken across lines)."""
    if text[:1].islower():
        return True
    last = abstract[-1]
    if last in ",;:-(":
        return True
    return last.isalpha() and "/" not in abstract.rsplit(None, 1)[-1]


def parse_listing(lines: Iterable[tuple[int, str]]) -> Iterator[ListingEntry]:
    """Pair titles with abstracts in numbered listing lines; chrome and blanks are skipped.

    An entry is held back until the next line shows whether that line continues its
    abstract (a paragraph broken over several lines) or starts something new.
    """
    content = _content_lines(lines)
    current = next(content, None)
    pending: tuple[int, str] | None = None  # a title still waiting for its abstract
    held: ListingEntry | None = None  # the last complete entry, not yet given out
    while current is not None:
        following = next(content, None)
        number, text, kind = current
        next_kind = following[2] if following is not None else None
        current = following
        if (
            pending is None
            and held is not None
            and held.abstract
            and _continues(held.abstract, text)
            and (kind is LineKind.ABSTRACT or next_kind is not LineKind.ABSTRACT)
        ):
            held = ListingEntry(held.title, f"{held.abstract} {text}", held.line)
            continue
        kind = _settle(kind, text, pending is not None, following and following[1:])
        if held is not None and (kind is LineKind.TITLE or pending is None):
            yield held
            held = None
        if kind is LineKind.TITLE:
            if pending is not None:
                yield ListingEntry(pending[1], "", pending[0])
            pending = (number, text)
        elif pending is not None:
            held = ListingEntry(pending[1], text, pending[0])
            pending = None
        else:
            held = ListingEntry("", text, number)
    if held is not None:
        yield held
    if pending is not None:
        yield ListingEntry(pending[1], "", pending[0])


def read_listing(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    """Listing entries as raw records; unreadable lines become bad records."""
    bad: list[BadRecord] = []

    def usable() -> Iterator[tuple[int, str]]:
        for line in lines:
            if line.problem is not None:
                bad.append(BadRecord(line.number, line.problem))
            else:
                yield line.number, line.text

    for entry in parse_listing(usable()):
        yield from (b for b in bad if b.line is not None and b.line < entry.line)
        bad[:] = [b for b in bad if b.line is not None and b.line > entry.line]
        yield RawRecord({"title": entry.title, "abstract": entry.abstract}, entry.line)
    yield from bad
