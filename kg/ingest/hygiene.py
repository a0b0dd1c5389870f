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

from typing import Any

from pydantic import Field

from kg.hygiene import UNSAFE, clean_text, clean_value, cleaned_note
from kg.models import GivenEntity, IngestReport

__all__ = ["UNSAFE", "CleanedReport", "clean_given", "clean_text", "clean_value"]


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
            text += f"; {cleaned_note(self.cleaned)}"
        return text
