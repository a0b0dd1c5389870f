"""Text hygiene: the one place where characters no output can carry leave the input.

XML 1.0 (GraphML, the HTML view) cannot hold C0 control characters other than tab, line feed
and carriage return, nor U+FFFE and U+FFFF; UTF-8 (every file we write, spaCy's string store)
cannot hold a lone surrogate (``"\\ud800"`` in a JSON input). Every string of every record is
cleaned as it is read, before it becomes a paper:

* a lone surrogate is **replaced** by U+FFFD (the replacement character), so the reader sees
  where text was lost;
* vertical tab and form feed are **replaced** by a space (they separate words);
* every other such character (NUL, ESC of a pasted ANSI colour code, ``\\x01``-``\\x08``,
  ``\\x0e``-``\\x1f``, U+FFFE, U+FFFF) is **removed**.

The paper is kept; the number of characters changed is counted in the ingest summary
(``cleaned``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import Field

from kg.models import GivenEntity, IngestReport

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


def clean_given(given: tuple[GivenEntity, ...]) -> tuple[tuple[GivenEntity, ...], int]:
    """Stated entities with their text fields cleaned, and the count."""
    total = 0
    out = []
    for entity in given:
        changes: dict[str, Any] = {}
        for name in ("name", "aliases", "url", "framework", "source"):
            cleaned, count = clean_value(getattr(entity, name))
            if count:
                changes[name] = cleaned
                total += count
        out.append(entity.model_copy(update=changes) if changes else entity)
    return (tuple(out) if total else given), total


class CleanedReport(IngestReport):
    """The ingest report with the number of characters text hygiene removed or replaced."""

    cleaned: int = Field(
        default=0,
        description="characters XML or UTF-8 cannot carry (controls, U+FFFE/U+FFFF, lone "
        "surrogates) removed or replaced in the inputs; their papers are kept",
    )

    def summary(self) -> str:
        text = super().summary()
        if self.cleaned:
            text += (
                f"; cleaned {self.cleaned} unusable character(s) (control characters removed, "
                "lone surrogates replaced by U+FFFD)"
            )
        return text
