"""A name's type from its neighbours: the words and names around it, not the name itself.

Papers say what a new name is by what stands next to it: an apposition whose noun is a
dataset noun ("Wren-5, a large-scale corpus of bird calls"), a dataset noun right before it
("the face dataset Wren-5"), the same noun after it past a few plain modifiers ("Wren-5
bird call benchmark"), a result phrase that ends in "on" ("a 4.6% gain on Wren-5"), or
a list it shares with a known dataset ("Heron, Wren-5 and CIFAR-10"). Only names no other
rule has typed are changed; a proposal cue on such a name makes it an introduced dataset.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import MEDIUM, Candidate, candidates_of, text_of
from kg.resources import pattern_file

COMPONENT = "kg_context"
ASSIGNS = ("label", "introduced", "typed_by")  # what the component changes on candidates
_WINDOW = 90


@dataclass(frozen=True)
class _Patterns:
    apposition: re.Pattern[str]
    noun_before: re.Pattern[str]
    result_before: re.Pattern[str]
    noun_after: re.Pattern[str]
    noun_after_modifiers: re.Pattern[str]
    not_modifiers: frozenset[str]
    joiner: re.Pattern[str]
    model_ending: re.Pattern[str]
    longest_noun: int  # characters: where in a window a dataset noun at its end may start


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    data = pattern_file("context.json")
    nouns = _alternatives(data["dataset_nouns"])
    openers = _alternatives(data["apposition_openers"])
    units = _alternatives(data["result_units"])
    size = int(data["apposition_words"])
    joiners = _alternatives(data["list_joiners"])
    return _Patterns(
        apposition=re.compile(
            rf"\s*,\s*(?:{openers})\s+(?:[\w-]+\s+){{0,{size - 1}}}?(?:{nouns})\b", re.I
        ),
        noun_before=re.compile(rf"\b(?:{nouns})\s*$", re.I),
        result_before=re.compile(
            rf"\d[\d.,]*\s*(?:{units})(?:\s+[\w-]+){{0,3}}\s+on\s+(?:the\s+)?$", re.I
        ),
        noun_after=re.compile(rf"\)?\s+(?:{nouns})\b", re.I),
        noun_after_modifiers=re.compile(
            rf"((?:\s+[a-z][a-z-]*[a-z]){{1,{int(data['modifiers_before_noun'])}}}?)"
            rf"\s+(?:{nouns})\b"
        ),
        not_modifiers=frozenset(data["not_modifiers"]),
        joiner=re.compile(rf"\s*(?:{joiners})\s*$"),
        model_ending=re.compile(
            rf"(?:{_alternatives(data['model_name_endings'])})$|{data['model_size_ending']}",
            re.I,
        ),
        longest_noun=max(len(noun) for noun in data["dataset_nouns"]),
    )


def model_shaped(name: str) -> bool:
    """ "Tern-BERT-base", "Kite-7B": a model's size or flavour ends the name, so no list or
    noun around it makes it a dataset."""
    return _patterns().model_ending.search(name.rstrip(".,;:")) is not None


def neighbour_type(text: str, start: int, end: int) -> str | None:
    """The rule that makes ``text[start:end]`` a dataset by the words around it, if any."""
    patterns = _patterns()
    if patterns.apposition.match(text, end, min(len(text), end + _WINDOW)):
        return "context:apposition"
    before = text[max(0, start - _WINDOW) : start]
    # Both patterns end at the window's end; they are searched only where a match can start
    # (from the search of the whole window: tests/extract/test_context.py).
    stripped = before.rstrip()
    if patterns.noun_before.search(before, max(0, len(stripped) - patterns.longest_noun)):
        return "context:noun_before"
    ends_on = before[-1:].isspace() and stripped[-3:].lower().endswith(("on", "the"))
    if ends_on and patterns.result_before.search(before):  # "... on (the) ": checked first
        return "context:result_on"
    if _noun_after_modifiers(text, end):
        return "context:noun_after_modifiers"
    return None


def _noun_after_modifiers(text: str, end: int) -> bool:
    """ "Wren-5 bird call benchmark", "Wren-5 pre-training corpus": plain lower-case words
    between the name and a dataset noun. A verb, an adverb, a plural or a function word in
    between ends it: "Wren-5 beats earlier benchmarks" says nothing of Wren-5's type."""
    patterns = _patterns()
    match = patterns.noun_after_modifiers.match(text, end, min(len(text), end + _WINDOW))
    if match is None:
        return False
    return all(_plain_modifier(word, patterns.not_modifiers) for word in match.group(1).split())


