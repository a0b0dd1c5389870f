"""Reading a name next to a cue: the tokens that look like a proper name, and nothing more.

A name starts with a capitalised or name-shaped token and may continue with capitalised
tokens, hyphen compounds and short connectors between capitals ("Route Pruning by
Sparse Lattice Network"). These readers run only where a cue matched, on the plain
token lists of ``kg.extract.tokens``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.candidates import lexicon
from kg.extract.tokens import Tokens

MAX_NAME_TOKENS = 9
MAX_SKIPPED = 6
MAX_LIST = 8
MAX_MODIFIERS = 3

_SHAPED = re.compile(r"[A-Z]|[a-z][A-Z]|\d.*[A-Za-z]|[A-Za-z].*\d")
_JOINERS = frozenset({"-", "/", "^", "+", "–", "_", "."})


@lru_cache(maxsize=65_536)
def is_name_word(word: str) -> bool:
    """Capitalised, CamelCase or letters with digits: a token a name may start with."""
    return word[:1].isalpha() and (word[0].isupper() or bool(_SHAPED.search(word)))


@lru_cache(maxsize=4_096)
def _is_punct(word: str) -> bool:
    """spaCy's ``is_punct``: every character is punctuation."""
    return all(unicodedata.category(char).startswith("P") for char in word)


_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "`": "''", "``": "''"}


def _quoted(tokens: Tokens, index: int, limit: int) -> NameSpan | None:
    """A quoted name, whatever its case: the "second-order lens"."""
    words = tokens.words
    closing = _QUOTES[words[index]]
    while index + 1 < limit and words[index + 1] == "`":  # TeX quotes: ``name''
        index += 1
    for end in range(index + 1, min(limit, index + MAX_NAME_TOKENS)):
        if words[end] == closing:
            return NameSpan(index + 1, end, ()) if end > index + 1 else None
        if not (words[end].isalpha() or words[end] in _JOINERS):
            return None
    return None


def read_first_name(tokens: Tokens, index: int, limit: int) -> NameSpan | None:
    """The first name anywhere in tokens [index, limit) ("we call networks like this X")."""
    words = tokens.words
    for position in range(index, limit):
        word = words[position]
        if word in _QUOTES:
            return _quoted(tokens, position, limit)
        if is_name_word(word):
            return NameSpan(position, _extend_forward(tokens, position, limit), ())
        if _is_punct(word) and word not in {",", "-"}:
            return None
    return None


@dataclass(frozen=True, slots=True)
class NameSpan:
    """Token range [start, end) of a name and the words skipped on the way to it."""

    start: int
    end: int
    skipped: tuple[str, ...]


def _extend_forward(tokens: Tokens, start: int, limit: int) -> int:
    connectors = lexicon()["name_connectors"]
    words = tokens.words
    end = start + 1
    while end < limit and end - start < MAX_NAME_TOKENS:
        word = words[end]
        glued = tokens.glued(end - 1, end)
        if word in _JOINERS and glued and end + 1 < limit and tokens.glued(end, end + 1):
            end += 2  # hyphen compound: keep the part after the joiner whatever its case
            continue
        if glued and (word[0].isalnum() or word[0] in "^+"):
            end += 1
            continue
        if is_name_word(word) or _number_of_name(tokens, end, limit):
            end += 1
            continue
        lower = word.lower()
        if (
            lower in connectors
            and end + 1 < limit
            and words[end + 1][:1].isupper()
            and not _two_names(
                _glued_run(tokens, end - 1, -1), lower, _glued_run(tokens, end + 1, 1)
            )
        ):
            end += 2
            continue
        break
    while end - 1 > start and words[end - 1].lower() in connectors:
        if words[end - 1][:1].isalnum() and tokens.glued(end - 2, end - 1):
            break  # "Heron-A": a letter glued to the name is its own, not the article
        end -= 1
    return end


_LIST_JOINERS = frozenset({"and", "&"})
_NAME_STARTERS = frozenset({"on", "with"})


def _glued_run(tokens: Tokens, index: int, step: int) -> str:
    """The word at ``index`` with the tokens glued to it on one side ("Gull-QA")."""
    words = [tokens.words[index]]
    position = index
    for _ in range(4):
        nxt = position + step
        if not 0 <= nxt < len(tokens) or not tokens.glued(min(position, nxt), max(position, nxt)):
            break
        words.append(tokens.words[nxt])
        position = nxt
    return "".join(words if step > 0 else reversed(words))


_OWN_SHAPE = re.compile(r"\d|[a-z][A-Z]|[A-Z]{2}|[A-Za-z]-[A-Z]")


