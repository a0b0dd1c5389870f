"""Reading a name next to a cue: the tokens that look like a proper name, and nothing more.

A name starts with a capitalised or name-shaped token and may continue with capitalised
tokens, hyphen compounds and short connectors between capitals ("Feature Generation by
Convolutional Neural Network"). These readers run only where a cue matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.extract.candidates import lexicon

MAX_NAME_TOKENS = 9
MAX_SKIPPED = 6
MAX_LIST = 8

_SHAPED = re.compile(r"[A-Z]|[a-z][A-Z]|\d.*[A-Za-z]|[A-Za-z].*\d")
_JOINERS = frozenset({"-", "/", "^", "+", "–", "_", "."})


def is_name_token(token: Token) -> bool:
    """Capitalised, CamelCase or letters with digits: a token a name may start with."""
    text = token.text
    return text[:1].isalpha() and (text[0].isupper() or bool(_SHAPED.search(text)))


_QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "`": "''", "``": "''"}


def _quoted(doc: Doc, index: int, limit: int) -> NameSpan | None:
    """A quoted name, whatever its case: the "second-order lens"."""
    closing = _QUOTES[doc[index].text]
    while index + 1 < limit and doc[index + 1].text == "`":  # TeX quotes: ``name''
        index += 1
    for end in range(index + 1, min(limit, index + MAX_NAME_TOKENS)):
        if doc[end].text == closing:
            return NameSpan(index + 1, end, ()) if end > index + 1 else None
        if not (doc[end].is_alpha or doc[end].text in _JOINERS):
            return None
    return None


def read_first_name(doc: Doc, index: int, limit: int) -> NameSpan | None:
    """The first name anywhere in ``doc[index:limit]`` ("we call networks like this X")."""
    for position in range(index, limit):
        if doc[position].text in _QUOTES:
            return _quoted(doc, position, limit)
        if is_name_token(doc[position]):
            return NameSpan(position, _extend_forward(doc, position, limit), ())
        if doc[position].is_punct and doc[position].text not in {",", "-"}:
            return None
    return None


@dataclass(frozen=True)
class NameSpan:
    """Token range [start, end) of a name and the words skipped on the way to it."""

    start: int
    end: int
    skipped: tuple[str, ...]


def _extend_forward(doc: Doc, start: int, limit: int) -> int:
    connectors = lexicon()["name_connectors"]
    end = start + 1
    while end < limit and end - start < MAX_NAME_TOKENS:
        token = doc[end]
        previous = doc[end - 1]
        glued = token.idx == previous.idx + len(previous.text)
        if (
            token.text in _JOINERS
            and glued
            and end + 1 < limit
            and doc[end + 1].idx == token.idx + len(token.text)
        ):
            end += 2  # hyphen compound: keep the part after the joiner whatever its case
            continue
        if glued and (token.text[0].isalnum() or token.text[0] in "^+"):
            end += 1
            continue
        if is_name_token(token):
            end += 1
            continue
        if (
            token.lower_ in connectors
            and end + 1 < limit
            and doc[end + 1].text[:1].isupper()
            and not _two_names(previous, token, doc[end + 1])
        ):
            end += 2
            continue
        break
    while end - 1 > start and doc[end - 1].lower_ in connectors:
        end -= 1
    return end


_LIST_JOINERS = frozenset({"and", "&"})
_OWN_SHAPE = re.compile(r"\d|[a-z][A-Z]|[A-Z]{2}")


def _two_names(left: Token, connector: Token, right: Token) -> bool:
    """Two names meet at the connector: "KTH-Gulls and OspreyDB" (a shaped name on either
    side of "and"), "ResNet-50 on CIFAR-10" (on both sides of any other connector). One
    name: "Wide and Deep", "Generation by Convolutional Network", "BERT for Ranking"."""
    left_shaped = bool(_OWN_SHAPE.search(left.text))
    right_shaped = bool(_OWN_SHAPE.search(right.text))
    if connector.lower_ in _LIST_JOINERS:
        return left_shaped or right_shaped
    return left_shaped and right_shaped


def read_name_after(doc: Doc, index: int, limit: int) -> NameSpan | None:
    """The name starting at or shortly after token ``index`` (skipping articles, adjectives)."""
    skip = lexicon()["skip_before_name"]
    skipped: list[str] = []
    position = index
    while position < limit and len(skipped) <= MAX_SKIPPED:
        token = doc[position]
        if token.text in _QUOTES:
            return _quoted(doc, position, limit)
        if token.text == ":":
            position += 1
            continue
        if is_name_token(token):
            return NameSpan(position, _extend_forward(doc, position, limit), tuple(skipped))
        hyphen_next = doc[position + 1 : position + 2].text == "-"
        if token.lower_ in skip or (token.is_alpha and token.is_lower and hyphen_next):
            skipped.append(token.lower_)
            position += 1
            continue
        if token.text == "-" and skipped:
            position += 1
            continue
        return None
    return None


def read_name_before(doc: Doc, index: int, floor: int) -> NameSpan | None:
    """The name ending right before token ``index`` ("the CIFAR-10 | dataset")."""
    end = index
    while end > floor and doc[end - 1].text in {'"', "”", "'", "’"}:
        end -= 1
    start = end
    connectors = lexicon()["name_connectors"]
    while start > floor and end - start < MAX_NAME_TOKENS:
        token = doc[start - 1]
        following = doc[start] if start < end else None
        glued = following is not None and following.idx == token.idx + len(token.text)
        if is_name_token(token) or (glued and token.text in _JOINERS):
            start -= 1
            continue
        if glued and token.text[:1].isalnum():
            start -= 1
            continue
        if (
            token.lower_ in connectors
            and token.lower_ not in {"the", "a", "and", "&", ",", "on", "in", "to", "from"}
            and start - 1 > floor
            and doc[start - 2].text[:1].isupper()
        ):
            start -= 1
            continue
        break
    while start < end and (doc[start].lower_ in connectors or doc[start].text in _JOINERS):
        start += 1
    if start == end or not is_name_token(doc[start]):
        return None
    return NameSpan(start, end, ())


def _skip_brackets(doc: Doc, index: int, limit: int) -> int:
    """Step over a parenthesis right after a name: "(LRA)", "(Smith et al., 2020)"."""
    if index < limit and doc[index].text == "(":
        for close in range(index + 1, min(limit, index + 12)):
            if doc[close].text == ")":
                return close + 1
    return index


def read_list_after(doc: Doc, index: int, limit: int) -> list[NameSpan]:
    """Names in "X, Y, and Z" starting at ``index``."""
    names: list[NameSpan] = []
    position = index
    while len(names) < MAX_LIST:
        if names:
            name = _next_in_list(doc, position, limit)
        else:
            name = read_name_after(doc, position, limit)
        if name is None:
            break
        names.append(name)
        position = _skip_brackets(doc, name.end, limit)
    return names


def _next_in_list(doc: Doc, position: int, limit: int) -> NameSpan | None:
    seen_separator = False
    while position < limit and doc[position].lower_ in {",", "and", "or", "as", "well", ";"}:
        seen_separator = True
        position += 1
    if not seen_separator or position >= limit or not is_name_token(doc[position]):
        return None
    return NameSpan(position, _extend_forward(doc, position, limit), ())


def read_list_before(doc: Doc, index: int, floor: int) -> list[NameSpan]:
    """Names in "X, Y and Z" ending right before ``index`` ("... datasets")."""
    names: list[NameSpan] = []
    end = index
    while len(names) < MAX_LIST:
        name = read_name_before(doc, end, floor)
        if name is None:
            break
        names.append(name)
        position = name.start
        separated = False
        while position > floor and doc[position - 1].lower_ in {",", "and", "or", ";"}:
            separated = True
            position -= 1
        if position > floor and doc[position - 1].text == ")":
            for open_ in range(position - 1, max(floor, position - 12) - 1, -1):
                if doc[open_].text == "(":
                    position = open_
                    break
        if not separated:
            break
        end = position
    return names
