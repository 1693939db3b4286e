"""What the command line prints is safe for a terminal: no control character reaches it raw.

A label holding ``\\u001B[2J`` (clear the screen) or ``\\u009B`` would be run by the terminal
if printed as it is. :func:`printable` writes such characters as escapes (``\\x1b``), and
:func:`printable_streams` makes every ``print`` of a command go through it. Tabs and line
breaks pass.

Examples
--------
>>> printable("Hostile\\x1b[31m Trust\\u009b2J\\x00")
'Hostile\\\\x1b[31m Trust\\\\x9b2J\\\\x00'
>>> printable("two\\nlines\\tand a tab, été")
'two\\nlines\\tand a tab, été'
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, TextIO

__all__ = ["printable", "printable_streams"]

_CONTROL = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
_ESCAPES = {code: f"\\x{code:02x}" for code in _CONTROL} | {
    0xFFFE: "\\ufffe",
    0xFFFF: "\\uffff",
}


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (see the module notes)."""
    return text.translate(_ESCAPES)


class _Printable:
    """A text stream that escapes control characters on their way to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(printable(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextlib.contextmanager
def printable_streams() -> Iterator[None]:
    """Escape control characters in everything written to stdout and stderr meanwhile."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(out), _Printable(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
