"""Cue phrases: "we propose X", "called X", "the X dataset", "experiments on X, Y and Z".

The phrases are spaCy Matcher patterns in ``patterns/cues.json``; each says on which side
of the cue the name stands, whether a list may stand there, and what the cue implies
(label, proposed/introduced, strength). The name itself is read by ``kg.extract.names``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.extract.batching import BatchComponent
from kg.extract.candidates import SENTENCE_STARTS, Candidate, candidates_of, lexicon
from kg.extract.context import model_shaped
from kg.extract.names import (
    NameSpan,
    read_first_name,
    read_list_after,
    read_list_before,
    read_lower_name,
    read_name_after,
    read_name_before,
)
from kg.extract.tokens import Tokens, tokens_of
from kg.resources import PATTERNS_DIR, load_json
from kg.schema import EntityLabel, entity_label

_FIRST_PERSON = re.compile(
    r"\b(?:we|our|ours|us|here|this (?:paper|work|study|article)"
    r"|(?:this|the proposed) (?:method|model|approach|framework|architecture|algorithm)"
    r"|the proposed \w+)\b",
    re.I,
)
_READ_WINDOW = 40


@dataclass(frozen=True)
class Cue:
    """One cue phrase and what a name next to it means."""

    id: str
    slot: str
    label: EntityLabel | None
    role: str | None  # proposed, proposed_novel, first_person, introduced
    strength: int
    list: bool


def load_cues(path: Path) -> tuple[list[Cue], dict[str, list[dict[str, Any]]]]:
    data = load_json(path)
    cues: list[Cue] = []
    patterns: dict[str, list[dict[str, Any]]] = {}
    for number, item in enumerate(data.get("cues", []), start=1):
        try:
            cue = Cue(
                id=item["id"],
                slot=item["slot"],
                label=entity_label(item["label"]) if item.get("label") else None,
                role=item.get("role"),
                strength=int(item["strength"]),
                list=bool(item.get("list", False)),
            )
            patterns[cue.id] = item["pattern"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: cue #{number} is incomplete ({exc})") from exc
        if cue.slot not in {"after", "after_far", "before"}:
            raise ConfigError(
                f"{path}: cue {cue.id!r} has slot {cue.slot!r}; use after|after_far|before"
            )
        cues.append(cue)
    return cues, patterns


@Language.factory("kg_cues", default_config={"patterns": "cues.json"})
def make_cue_matcher(nlp: Language, name: str, patterns: str) -> CueMatcher:
    path = Path(patterns)
    return CueMatcher(nlp, path if path.is_absolute() else PATTERNS_DIR / path)


MAX_REPEAT = 2


def _token_choices(spec: dict[str, Any]) -> list[tuple[str, ...]]:
    """Word sequences one Matcher token spec stands for (``OP`` ?, + and 1 supported)."""
    unknown = set(spec) - {"LOWER", "ORTH", "OP"}
    if unknown or not ({"LOWER", "ORTH"} & set(spec)):
        raise ValueError(f"only LOWER/ORTH and OP are supported, not {sorted(unknown) or spec}")
    value = spec.get("LOWER", spec.get("ORTH"))
    values = value["IN"] if isinstance(value, dict) else [value]
    words = [str(w).lower() for w in values]
    op = spec.get("OP", "1")
    once: list[tuple[str, ...]] = [(w,) for w in words]
    if op == "1":
        return once
    if op == "?":
        return [(), *once]
    if op == "+":
        return once + [(a, b) for a in words for b in words][: len(words) * MAX_REPEAT]
    raise ValueError(f"operator {op!r} is not supported")


def expand_pattern(pattern: list[dict[str, Any]]) -> list[str]:
    """Every phrase a cue pattern matches, so that a PhraseMatcher can run it."""
    phrases = []
    for parts in product(*(_token_choices(spec) for spec in pattern)):
        words = [w for part in parts for w in part]
        if words:
            phrases.append(" ".join(words))
    return phrases


class CueMatcher(BatchComponent):
    """Runs the cue patterns and reads the name each cue points at.

    Patterns are written in spaCy's Matcher format; they are expanded into phrases for a
    PhraseMatcher on lower-case text, which is far faster than set predicates per token.
    """

    def __init__(self, nlp: Language, path: Path) -> None:
        cues, patterns = load_cues(path)
        self.cues = {nlp.vocab.strings.add(cue.id): cue for cue in cues}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue in cues:
            try:
                phrases = expand_pattern(patterns[cue.id])
            except (ValueError, TypeError, AttributeError) as exc:
                raise ConfigError(f"{path}: cue {cue.id!r} has a bad pattern ({exc})") from exc
            self.matcher.add(cue.id, [nlp.tokenizer(phrase) for phrase in phrases])

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The longest match per cue and start token."""
        longest: dict[tuple[int, int], tuple[int, int, int]] = {}
        for match_id, start, end in self.matcher(doc):
            known = longest.get((match_id, start))
            if known is None or end > known[2]:
                longest[(match_id, start)] = (match_id, start, end)
        return list(longest.values())

    def __call__(self, doc: Doc) -> Doc:
        matches = self._matches(doc)
        if not matches:
            return doc
        starts = doc.user_data.get(SENTENCE_STARTS, [0])
        tokens = tokens_of(doc)
        found = candidates_of(doc)
        for match_id, start, end in matches:
            cue = self.cues[match_id]
            sentence_begin, sentence_end = _sentence_bounds(tokens, starts, tokens.starts[start])
            if cue.slot == "before" and sentence_begin == 0 and _title_case_title(tokens.text):
                continue  # "... for Small Noisy Datasets": every title word is capitalised
            if cue.id in _NAMING and _part_of_a_name(tokens, start):
                continue  # "for Named Entity Recognition": a capitalised word of a name
            if cue.id in _NAMING and _task_noun_before(tokens, start):
                continue  # "a new task, termed X": X names a task (kg.extract.tasks reads it)
            names = self._read(tokens, cue, start, end, sentence_begin, sentence_end)
            if not names and cue.id in _LOWER_NAMING and _explicit_naming(tokens, start, end):
                names = _lower_name(tokens, end, sentence_begin, sentence_end)
            if cue.slot == "before":
                names = [n for n in names if not _plain_sentence_opener(tokens, n, sentence_begin)]
            names = [n for n in names if not _claim_word(tokens, n)]
            if not names:
                continue
            first_person = cue.role == "first_person" and bool(
                _FIRST_PERSON.search(tokens.text, sentence_begin, sentence_end)
            )
            for name in names:
                found.append(_candidate(tokens, cue, name, first_person, start))
        return doc

    @staticmethod
    def _read(
        tokens: Tokens,
        cue: Cue,
        start: int,
        end: int,
        sentence_begin: int,
        sentence_end: int,
    ) -> list[NameSpan]:
        offsets = tokens.starts
        if cue.slot in {"after", "after_far"}:
            limit = bisect_left(offsets, sentence_end, end, min(len(tokens), end + _READ_WINDOW))
            if cue.slot == "after_far":
                name = read_first_name(tokens, end, limit)
                return [name] if name else []
            if cue.list:
                return read_list_after(tokens, end, limit)
            name = read_name_after(tokens, end, limit)
        else:
            floor = bisect_left(offsets, sentence_begin, max(0, start - _READ_WINDOW), start)
            if cue.list:
                return read_list_before(tokens, start, floor)
            name = read_name_before(tokens, start, floor)
        return [name] if name else []


