"""Acronym definitions: "Long Range Arena (LRA)" ties a long form and a short form together.

The long form is found by walking the short form's letters backwards through the words
before the parenthesis, each letter matched in order, the first at a word start. The head
word of the long form says what was defined: a method, a dataset, or something that is
neither (a task, a metric), whose short form is then suppressed in this paper.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.candidates import (
    MEDIUM,
    SENTENCE_STARTS,
    STRONG,
    Candidate,
    candidates_of,
    lexicon,
    suppressed_of,
    text_of,
)
from kg.extract.metrics import is_metric_phrase
from kg.extract.tasks import is_task_phrase
from kg.schema import EntityLabel, Role

_DEFINITION = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-^+./&]{0,15}?)\s*[);,]")
_SHORT_SHAPE = re.compile(r"[A-Z].*[A-Z0-9]|[a-z][A-Z]")
_STOP_BEFORE = re.compile(r"[;:()\[\]]|,\s|\.\s|\n")
_WORD = re.compile(r"[\w^+'’]+(?:[-/][\w^+]+)*")


def long_form_for(short: str, before: str) -> str | None:
    """The tail of ``before`` whose letters spell ``short`` (Schwartz and Hearst's walk)."""
    letters = [c.lower() for c in short if c.isalnum()]
    if len(letters) < 2:
        return None
    s = len(letters) - 1
    position = len(before) - 1
    while s >= 0:
        wanted = letters[s]
        while position >= 0 and (
            before[position].lower() != wanted
            or (s == 0 and position > 0 and before[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    long_form = before[position + 1 :].strip()
    words = long_form.split()
    if not words or len(words) > len(letters) + 5 or len(long_form) <= len(short):
        return None
    return long_form


@cache
def _proposal_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(lexicon()["proposal_verbs"]))
    return re.compile(rf"\b(?:we|our|this (?:paper|work|study)|here)\b.*\b(?:{verbs})\b", re.I)


Kind = EntityLabel | Literal["none"]  # "none": a task, metric or other non-name


def _kind_of_head(word: str) -> Kind | None:
    head = word.split("-")[-1]
    lex = lexicon()
    if head in lex["method_heads"] or word in lex["method_heads"]:
        return "Method"
    if head in lex["dataset_heads"]:
        return "Dataset"
    if head in lex["nonentity_heads"] or word in lex["nonentity_heads"]:
        return "none"
    return None


def classify(long_form: str) -> Kind | None:
    """Method, Dataset, "none" (task, metric...) or None (unknown) from the head word.

    The head stands before a preposition: "Pattern Lookup from Remote Archives" is a
    lookup, not an archive. A method word at the very end still says Method ("Route
    Pruning by Sparse Lattice Network").
    """
    words = _WORD.findall(long_form.lower())
    if not words:
        return "none"
    prepositions = lexicon()["head_prepositions"]
    cut = next((i for i, w in enumerate(words) if i and w in prepositions), len(words))
    kind = _kind_of_head(words[cut - 1])
    if cut < len(words) and kind != "Dataset" and _kind_of_head(words[-1]) == "Method":
        return "Method"
    return kind


def _object_of_proposal(before: str) -> bool:
    """True when the long form is what "we propose/present ..." introduces: right after the
    verb ("We present Masked Token Pooling (MaToP)"), in apposition to a method noun ("we
    propose a new algorithm, Greedy Motif Learning (GML)") or named after it ("we propose a
    descriptor called Sparse Edge Features (SEF)")."""
    if not _proposal_pattern().search(before):
        return False
    lex = lexicon()
    words = before.lower().replace(",", " , ").split()
    after_noun = {",", *lex["naming_after_noun"]}  # "a new algorithm, X", "a module called X"
    while words and words[-1] in lex["skip_before_name"] and words[-1] not in after_noun:
        words.pop()
    if len(words) > 1 and words[-1] in after_noun and words[-2] in lex["method_heads"]:
        words = words[:-2]
        for _ in range(MAX_MODIFIERS):
            if not words or words[-1] in lex["proposal_verbs"]:
                break
            words.pop()
    while words and words[-1] in lex["skip_before_name"]:
        words.pop()
    return bool(words) and words[-1] in lex["proposal_verbs"]


MAX_MODIFIERS = 3
_NAME_THEN_APPOSITION = re.compile(
    r"(?:[A-Z][\w-]*[A-Z0-9][\w-]*|[A-Z][a-z]+[A-Z]\w*)\s*,\s*(?:a|an)\s"
)


def governed_by_proposal(before: str) -> bool:
    """True when a name that follows ``before`` (its sentence up to the name) is what the
    proposal verb introduces, not something the proposal is built with.

    "We propose a novel Graph Sieve Network (GSN)": governed. "We propose a method within
    the hidden Markov model (HMM) framework" and "we design a loss by utilizing Fast
    Fourier Transform (FFT)": a using/within phrase stands between verb and name, so the
    name is used. "We introduce FooNet, a graph neural network (GNN)": the definition
    after the new name says what kind of thing it is; the name was FooNet.
    """
    match = _proposal_pattern().search(before)
    if match is None:
        return False
    between = before[match.end() :]
    lex = lexicon()
    words = between.lower().replace(",", " ").split()
    if words and words[-1] in lex["naming_words"]:
        return True  # "..., named Sparse Gated Routing (SGR)"
    if _NAME_THEN_APPOSITION.search(between):
        return False
    return not any(w in lex["used_markers"] for w in words)


def _add_pair(
    doc: Doc,
    label: EntityLabel | None,
    long: tuple[int, str],
    short: tuple[int, str],
    strength: int = STRONG,
    role: Role | None = None,
) -> None:
    """Both forms of a definition as candidates of ``label``, each naming the other."""
    found = candidates_of(doc)
    for (start, surface), (_, partner) in ((long, short), (short, long)):
        found.append(_candidate(start, surface, "acronym_definition", strength, label, role))
        found[-1].partner = partner


def _candidate(
    start: int,
    surface: str,
    rule: str,
    strength: int,
    label: EntityLabel | None,
    role: Role | None,
) -> Candidate:
    """A candidate of this module (a dataset with a role is one the paper introduces)."""
    return Candidate(
        start=start,
        end=start + len(surface),
        text=surface,
        rule=rule,
        strength=strength,
        label=label,
        role=role,
        introduced=role is not None and label == "Dataset",
    )


_NAME_SHAPE = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d")


def _name_of_proposed_phrase(
    doc: Doc, text: str, sentence_start: int, short: tuple[int, str]
) -> None:
    """ "We propose a heuristic dense network (KiteNet)": a name in brackets whose letters
    spell nothing before it, right after the noun phrase a proposal verb governs, names
    what is proposed; its head says whether a method or a new dataset ("a new corpus
    (KiteSet)")."""
    start, surface = short
    before = text[sentence_start:start].rstrip(" (")
    words = before.split()
    if not words or not _NAME_SHAPE.search(surface) or surface in lexicon()["nonentity_names"]:
        return
    kind = _kind_of_head(words[-1].lower())
    if kind not in ("Method", "Dataset") or not governed_by_proposal(before):
        return
    rule = "acronym:name_of_proposed_phrase"
    candidates_of(doc).append(_candidate(start, surface, rule, STRONG, kind, "proposed"))


@Language.factory("kg_acronyms")
def make_acronym_finder(nlp: Language, name: str) -> AcronymFinder:
    return AcronymFinder()


class AcronymFinder(BatchComponent):
    """Adds both forms of every acronym definition as one linked pair of candidates."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        if "(" not in text:
            return doc
        starts = doc.user_data.get(SENTENCE_STARTS, [0])
        for match in _DEFINITION.finditer(text):
            short = match.group(1)
            if not _SHORT_SHAPE.search(short) or short.lower().startswith(("e.g", "i.e")):
                continue
            sentence_start = starts[bisect_right(starts, match.start()) - 1]
            window_start = max(sentence_start, match.start() - 160)
            window = text[window_start : match.start()]
            stops = list(_STOP_BEFORE.finditer(window))
            if stops:
                window_start += stops[-1].end()
                window = window[stops[-1].end() :]
            window = window.rstrip(" ~")
            long_form = long_form_for(short, window)
            if long_form is None:
                _name_of_proposed_phrase(doc, text, sentence_start, (match.start(1), short))
                continue
            long_start = window_start + window.rfind(long_form)
            kind = classify(long_form)
            if kind != "Dataset" and _object_of_proposal(text[sentence_start:long_start]):
                kind = "Method"  # "We present Masked Token Pooling (MaToP)"
            if kind in (None, "none") and is_metric_phrase(long_form):
                suppressed_of(doc).update({short, long_form})  # a long form that ends in a metric
                _add_pair(doc, "Metric", (long_start, long_form), (match.start(1), short))
                continue
            if kind is None and is_task_phrase(long_form):
                kind = "none"  # "Open-set Bird Counting (OBC)": no head says more than the task
            if kind == "none":
                suppressed_of(doc).update({short, long_form})
                if is_task_phrase(long_form):  # "protein fold prediction (PFP)"
                    _add_pair(doc, "Task", (long_start, long_form), (match.start(1), short))
                continue
            in_title = sentence_start == 0 and "\n" in text
            if kind is None and long_form.islower():
                continue  # "slow decay (SD)": nothing says it is a method or dataset
            if short in lexicon()["nonentity_names"]:
                continue
            proposed = in_title or governed_by_proposal(text[sentence_start:long_start])
            role: Role | None = "proposed" if proposed else None
            strength = STRONG if kind else MEDIUM
            _add_pair(doc, kind, (long_start, long_form), (match.start(1), short), strength, role)
        return doc
