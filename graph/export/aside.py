"""Run one piece of an export in a second process while this one goes on with the rest.

An export writes independent files: the database needs only the store of the redacted
triples, and the maps (mostly layout arithmetic) nothing that the network tables need, so on
a machine with two cores each can be written while the export goes on (one process each,
:func:`graph.export.snapshot.write_export`). A forked process must never read a store on
disk (:func:`graph.query.native.on_disk`). :func:`start` forks the process: the child does
the work and sends back its result (or its exception), the parent gets a function that
waits for it. Where there is no
``fork`` (Windows), where the process runs other Python threads (a fork copies their locks
but not the threads, so the child could wait for ever), or with ``HUBSPOKE_NO_FORK`` set,
the work runs at once in this process instead, so the result is the same either way. The
threads that show progress on a terminal (:mod:`graph.progress`) do not count: the child
silences progress first and never takes their locks.

A fork shares its parent's memory only until either process writes to a page: from then on
that page is held twice. CPython writes to every object it reads (its reference count), and
reading an in-memory Oxigraph store writes to its pages too, so a child that reads what its
parent also reads ends up holding its own copy: give a child what only it needs, fork it
before its parent builds what it does not need, and keep it away from stores it need not read.
Memory the C allocator holds free (what Oxigraph and SQLite freed) is given back to the
system before each fork (:func:`graph.heap.give_back`), so that neither process keeps it.

Examples
--------
>>> wait = start(lambda: sum(range(10)))
>>> wait()
45
>>> wait = start(lambda: 1 / 0)
>>> wait()
Traceback (most recent call last):
...
ZeroDivisionError: division by zero
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

from graph import progress
from graph.errors import ExportError
from graph.heap import give_back

__all__ = ["discard", "forked", "start"]

T = TypeVar("T")


def _inline(work: Callable[[], T]) -> Callable[[], T]:
    try:
        result = work()
    except BaseException as exc:
        error = exc

        def fail() -> T:
            raise error

        return fail
    return lambda: result


def _can_fork() -> bool:
    # the threads that show progress are ours: the child silences progress without their locks
    return (
        hasattr(os, "fork")
        and threading.active_count() == 1 + progress.own_threads()
        and not os.environ.get("HUBSPOKE_NO_FORK")
    )


_forked = False


def forked() -> bool:
    """True in a process :func:`start` forked (its work may change what it inherited: nothing
    of it goes back to the parent but the result).

    >>> forked()
    False
    """
    return _forked


def _child(work: Callable[[], object], out: int) -> None:
    """Run ``work`` in the forked child, send back its outcome, and leave without cleanup."""
    global _forked
    _forked = True
    code = 0
    progress.silence()  # the parent shows the export's progress
    try:
        try:
            payload = pickle.dumps(("result", work()))
        except BaseException as exc:  # sent to the parent, which raises it
            code = 1
            try:
                payload = pickle.dumps(("error", exc))
            except Exception:
                payload = pickle.dumps(("trace", traceback.format_exc()))
        with os.fdopen(out, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's copied buffers


def start(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a forked process; return a function that waits for its result.

    The waiting function returns what ``work`` returned (it must pickle) or raises what it
    raised; the first call waits for the child and reaps it, later calls give the same
    outcome again.

    Raises (from the waiting function)
    ------
    ExportError
        The child died without an answer (killed, out of memory).
    """
    if not _can_fork():
        return _inline(work)
    give_back()  # memory the C allocator keeps free would be held by both processes
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child(work, write)
    os.close(write)
    outcome: list[Callable[[], T]] = []

    def wait() -> T:
        if not outcome:
            outcome.append(_inline(receive))
        return outcome[0]()

    def receive() -> T:
        try:
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if not data:
            raise ExportError(
                f"a background export process stopped without an answer (status {status}); "
                "run again, or set HUBSPOKE_NO_FORK=1 to do all the work in one process"
            )
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        if kind == "trace":
            raise ExportError(f"the background export process failed:\n{value}")
        return value  # type: ignore[no-any-return]

    return wait


def discard(wait: Callable[[], object]) -> None:
    """Wait for started work whose result is no longer wanted (the export failed), so that
    no child process is left behind; its own error, if any, is dropped.

    An interruption while waiting (Ctrl-C) is not an error of the work: it goes on up.
    """
    try:
        wait()
    except Exception:  # the work's error: the export failed for another reason already
        pass
