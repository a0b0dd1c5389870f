"""Work in a forked child: its result or its error comes back; a failed caller stops it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kg.background import Background, BackgroundFailed, can_fork, in_background

needs_fork = pytest.mark.skipif(not can_fork(), reason="fork is not used on this platform")


class WrongCount(ValueError):
    """An error of the caller's own kind."""


class Unpicklable(Exception):
    def __init__(self, handle: object) -> None:
        super().__init__("holds a lock")
        self.handle = handle

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("cannot pickle this error")


def _pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


@needs_fork
def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    work = Background(lambda: _pid_and_sum([1, 2, 3]))  # a closure: a fork needs no pickling
    assert work.forked
    pid, total = work.result()
    assert total == 6 and pid != os.getpid()


@needs_fork
def test_the_child_writes_files_this_process_reads_afterwards(tmp_path: Path) -> None:
    def write() -> Path:
        path = tmp_path / "made.txt"
        path.write_text("rows\n", encoding="utf-8")
        return path

    with in_background(write) as work:
        (tmp_path / "here.txt").write_text("graph\n", encoding="utf-8")  # meanwhile, here
        made = work.result()
    assert made.read_text(encoding="utf-8") == "rows\n"
    assert (tmp_path / "here.txt").read_text(encoding="utf-8") == "graph\n"


@needs_fork
def test_the_childs_error_is_raised_by_result() -> None:
    def fail() -> int:
        raise WrongCount("3 rows, 4 expected")

    with pytest.raises(WrongCount, match="3 rows, 4 expected"):
        Background(fail).result()


@needs_fork
def test_an_error_that_does_not_pickle_comes_back_named() -> None:
    def fail() -> int:
        raise Unpicklable(object())

    with pytest.raises(BackgroundFailed, match="Unpicklable: holds a lock"):
        Background(fail).result()


@needs_fork
def test_a_result_that_does_not_pickle_is_an_error() -> None:
    with pytest.raises(BackgroundFailed, match="could not be sent back"):
        Background(lambda: lambda: 1).result()


@needs_fork
def test_a_child_killed_before_its_result_is_an_error() -> None:
    def hang() -> int:
        time.sleep(60)
        return 1

    work = Background(hang)
    assert work._process is not None and work._process.pid is not None
    os.kill(work._process.pid, signal.SIGKILL)
    with pytest.raises(BackgroundFailed, match="without a result"):
        work.result()


@needs_fork
def test_leaving_the_block_on_an_error_stops_the_child() -> None:
    def hang() -> int:
        time.sleep(60)
        return 1

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), in_background(hang) as work:
        process = work._process
        raise KeyboardInterrupt
    assert process is not None and not process.is_alive()
    assert time.monotonic() - started < 30


def test_without_fork_the_work_runs_here_when_its_result_is_asked_for() -> None:
    ran: list[int] = []

    def count() -> tuple[int, int]:
        ran.append(1)
        return _pid_and_sum([4, 5])

    work = Background(count, fork=False)
    assert not work.forked and ran == []  # nothing runs before the result is asked for
    assert work.result() == (os.getpid(), 9) and ran == [1]
