"""Metric names: the field's evaluation metrics, as a lexicon with canonical variants.

``patterns/metrics.json`` lists each metric with the ways papers write it ("ROC AUC", "AUROC",
"area under the ROC curve" are one ``ROC-AUC``); a candidate carries the canonical name, so the
variants meet in one finding and one graph node. A metric word that a task word specialises
("classification accuracy", "tagging accuracy") is read with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.alternation import CaselessPattern, trie_alternation
from kg.extract.batching import BatchComponent
from kg.extract.candidates import STRONG, Candidate, candidates_of, text_of
from kg.extract.tasks import TaskWords, modifier_start, task_words
from kg.resources import pattern_file

RULE = "metric_lexicon"
_BEFORE = r"(?<![\w@\-.])"
_AFTER = r"(?![\w@\-]|\.\d)"
_WORD_BEFORE = re.compile(r"([a-z][a-z0-9]*(?:-[a-z0-9]+)*) +$")


@dataclass(frozen=True)
class MetricLexicon:
    canonical: dict[str, str]  # variant as matched (lower-cased if case-free) -> canonical name
    modifiable: frozenset[str]  # canonical names a task word may specialise
    lower_better: frozenset[str]  # canonical names whose best value is the lowest
    modifiers: frozenset[str]
    nouns: re.Pattern[str]  # nouns that make the phrase before them a metric ("X score")
    exact: re.Pattern[str] | None
    caseless: CaselessPattern | None
    contextual: re.Pattern[str] | None  # metric words that need a value or a specialising word
    degree_before: re.Pattern[str]  # "high " before a metric word that may be half an adjective
    particle_after: re.Pattern[str]  # " up" after a metric word that is then a verb
    not_nouns: frozenset[str]  # "on", "and": after "high accuracy" they leave it a measure

    def name_of(self, surface: str) -> str | None:
        """The canonical metric of a matched surface (a plural 's' dropped)."""
        for form in (surface, surface.lower()):
            for candidate in (form, form[:-1] if form.endswith("s") else form):
                found = self.canonical.get(candidate)
                if found is not None:
                    return found
        return None

    def lower_is_better(self, surface: str) -> bool:
        """Whether the metric a surface names is best at its lowest: its canonical metric's
        direction, or that of the metric a phrase ends in ("frame error rate")."""
        words = surface.split()
        for first in range(len(words)):
            name = self.name_of(" ".join(words[first:]))
            if name is not None:
                return name in self.lower_better
        return False


def _alternation(variants: list[str]) -> re.Pattern[str] | None:
    if not variants:
        return None
    return re.compile(_BEFORE + "(?:" + trie_alternation(variants) + ")s?" + _AFTER)


@cache
def metric_lexicon() -> MetricLexicon:
    data = pattern_file("metrics.json")
    canonical: dict[str, str] = {}
    exact: list[str] = []
    caseless: list[str] = []
    modifiable: set[str] = set()
    lower_better: set[str] = set()
    for item in data["metrics"]:
        name = item["name"]
        if item.get("modifiable"):
            modifiable.add(name)
        if item.get("lower_is_better"):
            lower_better.add(name)
        for variant in [name, *item["variants"]]:
            if variant != variant.lower():
                exact.append(variant)
                canonical.setdefault(variant, name)
            else:
                caseless.append(variant)
                canonical.setdefault(variant.lower(), name)
    contextual: list[str] = []
    for item in data["contextual"]:
        if item.get("lower_is_better"):
            lower_better.add(item["name"])
        for variant in item["variants"]:
            contextual.append(variant)
            canonical.setdefault(variant, item["name"])
    return MetricLexicon(
        canonical=canonical,
        modifiable=frozenset(modifiable),
        lower_better=frozenset(lower_better),
        modifiers=frozenset(data["modifiers"]),
        nouns=re.compile(rf"(?<![\w-])(?:{trie_alternation(data['metric_nouns'])})(?![\w-])"),
        exact=_alternation(exact),
        caseless=(
            CaselessPattern(
                _BEFORE + "(?:" + trie_alternation(caseless, ignore_case=True) + ")s?" + _AFTER
            )
            if caseless
            else None
        ),
        contextual=_alternation(contextual),
        degree_before=re.compile(rf"(?<![\w-])(?i:{trie_alternation(data['degree_words'])}) +$"),
        not_nouns=frozenset(data["not_nouns"]),
        particle_after=re.compile(rf" +(?:{trie_alternation(data['verb_particles'])})(?![\w-])"),
    )


def metric_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name or ``""`` for a specialised phrase) of every metric."""
    lexicon = metric_lexicon()
    found: list[tuple[int, int]] = []
    if lexicon.exact is not None:
        found += [(m.start(), m.end()) for m in lexicon.exact.finditer(text)]
    if lexicon.caseless is not None:
        found += lexicon.caseless.spans(text)
    found.sort(key=lambda span: (span[0], -span[1]))
    spans: list[tuple[int, int, str]] = []
    last_end = -1
    heads = task_words().heads
    for start, end in found:
        if start < last_end:
            continue  # inside a longer metric already taken
        name = lexicon.name_of(text[start:end])
        if name is None or _describes_a_noun(text, start, end, lexicon):
            continue
        if name in lexicon.modifiable:
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if before and (before.group(1) in heads or before.group(1) in lexicon.modifiers):
                start, name = before.start(), ""
        spans.append((start, end, name))
        last_end = end
    spans += _after_a_value(text, spans, lexicon)
    return sorted(spans + _phrases(text, spans, lexicon, task_words()))


