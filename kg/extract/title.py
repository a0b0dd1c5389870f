"""Titles of the form "Name: what it does" announce the paper's own method or dataset."""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import STRONG, Candidate, candidates_of, lexicon, text_of
from kg.resources import pattern_file
from kg.schema import EntityLabel

_WORD = re.compile(r"\S+")
_NAMEY = re.compile(r"^[A-Z0-9]|[a-z][A-Z]|\d")
_SHAPED = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d|\^")
_PHRASE_WORD = re.compile(r"[A-Z][\w^]*(?:-[\w^]+)*$")


def title_phrase(text: str) -> tuple[int, int, str] | None:
    """The leading Title Case noun phrase of the first line when it names a method.

    "Sparse Lattice Router Network for Speech ..." -> the part before "for",
    kept when its head word is a method noun (network, transformer, model ...).
    """
    line_end = text.find("\n")
    if line_end < 0:
        return None
    lex = lexicon()
    words = text[:line_end].split()
    phrase: list[str] = []
    if words and _opens_with_a_verb(words[0]):
        return None  # "Revisiting Sparse Lattice Networks for ...": a study, not a name
    for word in words:
        if word.lower() in lex["title_phrase_breaks"] and phrase:
            break
        if not _PHRASE_WORD.match(word) or word.lower() in lex["title_verbs"]:
            return None
        phrase.append(word)
    if not 2 <= len(phrase) <= 6 or phrase[-1].lower() not in lex["method_heads"]:
        return None
    name = " ".join(phrase)
    return 0, len(name), name


MAX_NAME_WORDS = 4
_SUBTITLE_NAME = re.compile(r"\s*([A-Z][\w^+-]*)\s*,\s*(?:a|an|the)\s", re.I)


def _opens_with_a_verb(word: str) -> bool:
    """A gerund or participle lead ("Scaling", "Revisiting", "Learned") describes a study."""
    lower = word.lower()
    return lower in lexicon()["title_verbs"] or (
        len(lower) > 5 and lower.endswith(("ing", "ed")) and not _SHAPED.search(word)
    )


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(pattern_file("shapes.json")["title"])


def title_name(text: str) -> tuple[int, int, str, EntityLabel] | None:
    """(start, end, name, label) when the first line reads "Name: subtitle"."""
    match = _title_pattern().match(text)
    if match is None:
        return None
    name, subtitle = match.group(1), match.group(2)
    named = _SUBTITLE_NAME.match(subtitle)
    if named and _SHAPED.search(named.group(1)):  # "Lead: GullNet, a tagger for ..."
        start = match.start(2) + named.start(1)
        return start, start + len(named.group(1)), named.group(1), "Method"
    words = _WORD.findall(name)
    lex = lexicon()
    if not words or len(words) > MAX_NAME_WORDS or "," in name:
        return None
    if words[0].lower() in lex["title_lead_stops"]:
        return None
    if not all(_NAMEY.search(w) for w in words):
        return None
    shaped = len(words) == 1 or any(_SHAPED.search(w) for w in words)
    if not shaped and words[-1].lower() not in lex["method_heads"]:
        return None
    lead = {w.lower().strip(",.") for w in _WORD.findall(subtitle)[:4]}
    if lead & lex["survey_subtitle_words"]:
        return None
    label: EntityLabel = "Dataset" if lead & lex["dataset_subtitle_words"] else "Method"
    return match.start(1), match.end(1), name, label


@Language.factory("kg_title")
def make_title_rule(nlp: Language, name: str) -> TitleRule:
    return TitleRule()


class TitleRule(BatchComponent):
    """Adds the name before the colon of a title as a proposed method or introduced dataset."""

    def __call__(self, doc: Doc) -> Doc:
        found = title_name(text_of(doc))
        if found is None:
            phrase = title_phrase(text_of(doc))
            if phrase is not None:
                start, end, name = phrase
                candidates_of(doc).append(
                    Candidate(start, end, name, "title_phrase", STRONG, "Method", "proposed")
                )
            return doc
        start, end, name, label = found
        candidates_of(doc).append(
            Candidate(
                start=start,
                end=end,
                text=name,
                rule="title",
                strength=STRONG,
                label=label,
                role="proposed" if label == "Method" else None,
                introduced=label == "Dataset",
            )
        )
        return doc
