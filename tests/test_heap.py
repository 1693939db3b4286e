"""Memory that Oxigraph and SQLite free goes back to the system before an export forks."""

from __future__ import annotations

import os

import pytest

from graph import heap
from graph.export import aside


def _resident_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(
    heap._trim() is None or not os.path.exists("/proc/self/statm"),
    reason="needs glibc's malloc_trim and /proc",
)
def test_memory_the_c_allocator_keeps_free_goes_back_to_the_system() -> None:
    blocks = [b"x" * 65536 for _ in range(800)]  # 50 MiB from malloc, each block under mmap's size
    pin = b"y" * 65536  # above them: their memory is no longer the top of the heap, so it stays
    heap.give_back()
    held = _resident_mib()
    del blocks
    assert _resident_mib() > held - 10  # freed, but kept by the allocator
    assert heap.give_back() is True
    assert _resident_mib() < held - 40
    del pin


def test_the_allocators_free_memory_is_given_back_before_each_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    real = heap.give_back
    monkeypatch.setattr(aside, "give_back", lambda: calls.append(os.getpid()) or real())
    # forked whatever threads earlier tests left (the work here takes no lock)
    monkeypatch.setattr(aside, "_can_fork", lambda: hasattr(os, "fork"))
    wait = aside.start(lambda: 42)
    assert wait() == 42
    assert calls == [os.getpid()]  # in the parent, before the fork
