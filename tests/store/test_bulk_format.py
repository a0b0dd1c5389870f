"""The bytes of FalkorDB's bulk format, value by value (the server reads them without checking
much, so a wrong byte is a wrong graph, not an error)."""

from __future__ import annotations

import struct

import pytest

from kg.store.bulk_format import (
    UnencodableValue,
    encode_value,
    encode_values,
    header,
    node_records,
    relationship_records,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", b"\x03\x00"),
        (" a,b ", b"\x03 a,b \x00"),
        ("é", b"\x03\xc3\xa9\x00"),
        (True, b"\x01\x01"),
        (False, b"\x01\x00"),
        (0, b"\x04" + bytes(8)),
        (-2, b"\x04" + struct.pack("<q", -2)),
        (0.1, b"\x02" + struct.pack("<d", 0.1)),
        (None, b"\x00"),
        ([], b"\x05" + bytes(8)),
        (["42", 1], b"\x05" + struct.pack("<q", 2) + b"\x0342\x00\x04" + struct.pack("<q", 1)),
        (("x",), b"\x05" + struct.pack("<q", 1) + b"\x03x\x00"),
        (["a, b", ""], b"\x05" + struct.pack("<q", 2) + b"\x03a, b\x00\x03\x00"),
        (
            [1.5, -0.0],
            b"\x05"
            + struct.pack("<q", 2)
            + b"\x02"
            + struct.pack("<d", 1.5)
            + b"\x02"
            + struct.pack("<d", -0.0),
        ),
        ([True], b"\x05" + struct.pack("<q", 1) + b"\x01\x01"),
    ],
)
def test_each_value_has_its_type_byte_and_payload(value: object, expected: bytes) -> None:
    assert encode_value(value) == expected
    assert encode_values([value]) == expected


def test_a_record_is_its_values_in_order() -> None:
    assert encode_values(["a", 1.5, ["b"]]) == b"".join(map(encode_value, ["a", 1.5, ["b"]]))
    assert node_records([("p1", "t"), ("p2", "")]) == [
        b"\x03p1\x00\x03t\x00",
        b"\x03p2\x00\x03\x00",
    ]
    (record,) = relationship_records([("p1", "m1", 0.5)], [(3, 7)])
    assert record == struct.pack("<QQ", 3, 7) + encode_value(0.5)


def test_the_header_names_the_label_and_the_properties() -> None:
    assert (
        header("Paper", ("id", "title")) == b"Paper\x00" + struct.pack("<I", 2) + b"id\x00title\x00"
    )
    assert header("USES", ()) == b"USES\x00" + bytes(4)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("a\x00b", "NUL"),
        (["ok", "a\x00b"], "NUL"),
        (["\udfff"], "not valid Unicode"),
        (2**63, "64 bits"),
        ("\ud800", "not valid Unicode"),
        (object(), "cannot store"),
    ],
)
def test_what_the_format_cannot_carry_is_refused(value: object, reason: str) -> None:
    with pytest.raises(UnencodableValue, match=reason):
        encode_values([value])
