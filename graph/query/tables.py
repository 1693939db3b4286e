"""Tables of plain values: the common form of every result, for pandas, notebooks and files.

A :class:`Table` holds named columns and rows of plain Python values (strings, numbers, lists
of strings for multi-valued cells). Every column that names an entity comes with its label:
an id column ``X`` (a CURIE, or an IRI) is followed by ``X_label``. The same table becomes a
pandas DataFrame (:meth:`Table.to_dataframe`; pandas is an optional extra, ``pip install
hubspoke[frames]``), an HTML table in a notebook (:meth:`Table._repr_html_`, every value
escaped) or rows for CSV, JSON and the terminal.

Examples
--------
>>> t = Table(["id", "id_label", "n"], [{"id": "topic:funding", "id_label": "funding", "n": 3}])
>>> t.column("n")
[3]
>>> "<td>funding</td>" in t._repr_html_()
True
>>> t.to_dataframe().loc[0, "id_label"]
'funding'
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HTML_ROWS", "Table", "html_table", "to_dataframe"]

#: Rows a notebook shows before saying how many more there are.
HTML_ROWS = 50


def to_dataframe(columns: Sequence[str], records: Sequence[Mapping[str, Any]]) -> Any:
    """A pandas DataFrame of ``records`` with ``columns`` in order.

    Raises
    ------
    ImportError
        pandas is not installed (it is an optional extra: ``pip install hubspoke[frames]``).
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "a DataFrame needs pandas, an optional extra: pip install 'hubspoke[frames]' "
            "(or pip install pandas)"
        ) from exc
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in records], columns=list(columns))


def _html_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(html.escape(str(v)) for v in value)
    if isinstance(value, float):
        return html.escape(f"{value:.6g}")
    return html.escape(str(value))


def html_table(
    columns: Sequence[str], records: Sequence[Mapping[str, Any]], *, limit: int = HTML_ROWS
) -> str:
    """An HTML table of the first ``limit`` rows, every value escaped, and the row count.

    >>> print(html_table(["a"], [{"a": "<i>x</i>"}]))
    <table class="hubspoke"><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;i&gt;x&lt;/i&gt;</td></tr></tbody></table><p>1 row</p>
    """
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_cell(r.get(c))}</td>" for c in columns) + "</tr>"
        for r in records[:limit]
    )
    count = f"{len(records)} row" + ("" if len(records) == 1 else "s")
    if len(records) > limit:
        count += f", the first {limit} shown"
    return (
        f'<table class="hubspoke"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<p>{count}</p>"
    )


@dataclass
class Table:
    """Named columns and rows of plain values, with an optional title.

    ``records`` are dictionaries keyed by column; a multi-valued cell is a list. Iterating
    gives the records.
    """

    columns: list[str]
    records: list[dict[str, Any]] = field(default_factory=list)
    title: str = ""

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.records)

    def __getitem__(self, index: int) -> dict[str, Any]:
        return self.records[index]

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        return [r.get(name) for r in self.records]

    def to_dataframe(self) -> Any:
        """The table as a pandas DataFrame (pandas is an optional extra)."""
        return to_dataframe(self.columns, self.records)

    def _repr_html_(self) -> str:
        """The table as HTML: how a notebook shows it."""
        caption = f"<p><b>{html.escape(self.title)}</b></p>" if self.title else ""
        return caption + html_table(self.columns, self.records)
