"""Opening inputs as byte streams: files, URLs, gzip files and stdin, with clear reasons on
failure."""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, Protocol, TypeGuard

from kg.ingest.lines import LineStream
from kg.ingest.urls import UrlUnreadable, is_url, open_url

STDIN = "-"
HEAD_BYTES = 8192
_GZIP_MAGIC = b"\x1f\x8b"
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
MAX_CONTROL_SHARE = 0.05


class ByteStream(LineStream, Protocol):
    """A byte stream whose first bytes can be looked at without consuming them."""

    def peek(self, size: int, /) -> bytes: ...


class Unreadable(Exception):
    """An input that cannot be read at all; the message is the reason shown to the user."""


@contextmanager
def open_input(path: str) -> Iterator[ByteStream]:
    """A peekable byte stream over ``path`` (``-`` is stdin), gunzipped when compressed."""
    if path == STDIN:
        yield _peekable(_stdin_bytes())
        return
    if is_url(path):
        try:
            raw = open_url(path)
        except UrlUnreadable as exc:
            raise Unreadable(str(exc)) from None
    elif os.path.isdir(path):
        raise Unreadable("is a directory, not a file")
    else:
        raw = _open_file(path)
    with raw:
        if raw.peek(2)[:2] == _GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw) as unzipped:
                yield unzipped  # a GzipFile can peek
        else:
            yield raw


def _open_file(path: str) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except PermissionError:
        raise Unreadable("permission denied") from None
    except OSError as exc:
        raise Unreadable(f"cannot open: {exc.strerror or exc}") from None


def head_of(stream: ByteStream) -> bytes:
    """The first bytes of a stream, without consuming them."""
    return stream.peek(HEAD_BYTES)[:HEAD_BYTES]


def looks_binary(head: bytes) -> bool:
    """Many control bytes (NUL among them) mean the input is not text. A few are text gone bad
    (a NUL or an escape sequence pasted into an abstract): the file is read and they are cleaned
    with the rest of its text (:mod:`kg.ingest.hygiene`), so one such paper costs no others."""
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > len(head) * MAX_CONTROL_SHARE


def _stdin_bytes() -> BinaryIO:
    if sys.stdin is None:
        raise Unreadable("no standard input to read")
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _can_peek(stream: BinaryIO) -> TypeGuard[ByteStream]:
    return hasattr(stream, "peek")


def _peekable(stream: BinaryIO) -> ByteStream:
    if _can_peek(stream):
        return stream
    if isinstance(stream, io.RawIOBase | io.BufferedIOBase):
        return io.BufferedReader(stream)
    return io.BufferedReader(io.BytesIO(stream.read()))  # not an io stream: read it whole
