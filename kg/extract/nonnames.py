"""Name-shaped words that are not names: acronyms used as modifiers, quantities, math.

An acronym that modifies a head noun of hardware, tokens or scores ("the CLS-like token",
"two XPU cards", "four Zephyr ZX 9 GPUs", "its QZ score") names no method or dataset; nor
does a word given a value ("an ERRQ of 0.8", "MRQ@5"), a word inside big-O notation
("O(N logN)"), TeX left over by the page ("QK^top"; "sim3.5AP", where "\\sim 3.5 AP" lost its
backslash), a citation key ("smith2021deep"), capitals that mark an acronym's letters
("DEep Local Features"), a word the page glued to a name ("usingLSH", "mAPon"), a lower-case
compound that describes a mapping ("image-to-SQL": a kind of task or model, not its name), or
a hyphen pair of acronyms the paper defined as something else ("LR-HR" when LR and HR are
resolutions). Such surfaces are dropped for the whole paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import Candidate, candidates_of, suppressed_of, text_of
from kg.resources import pattern_file

COMPONENT = "kg_nonnames"
ASSIGNS = ("candidates", "suppressed")  # removes candidates, adds surfaces to suppressed


@dataclass(frozen=True)
class _Patterns:
    modifier: re.Pattern[str]
    valued: re.Pattern[str]
    big_o: re.Pattern[str]
    tex: re.Pattern[str]
    mapping: re.Pattern[str]
    hardware: re.Pattern[str]
    tex_command: re.Pattern[str]
    glued: re.Pattern[str]
    citation_key: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = pattern_file("nonnames.json")
    heads = "|".join(re.escape(w) for w in sorted(data["modifier_heads"], key=len, reverse=True))
    tex = "|".join(re.escape(w) for w in data["tex_words"])
    return _Patterns(
        modifier=re.compile(rf"\s+(?:{heads})\b", re.I),
        valued=re.compile(r"\s+of\s+[-+]?\d|@\d|\s*=\s*[-+]?\d"),
        big_o=re.compile(r"\bO\([^()]*$"),
        tex=re.compile(rf"\^\\?(?:{tex})$"),
        mapping=re.compile(rf"[a-z][\w]*-(?:{'|'.join(map(re.escape, data['mapping_words']))})-"),
        hardware=re.compile(
            rf"(?:\s+[A-Z0-9][\w-]*){{1,3}}\s+(?i:{_alternatives(data['hardware_heads'])})\b"
        ),
        glued=re.compile(
            rf"(?:{_alternatives(data['glue_words'])})[A-Z](?=.*[A-Z\d]).*"
            rf"|.*[A-Z][A-Z](?:{_alternatives(data['glue_words'])})$"
        ),
        citation_key=re.compile(data["citation_key"]),
        tex_command=re.compile(rf"(?:{_alternatives(data['tex_commands'])})(?:\d|[_^][\w{{]|\.\d)"),
    )


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# capitals that mark an acronym's letters inside a word: "DEep", "HIgh-Resolution", "eXtra"
_EMPHASIS = re.compile(r"(?:[A-Z]{2}[a-z]{2,}|[a-z]+[A-Z][a-z]+)(?:-[A-Z][a-z]+)*")
_CAPITALISED_AFTER = re.compile(r"[ -][A-Z]")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][a-z]+[ -]$")


def emphasis_in_a_phrase(text: str, candidate: Candidate) -> bool:
    """A word whose capitals only mark the letters of an acronym, standing in a capitalised
    phrase ("DEep Local Features (DELF)", "Sparse masKed modeling"), is part of the long form,
    not a name of its own; alone ("with GPipe and") such a word is still a name."""
    if candidate.rule != "name_shape" or not _EMPHASIS.fullmatch(candidate.text):
        return False
    return bool(
        _CAPITALISED_AFTER.match(text, candidate.end)
        or _CAPITALISED_BEFORE.search(text, max(0, candidate.start - 30), candidate.start)
    )


def not_a_name_here(text: str, candidate: Candidate) -> bool:
    """True when the words around the candidate show it is not a name (module doc)."""
    patterns = _patterns()
    if patterns.tex.search(candidate.text) or emphasis_in_a_phrase(text, candidate):
        return True
    if patterns.big_o.search(text, max(0, candidate.start - 30), candidate.start):
        return True
    end = candidate.end
    return bool(
        patterns.modifier.match(text, end)
        or patterns.valued.match(text, end)
        or patterns.hardware.match(text, end)
    )


@Language.factory(COMPONENT)
def make_nonname_filter(nlp: Language, name: str) -> NonNameFilter:
    return NonNameFilter()


class NonNameFilter(BatchComponent):
    """Drops candidates that are not names (see the module doc); gazetteer names stay."""

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        if not found:
            return doc
        text = text_of(doc)
        suppressed = suppressed_of(doc)
        dropped = {
            c.text for c in found if not c.known and c.label is None and not_a_name_here(text, c)
        }
        dropped |= {c.text for c in found if not c.known and _defined_parts(c.text, suppressed)}
        patterns = _patterns()
        dropped |= {
            c.text
            for c in found
            if not c.known
            and (
                patterns.tex_command.match(c.text)
                or patterns.glued.fullmatch(c.text)
                or patterns.citation_key.fullmatch(c.text)
            )
        }
        mapping = patterns.mapping
        dropped |= {
            c.text
            for c in found
            if not c.known and c.label not in ("Task", "Metric") and mapping.match(c.text)
        }
        if not dropped:
            return doc
        suppressed.update(dropped)
        found[:] = [c for c in found if c.known or c.text not in dropped]
        return doc


def _defined_parts(surface: str, suppressed: set[str]) -> bool:
    parts = surface.split("-")
    return len(parts) > 1 and all(p in suppressed for p in parts)
