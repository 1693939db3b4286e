"""Render rows as a terminal table, CSV, JSON or Markdown.

CSV and JSON are for machines: every value in full, no colours, no padding, and each column
that holds IRIs comes twice, as the IRI (``topic``) and as its label (``topic_label``).
The terminal table and Markdown show labels in place of IRIs; only the terminal table cuts
long cells (to ``max_width`` characters, ending in ``…``).

Examples
--------
>>> from rdflib import Literal, URIRef
>>> r = QueryResult(["s", "n"], [{"s": URIRef("urn:x"), "n": Literal(3)}], {"urn:x": "Ex"})
>>> print(render(r, "csv"), end="")
s,s_label,n
urn:x,Ex,3
>>> print(render(r, "table"), end="")
s   n
--  -
Ex  3
>>> print(render_records(["a"], [{"a": "x|y"}], "markdown"), end="")
| a |
|---|
| x\\|y |
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from rdflib import URIRef

from graph.errors import HubspokeError
from graph.query.results import QueryResult

__all__ = [
    "DEFAULT_MAX_WIDTH",
    "FORMATS",
    "MACHINE_FORMATS",
    "machine_records",
    "render",
    "render_records",
]

#: The output formats every command that prints rows understands.
FORMATS = ("table", "csv", "json", "markdown")

#: The formats for machines: every value in full, nothing but the rows on standard output.
MACHINE_FORMATS = frozenset({"csv", "json"})

#: Longest cell of the terminal table before it is cut.
DEFAULT_MAX_WIDTH = 70


def machine_records(result: QueryResult) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows for CSV and JSON: IRIs in full, each IRI column followed by its labels.

    >>> from rdflib import URIRef
    >>> machine_records(QueryResult(["s"], [{"s": URIRef("urn:x")}], {"urn:x": "Ex"}))
    (['s', 's_label'], [{'s': 'urn:x', 's_label': 'Ex'}])
    """
    iri_columns = {
        c for c in result.columns if any(isinstance(r.get(c), URIRef) for r in result.rows)
    }
    columns: list[str] = []
    for c in result.columns:
        columns.append(c)
        if c in iri_columns:
            columns.append(f"{c}_label")
    records: list[dict[str, Any]] = []
    for row in result.rows:
        record: dict[str, Any] = {}
        for c in result.columns:
            term = row.get(c)
            record[c] = result.display(term, labels=False)
            if c in iri_columns:
                record[f"{c}_label"] = (
                    result.display(term, labels=True) if isinstance(term, URIRef) else None
                )
        records.append(record)
    return columns, records


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _table(columns: Sequence[str], records: Sequence[Mapping[str, Any]], max_width: int) -> str:
    cells = [[_cut(_one_line(_cell(r.get(c))), max_width) for c in columns] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells)
    if not records:
        lines.append("(no rows)")
    return "\n".join(lines) + "\n"


def _markdown(columns: Sequence[str], records: Sequence[Mapping[str, Any]]) -> str:
    def esc(value: Any) -> str:
        return _one_line(_cell(value)).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(esc(c) for c in columns) + " |"]
    lines.append("|" + "|".join("---" for _ in columns) + "|")
    lines.extend("| " + " | ".join(esc(r.get(c)) for c in columns) + " |" for r in records)
    return "\n".join(lines) + "\n"


def _csv(columns: Sequence[str], records: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for r in records:
        writer.writerow({c: _cell(r.get(c)) for c in columns})
    return out.getvalue()


def _json(columns: Sequence[str], records: Sequence[Mapping[str, Any]]) -> str:
    rows = [{c: r.get(c) for c in columns} for r in records]
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"


def render_records(
    columns: Sequence[str],
    records: Sequence[Mapping[str, Any]],
    fmt: str = "table",
    *,
    max_width: int = DEFAULT_MAX_WIDTH,
) -> str:
    """Render plain rows (dictionaries of strings and numbers) in ``fmt``.

    Raises
    ------
    HubspokeError
        ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "table":
        return _table(columns, records, max_width)
    if fmt == "markdown":
        return _markdown(columns, records)
    if fmt == "csv":
        return _csv(columns, records)
    if fmt == "json":
        return _json(columns, records)
    raise HubspokeError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(result: QueryResult, fmt: str = "table", *, max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """Render a query result: labels for people (table, markdown), IRIs and labels for machines."""
    if fmt in MACHINE_FORMATS:
        columns, records = machine_records(result)
        return render_records(columns, records, fmt)
    return render_records(result.columns, result.records(labels=True), fmt, max_width=max_width)
