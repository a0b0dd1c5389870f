"""Titles of the form "Name: what it does" announce the paper's own method or dataset."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import STRONG, Candidate, candidates_of, lexicon
from kg.extract.resources import pattern_file

_WORD = re.compile(r"\S+")
_NAMEY = re.compile(r"^[A-Z0-9]|[a-z][A-Z]|\d")
MAX_NAME_WORDS = 4


def title_name(text: str) -> tuple[int, int, str, str] | None:
    """(start, end, name, label) when the first line reads "Name: subtitle"."""
    match = re.match(pattern_file("shapes.json")["title"], text)
    if match is None:
        return None
    name, subtitle = match.group(1), match.group(2)
    words = _WORD.findall(name)
    lex = lexicon()
    if not words or len(words) > MAX_NAME_WORDS or "," in name:
        return None
    if words[0].lower() in lex["title_lead_stops"]:
        return None
    if not all(_NAMEY.search(w) for w in words):
        return None
    lead = {w.lower().strip(",.") for w in _WORD.findall(subtitle)[:4]}
    if lead & lex["survey_subtitle_words"]:
        return None
    label = "Dataset" if lead & lex["dataset_subtitle_words"] else "Method"
    return match.start(1), match.end(1), name, label


@Language.factory("kg_title")
def make_title_rule(nlp: Language, name: str) -> TitleRule:
    return TitleRule()


class TitleRule:
    """Adds the name before the colon of a title as a proposed method or introduced dataset."""

    def __call__(self, doc: Doc) -> Doc:
        found = title_name(doc.text)
        if found is None:
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
