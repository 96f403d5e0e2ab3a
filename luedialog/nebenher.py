"""Part of a command's work in a second process, alongside this one.

A forked copy of this process works through a list of parts and sends the result of each back
through a pipe, while this process does its own share; a thread here takes each result off the
pipe as it comes, so the second process never waits for this one. luedialog uses it only where
it pays (measured: docs/PERFORMANCE.md): loading 2,000 files and more (``snapshot._load_all``)
and rendering the reports of many measures (``reports.build.render_all``). Only on Linux with
two usable cores; nothing is written anywhere.

If the second process cannot start, fails in a part, or is stopped, :meth:`Nebenher.results`
simply ends early; the caller does what is missing itself, and a failure then happens here, with
this process's own message. So the outcome is always the same as in one process.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Any, Generic, TypeVar

P = TypeVar("P")
R = TypeVar("R")


def usable() -> bool:
    """Whether a second process can run beside this one: Linux (``fork``), two usable cores."""
    return sys.platform == "linux" and len(os.sched_getaffinity(0)) >= 2


def _work_through(receive: Any, send: Any, work: Callable[[Any], Any], parts: Sequence[Any]) -> None:
    """What the second process does: each part's result goes back as soon as it is made.

    Its copy of the reading end is closed first: should the first process die without stopping
    this one (killed, out of memory), sending then fails at once instead of waiting for ever on a
    full pipe while holding the first process's files (its output, the project's lock). Ctrl-C is
    left to the first process, which stops this one."""
    receive.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for part in parts:
            send.send(work(part))
    except BaseException:  # a failure, Ctrl-C, the first process gone: end quietly; the first
        pass  # process does the rest itself (and reports a failure in its own words)
    finally:
        send.close()


# What the pipe holds before the second process must wait for this one to read: Linux's 64 KiB
# made it wait for every 64 KiB until this process's reading thread got its turn (up to 5 ms each
# under Python's global lock); 1 MiB is as much as Linux gives any user by default.
PIPE_BYTES = 1 << 20
# How long this process's main thread keeps Python's global lock while the reading thread waits to
# take the next MiB of a large result off the pipe (Python's default: 5 ms; meanwhile the second
# process stands still)
SWITCH_SECONDS = 0.0005


def _widen(connection: Any) -> None:
    """Let the pipe of ``connection`` hold :data:`PIPE_BYTES` (where Linux allows it)."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):
        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


class Nebenher(Generic[P, R]):
    """``work`` applied to each of ``parts`` in a forked second process, while the ``with`` block
    runs here. ``work`` is not sent anywhere (the second process is a copy of this one); each
    result is.

    Leaving the block stops the second process if it is still at work (also on Ctrl-C).

    ``large``: each result is many MiB (a rendered report). Then, while the second process works,
    this process's main thread hands Python's global lock to the reading thread after
    :data:`SWITCH_SECONDS`: otherwise the second process waits at every full pipe. For smaller
    results it only costs CPU time (measured: docs/PERFORMANCE.md).
    """

    def __init__(self, work: Callable[[P], R], parts: Sequence[P], *, large: bool = False) -> None:
        self._work, self._parts, self._large = work, parts, large
        self._receive: Any = None
        self._process: Any = None
        self._reader: threading.Thread | None = None
        self._arrived: queue.SimpleQueue[tuple[R] | None] = queue.SimpleQueue()
        self._interval: float | None = None

    def __enter__(self) -> Nebenher[P, R]:
        if not self._parts:  # nothing to do there: no second process
            return self
        import multiprocessing

        context = multiprocessing.get_context("fork")  # which writes out sys.stdout and sys.stderr first
        try:
            receive, send = context.Pipe(duplex=False)
        except OSError:
            return self
        _widen(send)
        try:
            process = context.Process(target=_work_through, args=(receive, send, self._work, self._parts), daemon=True)
            process.start()
        except (OSError, ValueError, RuntimeError):  # no second process to be had
            receive.close()
            return self
        finally:
            send.close()  # this process only receives: the pipe ends when the second one closes it
        self._receive, self._process = receive, process
        reader = threading.Thread(target=self._read, daemon=True)
        try:
            reader.start()
        except RuntimeError:  # no thread to be had: no second process either
            self.__exit__(None, None, None)
            self._receive = self._process = None
            return self
        self._reader = reader
        if self._large:
            self._interval = sys.getswitchinterval()
            sys.setswitchinterval(min(self._interval, SWITCH_SECONDS))
        return self

    def _read(self) -> None:
        try:
            while True:
                self._arrived.put((self._receive.recv(),))
        except Exception:  # the second process has ended (done, failed or stopped), or what it sent
            pass  # cannot be read: the results end here, the caller does the rest
        finally:
            self._arrived.put(None)

    def results(self) -> Iterator[R]:
        """The result of each part, in order, as it arrives; fewer (or none) if the second process
        could not do them all."""
        if self._reader is None:
            return
        for _ in self._parts:
            arrived = self._arrived.get()
            if arrived is None:
                return
            yield arrived[0]

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._process is not None:
                if self._process.is_alive():
                    self._process.terminate()
                self._process.join()
                self._process.close()
            if self._reader is not None:
                self._reader.join()
            if self._receive is not None:
                self._receive.close()
        finally:  # also if Ctrl-C comes while waiting for the second process to end
            if self._interval is not None:
                sys.setswitchinterval(self._interval)
                self._interval = None
