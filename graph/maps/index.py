"""The ``index.html`` that lists the standard maps and links to each.

Examples
--------
>>> entry = MapEntry("partnership.html", "Partnership <network>", "Who works with whom.", 30, 34)
>>> html = render_index([entry])
>>> 'href="partnership.html"' in html, "Partnership &lt;network&gt;" in html
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.atomic import write_text
from graph.maps.templating import template

__all__ = ["MapEntry", "render_index", "write_index"]


@dataclass(frozen=True)
class MapEntry:
    """One map in the index: its file (relative to the index), title, description and size."""

    file: str
    title: str
    description: str
    nodes: int
    edges: int
    grouped_by: str | None = None


def render_index(entries: Sequence[MapEntry], *, title: str = "Hub and Spoke maps") -> str:
    """The HTML of an index page linking ``entries`` (relative links only, no script)."""
    return template("index.html.j2").render(title=title, entries=list(entries))


def write_index(
    path: Path, entries: Sequence[MapEntry], *, title: str = "Hub and Spoke maps"
) -> Path:
    """Write the index page to ``path`` atomically and return ``path``."""
    return write_text(Path(path), render_index(entries, title=title))