_NEXT_WORD = re.compile(r" +([A-Za-z][\w-]*)")


def _describes_a_noun(text: str, start: int, end: int, lexicon: MetricLexicon) -> bool:
    """Whether the metric word at ``start:end`` is no measure but part of a modifier: half
    of a degree adjective before a noun ("high precision arithmetic", "Low Quality Scans")
    or a verb with its particle ("a tenfold speed up")."""
    if lexicon.particle_after.match(text, end):
        return True
    degree = lexicon.degree_before.search(text, max(0, start - 12), start)
    after = _NEXT_WORD.match(text, end)
    if degree is None or after is None:
        return False
    word = after.group(1)
    if word[0].isupper():  # a title's capitalised phrase goes on: "High Quality Object ..."
        return degree.group(0)[0].isupper() and text[start].isupper()
    return word.lower() not in lexicon.not_nouns and not word.endswith(("ed", "ly"))


_VALUE_BEFORE = re.compile(r"\d(?:\.\d+)? ?% +$")


def _after_a_value(
    text: str, found: list[tuple[int, int, str]], lexicon: MetricLexicon
) -> list[tuple[int, int, str]]:
    """Common words that name a metric where a percentage states their value ("3.6%
    error"); elsewhere they name a mistake ("segmentation errors"), not a measure."""
    if lexicon.contextual is None:
        return []
    spans: list[tuple[int, int, str]] = []
    for match in lexicon.contextual.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e, _ in found):
            continue
        if _VALUE_BEFORE.search(text, max(0, start - 12), start):
            spans.append((start, end, lexicon.name_of(match.group(0)) or ""))
    return spans


def is_metric_phrase(phrase: str) -> bool:
    """Whether ``phrase`` (an acronym's long form) is a longer name ending in a metric of
    the lexicon: "Weighted Alignment Error", "normalised mean squared error"."""
    return any(
        start > 0 and end == len(phrase) and name for start, end, name in metric_spans(phrase)
    )


def _phrases(
    text: str, found: list[tuple[int, int, str]], lexicon: MetricLexicon, words: TaskWords
) -> list[tuple[int, int, str]]:
    """Metrics the wording names: a phrase before a metric noun ("a perceptual distance
    metric", "calibrated confidence scores")."""
    spans: list[tuple[int, int, str]] = []
    for match in lexicon.nouns.finditer(text):
        start, modifiers = modifier_start(text, match.start(), 0, False, words)
        if modifiers:
            spans.append((start, match.end(), ""))
    return [
        span
        for span in spans
        if not any(s < span[1] and span[0] < e for s, e, _ in found)  # the lexicon's first
    ]


@Language.factory("kg_metrics")
def make_metric_finder(nlp: Language, name: str) -> MetricFinder:
    return MetricFinder()


class MetricFinder(BatchComponent):
    """Adds a ``Metric`` candidate (with its canonical name) for every metric mention."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates_of(doc)
        for start, end, name in metric_spans(text):
            found.append(
                Candidate(
                    start, end, text[start:end], RULE, STRONG, label="Metric", name=name or None
                )
            )
        return doc
