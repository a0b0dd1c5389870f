"""Reader for JSON documents: an array of records, an object wrapping one, or one record.

The document is decoded value by value from a growing text window, so a large array is
never held whole; every record keeps the line it starts on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache

from kg.ingest.lines import MAX_LINE_BYTES, Line
from kg.ingest.records import BadRecord, RawRecord, ReaderItem
from kg.resources import data_file

_WHITESPACE = " \t\r\n"
_MIN_GROWTH = 64 * 1024
_TRIM_AT = 1024 * 1024


@cache
def _wrapper_keys() -> frozenset[str]:
    return frozenset(data_file("ingest", "record_fields.json")["wrapper_lists"])


class _Broken(Exception):
    """The document cannot be parsed past this point."""

    def __init__(self, line: int | None, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


class _Window:
    """Decoded text fed in line by line, with the line number at the read position."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self._lines = iter(lines)
        self._text = ""
        self._pos = 0
        self._line = 1  # line number at self._pos
        self._eof = False
        self.tainted: dict[int, str] = {}  # line number -> why its text is not trustworthy

    @property
    def line(self) -> int:
        return self._line

    def _grow(self, wanted: int) -> bool:
        """Append lines until ``wanted`` more characters arrived; False at end of input."""
        if self._eof:
            return False
        parts: list[str] = []
        added = 0
        for line in self._lines:
            if line.problem is not None:
                self.tainted[line.number] = line.problem
            parts.append(line.text)
            parts.append("\n")
            added += len(line.text) + 1
            if added >= wanted:
                break
        else:
            self._eof = True
        if self._pos > _TRIM_AT:
            self._text = self._text[self._pos :]
            self._pos = 0
        self._text += "".join(parts)
        return added > 0

    def _advance(self, end: int) -> None:
        self._line += self._text.count("\n", self._pos, end)
        self._pos = end

    def peek(self) -> str:
        """The next non-whitespace character ('' at the end), moving up to it."""
        while True:
            text, pos = self._text, self._pos
            while pos < len(text) and text[pos] in _WHITESPACE:
                pos += 1
            self._advance(pos)
            if pos < len(text):
                return text[pos]
            if not self._grow(_MIN_GROWTH):
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "end of input"
            raise _Broken(self._line, f"invalid JSON: expected {char!r}, found {found!r}")
        self._advance(self._pos + 1)

    def value(self, decoder: json.JSONDecoder) -> tuple[object, int, int]:
        """Decode the next value; returns it with its first and last line."""
        self.peek()
        start = self._line
        while True:
            try:
                value, end = decoder.raw_decode(self._text, self._pos)
                if end < len(self._text) or self._eof:
                    self._advance(end)
                    return value, start, self._line
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise _Broken(start, f"invalid JSON: {exc.msg}") from None
            pending = len(self._text) - self._pos
            if pending > MAX_LINE_BYTES:
                raise _Broken(start, "record is larger than 10 MB")
            self._grow(max(pending, _MIN_GROWTH))


def read_json(lines: Iterable[Line]) -> Iterator[ReaderItem]:
    """Records of a JSON document; a document broken part way yields what came before."""
    window = _Window(lines)
    reported: set[int] = set()
    try:
        for value, start, end in _values(window):
            bad = [n for n in range(start, end + 1) if n in window.tainted]
            if bad:
                reported.update(bad)
                yield BadRecord(bad[0], window.tainted[bad[0]])
            elif isinstance(value, dict):
                yield RawRecord(value, start)
            else:
                yield BadRecord(start, "expected a JSON object as record")
    except _Broken as exc:
        first = min((n for n in window.tainted if n not in reported), default=None)
        if first is not None:  # an unreadable line is the likely cause; name it
            yield BadRecord(first, f"{window.tainted[first]}; rest of file skipped")
        else:
            yield BadRecord(exc.line, f"{exc.reason}; rest of file skipped")


def _values(window: _Window) -> Iterator[tuple[object, int, int]]:
    """Records of every top-level document (several in a row are accepted, as in JSON Lines)."""
    decoder = json.JSONDecoder(strict=False)  # raw control characters in strings: cleaned later
    while True:
        first = window.peek()
        if first == "[":
            yield from _array(window, decoder)
        elif first == "{":
            yield from _object(window, decoder)
        elif first:
            raise _Broken(window.line, "invalid JSON: expected an array or an object")
        else:
            return


def _array(window: _Window, decoder: json.JSONDecoder) -> Iterator[tuple[object, int, int]]:
    window.take("[")
    if window.peek() == "]":
        window.take("]")
        return
    while True:
        yield window.value(decoder)
        if window.peek() == ",":
            window.take(",")
            continue
        window.take("]")
        return


def _object(window: _Window, decoder: json.JSONDecoder) -> Iterator[tuple[object, int, int]]:
    """A wrapper's record list streamed, or else the object itself as one record."""
    start = window.line
    window.take("{")
    fields: dict[str, object] = {}
    wrapped = False
    while window.peek() != "}":
        key, _, _ = window.value(decoder)
        window.take(":")
        if key in _wrapper_keys() and window.peek() == "[":
            wrapped = True
            yield from _array(window, decoder)
        else:
            fields[str(key)], _, _ = window.value(decoder)
        if window.peek() != ",":
            break
        window.take(",")
    window.take("}")
    if not wrapped:
        yield fields, start, window.line
