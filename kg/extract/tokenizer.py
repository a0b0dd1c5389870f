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
from spacy.tokenizer import (  # type: ignore[import-not-found, unused-ignore]
    Tokenizer as SpacyTokenizer,
)
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

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
    """The language's default tokenizer (its affixes, exceptions and URL rule, as
    ``spacy.Tokenizer.v1`` builds it) without the idle special cases."""
    defaults = nlp.Defaults
    rules = dict(defaults.tokenizer_exceptions or {})
    for key in idle_special_cases(rules):
        del rules[key]
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    return SpacyTokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
        suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
        infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
        token_match=defaults.token_match,
        url_match=defaults.url_match,
    )


def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """``[nlp.tokenizer] @tokenizers = "kg.Tokenizer.v1"`` in a pipeline config."""
    return cached_tokenizer


registry.tokenizers.register(TOKENIZER, func=create_tokenizer)
