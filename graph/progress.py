"""Progress of long steps, shown on a terminal's standard error (with rich) and nowhere else.

The library reports the steps of long work (:func:`task`); nothing is shown unless the
command line turned the display on (:func:`show_on_terminal`), standard error is a terminal
and the work has taken longer than :data:`DELAY` seconds, so quick commands, pipes, logs,
tests and notebooks stay as they were.

Examples
--------
>>> with task("Building", total=2) as step:
...     step("validating")
...     step("writing")
>>> enabled()
False
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import IO, Any

__all__ = ["DELAY", "THREAD_NAME", "enabled", "own_threads", "show_on_terminal", "silence", "task"]

#: Seconds a task runs before its progress is shown.
DELAY = 2.0

#: The name of the threads that show progress (a timer, then a refresher): the only threads
#: hubspoke starts besides servers; :mod:`graph.export.aside` may fork while they run.
THREAD_NAME = "hubspoke-progress"

#: How often the display is redrawn (the elapsed time moves on between steps).
_REFRESH = 0.5

_stream: IO[str] | None = None
_active: _Display | None = None


def show_on_terminal(stream: IO[str] | None = None, *, quiet: bool = False) -> bool:
    """Show progress on ``stream`` (standard error) if it is a terminal and not ``quiet``.

    Returns whether progress will be shown. Called by the command line only.
    """
    global _stream
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    _stream = stream if not quiet and callable(isatty) and isatty() else None
    return _stream is not None


def silence() -> None:
    """Show nothing from now on, in this process (a forked child calls it: the terminal's
    progress belongs to its parent). Takes no lock, so it is safe right after a fork."""
    global _stream, _active
    _stream, _active = None, None


def own_threads() -> int:
    """How many threads showing progress are running (see :data:`THREAD_NAME`)."""
    return sum(1 for thread in threading.enumerate() if thread.name == THREAD_NAME)


def enabled() -> bool:
    """True when progress is shown (see :func:`show_on_terminal`)."""
    return _stream is not None


class _Display:
    """A rich progress bar for one task, started only once the task has run :data:`DELAY` s."""

    def __init__(self, stream: IO[str], description: str, total: int | None) -> None:
        self.stream, self.description, self.total = stream, description, total
        self.done, self.calls, self.status = 0, 0, ""
        self.bar: Any = None
        self.ident: Any = None
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.timer: threading.Timer | None = threading.Timer(DELAY, self.start)
        self.timer.name = THREAD_NAME
        self.timer.daemon = True
        self.timer.start()

    def start(self) -> None:
        # lazy: rich loads only once a task has run long enough to show its progress
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        with self.lock:
            if self.timer is None:  # the task ended meanwhile
                return
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.fields[status]}"),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
                auto_refresh=False,  # redrawn by our own named thread (see THREAD_NAME)
            )
            self.bar.start()
            self.ident = self.bar.add_task(
                self.description, total=self.total, completed=self.done, status=self.status
            )
            self.bar.refresh()
        threading.Thread(target=self.refresh, name=THREAD_NAME, daemon=True).start()

    def refresh(self) -> None:
        while not self.stopped.wait(_REFRESH):
            with self.lock:
                if self.bar is None:
                    return
                self.bar.refresh()

    def step(self, status: str) -> None:
        with self.lock:
            self.done = self.calls  # the steps before this one are done
            self.calls += 1
        self.say(status)

    def say(self, status: str) -> None:
        with self.lock:
            self.status = status
            if self.bar is not None:
                self.bar.update(self.ident, completed=self.done, status=status)
                self.bar.refresh()

    def close(self) -> None:
        self.stopped.set()
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            if self.bar is not None:
                self.bar.stop()
                self.bar = None


@contextlib.contextmanager
def task(description: str, total: int | None = None) -> Iterator[Callable[[str], None]]:
    """Report a long task's steps: yields ``step(status)``, called as each step starts.

    ``total`` is the number of steps, when known. Shown only as the module notes say; the
    time a task takes is not changed by whether it is shown.
    """
    global _active
    if _stream is None:
        yield lambda status: None
        return
    outer = _active
    if outer is not None:  # a task within a task: its steps are the outer step's status
        yield lambda status: outer.say(f"{description.lower()}: {status}")
        return
    display = _active = _Display(_stream, description, total)
    try:
        yield display.step
    finally:
        _active = None
        display.close()
