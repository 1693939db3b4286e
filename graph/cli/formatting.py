"""Render rows as a terminal table, CSV, JSON or Markdown.

CSV and JSON are for machines: every value in full, no colours, no padding, and each column
that holds IRIs comes twice, as the IRI (``topic``) and as its label (``topic_label``).
The terminal table and Markdown show labels in place of IRIs. The terminal table (drawn with
rich) fits the terminal's width and wraps long cells onto more lines: a quote is never cut.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> r = QueryResult(["s", "n"], [{"s": URIRef("urn:x"), "n": Literal(3)}], {"urn:x": "Ex"})
>>> print(render(r, "csv"), end="")
s,s_label,n
urn:x,Ex,3
>>> print(render(r, "table"), end="")
s   n
--- -
Ex  3
>>> print(render_records(["id", "text"], [{"id": "a", "text": "the quote wraps [whole]"}],
...                      width=20), end="")
id  text
--- ----------------
a   the quote wraps
    [whole]
>>> print(render_records(["a"], [{"a": "x|y"}], "markdown"), end="")
| a |
|---|
| x\\|y |
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping, Sequence
from typing import Any

from rdflib import URIRef
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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

#: Widest column of the terminal table (``None``: as wide as the terminal allows); longer
#: cells wrap onto more lines, they are never cut.
DEFAULT_MAX_WIDTH: int | None = None


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
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _width() -> int:
    """The terminal's width (``$COLUMNS``, else the terminal, else 100 characters)."""
    return max(shutil.get_terminal_size((100, 24)).columns, 40)


# no lines but the rule under the header: columns are set apart by spaces
_RULE_UNDER_HEADER = box.Box("    \n    \n -  \n    \n    \n    \n    \n    \n")


def _table(
    columns: Sequence[str],
    records: Sequence[Mapping[str, Any]],
    max_width: int | None,
    width: int | None = None,
) -> str:
    table = Table(
        box=_RULE_UNDER_HEADER,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
        header_style="",
    )
    cells = [[_one_line(_cell(r.get(c))) for c in columns] for r in records]
    total = width or _width()
    # a column of single words (ids, numbers) keeps them whole, up to 60 characters, as long
    # as every other column keeps 12 characters; else ids fold too, and no column is lost
    keep: list[int | None] = []
    for i, c in enumerate(columns):
        whole = all(" " not in row[i] for row in cells)
        keep.append(min(max([len(row[i]) for row in cells] + [len(c)]), 60) if whole else None)
    needed = sum(k if k is not None else 12 for k in keep) + 2 * len(columns)
    if needed > total:
        keep = [None] * len(columns)
    for c, least in zip(columns, keep):
        table.add_column(Text(c), overflow="fold", max_width=max_width, min_width=least)
    for row in cells:
        # Text, not markup: "[e-mail withheld]" and other brackets print as they are
        table.add_row(*(Text(value) for value in row))
    out = io.StringIO()
    console = Console(
        file=out,
        width=total,
        color_system=None,
        force_terminal=False,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    console.print(table)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
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
    max_width: int | None = DEFAULT_MAX_WIDTH,
    width: int | None = None,
) -> str:
    """Render plain rows (dictionaries of strings, numbers and lists) in ``fmt``.

    A table is ``width`` characters wide at most (default: the terminal's width); a list
    is written as its items joined by ``"; "`` in a table, Markdown and CSV, and as a list
    in JSON.

    Raises
    ------
    HubspokeError
        ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "table":
        return _table(columns, records, max_width, width)
    if fmt == "markdown":
        return _markdown(columns, records)
    if fmt == "csv":
        return _csv(columns, records)
    if fmt == "json":
        return _json(columns, records)
    raise HubspokeError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def render(
    result: QueryResult, fmt: str = "table", *, max_width: int | None = DEFAULT_MAX_WIDTH
) -> str:
    """Render a query result: labels for people (table, markdown), IRIs and labels for machines."""
    if fmt in MACHINE_FORMATS:
        columns, records = machine_records(result)
        return render_records(columns, records, fmt)
    return render_records(result.columns, result.records(labels=True), fmt, max_width=max_width)
