"""Which codes are applied together: counts, Jaccard and c-coefficients, and the quotes.

Two codes co-occur on a statement coded with both. For codes *A* and *B* applied to
:math:`n_A` and :math:`n_B` statements, :math:`n_{AB}` of them the same:

- ``count``: :math:`n_{AB}`;
- ``jaccard``: :math:`|A \\cap B| / |A \\cup B|`, computed on the sets of statements;
- ``c``: the c-coefficient of ATLAS.ti and quantitative content analysis,
  :math:`n_{AB} / (n_A + n_B - n_{AB})`, computed from the counts: 0 when the codes never
  co-occur, 1 when they always do.

In tools where quotations may overlap, a co-occurrence can be counted between two
quotations, and the c-coefficient then differs from the Jaccard index of the quotations. Here
every quotation is one statement and statements do not overlap, so the two agree; both are
given so that figures can be compared with either tradition. Like the c-coefficient, both
are small for a pair of codes of very different frequencies even when the rarer code nearly
always comes with the other: look at the counts too.

Codes are counted as coded, not rolled up: a statement coded "worker safety and wellbeing"
is not counted for its broader code "workforce and staffing".

Examples
--------
>>> c_coefficient(100, 10, 5)  # ATLAS.ti's example: 5 / (100 + 10 - 5)
0.047619047619047616
>>> jaccard({"s1", "s2", "s3"}, {"s2", "s3", "s4"})
0.5
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from graph.errors import HubspokeError
from graph.query.tables import Table
from graph.rdf.namespaces import curie
from graph.research.corpus import Corpus
from graph.research.statements import statement_table

__all__ = [
    "MEASURES",
    "Cooccurrence",
    "c_coefficient",
    "cooccurrence",
    "jaccard",
    "pair_table",
]

#: The measures of co-occurrence.
MEASURES = ("count", "jaccard", "c")


def c_coefficient(n1: int, n2: int, n12: int) -> float:
    """The c-coefficient of two codes applied ``n1`` and ``n2`` times, ``n12`` together.

    >>> c_coefficient(4, 2, 2), c_coefficient(3, 3, 0), c_coefficient(0, 0, 0)
    (0.5, 0.0, 0.0)
    """
    if n12 < 0 or n12 > min(n1, n2):
        raise ValueError(f"co-occurrences ({n12}) must be between 0 and min({n1}, {n2})")
    denominator = n1 + n2 - n12
    return n12 / denominator if denominator else 0.0


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """The Jaccard index of two sets of statements: shared over all (0 for two empty sets)."""
    first, second = set(a), set(b)
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _check_measure(measure: str) -> str:
    if measure not in MEASURES:
        raise HubspokeError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    return measure


@dataclass
class Cooccurrence:
    """The statements of each code of a set of codes, and what they share."""

    corpus: Corpus
    #: code IRI -> the statements coded with it (codes with at least one statement)
    coded: dict[str, set[str]]
    title: str = "co-occurrence"

    @property
    def codes(self) -> list[str]:
        """The codes, sorted by label."""
        return sorted(self.coded, key=lambda c: (self.corpus.label(c).lower(), c))

    def count(self, a: str, b: str) -> int:
        """How many statements are coded with both ``a`` and ``b``."""
        return len(self.coded.get(a, set()) & self.coded.get(b, set()))

    def value(self, a: str, b: str, measure: str = "count") -> float | int:
        """The co-occurrence of ``a`` and ``b`` by ``measure`` (see :data:`MEASURES`)."""
        first, second = self.coded.get(a, set()), self.coded.get(b, set())
        if _check_measure(measure) == "count":
            return len(first & second)
        if measure == "jaccard":
            return jaccard(first, second)
        return c_coefficient(len(first), len(second), len(first & second))

    def pairs(self, measure: str = "count", *, minimum: int = 1) -> Table:
        """Every pair of codes sharing at least ``minimum`` statements, strongest first."""
        _check_measure(measure)
        records: list[dict[str, Any]] = []
        for a, b in combinations(self.codes, 2):
            shared = self.count(a, b)
            if shared < minimum:
                continue
            records.append(
                {
                    "code_a": curie(a),
                    "code_a_label": self.corpus.label(a),
                    "code_b": curie(b),
                    "code_b_label": self.corpus.label(b),
                    "statements_a": len(self.coded[a]),
                    "statements_b": len(self.coded[b]),
                    "count": shared,
                    "jaccard": round(jaccard(self.coded[a], self.coded[b]), 4),
                    "c": round(self.value(a, b, "c"), 4),
                }
            )
        records.sort(key=lambda r: (-r[measure], r["code_a_label"], r["code_b_label"]))
        columns = list(records[0]) if records else [
            "code_a", "code_a_label", "code_b", "code_b_label",
            "statements_a", "statements_b", "count", "jaccard", "c",
        ]  # fmt: skip
        return Table(columns, records, title=f"{self.title}: pairs by {measure}")

    def matrix(self, measure: str = "count") -> Table:
        """The code-by-code matrix: one row per code (id, label, statements coded), one
        column per code (its CURIE), the diagonal left empty."""
        _check_measure(measure)
        codes = self.codes
        records = []
        for a in codes:
            record: dict[str, Any] = {
                "code": curie(a),
                "code_label": self.corpus.label(a),
                "statements": len(self.coded[a]),
            }
            for b in codes:
                value = None if a == b else self.value(a, b, measure)
                record[curie(b)] = round(value, 4) if isinstance(value, float) else value
            records.append(record)
        columns = ["code", "code_label", "statements", *(curie(c) for c in codes)]
        return Table(columns, records, title=f"{self.title}: {measure}")

    def to_dataframe(self, measure: str = "count") -> Any:
        """The matrix as a pandas DataFrame (pandas is an optional extra)."""
        return self.matrix(measure).to_dataframe()

    def _repr_html_(self) -> str:
        return self.pairs("count")._repr_html_()


def cooccurrence(corpus: Corpus, scheme: str | None = "topics") -> Cooccurrence:
    """The co-occurrence of the codes of ``scheme`` (by name; ``None`` for every scheme)."""
    wanted = corpus.resolve_scheme(scheme) if scheme else None
    coded: dict[str, set[str]] = {}
    for statement, pairs in corpus.codings.items():
        for _, code in pairs:
            if wanted is None or corpus.codes[code].scheme == wanted:
                coded.setdefault(code, set()).add(statement)
    title = f"co-occurrence of {corpus.label(wanted)}" if wanted else "co-occurrence of codes"
    return Cooccurrence(corpus, coded, title)


def pair_table(corpus: Corpus, a: str, b: str) -> Table:
    """The statements coded with both codes ``a`` and ``b`` (by name), verbatim with their
    source, in reading order.

    >>> from graph.kg import load
    >>> kg = load()
    >>> both = pair_table(Corpus.from_graph(kg.graph, kg.labels), "supervision", "risk")
    >>> both.column("id"), both[0]["document_label"][:22]
    (['le2015:line-103'], 'CSE Hub and Spoke Eval')
    """
    first, second = corpus.resolve_code(a), corpus.resolve_code(b)
    shared = {
        s
        for s, pairs in corpus.codings.items()
        if first in {c for _, c in pairs} and second in {c for _, c in pairs}
    }
    title = f"coded with both {corpus.label(first)} and {corpus.label(second)}"
    return statement_table(corpus, within=shared, title=title)
