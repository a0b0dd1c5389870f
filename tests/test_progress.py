"""The progress display: live lines on a terminal only, a summary of every stage, silence
when disabled."""

from __future__ import annotations

import io

import pytest

from kg.progress import Progress, eta, format_duration, format_rate


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run_two_stages(progress: Progress, clock: Clock) -> None:
    with progress.stage("read") as read:
        clock.now += 2
        read.advance(40)
    with progress.stage("extract", total=100) as stage:
        clock.now += 1
        stage.advance(25)
        clock.now += 3
        stage.advance(75)


def test_terminal_shows_live_lines_with_rate_and_time_left() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(enabled=True, stream=stream, clock=clock)
    with progress.stage("extract", total=100) as stage:
        clock.now += 5
        stage.advance(25)
        live = stream.getvalue()
    assert "\r" in live
    last = live.rsplit("\r\x1b[K", 1)[-1]
    assert "extract" in last and "25/100 papers" in last and "25%" in last
    assert "5.0 papers/s" in last
    assert "ETA 15 s" in last  # 75 left at 5 a second


def test_terminal_redraws_at_most_ten_times_a_second() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(enabled=True, stream=stream, clock=clock)
    with progress.stage("extract", total=1000) as stage:
        for _ in range(500):
            stage.advance()  # no time passes: drawn once, when the stage started
        clock.now += 0.2
        stage.advance()
    assert stream.getvalue().count("extract") == 2


def test_summary_lists_every_stage_with_its_time() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(enabled=True, stream=stream, clock=clock)
    run_two_stages(progress, clock)
    text = progress.summary()
    lines = text.splitlines()
    assert [line.split()[2] for line in lines] == ["read", "extract", "total"]
    assert "40 papers" in lines[0] and "20 papers/s" in lines[0] and "2.0 s" in lines[0]
    assert "100/100 papers 100%" in lines[1] and "4.0 s" in lines[1]
    assert "6.0 s" in lines[2]
    assert stream.getvalue().endswith(text + "\n")


def test_not_a_terminal_writes_only_the_summary() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(enabled=True, stream=stream, clock=clock)
    run_two_stages(progress, clock)
    assert stream.getvalue() == ""
    text = progress.summary()
    assert stream.getvalue() == text + "\n"
    assert "\r" not in text and "\x1b" not in text


@pytest.mark.parametrize("stream", [io.StringIO(), Terminal()])
def test_quiet_writes_nothing(stream: io.StringIO) -> None:
    clock = Clock()
    progress = Progress(enabled=False, stream=stream, clock=clock)
    run_two_stages(progress, clock)
    progress.summary()
    assert stream.getvalue() == ""


def test_counter_opens_a_stage_per_pass_and_replaces_an_empty_one() -> None:
    clock = Clock()
    progress = Progress(enabled=True, stream=io.StringIO(), clock=clock)
    advance = progress.counter({"hints": 3, "findings": 3})
    with progress.stage("extract"):  # counts nothing itself: its passes are the stages
        clock.now += 1
        for _ in range(3):
            advance("hints", 1)
        clock.now += 2
        advance("findings", 3)
    progress.summary()
    assert [(s.name, s.total, s.done) for s in progress.stages] == [
        ("hints", 3, 3),
        ("findings", 3, 3),
    ]
    assert progress.stages[0].started == 100.0  # the time before the first pass is its own


def test_a_stage_that_counted_something_is_kept() -> None:
    clock = Clock()
    progress = Progress(enabled=True, stream=io.StringIO(), clock=clock)
    progress.start("read").advance(2)
    progress.start("write")
    progress.summary()
    assert [s.name for s in progress.stages] == ["read", "write"]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.04, "0.0 s"), (3.25, "3.2 s"), (42.4, "42 s"), (185, "3:05"), (3723, "1:02:03")],
)
def test_durations_are_short(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


def test_rates_and_time_left() -> None:
    assert format_rate(50_000, 40, "papers") == "1,250 papers/s"
    assert format_rate(3, 2, "rows") == "1.5 rows/s"
    assert format_rate(0, 2, "rows") == ""
    assert eta(25, 100, 5.0) == 15.0
    assert eta(0, 100, 5.0) is None
    assert eta(10, None, 5.0) is None
