"""spaCy's blank English tokenizer with its cache left working on text that holds a newline.

The tokenizer remembers how it split each space-delimited chunk, but inside one text it stops
remembering after the first chunk that is a special case (spaCy issue #13950): every later
chunk of that text is split the slow way, by its prefixes, suffixes and infixes. The English
rules count a lone newline, tab and space as special cases although each splits into itself,
the token the plain path makes of it anyway. A paper's text is its title, a newline and the
abstract, so with those rules almost every abstract is tokenized without the cache; without
them the tokens are the same (tests/extract/test_tokenizer.py) and the cache works up to the
first real special case ("e.g.", "can't").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from spacy.language import Language
from spacy.symbols import ORTH  # type: ignore[import-not-found, unused-ignore]
from spacy.util import registry

Tokenizer = Any  # spacy.tokenizer.Tokenizer, a compiled class mypy cannot see

TOKENIZER = "kg.Tokenizer.v1"


def idle_special_cases(rules: Mapping[str, Any]) -> list[str]:
    """The special cases that are whitespace and split into themselves alone: they change no
    token, only switch the cache off for the rest of the text."""
    return [
        key
        for key, tokens in rules.items()
        if key.isspace() and len(tokens) == 1 and tokens[0] == {ORTH: key}
    ]


def cached_tokenizer(nlp: Language) -> Tokenizer:
    """The language's default tokenizer, as ``spacy.Tokenizer.v1`` builds it, without the
    idle special cases."""
    make_default: Callable[[Language], Tokenizer] = registry.tokenizers.get("spacy.Tokenizer.v1")()
    tokenizer = make_default(nlp)
    rules = dict(tokenizer.rules or {})
    idle = idle_special_cases(rules)
    if idle:
        tokenizer.rules = {key: value for key, value in rules.items() if key not in idle}
    return tokenizer


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """``[nlp.tokenizer] @tokenizers = "kg.Tokenizer.v1"`` in a pipeline config."""
    return cached_tokenizer


registry.tokenizers.register(TOKENIZER, func=create_tokenizer)