def _plain_modifier(word: str, not_modifiers: frozenset[str]) -> bool:
    if word in not_modifiers or word.endswith("ly"):
        return False
    if word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return False  # a plural or a verb's third person: "beats", "models"
    return not (word.endswith("ed") and "-" not in word)  # "surpassed"; "pre-trained" is kept


@Language.factory(COMPONENT)
def make_context_typer(nlp: Language, name: str) -> ContextTyper:
    return ContextTyper()


class ContextTyper(BatchComponent):
    """Labels untyped candidates as datasets from their neighbours (see the module doc)."""

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        if not found:
            return doc
        text = text_of(doc)
        untyped = [c for c in found if c.label is None and not c.known and not model_shaped(c.text)]
        for candidate in untyped:
            rule = neighbour_type(text, candidate.start, candidate.end)
            if rule is None and candidate.partner and _defined_before_noun(text, candidate):
                rule = "context:acronym_then_noun"  # "Tern Parses (TP) dataset"
            if rule is not None:
                _make_dataset(candidate, rule)
                if candidate.partner:
                    for other in untyped:
                        if other.text == candidate.partner and other.partner == candidate.text:
                            _make_dataset(other, rule)
        _type_by_lists(text, found, untyped)
        return doc


def _defined_before_noun(text: str, candidate: Candidate) -> bool:
    """The short form of a definition, then a dataset noun: "Tern Parses (TP) corpus"."""
    return (
        text[candidate.end : candidate.end + 1] == ")"
        and _patterns().noun_after.match(text, candidate.end) is not None
    )


def _make_dataset(candidate: Candidate, rule: str) -> None:
    candidate.label = "Dataset"
    candidate.typed_by = rule
    candidate.strength = max(candidate.strength, MEDIUM)
    if candidate.role == "proposed":  # "we release Wren-5, a corpus of ...": introduced
        candidate.role = None
        candidate.introduced = True


def _type_by_lists(text: str, found: list[Candidate], untyped: list[Candidate]) -> None:
    """A name in one list with a dataset is a dataset ("Heron, Wren-5 and CIFAR-10"), and
    so is the name listed next to that one: the type runs along the whole list."""
    while _type_list_neighbours(text, found, untyped):
        pass


def _type_list_neighbours(text: str, found: list[Candidate], untyped: list[Candidate]) -> bool:
    """One step of :func:`_type_by_lists`; True when it typed a name."""
    datasets = sorted((c.start, c.end) for c in found if c.label == "Dataset")
    if not datasets or not untyped:
        return False
    joiner = _patterns().joiner
    starts = [s for s, _ in datasets]
    proposed = {c.text for c in found if c.role == "proposed"}
    typed = False
    for candidate in untyped:
        if candidate.label is not None or candidate.text in proposed:
            continue  # a proposal says method; only an apposition overrides it
        if text[candidate.end : candidate.end + 1] == "-":
            continue  # "Heron, Wren-based tools": a name used as a modifier is no list item
        index = bisect_left(starts, candidate.end)
        after = datasets[index] if index < len(datasets) else None
        before = next((d for d in reversed(datasets[:index]) if d[1] <= candidate.start), None)
        if (after and joiner.fullmatch(text, candidate.end, after[0])) or (
            before and joiner.fullmatch(text, before[1], candidate.start)
        ):
            _make_dataset(candidate, "context:list_with_dataset")
            typed = True
    return typed
