"""The maps' packaged templates and inlined assets (our script and style, vendored vis-network).

Examples
--------
>>> "vis-network" in asset("vendor", "vis-network.min.js")[:200]
True
>>> template("index.html.j2").environment.autoescape
True
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

from graph.errors import ExportError

__all__ = ["asset", "template"]

_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S*\s*$")


@cache
def asset(folder: str, name: str) -> str:
    """The text of ``graph/maps/FOLDER/NAME``, ready to inline in a ``<script>`` or ``<style>``.

    A trailing source-map comment is dropped (developer tools would look for that file).

    Raises
    ------
    ExportError
        The text contains ``</script`` (for .js) or ``</style`` (for .css) and would end its
        element early.
    """
    text = (files("graph.maps") / folder / name).read_text(encoding="utf-8")
    text = _SOURCE_MAP.sub("\n", text)
    closing = "</script" if name.endswith(".js") else "</style"
    if closing in text.lower():
        raise ExportError(
            f"graph/maps/{folder}/{name} contains {closing!r} and cannot be inlined; "
            "escape it in the source (e.g. '<\\/script')"
        )
    return text


@cache
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("graph.maps", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def template(name: str) -> Any:
    """The Jinja2 template ``graph/maps/templates/NAME``, with autoescaping on."""
    return _environment().get_template(name)
