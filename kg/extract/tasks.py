"""Task phrases: noun phrases headed by a task word ("object detection", "neural machine
translation", "part-of-speech tagging").

Papers name the problem they work on with a few modifiers before a task noun. The phrase is
read backwards from the head over plain modifier words in the head's own case (a lower-case
head takes lower-case modifiers, a title's capitalised head capitalised ones), so dataset names
("ImageNet classification"), determiners, verbs and evaluative adjectives ("accurate",
"state-of-the-art") end it. The words are in ``patterns/tasks.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.alternation import CaselessPattern, trie_alternation
from kg.extract.batching import BatchComponent
from kg.extract.candidates import (
    SENTENCE_STARTS,
    STRONG,
    Candidate,
    candidates_of,
    lexicon,
    text_of,
)
from kg.extract.sentences import sentence_index
from kg.resources import pattern_file

RULE = "task_phrase"
_WORD = re.compile(r"[A-Za-z0-9][\w'/]*(?:-[\w']+)*")
_WORD_CHAR = re.compile(r"[\w'/-]")


def word_before(text: str, floor: int, end: int) -> tuple[int, str] | None:
    """The word that ends, followed by one or more spaces, at ``end`` (not before ``floor``):
    its start and text; what ``_WORD`` followed by `` +$`` finds searching
    ``text[floor:end]``, without trying every place in the window."""
    stop = end
    while stop > floor and text[stop - 1] == " ":
        stop -= 1
    if stop == end:
        return None
    first = stop
    while first > floor and _WORD_CHAR.match(text, first - 1):
        first -= 1
    for begin in range(first, stop):  # the leftmost start that reads as one word
        if _WORD.fullmatch(text, begin, stop):
            return begin, text[begin:stop]
    return None


_TITLE_LINK = re.compile(r" +(?:for|via) +[A-Z]")  # a title's method, then its task
_WORD_AFTER = re.compile(r" +([A-Za-z][\w-]*)")
_DIMENSION = re.compile(r"\d+[dD]")
_AMOUNT = re.compile(r"\d[\d.,]*(?:x|×|%|-fold)?")  # "12", "3x", "2.5-fold": not "3d"
_WINDOW = 80
_SINGULAR_S = ("ss", "us", "is", "ics", "'s")


@dataclass(frozen=True)
class TaskWords:
    heads: frozenset[str]
    need_modifier: frozenset[str]
    capitalised_names: frozenset[str]
    gerunds: frozenset[str]
    stops: frozenset[str]
    function_words: frozenset[str]  # capitalised, they open a sentence, not go on a name
    openers: frozenset[str]  # words that open no task phrase ("the", "efficient")
    max_modifiers: int
    head_pattern: CaselessPattern
    method_nouns: frozenset[str]
    gerund_pattern: re.Pattern[str]  # matched where a purpose or a sentence opens
    purpose_pattern: re.Pattern[str]  # a purpose word and the spaces after it ("for ")
    task_noun_pattern: re.Pattern[str]
    system_nouns: frozenset[str]  # task nouns kept in the name: "dialogue systems"
    acronym_pattern: re.Pattern[str]  # the field's undefined short forms of tasks ("NLP")
    subject_verbs: tuple[tuple[str, ...], ...]  # longest first: "has long been" before "has"
    difficulty_words: frozenset[str]
    subject_max_words: int
    predicate_window: int
    example_cue_pattern: re.Pattern[str]  # "applications such as ": a list of tasks follows
    example_max_words: int
    example_max_items: int
    amount_before: re.Pattern[str]  # "a 12% " before "relative reduction": a change measured
    change_heads: frozenset[str]


@cache
def task_words() -> TaskWords:
    """The word lists of ``patterns/tasks.json`` and the regex of the head words."""
    data = pattern_file("tasks.json")
    need = frozenset(data["heads_with_modifier"])
    heads = frozenset(data["heads"]) | need
    lex = lexicon()
    stops = frozenset(data["stops"]) | lex["skip_before_name"] | lex["name_connectors"]
    stops |= lex["method_heads"] | lex["dataset_heads"] | lex["determiners"]
    stops -= frozenset(data["modifier_nouns"])
    alternation = trie_alternation(heads, ignore_case=True)
    gerunds: list[str] = data["task_gerunds"]
    return TaskWords(
        heads=heads,
        need_modifier=need,
        capitalised_names=frozenset(data["capitalised_names"]),
        gerunds=frozenset(data["modifier_gerunds"]),
        stops=stops,
        function_words=(frozenset(data["stops"]) | lex["determiners"] | lex["name_connectors"])
        - lex["dataset_heads"]
        - lex["method_heads"]
        - frozenset(data["task_nouns"]),
        openers=frozenset(data["stops"]) | lex["skip_before_name"],
        max_modifiers=int(data["max_modifiers"]),
        head_pattern=CaselessPattern(rf"(?<![\w-])(?:{alternation})(?![\w-])"),
        method_nouns=frozenset(data["method_nouns"]),
        gerund_pattern=re.compile(  # lower-case or capitalised: faster than ignoring case
            rf"(?<![\w-])(?:{trie_alternation(gerunds + [g.capitalize() for g in gerunds])})"
            r"(?![\w-])"
        ),
        purpose_pattern=re.compile(
            rf"(?<![\w-])(?:{trie_alternation(data['purpose_words'], ignore_case=True)}) +", re.I
        ),
        task_noun_pattern=re.compile(
            rf"(?<![\w-])(?:{trie_alternation(data['task_nouns'] + data['system_nouns'])})"
            r"(?![\w-])"
        ),
        system_nouns=frozenset(data["system_nouns"]),
        acronym_pattern=re.compile(
            rf"(?<![\w-])(?:{trie_alternation(data['task_acronyms'])})(?![\w-]|\.\w)"
        ),
        subject_verbs=tuple(
            sorted((tuple(v.split()) for v in data["subject_verbs"]), key=len, reverse=True)
        ),
        difficulty_words=frozenset(data["difficulty_words"]),
        subject_max_words=int(data["subject_max_words"]),
        predicate_window=int(data["predicate_window"]),
        example_cue_pattern=re.compile(
            rf"(?<![\w-])(?:{trie_alternation(data['example_nouns'])}),? +"
            rf"(?:{trie_alternation(data['example_cues'])}) +"
        ),
        example_max_words=int(data["example_max_words"]),
        example_max_items=int(data["example_max_items"]),
        amount_before=re.compile(data["amount_before"]),
        change_heads=frozenset(data["change_heads"]),
    )


def _fits(word: str, capitalised_head: bool, at_sentence_start: bool, words: TaskWords) -> bool:
    """Whether ``word`` can modify a task head of the given case."""
    lower = word.lower()
    if lower in words.stops or _AMOUNT.fullmatch(lower) or lower.endswith("ly"):
        return False  # adverbs modify verbs and adjectives, not a task noun; nor do amounts
    gerund = lower.endswith("ing") and lower not in words.gerunds
    if gerund and (at_sentence_start or lower not in words.heads):
        return False  # verbs, and "Learning X from Y" opens with one
    if lower.endswith("s") and not lower.endswith(_SINGULAR_S) and len(lower) > 3:
        return False  # plurals and verbs ("helps"): modifiers of a task noun are singular
    if _DIMENSION.fullmatch(word):  # "3D human pose estimation"
        return True
    rest = word[1:]
    if capitalised_head:  # "Multi-Person Pose Estimation": each part capitalised
        return word[0].isupper() and all(
            not any(c.isupper() for c in part[1:]) for part in word.split("-")
        )
    if word[0].isupper():
        return at_sentence_start and not any(c.isupper() for c in rest)
    return not any(c.isupper() for c in rest)


def is_task_phrase(phrase: str) -> bool:
    """Whether ``phrase`` (an acronym's long form, say) ends in a task head and is read whole
    as a task phrase."""
    return task_spans(phrase, [0])[-1:] == [(0, len(phrase))] if phrase else False


def modifier_start(
    text: str, start: int, sentence_start: int, capitalised: bool, words: TaskWords
) -> tuple[int, int]:
    """The start of the modifiers of a noun at ``start`` (words of the kind that modify a
    task noun, at most ``max_modifiers``) and how many there are."""
    modifiers = 0
    floor = max(sentence_start, start - _WINDOW)
    while modifiers < words.max_modifiers:
        before = word_before(text, floor, start)
        if before is None:
            break
        begin, word = before
        if not _fits(word, capitalised, begin == sentence_start, words):
            break
        start = begin
        modifiers += 1
    return start, modifiers


def _names_a_method(text: str, end: int, words: TaskWords) -> bool:
    """Whether a method noun follows: "question answering models" are methods."""
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1).lower() in words.method_nouns


def task_spans(text: str, sentence_starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of every task phrase in ``text``."""
    words = task_words()
    spans: list[tuple[int, int]] = []
    for head_start, head_end in words.head_pattern.spans(text):
        head = text[head_start:head_end]
        capitalised = head[0].isupper()
        sentence_start = sentence_starts[sentence_index(sentence_starts, head_start)]
        at_start = head_start == sentence_start
        if capitalised and not at_start:
            after = _WORD_AFTER.match(text, head_end)
            going_on = after.group(1) if after else ""
            if going_on[:1].isupper() and going_on.lower() not in words.function_words:
                continue  # the name goes on: "Detection Transformer"
        if _names_a_method(text, head_end, words):
            continue
        if capitalised and _TITLE_LINK.match(text, head_end):
            continue  # "Camera Style Adaptation for Person Re-identification": a method
        start, modifiers = modifier_start(
            text, head_start, sentence_start, capitalised and not at_start, words
        )
        lower = head.lower()
        if lower in words.change_heads and words.amount_before.search(
            text, max(sentence_start, start - 24), start
        ):
            continue  # "a 20% relative reduction in error" measures a change
        if modifiers == 0 and (at_start or not capitalised):
            end = _object_end(text, head_end, words)
            if end > head_end:  # "prediction of vertex positions"
                spans.append((head_start, end))
                continue
        if modifiers == 0 and lower in words.need_modifier:
            continue
        if capitalised and not at_start and modifiers and lower in words.capitalised_names:
            continue  # "Deep Residual Learning": a capitalised "... Learning" names a method
        spans.append((start, head_end))
    spans += _named_by_task_noun(text, sentence_starts, words, spans)
    spans += _gerund_phrases(text, sentence_starts, words, spans)
    subjects = _problem_subjects(text, sentence_starts, words, spans)
    if subjects:  # the whole subject replaces the shorter gerund phrase it begins with
        starts = {start for start, _ in subjects}
        spans = [span for span in spans if span[0] not in starts] + subjects
    spans += _application_examples(text, words, spans)
    spans += _acronyms(text, words, spans)
    return sorted(spans)


def _acronyms(text: str, words: TaskWords, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The field's short names of tasks where a paper uses them undefined ("NLP", "VQA"); a
    paper that defines one after a task phrase ("visual question answering (VQA)") names the
    task by that phrase."""
    defined = {text[e : e + 12] for _, e in found}
    return [
        match.span()
        for match in words.acronym_pattern.finditer(text)
        if not any(s <= match.start() < e for s, e in found)
        and not any(d.startswith(f" ({match.group(0)}") for d in defined)
    ]


_OF = re.compile(r" +of +")


def _object_end(text: str, end: int, words: TaskWords) -> int:
    """The end of the object a bare head names with "of" ("estimation of human pose"): up to
    ``max_modifiers`` + 1 plain lower-case words; ``end`` itself when there is none."""
    of = _OF.match(text, end)
    if of is None:
        return end
    position, last = of.end(), end
    for _ in range(words.max_modifiers + 1):
        word = (
            _OBJECT_WORD.match(text, position)
            if position > of.end()
            else _WORD_AT.match(text, position)
        )
        if word is None:
            break
        lower = word.group(1)
        if lower != lower.lower() or lower in words.function_words or lower.endswith(("ly", "ing")):
            break
        last = position = word.end()
    return last


_WORD_AT = re.compile(r"([A-Za-z][\w-]*)")
_OPENING = re.compile(r"\s*(?::\s*)?")  # what may come before a sentence's first word
_OBJECT_WORD = re.compile(r" +([A-Za-z][\w-]*)")


def _gerund_phrases(
    text: str, sentence_starts: list[int], words: TaskWords, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A task verb's gerund and its object, where it names a purpose or a subject:
    "a network for detecting faces", "Estimating head pose is hard"."""
    places = {m.end() for m in words.purpose_pattern.finditer(text)}
    for start in sentence_starts:
        opening = _OPENING.match(text, start)
        places.add(opening.end() if opening else start)
    spans: list[tuple[int, int]] = []
    for start in sorted(places):
        match = words.gerund_pattern.match(text, start)
        if match is None:
            continue
        end = position = match.end()
        for _ in range(words.max_modifiers):
            word = _OBJECT_WORD.match(text, position)
            if word is None:
                break
            lower = word.group(1).lower()
            if lower in words.function_words or lower.endswith("ly") or lower.endswith("ing"):
                break
            end = position = word.end()
        if end > match.end() and not any(s <= start < e for s, e in found):
            spans.append((start, end))
    return spans


_SUBJECT_OPENING = re.compile(r"(?:[A-Z][a-z]+ly +([a-z]+ing)|([A-Z][a-z]+ing))(?![\w-])")
_SUBJECT_WORD = re.compile(r"[^\s,;:()]+|[,;:()]")


def _problem_subjects(
    text: str, sentence_starts: list[int], words: TaskWords, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A gerund phrase that opens a sentence whose predicate calls it hard or important
    names the problem the paper works on: "Aligning noisy captions with video frames is a
    difficult problem", "Robustly tracking many small objects remains an open challenge".
    The phrase runs from the gerund to the subject verb, or to a comma before it."""
    spans: list[tuple[int, int]] = []
    bounds = [*sentence_starts[1:], len(text)]
    for start, bound in zip(sentence_starts, bounds, strict=True):
        opening = _OPENING.match(text, start)
        gerund = _SUBJECT_OPENING.match(text, opening.end() if opening else start)
        if gerund is None:
            continue
        first = gerund.start(1) if gerund.group(1) else gerund.start(2)
        if (gerund.group(1) or gerund.group(2)).lower() in words.stops:
            continue  # "During training ...", "Using ..."
        tokens = [
            (m.start(), m.end(), m.group(0)) for m in _SUBJECT_WORD.finditer(text, first, bound)
        ]
        lowered = [t[2].lower().rstrip(".!?") or t[2] for t in tokens]
        end = _subject_end(lowered, words)
        if end is None:
            continue
        comma = lowered.index(",") if "," in lowered[:end] else end
        last = min(comma, end) - 1
        if last < 1 or any(t in {";", ":", "(", ")"} for t in lowered[: last + 1]):
            continue
        span = (first, tokens[last][1])
        if span not in found:
            spans.append(span)
    return spans


_LIST_END = re.compile(r"[.;:()\[\]]|\betc\b")
_ITEM_SEPARATOR = re.compile(r",? +(?:and|or) +|, +")
_ITEM_WORD = re.compile(r"[A-Za-z0-9][\w'/-]*")


def _application_examples(
    text: str, words: TaskWords, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The items a paper lists as examples of applications name tasks: "applications such
    as crowd counting, lane tracking and remote sensing". An item is read up to its first
    function word ("opinion mining over forums"); one that ends in a method noun ("language
    models") or opens with a function word other than "in" is left out."""
    spans: list[tuple[int, int]] = []
    for cue in words.example_cue_pattern.finditer(text):
        stop = _LIST_END.search(text, cue.end())
        limit = stop.start() if stop else len(text)
        position = cue.end()
        for _ in range(words.example_max_items):
            item = _list_item(text, position, limit, words)
            if item is not None and not any(s < item[1] and item[0] < e for s, e in found):
                spans.append(item)
            separator = _ITEM_SEPARATOR.search(text, position, limit)
            if separator is None:
                break
            position = separator.end()
    return spans


def _list_item(text: str, start: int, limit: int, words: TaskWords) -> tuple[int, int] | None:
    """(start, end) of the plain words that open the list item at ``start``."""
    items = _ITEM_WORD.finditer(text, start, limit)
    first = next(items, None)
    if first is not None and first.group(0) == "in":  # "such as in surveillance"
        first = next(items, None)
    if first is None or first.group(0).lower() in words.function_words:
        return None
    begin = end = first.start()
    last = ""
    for count, word in enumerate([first, *items]):
        lower = word.group(0).lower()
        between = text[end : word.start()]
        if count and (between.strip() or lower in words.function_words):
            break  # a comma, or "over", "to": the item ends
        if count == words.example_max_words:
            return None
        end, last = word.end(), lower
    if last in words.method_nouns or (end == first.end() and last.endswith("ing")):
        return None  # "language models"; a lone verb: "aiding in gaze estimation"
    return begin, end


def _subject_end(lowered: list[str], words: TaskWords) -> int | None:
    """The index of the subject verb after a gerund subject when, within the predicate
    window after it, a word calls the subject hard or important; ``None`` otherwise."""
    for index in range(2, min(len(lowered), words.subject_max_words + 1)):
        for verb in words.subject_verbs:
            if tuple(lowered[index : index + len(verb)]) == verb:
                after = lowered[index + len(verb) : index + len(verb) + words.predicate_window]
                if any(word in words.difficulty_words for word in after):
                    return index
                return None
    return None


def _named_by_task_noun(
    text: str, sentence_starts: list[int], words: TaskWords, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Phrases a task noun names: "the machine reading task", "NLP problems", and areas of
    work a system noun names with it: "dialogue systems". A phrase already ending in a task
    word ("classification tasks", "speech recognition systems") is found by its head."""
    ends = {end for _, end in found}
    spans: list[tuple[int, int]] = []
    for match in words.task_noun_pattern.finditer(text):
        end = match.start()
        while end and text[end - 1] == " ":
            end -= 1
        if end in ends:
            continue
        sentence_start = sentence_starts[sentence_index(sentence_starts, match.start())]
        start, modifiers = modifier_start(text, match.start(), sentence_start, False, words)
        if modifiers:
            spans.append((start, match.end() if match.group(0) in words.system_nouns else end))
            continue
        before = word_before(text, sentence_start, match.start())
        if before is not None and _ACRONYM.fullmatch(before[1]):
            spans.append((before[0], match.end()))  # "NLP tasks", "the VQA problem"
    return spans


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*")


_CONJUNCTION = re.compile(r"(?<![\w-])(?:and|or|,) +$")


def elided_conjuncts(
    text: str, sentence_starts: list[int], spans: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The first of two task phrases sharing a head: "speech and object recognition" names
    "speech" (read as speech recognition) beside "object recognition". (start, end, name)."""
    words = task_words()
    found: list[tuple[int, int, str]] = []
    for start, end in spans:
        head_start = text.rfind(" ", start, end) + 1
        if head_start <= start:
            continue  # the second phrase needs modifiers of its own
        conjunction = _CONJUNCTION.search(text, max(0, start - 8), start)
        if conjunction is None:
            continue
        sentence_start = sentence_starts[sentence_index(sentence_starts, start)]
        first, modifiers = modifier_start(
            text, conjunction.start(), sentence_start, text[head_start].isupper(), words
        )
        last = text[first : conjunction.start()].strip()
        if not modifiers or last.rsplit(" ", 1)[-1].lower() in words.heads:
            continue  # "object detection and pose estimation": two whole phrases
        found.append((first, first + len(last), f"{last} {text[head_start:end]}"))
    return found


_TITLE_PURPOSE = re.compile(r"(?<![\w-])(?i:for) +((?:(?:[A-Z0-9][\w-]*|of|and) +)*[A-Z0-9][\w-]*)")


def title_purposes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What a title says its method is for, up to its last capitalised word: "Memory
    Networks for Reading Documents". Phrases found otherwise are kept as they are."""
    title_end = text.find("\n")
    if title_end <= 0:
        return []
    words = task_words()
    found: list[tuple[int, int]] = []
    for match in _TITLE_PURPOSE.finditer(text, 0, title_end):
        start, end = match.span(1)
        if match.group(1).split(" ", 1)[0].lower() in words.openers or " " not in match.group(1):
            continue  # "for the Masses", "for Efficient Training", "for Games"
        if not any(s < end and start < e for s, e in spans):
            found.append((start, end))
    return found


@Language.factory("kg_tasks")
def make_task_finder(nlp: Language, name: str) -> TaskFinder:
    return TaskFinder()


class TaskFinder(BatchComponent):
    """Adds a ``Task`` candidate for every task phrase."""

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts = doc.user_data.get(SENTENCE_STARTS, [0])
        found = candidates_of(doc)
        spans = task_spans(text, starts)
        for start, end in spans:
            found.append(Candidate(start, end, text[start:end], RULE, STRONG, label="Task"))
        for start, end in title_purposes(text, spans):
            found.append(Candidate(start, end, text[start:end], RULE, STRONG, label="Task"))
        for start, end, name in elided_conjuncts(text, starts, spans):
            found.append(
                Candidate(start, end, text[start:end], RULE, STRONG, label="Task", name=name)
            )
        return doc