def _two_names(left: str, connector: str, right: str) -> bool:
    """Two names meet at the (lower-case) connector: "KTH-Gulls and OspreyDB", "Heron and
    Gull-QA" (a shaped name on either side of "and"), "Wren on Tern-7" (a shaped name after
    "on" or "with"), "Cedar-3 for Pine-2" (on both sides of any other connector). One name:
    "Sink and Source", "Pruning by Sparse Network"."""
    left_shaped = bool(_OWN_SHAPE.search(left))
    right_shaped = bool(_OWN_SHAPE.search(right))
    if connector in _LIST_JOINERS:
        return left_shaped or right_shaped
    if connector in _NAME_STARTERS:
        return right_shaped  # "... on Tern-7": a new name starts; "LMM with Sparse Heads" not
    return left_shaped and right_shaped


def read_name_after(tokens: Tokens, index: int, limit: int) -> NameSpan | None:
    """The name starting at or shortly after token ``index`` (skipping articles, adjectives)."""
    skip = lexicon()["skip_before_name"]
    words = tokens.words
    skipped: list[str] = []
    position = index
    while position < limit and len(skipped) <= MAX_SKIPPED:
        word = words[position]
        if word in _QUOTES:
            return _quoted(tokens, position, limit)
        if word == ":":
            position += 1
            continue
        if is_name_word(word):
            return NameSpan(position, _extend_forward(tokens, position, limit), tuple(skipped))
        lower = word.lower()
        hyphen_next = position + 1 < len(tokens) and words[position + 1] == "-"
        if lower in skip or (word.isalpha() and word.islower() and hyphen_next):
            skipped.append(lower)
            position += 1
            continue
        if word == "-" and skipped:
            position += 1
            if _compound_tail(tokens, position, limit):
                skipped.append(words[position])  # "the image-based X": all of the modifier
                position += 1
            continue
        return None
    return None


def _compound_tail(tokens: Tokens, position: int, limit: int) -> bool:
    """The lower-case word glued after a hyphen: "based" of "image-based"."""
    word = tokens.words[position] if position < limit else ""
    return word.isalpha() and word.islower() and tokens.glued(position - 1, position)


_NUMBER = re.compile(r"[1-9]\d{0,2}")
_AFTER_NUMBER = frozenset({",", ")", ";", "and", "or", "&"})


def _number_of_name(tokens: Tokens, index: int, limit: int) -> bool:
    """A small number that ends a name in a list: "Album 2" of "Heron Album 2, Tern and Wren"
    (a number followed by anything else is a count or a result: "Heron 3 times")."""
    words = tokens.words
    return (
        _NUMBER.fullmatch(words[index]) is not None
        and words[index - 1][:1].isupper()
        and words[index - 1].isalpha()
        and index + 1 < limit
        and words[index + 1].lower() in _AFTER_NUMBER
    )


def _skip_modifiers(tokens: Tokens, position: int, limit: int) -> int:
    """Past the modifiers of a list item: "the extended X", "sequence-based X"."""
    modifiers = lexicon()["list_item_modifiers"]
    words = tokens.words
    for _ in range(MAX_MODIFIERS):
        if position >= limit:
            break
        word = words[position]
        if (
            word.isalpha()
            and word.islower()
            and position + 2 < limit
            and words[position + 1] == "-"
            and tokens.glued(position, position + 1)
            and _compound_tail(tokens, position + 2, limit)
        ):
            position += 3
        elif word.lower() in modifiers:
            position += 1
        else:
            break
    return position


_CLOSING_QUOTES = frozenset({'"', "”", "'", "’"})
_NOT_INSIDE_BEFORE = frozenset({"the", "a", "and", "&", ",", "on", "in", "to", "from"})


def read_name_before(tokens: Tokens, index: int, floor: int) -> NameSpan | None:
    """The name ending right before token ``index`` ("the CIFAR-10 | dataset")."""
    words = tokens.words
    end = index
    while end > floor and words[end - 1] in _CLOSING_QUOTES:
        end -= 1
    start = end
    connectors = lexicon()["name_connectors"]
    while start > floor and end - start < MAX_NAME_TOKENS:
        word = words[start - 1]
        glued = start < end and tokens.glued(start - 1, start)
        if is_name_word(word) or (glued and word in _JOINERS):
            start -= 1
            continue
        if glued and word[:1].isalnum():
            start -= 1
            continue
        lower = word.lower()
        if (
            lower in connectors
            and lower not in _NOT_INSIDE_BEFORE
            and start - 1 > floor
            and words[start - 2][:1].isupper()
        ):
            start -= 1
            continue
        break
    while start < end and (words[start].lower() in connectors or words[start] in _JOINERS):
        start += 1
    if start == end or not is_name_word(words[start]):
        return None
    return NameSpan(start, end, ())


def _skip_brackets(tokens: Tokens, index: int, limit: int) -> int:
    """Step over a parenthesis right after a name: "(LRA)", "(Smith et al., 2020)"."""
    words = tokens.words
    if index < limit and words[index] == "(":
        for close in range(index + 1, min(limit, index + 12)):
            if words[close] == ")":
                return close + 1
    return index


