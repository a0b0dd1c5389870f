"""Text hygiene, the rule itself: which characters no output can carry, and what becomes of
them (a lone surrogate is replaced by U+FFFD, vertical tab and form feed by a space, every other
such character is removed). Only the standard library: the store's read-back and ``kg query``
use it too, and must start quickly. :mod:`kg.ingest.hygiene` applies it to every input record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Everything XML 1.0 cannot carry (its Char production), surrogates included.
UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_LIKE = "\x0b\x0c"


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if _SURROGATE.match(char):
        return "\ufffd"
    if char in _SPACE_LIKE:
        return " "
    return ""


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with unsafe characters removed or replaced, and how many there were."""
    if UNSAFE.search(text) is None:
        return text, 0
    count = len(UNSAFE.findall(text))
    return UNSAFE.sub(_replacement, text), count


def clean_value(value: Any) -> tuple[Any, int]:
    """``value`` (a string, or lists and mappings holding strings) cleaned, with the count.
    Values that need no change are returned as they are (no copy)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        total = 0
        items = []
        for item in value:
            cleaned, count = clean_value(item)
            total += count
            items.append(cleaned)
        return (type(value)(items) if total else value), total
    if isinstance(value, Mapping):
        total = 0
        out: dict[Any, Any] = {}
        for key, item in value.items():
            new_key, key_count = clean_value(key) if isinstance(key, str) else (key, 0)
            cleaned, count = clean_value(item)
            total += key_count + count
            out[new_key] = cleaned
        return (out if total else value), total
    return value, 0


def cleaned_note(count: int) -> str:
    """What the summary says of ``count`` characters cleaned."""
    return (
        f"cleaned {count} unusable character(s) (control characters removed, "
        "lone surrogates replaced by U+FFFD)"
    )
