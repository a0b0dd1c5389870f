"""Streaming line reader: one line at a time, UTF-8 decoded per line, bounded in size.

Decoding per line lets a bad byte cost one line (reported with its number) instead of
the whole file, and the size bound keeps memory flat on huge or broken inputs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

MAX_LINE_BYTES = 10 * 1024 * 1024
_DRAIN_CHUNK = 1024 * 1024
_BOM = "\ufeff"


class LineStream(Protocol):
    """A byte stream read one line at a time (a binary file, a GzipFile, ``BytesIO``)."""

    def readline(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Line:
    """One input line without its line break.

    ``problem`` is set when the line is unusable as read; ``text`` then holds what could
    be recovered (undecodable bytes replaced, or nothing for an over-long line).
    """

    number: int
    text: str
    problem: str | None = None


def read_lines(stream: LineStream, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Yield every line of ``stream`` with its 1-based number."""
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _drain_line(stream)
            limit = f"{max_bytes / 2**20:g} MB"
            yield Line(number, "", f"line is longer than {limit}; skipped")
            continue
        try:
            text = raw.decode("utf-8")
            problem = None
        except UnicodeDecodeError as exc:
            text = raw.decode("utf-8", errors="replace")
            problem = f"invalid UTF-8 (byte {exc.start + 1} of the line)"
        if number == 1 and text.startswith(_BOM):
            text = text[1:]
        yield Line(number, text.rstrip("\r\n"), problem)


def _drain_line(stream: LineStream) -> None:
    """Skip the rest of an over-long line without holding it in memory."""
    while True:
        rest = stream.readline(_DRAIN_CHUNK)
        if not rest or rest.endswith(b"\n"):
            return
