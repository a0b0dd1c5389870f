import pytest

from kg.ingest.formats import format_from_name, sniff_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "listing"),
        ("a.TEXT", "listing"),
        ("a.jsonl", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("a.json", "json"),
        ("a.csv", "csv"),
        ("dir/a.jsonl.gz", "jsonl"),
        ("a.parquet", None),
        ("noext", None),
    ],
)
def test_format_from_name(name: str, expected: str | None) -> None:
    assert format_from_name(name) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'{"title": "A"}\n{"title": "B"}\n', "jsonl"),
        (b'{\n  "papers": []\n}\n', "json"),
        (b"  [ {} ]", "json"),
        (b"id,title,abstract\n1,A,B\n", "csv"),
        (b"Subscribe\nA Title\nAn abstract.\n", "listing"),
    ],
)
def test_sniff_format(head: bytes, expected: str) -> None:
    assert sniff_format(head) == expected
