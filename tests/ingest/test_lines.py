import io

from kg.ingest.lines import read_lines


def lines_of(data: bytes, max_bytes: int = 1000) -> list[tuple[int, str, str | None]]:
    return [(ln.number, ln.text, ln.problem) for ln in read_lines(io.BytesIO(data), max_bytes)]


def test_lines_are_numbered_and_stripped_of_line_breaks() -> None:
    expected = [(1, "a", None), (2, "b", None), (3, "", None), (4, "c", None)]
    assert lines_of(b"a\r\nb\n\nc") == expected


def test_byte_order_mark_is_dropped() -> None:
    assert lines_of("\ufeffTitle\n".encode()) == [(1, "Title", None)]


def test_invalid_utf8_marks_only_its_own_line() -> None:
    result = lines_of(b"ok\nbad \xff here\nfine\n")
    assert result[0] == (1, "ok", None)
    assert result[1][0] == 2
    assert result[1][2] is not None and "UTF-8" in result[1][2]
    assert result[2] == (3, "fine", None)


def test_over_long_line_is_skipped_and_reading_goes_on() -> None:
    result = lines_of(b"short\n" + b"x" * 5000 + b"\nafter\n", max_bytes=100)
    assert [(n, t) for n, t, _ in result] == [(1, "short"), (2, ""), (3, "after")]
    assert result[1][2] is not None and "longer than" in result[1][2]


def test_line_of_exactly_the_limit_is_kept() -> None:
    assert lines_of(b"y" * 100 + b"\n", max_bytes=101) == [(1, "y" * 100, None)]