_LIST_SEPARATORS_AFTER = frozenset({",", "and", "or", "as", "well", ";"})
_LIST_SEPARATORS_BEFORE = frozenset({",", "and", "or", ";"})


def read_list_after(tokens: Tokens, index: int, limit: int) -> list[NameSpan]:
    """Names in "X, Y, and Z" starting at ``index``."""
    names: list[NameSpan] = []
    position = index
    while len(names) < MAX_LIST:
        if names:
            name = _next_in_list(tokens, position, limit)
        else:
            name = read_name_after(tokens, position, limit)
        if name is None:
            break
        names.append(name)
        position = _skip_brackets(tokens, name.end, limit)
        position = _skip_item_tail(tokens, position, limit)
    return names


MAX_TAIL_WORDS = 3


def _skip_item_tail(tokens: Tokens, position: int, limit: int) -> int:
    """Past the plain words that end a list item when another item follows: "Tern-5 bird
    counting, Wren-2 call detection and Skua-1" lists three names; "Tern-5 in the wild"
    (a function word) and a tail no name follows are left alone."""
    stops = lexicon()["naming_stops"]
    words = tokens.words
    end, plain = position, 0
    while end < limit and plain < MAX_TAIL_WORDS:
        word = words[end]
        if word == "-" and plain and end + 1 < limit and _compound_tail(tokens, end + 1, limit):
            end += 2  # "night-time": one word
            continue
        if not (_LOWER_WORD.match(word) and word not in stops):
            break
        end += 1
        plain += 1
    if not plain or end >= limit or words[end].lower() not in _LIST_SEPARATORS_AFTER:
        return position
    return end if _next_in_list(tokens, end, limit) is not None else position


def _next_in_list(tokens: Tokens, position: int, limit: int) -> NameSpan | None:
    words = tokens.words
    seen_separator = False
    while position < limit and words[position].lower() in _LIST_SEPARATORS_AFTER:
        seen_separator = True
        position += 1
    if seen_separator:
        position = _skip_modifiers(tokens, position, limit)
    if not seen_separator or position >= limit or not is_name_word(words[position]):
        return None
    return NameSpan(position, _extend_forward(tokens, position, limit), ())


def read_list_before(tokens: Tokens, index: int, floor: int) -> list[NameSpan]:
    """Names in "X, Y and Z" ending right before ``index`` ("... datasets")."""
    words = tokens.words
    names: list[NameSpan] = []
    end = index
    while len(names) < MAX_LIST:
        name = read_name_before(tokens, end, floor)
        if name is None:
            break
        names.append(name)
        position = name.start
        separated = False
        while position > floor and words[position - 1].lower() in _LIST_SEPARATORS_BEFORE:
            separated = True
            position -= 1
        if position > floor and words[position - 1] == ")":
            for open_ in range(position - 1, max(floor, position - 12) - 1, -1):
                if words[open_] == "(":
                    position = open_
                    break
        if not separated:
            break
        end = position
    return names


MAX_LOWER_WORDS = 3
_LOWER_WORD = re.compile(r"[a-z][a-z-]*[a-z]$")
_LOWER_END = frozenset({",", ".", ";", ":", "(", ")"})


def read_lower_name(tokens: Tokens, index: int, limit: int) -> NameSpan | None:
    """A lower-case name right after a naming verb: "we call it lattice routing," or
    "termed soft pooling (SP)". One to three plain words that end at punctuation; words
    that only point at the thing ("it", "our method", "as") are skipped on the way. One
    joining preposition may stand between two of the words ("we call it routing by
    agreement.", "termed learning without forgetting,"): the name still ends at punctuation."""
    lex = lexicon()
    pointers, stops = lex["naming_pointers"], lex["naming_stops"]
    joins = lex["naming_inner_prepositions"]
    words = tokens.words
    start = index
    while start < limit and words[start].lower() in pointers:
        start += 1
    end = start
    joined = False
    while end < limit and end - start < MAX_LOWER_WORDS + (1 if joined else 0):
        word = words[end]
        if (
            not joined
            and word in joins
            and end > start
            and end + 1 < limit
            and _LOWER_WORD.match(words[end + 1])
            and words[end + 1] not in stops
        ):
            joined = True  # "routing by agreement": the preposition joins two words of it
            end += 1
            continue
        if (
            word == "-"
            and end > start
            and end + 1 < limit
            and tokens.glued(end - 1, end)
            and tokens.glued(end, end + 1)
        ):
            end += 1  # "soft-margin pooling": the hyphen joins two words of the name
            continue
        if not _LOWER_WORD.match(word) or word in stops:
            break
        end += 1
    if end == start or end >= limit or words[end] not in _LOWER_END:
        return None
    return NameSpan(start, end, ())
