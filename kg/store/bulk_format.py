"""FalkorDB's ``GRAPH.BULK`` binary format, encoded here rather than by ``falkordb-bulk-loader``
(whose CSV reader changes values: it strips whitespace, drops empty strings and guesses the
types of array elements; see DEVELOPERS.md).

A token is one label's nodes or one type's relationships: a header (the label or type, then
the property names) followed by records. A node record is its property values; the server
numbers nodes in the order it receives them, from 0 in a new graph. A relationship record is
the numbers of its two ends, then its values. Each value is a type byte and its payload: a
string is UTF-8 ending in NUL (so it cannot hold one), numbers are 8 bytes, an array is its
length and then its elements. The server reads numbers in its own byte order; this writes
little-endian, which every platform FalkorDB ships for is.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from kg.graph.columns import SchemaViolation

# type bytes of the format
NULL, BOOL, DOUBLE, STRING, LONG, ARRAY = range(6)

_LONG = struct.Struct("<q").pack
_DOUBLE = struct.Struct("<d").pack
_COUNT = struct.Struct("<I").pack
_TAGGED_DOUBLE = struct.Struct("<Bd").pack
_TAGGED_LONG = struct.Struct("<Bq").pack
ENDS = struct.Struct("<QQ").pack
"""The two node numbers that open a relationship record."""

_STRING_TAG, _END = bytes([STRING]), b"\x00"
_LONG_TAG, _DOUBLE_TAG, _ARRAY_TAG = bytes([LONG]), bytes([DOUBLE]), bytes([ARRAY])
_TRUE, _FALSE = bytes([BOOL, 1]), bytes([BOOL, 0])


class UnencodableValue(SchemaViolation):
    """A value the format cannot carry (a NUL in a string, an integer beyond 64 bits)."""


def _string(value: str) -> bytes:
    if "\x00" in value:
        raise UnencodableValue(f"the string {value[:40]!r} holds a NUL character")
    try:
        return _STRING_TAG + value.encode("utf-8") + _END
    except UnicodeEncodeError as exc:
        raise UnencodableValue(f"the string {value[:40]!r} is not valid Unicode: {exc}") from None


def _integer(value: int) -> bytes:
    try:
        return _LONG_TAG + _LONG(value)
    except struct.error:
        raise UnencodableValue(f"the integer {value} does not fit in 64 bits") from None


def _boolean(value: bool) -> bytes:
    return _TRUE if value else _FALSE


def _double(value: float) -> bytes:
    return _DOUBLE_TAG + _DOUBLE(value)


def _array(value: Sequence[Any]) -> bytes:
    return b"".join([_ARRAY_TAG, _LONG(len(value)), *map(encode_value, value)])


_BY_TYPE: dict[type, Callable[[Any], bytes]] = {
    str: _string,
    bool: _boolean,
    int: _integer,
    float: _double,
    list: _array,
    tuple: _array,
}


def encode_value(value: Any) -> bytes:
    """One property value: a string, boolean, integer, float or a list of them (what the row
    tables hold once checked); ``None`` is no property."""
    encode = _BY_TYPE.get(type(value))
    if encode is not None:
        return encode(value)
    if value is None:
        return bytes([NULL])
    for kind, encoder in _BY_TYPE.items():  # subclasses (an IntEnum, a str subclass)
        if isinstance(value, kind):
            return encoder(value)
    raise UnencodableValue(f"cannot store a {type(value).__name__} as a property")


def encode_values(values: Iterable[Any]) -> bytes:
    """The values of one record, in the order of the header's property names. The usual
    types (text, floats, booleans, lists of text) are written here, without a call per value:
    this loop is most of a bulk load's time."""
    parts: list[bytes] = []
    add = parts.append
    try:
        for value in values:
            kind = type(value)
            if kind is str:
                if "\x00" in value:
                    raise UnencodableValue(f"the string {value[:40]!r} holds a NUL character")
                add(_STRING_TAG)
                add(value.encode("utf-8"))
                add(_END)
            elif kind is float:
                add(_TAGGED_DOUBLE(DOUBLE, value))
            elif kind is bool:
                add(_TRUE if value else _FALSE)
            elif kind is list and all(type(item) is str for item in value):
                add(_TAGGED_LONG(ARRAY, len(value)))
                for item in value:
                    if "\x00" in item:
                        raise UnencodableValue(f"the string {item[:40]!r} holds a NUL character")
                    add(_STRING_TAG)
                    add(item.encode("utf-8"))
                    add(_END)
            else:
                add(encode_value(value))
    except UnicodeEncodeError as exc:
        raise UnencodableValue(f"a string is not valid Unicode: {exc}") from None
    return b"".join(parts)


def node_records(rows: Iterable[Sequence[Any]]) -> list[bytes]:
    """One record per node row (its id and values, as the header names them)."""
    return [encode_values(row) for row in rows]


def relationship_records(
    rows: Iterable[Sequence[Any]], ends: Iterable[tuple[int, int]]
) -> list[bytes]:
    """One record per relationship row: the numbers of its ends, then its values (after the
    two ids the row starts with)."""
    return [ENDS(*pair) + encode_values(row[2:]) for row, pair in zip(rows, ends, strict=True)]


def header(name: str, properties: Sequence[str]) -> bytes:
    """A token's header: the label (or relationship type) and the property names."""
    names = [name, *properties]
    if any("\x00" in text or ":" in text for text in names):
        raise UnencodableValue(f"cannot name {names!r} in a bulk header")
    return b"".join(
        [name.encode("utf-8"), _END, _COUNT(len(properties))]
        + [text.encode("utf-8") + _END for text in properties]
    )
