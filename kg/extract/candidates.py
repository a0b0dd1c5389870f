"""Candidates: what one rule saw at one place, before names are grouped into findings.

Pipeline components append candidates to ``doc.user_data`` while a doc runs through the
pipeline; the last component (``kg_hints``) turns them into plain rows (:meth:`Candidate.row`),
so what a doc carries out of the pipeline crosses process boundaries and can be written to disk.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import Any

from spacy.tokens import Doc

from kg.extract.links import RepoLink
from kg.resources import pattern_file
from kg.schema import EntityLabel, Role

CANDIDATES = "kg_candidates"
SUPPRESSED = "kg_suppressed"
SENTENCE_STARTS = "kg_sentence_starts"
TEXT = "kg_text"

# strengths: how much a candidate proves on its own
WEAK = 0  # a capitalised word: only counts if a stronger rule found the same name elsewhere
SHAPE = 1  # a name-shaped token (CamelCase, digits, internal capitals)
MEDIUM = 2  # a cue or a gazetteer entry that still needs a name-like form
STRONG = 3  # a cue that names the thing outright ("called X", "the X dataset")


@dataclass(slots=True)
class Candidate:
    """A surface form at ``text[start:end]`` found by ``rule``."""

    start: int
    end: int
    text: str
    rule: str
    strength: int
    label: EntityLabel | None = None  # None: decided when names are grouped
    role: Role | None = None  # "proposed" for methods the paper introduces
    introduced: bool = False
    generic: bool = False
    known: bool = False  # from a gazetteer
    novel_only: bool = False  # the role holds only for names no gazetteer knows
    name: str | None = None  # canonical name when the rule knows it (gazetteer entry)
    written: str | None = None  # a gazetteer form as the paper wrote it, plural dropped
    partner: str | None = None  # the other form of an acronym definition
    typed_by: str | None = None  # the rule that gave the label, for ``kg extract --explain``
    link: RepoLink | None = field(default=None, repr=False)

    def row(self) -> tuple[Any, ...]:
        """The candidate as a tuple of plain values (its fields in order, the link a tuple)."""
        link = None if self.link is None else astuple(self.link)
        return (*_PLAIN_FIELDS(self), link)

    @classmethod
    def from_row(cls, row: tuple[Any, ...] | list[Any]) -> Candidate:
        """The candidate :meth:`row` made (a list, as msgpack gives tuples back, is accepted)."""
        candidate = cls(*row[:-1])
        if row[-1] is not None:
            candidate.link = RepoLink(*row[-1])
        return candidate


ROW_STRENGTH = [f.name for f in fields(Candidate)].index("strength")  # its place in a row
_PLAIN_FIELDS = attrgetter(*(f.name for f in fields(Candidate) if f.name != "link"))


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins the tokens on every access)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def candidates_of(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc`` (created on first use)."""
    found = doc.user_data.get(CANDIDATES)
    if found is None:
        found = doc.user_data[CANDIDATES] = []
    return found


def suppressed_of(doc: Doc) -> set[str]:
    """Surface forms the paper defines as something else (a task, a metric)."""
    found = doc.user_data.get(SUPPRESSED)
    if found is None:
        found = doc.user_data[SUPPRESSED] = set()
    return found


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The word lists of ``patterns/lexicon.json`` as sets."""
    data = pattern_file("lexicon.json")
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
