"""Progress of long work, stage by stage, and the time each stage took.

A run of minutes with no output looks hung. On a terminal each stage shows one live line
(done/total, items per second, time left); elsewhere (a log, a pipe) the live lines would be
noise, so only the closing summary is written. Disabled (``--quiet``), nothing is written.
Only the standard library is imported: ``kg query`` and ``kg --help`` must start quickly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

REDRAW_EVERY = 0.1
"""Seconds between two redraws of a live line: more often only costs time."""

Clock = Callable[[], float]


def format_duration(seconds: float) -> str:
    """``0.4 s``, ``12 s``, ``3:05``, ``1:02:03``: short, and exact enough for a person."""
    if seconds < 10:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_rate(done: int, seconds: float, unit: str) -> str:
    """Items per second, or an empty string when too little time passed to say."""
    if seconds <= 0 or done <= 0:
        return ""
    rate = done / seconds
    shown = f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"
    return f"{shown} {unit}/s"


def eta(done: int, total: int | None, seconds: float) -> float | None:
    """Seconds left at the rate so far; None when unknown (no total, nothing done yet)."""
    if total is None or done <= 0 or seconds <= 0:
        return None
    return max(0.0, (total - done) * seconds / done)


@dataclass
class Stage:
    """One stage of a run: what it counts, how far it got, when it started and ended."""

    name: str
    total: int | None
    unit: str
    started: float
    done: int = 0
    ended: float | None = None
    _owner: Progress | None = field(default=None, repr=False, compare=False)

    def advance(self, count: int = 1) -> None:
        """``count`` more items are done."""
        self.done += count
        if self._owner is not None:
            self._owner._moved(self)

    def seconds(self, now: float) -> float:
        return (self.ended if self.ended is not None else now) - self.started

    def line(self, now: float) -> str:
        """The stage as one line: name, done/total (and percent), rate and time left."""
        seconds = self.seconds(now)
        parts = [f"{self.name:<16}"]
        if self.total is not None:
            percent = 100 * self.done // self.total if self.total else 100
            parts.append(f"{self.done:,}/{self.total:,} {self.unit} {percent:3d}%")
        elif self.done:
            parts.append(f"{self.done:,} {self.unit}")
        rate = format_rate(self.done, seconds, self.unit)
        if rate:
            parts.append(rate)
        left = eta(self.done, self.total, seconds)
        if self.ended is None and left is not None:
            parts.append(f"ETA {format_duration(left)}")
        else:
            parts.append(format_duration(seconds))
        return "  ".join(parts)


class Progress:
    """The stages of one run, drawn on ``stream`` while they run when it is a terminal.

    ``enabled`` False (``--quiet``) writes nothing at all. One stage runs at a time; starting
    a stage ends the one before.
    """

    def __init__(self, enabled: bool, stream: TextIO, clock: Clock = time.monotonic) -> None:
        self.enabled = enabled
        self.stream = stream
        self.clock = clock
        self.live = enabled and _is_terminal(stream)
        self.stages: list[Stage] = []
        self._current: Stage | None = None
        self._drawn = 0.0
        self._started = clock()

    def start(self, name: str, total: int | None = None, unit: str = "papers") -> Stage:
        """Begin stage ``name`` (of ``total`` items, when known), ending the one running. A
        running stage that counted nothing yet is replaced, its time given to the new one: a
        stage whose work reports its own passes (extraction) is shown as those passes."""
        started = self.clock()
        running = self._current
        if running is not None and running.done == 0:
            self.stages.remove(running)
            self._current, started = None, running.started
        self.end()
        stage = Stage(name, total, unit, started, _owner=self)
        self.stages.append(stage)
        self._current = stage
        self._draw(stage, force=True)
        return stage

    def end(self) -> None:
        """End the running stage, if any: its live line is cleared (the summary tells it)."""
        stage, self._current = self._current, None
        if stage is None:
            return
        stage.ended = self.clock()
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "papers") -> Iterator[Stage]:
        """``with progress.stage("extract", total=n) as st: ... st.advance(k)``."""
        stage = self.start(name, total, unit)
        try:
            yield stage
        finally:
            if self._current is stage:
                self.end()

    def counter(self, totals: dict[str, int | None]) -> Callable[[str, int], None]:
        """A callback ``(stage name, items done)`` for code that runs several passes of its
        own: each name starts its stage when first met (with its total from ``totals``)."""

        def advance(name: str, count: int) -> None:
            current = self._current
            if current is None or current.name != name:
                current = self.start(name, totals.get(name))
            current.advance(count)

        return advance

    def _moved(self, stage: Stage) -> None:
        if stage is self._current:
            self._draw(stage)

    def _draw(self, stage: Stage, force: bool = False) -> None:
        if not self.live:
            return
        now = self.clock()
        if not force and now - self._drawn < REDRAW_EVERY:
            return
        self._drawn = now
        self.stream.write("\r\x1b[K" + stage.line(now))
        self.stream.flush()

    def summary(self) -> str:
        """Every stage with its count, rate and time, then the total; written to the stream
        (unless disabled) and returned."""
        self.end()
        now = self.clock()
        lines = [f"kg: time: {stage.line(now)}" for stage in self.stages]
        lines.append(f"kg: time: {'total':<16}  {format_duration(now - self._started)}")
        text = "\n".join(lines)
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()
        return text


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or stream-like object
        return False
