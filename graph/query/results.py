"""Query results as rows of RDF terms, with labels for display and machine-clean output.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> r = QueryResult(["s", "n"], [{"s": URIRef("urn:x"), "n": Literal(3)}], {"urn:x": "Ex"})
>>> r.records()
[{'s': 'Ex', 'n': 3}]
>>> r.records(labels=False)
[{'s': 'urn:x', 'n': 3}]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.query.tables import Table, to_dataframe
from graph.rdf.namespaces import curie

__all__ = ["QueryResult", "python_value"]


def python_value(term: Node | None) -> Any:
    """A plain Python value for a term: literals become their value, IRIs strings."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Literal) or not isinstance(value, (int, float, bool, str)):
            return str(term)  # dates, years and unknown datatypes as their lexical form
        return value
    return str(term)


@dataclass
class QueryResult:
    """The rows of a SELECT query, with the labels of the IRIs it returned.

    ``rows`` keep the RDF terms; :meth:`records` gives plain values, with labels in place of
    IRIs by default; :meth:`to_table` gives ids and labels side by side, :meth:`to_dataframe`
    the same as a pandas DataFrame (pandas is optional).
    """

    columns: list[str]
    rows: Sequence[dict[str, Node | None]]
    labels: Mapping[str, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def display(self, term: Node | None, *, labels: bool = True) -> Any:
        """One value for display: an IRI's label (or CURIE), a literal's value."""
        if isinstance(term, URIRef):
            if labels and str(term) in self.labels:
                return self.labels[str(term)]
            return curie(term) if labels else str(term)
        return python_value(term)

    def records(self, *, labels: bool = True) -> list[dict[str, Any]]:
        """Rows as dictionaries of plain values (labels instead of IRIs unless ``labels=False``)."""
        return [{c: self.display(r.get(c), labels=labels) for c in self.columns} for r in self.rows]

    def column(self, name: str, *, labels: bool = True) -> list[Any]:
        """The values of one column, in row order."""
        return [self.display(r.get(name), labels=labels) for r in self.rows]

    def to_table(self) -> Table:
        """The rows as a :class:`~graph.query.tables.Table`: each column that holds IRIs as
        the IRI (``statement``) followed by its label (``statement_label``), literals as values.

        >>> from rdflib import Literal, URIRef
        >>> r = QueryResult(["s", "n"], [{"s": URIRef("urn:x"), "n": Literal(3)}], {"urn:x": "Ex"})
        >>> r.to_table().records
        [{'s': 'urn:x', 's_label': 'Ex', 'n': 3}]
        """
        iri_columns = {
            c for c in self.columns if any(isinstance(r.get(c), URIRef) for r in self.rows)
        }
        columns: list[str] = []
        for c in self.columns:
            columns += [c, f"{c}_label"] if c in iri_columns else [c]
        records = []
        for row in self.rows:
            record: dict[str, Any] = {}
            for c in self.columns:
                term = row.get(c)
                record[c] = self.display(term, labels=False)
                if c in iri_columns:
                    record[f"{c}_label"] = (
                        self.display(term, labels=True) if isinstance(term, URIRef) else None
                    )
            records.append(record)
        return Table(columns, records)

    def to_dataframe(self, *, labels: bool | None = None) -> Any:
        """The rows as a pandas DataFrame (pandas is an optional extra: ``hubspoke[frames]``).

        By default each IRI column comes twice, as the IRI and as its label
        (``statement``, ``statement_label``: see :meth:`to_table`); ``labels=True`` gives the
        labels only and ``labels=False`` the IRIs only.
        """
        if labels is None:
            return self.to_table().to_dataframe()
        return to_dataframe(self.columns, self.records(labels=labels))

    def _repr_html_(self) -> str:
        """The rows as an HTML table: how a notebook shows a result."""
        return self.to_table()._repr_html_()

    @classmethod
    def from_rows(
        cls,
        columns: Sequence[str],
        rows: Sequence[dict[str, Node | None]],
        labels: Mapping[str, str],
    ) -> QueryResult:
        """Build a result whose ``labels`` are those of the IRIs that occur in ``rows``.

        Nothing is read until it is used: the rows (which may keep pyoxigraph's terms until
        read, see :class:`~graph.query.native.TermRows`) are not scanned for their IRIs until
        the labels are listed; a label is looked up in ``labels`` when it is displayed.
        """
        return cls(list(columns), rows, _UsedLabels(rows, labels))


class _UsedLabels(Mapping[str, str]):
    """The labels of the IRIs used in some rows: looked up in all labels, listed lazily."""

    def __init__(self, rows: Sequence[dict[str, Node | None]], labels: Mapping[str, str]) -> None:
        self._rows, self._all = rows, labels
        self._used: dict[str, str] | None = None

    def _listed(self) -> dict[str, str]:
        if self._used is None:
            # the IRIs used (a few), not every label of the graph (a million)
            used = {str(v) for r in self._rows for v in r.values() if isinstance(v, URIRef)}
            self._used = {k: self._all[k] for k in sorted(used) if k in self._all}
        return self._used

    def __getitem__(self, key: str) -> str:
        if self._used is not None:
            return self._used[key]
        return self._all[key]

    def __contains__(self, key: object) -> bool:
        return key in self._used if self._used is not None else key in self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._listed())

    def __len__(self) -> int:
        return len(self._listed())

    def __repr__(self) -> str:
        return repr(self._listed())
