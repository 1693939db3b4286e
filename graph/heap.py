"""Give memory the program has freed back to the system, where the C allocator keeps it.

Oxigraph (Rust) and SQLite take their memory from the C library's ``malloc``. When they free
it, glibc keeps most of it in its free lists, still resident, for later requests; Python's
own objects live elsewhere (its object allocator's arenas), so that memory is never reused
for them. An export frees a good deal this way: the million triples it redacts and sorts
leave about 250 MB free in glibc's lists at 1M triples, held for the rest of the export and,
once the process forks, reused by the child (each page it writes then copied, so held
twice). :func:`give_back` returns it (glibc's ``malloc_trim``; a few hundredths of a second).

Where the C library has no ``malloc_trim`` (macOS, musl, Windows) nothing is done.

Examples
--------
>>> give_back() in (True, False)
True
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from functools import cache

__all__ = ["give_back"]


@cache
def _trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or ``None`` where the C library has none."""
    try:
        program = ctypes.CDLL(None)  # the running program and the C library it was linked with
    except (OSError, TypeError):  # no C library to open by that means (Windows)
        return None
    trim = getattr(program, "malloc_trim", None)
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim  # type: ignore[no-any-return]


def give_back() -> bool:
    """Return the C allocator's free memory to the system; True if any was returned.

    Freed memory inside the allocator's heap (not only at its top) goes back to the system
    a page at a time; what is still in use is not touched, so it is always safe to call.
    """
    trim = _trim()
    return bool(trim(0)) if trim is not None else False