_SHAPED = re.compile(r"[a-z][A-Z]|[A-Z]{2}|\d")
TITLE_CASE_SHARE = 0.6


def _title_case_title(text: str) -> bool:
    """True when the first line is a title whose words are mostly capitalised."""
    line_end = text.find("\n")
    if line_end < 0:
        return False
    words = [w for w in text[:line_end].split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) > 2 and capitalised >= TITLE_CASE_SHARE * len(words)


def _plain_sentence_opener(tokens: Tokens, name: NameSpan, sentence_begin: int) -> bool:
    """A lone capitalised word that opens the sentence ("Regarding corpora ...")."""
    alone = name.end - name.start == 1
    return (
        alone
        and tokens.starts[name.start] == sentence_begin
        and not _SHAPED.search(tokens.words[name.start])
    )


def _part_of_a_name(tokens: Tokens, start: int) -> bool:
    """A capitalised naming word followed by a capitalised word is itself part of a name."""
    word = tokens.words[start]
    following = tokens.words[start + 1] if start + 1 < len(tokens) else ""
    return word[:1].isupper() and following[:1].isupper()


def _sentence_bounds(tokens: Tokens, starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect_right(starts, offset) - 1
    end = starts[index + 1] if index + 1 < len(starts) else len(tokens.text)
    return starts[index], end


def _label(tokens: Tokens, cue: Cue, name: NameSpan, cue_start: int) -> EntityLabel | None:
    if cue.label == "Method" and _dataset_apposition(tokens, name.end):
        return "Dataset"  # "X, a new benchmark for ...": the apposition's noun decides
    if cue.label == "Method" and _dataset_noun_just_before(name):
        return "Dataset"  # "based on the synthetic dataset X": the noun before it decides
    if cue.label == "Dataset" and model_shaped(tokens.span_text(name.start, name.end)):
        return None  # "on Wren-5 and Tern-BERT-base": a model in a list of datasets
    if cue.label:
        return cue.label
    lex = lexicon()
    after = tokens.span_text(name.end, min(name.end + 1, len(tokens)))
    words = {*name.skipped, *(after.lower().split())}
    if words & lex["dataset_heads"] - {"data", "set"}:
        return "Dataset"
    if _dataset_apposition(tokens, name.end) or (
        cue.id in _NAMING and _dataset_noun_before(tokens, cue_start)
    ):
        return "Dataset"
    return None


def _dataset_noun_just_before(name: NameSpan) -> bool:
    """Whether the last word skipped on the way to the name is a dataset noun."""
    heads = lexicon()["dataset_heads"] - {"data", "set"}
    return bool(name.skipped) and name.skipped[-1].lower() in heads


_NAMING = frozenset({"naming", "naming_we_call", "naming_refer"})
_LOWER_NAMING = frozenset({"naming", "naming_we_call"})  # called, named, dubbed; we call


def _explicit_naming(tokens: Tokens, start: int, end: int) -> bool:
    """ "we call", "termed", "dubbed": verbs that only ever name ("named" also opens terms
    such as "named entities", so it needs a capitalised or quoted name)."""
    verbs = lexicon()["lower_naming_verbs"]
    return any(tokens.words[i].lower() in verbs for i in range(start, end))


def _lower_name(tokens: Tokens, end: int, begin: int, sentence_end: int) -> list[NameSpan]:
    """A lower-case name after a naming verb, only in a sentence about the paper's own work
    ("we call it lattice routing", "our loss, termed soft margin,")."""
    if not _FIRST_PERSON.search(tokens.text, begin, sentence_end):
        return []
    limit = bisect_left(tokens.starts, sentence_end, end, min(len(tokens), end + _READ_WINDOW))
    name = read_lower_name(tokens, end, limit)
    return [name] if name else []


_APPOSITION_WORDS = 5


def _dataset_apposition(tokens: Tokens, end: int) -> bool:
    """ "X, a collection of ...", "X, the first corpus of ...": an apposition right after the
    name whose noun is a dataset noun says the name is a dataset."""
    lex = lexicon()
    if end + 2 >= len(tokens) or tokens.words[end] != ",":
        return False
    if tokens.words[end + 1].lower() not in lex["determiners"]:
        return False
    for index in range(end + 2, min(len(tokens), end + 2 + _APPOSITION_WORDS)):
        word = tokens.words[index].lower()
        if word in lex["dataset_context_nouns"]:
            return True
        if not word[:1].isalnum():
            return False
    return False


_NOUN_PHRASE_WORDS = 8


def _dataset_noun_before(tokens: Tokens, cue_start: int) -> bool:
    """ "a new split we call X", "a corpus, which we name X": the noun the naming verb
    renames stands just before it, or heads the phrase the verb ends ("a corpus of short
    night-time recordings named X"; a preposition other than "of" starts another phrase)."""
    lex = lexicon()
    nouns, prepositions = lex["dataset_context_nouns"], lex["head_prepositions"] - {"of"}
    method_heads = lex["method_heads"]
    for index in range(cue_start - 1, max(-1, cue_start - 1 - _NOUN_PHRASE_WORDS), -1):
        word = tokens.words[index].lower()
        if word in nouns:
            return True
        if word in {".", ";", ":"}:
            return False
        if word in prepositions or word in method_heads:
            return False  # "the corpus with a model named X": X names the model
        if cue_start - index > 3 and not word[:1].isalnum() and word != "-":
            return False
    return False


def _claim_word(tokens: Tokens, name: NameSpan) -> bool:
    """ "our ``not-so-obvious'' finding": a lower-case word that qualifies a finding, a
    result or a claim names nothing."""
    text = tokens.span_text(name.start, name.end)
    if text != text.lower():
        return False
    claims = lexicon()["claim_nouns"]
    for index in range(name.end, min(len(tokens), name.end + 3)):
        word = tokens.words[index]
        if word[:1].isalnum():
            return word.lower() in claims
    return False


_RENAMED_NOUN_WORDS = 4


def _task_noun_before(tokens: Tokens, cue_start: int) -> bool:
    """ "a novel task, termed as X", "this setting, which we call X": the naming verb renames
    a task or a problem setting, which is no method or dataset."""
    lex = lexicon()
    nouns, between = lex["renamed_task_nouns"], lex["naming_pointers"] | {",", "which", "we"}
    for index in range(cue_start - 1, max(-1, cue_start - 1 - _RENAMED_NOUN_WORDS), -1):
        word = tokens.words[index].lower()
        if word in nouns:
            return True
        if word not in between:
            return False
    return False


def _candidate(
    tokens: Tokens, cue: Cue, name: NameSpan, first_person: bool, cue_start: int
) -> Candidate:
    start_char = tokens.starts[name.start]
    end_char = tokens.ends[name.end - 1]
    label = _label(tokens, cue, name, cue_start)
    proposed = cue.role in {"proposed", "proposed_novel"} or (
        cue.role == "first_person" and first_person
    )
    introduced = label == "Dataset" and (proposed or cue.role == "introduced")
    return Candidate(
        start=start_char,
        end=end_char,
        text=tokens.text[start_char:end_char],
        rule=f"cue:{cue.id}",
        strength=cue.strength,
        label=label,
        role="proposed" if proposed and label != "Dataset" else None,
        introduced=introduced,
        novel_only=cue.role == "proposed_novel",
    )
