"""One piece of work run beside this process, in a forked child, on another core.

A build ends by writing two things from the same files on disk: the GraphML and the row
tables ``kg load`` and ``kg export`` read. Each takes minutes on a large corpus, neither needs
the other, and the extraction's workers are gone by then, so the tables are written in a child
while this process writes the GraphML. The child only reads what this process wrote (and
flushed) before it was forked, and writes files of its own; its result, or its error, comes
back through a pipe. Where ``fork`` is not available the work runs in this process when its
result is asked for: what it gives is the same, only later.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["Background", "BackgroundFailed", "can_fork", "in_background"]


class BackgroundFailed(RuntimeError):
    """The work in the child failed and its own error could not be brought back (it does not
    pickle), or the child ended without a result (killed)."""


def can_fork() -> bool:
    """Whether work can run in a forked child here (Linux: safe and immediate)."""
    return sys.platform.startswith("linux")


def _portable(error: BaseException) -> BaseException:
    """``error``, or a :class:`BackgroundFailed` naming it when it would not survive the pipe."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return BackgroundFailed(f"{type(error).__name__}: {error}")
    return error


def _run(function: Callable[[], object], pipe: Connection) -> None:
    """The child: run ``function`` and send back (True, its result) or (False, its error)."""
    try:
        outcome: tuple[bool, object] = (True, function())
    except BaseException as error:
        outcome = (False, _portable(error))
    try:
        pipe.send(outcome)
    except Exception as error:  # the result itself does not pickle
        pipe.send((False, BackgroundFailed(f"the result could not be sent back: {error}")))
    finally:
        pipe.close()


class Background(Generic[T]):
    """``function`` running in a forked child from now on; :meth:`result` waits for it."""

    def __init__(self, function: Callable[[], T], *, fork: bool = True) -> None:
        self._function = function
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        if fork and can_fork():
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(function, sending), daemon=True)
            self._process.start()
            sending.close()  # the child holds its own end: EOF here once it is gone
            self._pipe = receiving

    @property
    def forked(self) -> bool:
        return self._process is not None

    def result(self) -> T:
        """The work's result; its error raised here when it failed."""
        if self._process is None or self._pipe is None:
            return self._function()
        try:
            ok, value = self._pipe.recv()
        except EOFError:
            self._process.join()
            raise BackgroundFailed(
                f"the background work ended without a result (exit code {self._process.exitcode})"
            ) from None
        finally:
            self._pipe.close()
        self._process.join()
        self._process = None
        if ok:
            result: T = value
            return result
        assert isinstance(value, BaseException)
        raise value

    def cancel(self) -> None:
        """Stop the child if it still runs (the caller failed before it asked for the result)."""
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join()
            self._process = None
        if self._pipe is not None:
            self._pipe.close()


@contextmanager
def in_background(function: Callable[[], T], *, fork: bool = True) -> Iterator[Background[T]]:
    """``with in_background(f) as work: ...; value = work.result()``: the child is stopped when
    the block is left without its result (an error, Ctrl-C)."""
    work = Background(function, fork=fork)
    try:
        yield work
    finally:
        work.cancel()
