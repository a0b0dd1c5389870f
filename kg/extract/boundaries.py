"""Name boundaries: a version that follows a name belongs to it.

"TernNet 2.0" and "TernNet v2" are names of their own, not TernNet followed by a number. A
year is left alone ("the Heron challenge 2017" is the event, not a new dataset), and so is a
number followed by a unit ("TernNet 2.5 points higher") or by a range word ("2.0 to 3.0"):
that is a result, not a version.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import candidates_of, text_of
from kg.resources import pattern_file

COMPONENT = "kg_boundaries"
ASSIGNS = ("end", "text")  # widens candidates over a following version


@cache
def _version() -> tuple[re.Pattern[str], frozenset[str]]:
    data = pattern_file("boundaries.json")
    return re.compile(rf" ({data['version']})(?![\w.%])"), frozenset(data["units_after"])


def version_after(text: str, end: int) -> int:
    """The end of a version right after ``text[:end]``, or ``end`` when none."""
    pattern, units = _version()
    match = pattern.match(text, end)
    if match is None:
        return end
    following = text[match.end() :].split(None, 1)
    if following and following[0].rstrip(",.;:") in units:
        return end
    return match.end()


@Language.factory(COMPONENT)
def make_boundary_fixer(nlp: Language, name: str) -> BoundaryFixer:
    return BoundaryFixer()


class BoundaryFixer(BatchComponent):
    """Widens candidates no gazetteer knows over a version that follows them."""

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        if not found:
            return doc
        text = text_of(doc)
        for candidate in found:
            if candidate.known or candidate.label in ("Task", "Metric", "Repository"):
                continue
            if not candidate.text[-1:].isalpha():
                continue
            end = version_after(text, candidate.end)
            if end != candidate.end:
                candidate.end = end
                candidate.text = text[candidate.start : end]
        return doc
