"""Run a query in a worker process that is killed at its time or memory limit.

Oxigraph cannot cancel a query running in a thread, and rdflib's engine can be interrupted
only between Python steps; a query over its limit in a thread goes on using a core and its
memory until it ends. A forked worker process can be stopped: :func:`call_limited` forks the
calling process (the worker shares the loaded store, copy on write, in a few milliseconds),
runs the task there and waits for its answer, as bytes, through a pipe. When the time limit
passes, or the worker's resident memory grows by more than the memory limit, the worker is
killed (``SIGKILL``), which ends its use of CPU and memory at once, and :class:`QueryTimeout`
or :class:`QueryMemoryExceeded` is raised. The worker also dies with its parent (Linux's
parent-death signal) and has a CPU-time limit a little above the time limit as a backstop.

Some stores must not be forked (a RocksDB database, with its background threads, can be left
locked in the copy): :func:`run_limited` runs a separate program instead, under the same limits.

Without a limit nothing is forked: the task runs in the calling thread. Where ``fork`` is
not available (Windows) the task runs in the calling thread and limits are not enforced.

Examples
--------
>>> call_limited(lambda: b"answer", timeout=5, source="example")
b'answer'
>>> import time
>>> call_limited(lambda: time.sleep(10) or b"", timeout=0.2, source="slow")
Traceback (most recent call last):
...
graph.errors.QueryTimeout: slow: stopped after 0.2 s - narrow the query or raise --timeout
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import pickle
import resource
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from graph.errors import QueryError, QueryMemoryExceeded, QueryTimeout

__all__ = ["call_limited", "run_limited", "can_fork", "DEFAULT_MEMORY_LIMIT"]

#: Bytes an ad hoc query may add to the process's memory before it is stopped (1 GiB).
DEFAULT_MEMORY_LIMIT = 1 << 30

#: Seconds between two looks at the worker's memory.
_POLL = 0.05
_OK, _FAILED = b"R", b"E"
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def can_fork() -> bool:
    """True when queries can run in a forked, killable worker process (Linux, macOS)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _resident(pid: int | str) -> int | None:
    """Resident memory of process ``pid`` in bytes (``None`` when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _die_with_parent(parent: int) -> None:
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the parent ends
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(1)


def _work(
    task: Callable[[], bytes], sender: Connection, timeout: float | None, parent: int
) -> None:
    _die_with_parent(parent)
    if timeout is not None:
        with contextlib.suppress(ValueError, OSError):
            seconds = math.ceil(timeout) + 2
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        answer = task()
    except BaseException as exc:  # sent back to the caller, who raises it with the query's name
        try:
            payload = pickle.dumps(exc)
            pickle.loads(payload)
        except Exception:
            payload = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
        sender.send_bytes(_FAILED + payload)
    else:
        sender.send_bytes(_OK + answer)
    sender.close()


def _stop(process: multiprocessing.process.BaseProcess) -> None:
    if process.is_alive():
        process.kill()
    process.join()


def call_limited(
    task: Callable[[], bytes],
    *,
    timeout: float | None = None,
    memory: int | None = None,
    source: str = "query",
) -> bytes:
    """Run ``task`` and return its bytes; stop it at ``timeout`` seconds or ``memory`` bytes.

    Parameters
    ----------
    task : callable
        Returns the answer as bytes. With a limit it runs in a forked process, so it must not
        change anything the caller relies on (the changes stay in the worker).
    timeout : float, optional
        Seconds the task may run; ``None`` for no limit.
    memory : int, optional
        Bytes the worker's resident memory may grow by; ``None`` for no limit.
    source : str
        The query's name, for messages.

    Raises
    ------
    QueryTimeout
        The task ran past ``timeout``; the worker was killed.
    QueryMemoryExceeded
        The worker grew by more than ``memory``; it was killed.
    Exception
        Whatever the task raised, raised again here.
    """
    if (timeout is None and memory is None) or not can_fork():
        return task()
    baseline = _resident("self") or 0
    receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_work, args=(task, sender, timeout, os.getpid()), name=f"hubspoke {source}"
    )
    process.daemon = True
    started = time.monotonic()
    process.start()
    sender.close()
    try:
        _wait(receiver.poll, process.pid, baseline, started, timeout, memory, source)
        try:
            message = receiver.recv_bytes()
        except EOFError:
            process.join()
            raise QueryError(
                f"{source}: the query's worker process ended without an answer "
                f"({_how(process.exitcode)})"
            ) from None
    finally:
        receiver.close()
        _stop(process)
    if message[:1] == _FAILED:
        raise pickle.loads(message[1:])
    return message[1:]


def _how(code: int | None) -> str:
    return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"


def _wait(
    ready: Callable[[float], bool],
    pid: int | None,
    baseline: int,
    started: float,
    timeout: float | None,
    memory: int | None,
    source: str,
) -> None:
    """Return once ``ready(wait)`` is true; raise once ``timeout`` or ``memory`` is passed.

    The caller kills the worker on the way out.
    """
    while True:
        wait = _POLL
        if timeout is not None:
            left = started + timeout - time.monotonic()
            if left <= 0:
                raise QueryTimeout(
                    f"{source}: stopped after {timeout:g} s - narrow the query or raise --timeout"
                )
            wait = min(wait, left)
        if ready(wait):
            return
        if memory is not None and pid is not None:
            used = _resident(pid)
            if used is not None and used - baseline > memory:
                raise QueryMemoryExceeded(
                    f"{source}: stopped after using more than {memory / (1 << 20):,.0f} MiB "
                    "of memory - narrow the query (a LIMIT, fewer joins) or raise --memory"
                )


def run_limited(
    program: list[str],
    data: bytes,
    *,
    timeout: float | None = None,
    memory: int | None = None,
    source: str = "query",
) -> bytes:
    """Run ``program`` with ``data`` on its standard input; return its standard output.

    The program is killed at ``timeout`` seconds or once its resident memory is more than
    ``memory`` bytes (it starts small: it is not a copy of this process). A program that fails
    (exit code not 0) raises :class:`QueryError` with the last line it wrote to standard error.

    >>> import sys
    >>> run_limited([sys.executable, "-c", "import sys; print(sys.stdin.read()[::-1])"], b"olleh")
    b'hello\\n'
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(program, stdin=subprocess.PIPE, stdout=out, stderr=err)
        started = time.monotonic()
        try:
            assert process.stdin is not None
            process.stdin.write(data)
            process.stdin.close()

            def ended(wait: float) -> bool:
                try:
                    process.wait(wait)
                except subprocess.TimeoutExpired:
                    return False
                return True

            _wait(ended, process.pid, 0, started, timeout, memory, source)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
        if process.returncode != 0:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else _how(process.returncode)
            raise QueryError(f"{source}: {reason}")
        out.seek(0)
        return out.read()
