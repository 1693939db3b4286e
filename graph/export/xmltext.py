"""Text made safe for XML 1.0, written by hand for the streaming GraphML and GEXF writers.

A character that XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE, U+FFFF) would
make a file that no parser opens, so it becomes U+FFFD (the replacement character) instead;
markup characters are escaped, and in attribute values so are tabs and line breaks (a parser
would otherwise read them as spaces).

Examples
--------
>>> attribute('say "a < b" & go')
'say &quot;a &lt; b&quot; &amp; go'
>>> attribute("two\\nlines")
'two&#10;lines'
>>> text("bell\\x07 <b>")
'bell\\ufffd &lt;b&gt;'
>>> nmtoken("full view!")
'full_view_'
>>> number(1.0), number(3), number(True)
('1.0', '3', 'true')
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "attribute",
    "filled_values",
    "nmtoken",
    "number",
    "text",
    "type_name",
]

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]")


def _allowed(value: str) -> str:
    return _FORBIDDEN.sub("\ufffd", value) if _FORBIDDEN.search(value) else value


@lru_cache(maxsize=8192)
def text(value: str) -> str:
    """``value`` as element content (values repeat in a view, so the last ones are cached)."""
    if not _TEXT_SPECIAL.search(value):
        return value
    value = _allowed(value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


@lru_cache(maxsize=8192)
def attribute(value: str) -> str:
    """``value`` as an attribute value between double quotes."""
    if not _ATTRIBUTE_SPECIAL.search(value):
        return value
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def nmtoken(value: str) -> str:
    """``value`` with every character an ``xs:NMTOKEN`` does not allow replaced by ``_``."""
    return _NOT_NAME.sub("_", value) or "_"


def number(value: object) -> str:
    """A bool, int or float as XML Schema writes it (``true``, ``3``, ``1.5``, ``INF``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return str(value)


def type_name(kinds: Collection[type]) -> str:
    """The narrowest of ``boolean``, ``long``, ``double`` and ``string`` that holds values of
    the Python types ``kinds`` (a column's types, gathered once, decide its XML type without
    keeping its values).

    >>> type_name({bool}), type_name({int}), type_name({int, float}), type_name({int, str})
    ('boolean', 'long', 'double', 'string')
    >>> type_name({bool, int}), type_name(set())
    ('string', 'string')
    """
    if not kinds:
        return "string"
    if all(issubclass(k, bool) for k in kinds):
        return "boolean"
    if any(issubclass(k, bool) or not issubclass(k, int | float) for k in kinds):
        return "string"
    return "long" if all(issubclass(k, int) for k in kinds) else "double"


def filled_values(
    data: Mapping[str, Any],
    columns: Iterable[tuple[str, str, str, str]],
    escape: Callable[[str], str],
) -> Iterator[str]:
    """The elements of ``data``'s values for ``columns`` (``name, opening, kind, closing``),
    each value that is neither ``None`` nor empty between its column's opening and closing:
    ``escape`` d text in a ``string`` column, a number as :func:`number` writes it otherwise.

    >>> columns = [("label", "<l>", "string", "</l>"), ("weight", "<w>", "double", "</w>")]
    >>> list(filled_values({"label": "a & b", "weight": 2.0}, columns, text))
    ['<l>a &amp; b</l>', '<w>2.0</w>']
    >>> list(filled_values({"label": "", "weight": None}, columns, text))
    []
    """
    for name, opening, kind, closing in columns:
        value = data.get(name)
        if value is not None and value != "":
            shown = escape(str(value)) if kind == "string" else number(value)
            yield opening + shown + closing
