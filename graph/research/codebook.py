"""The codebook: every code with its scheme, labels, definition, hierarchy, use and an example.

One row per concept of a concept scheme (topics, target groups, agency types, roles, ...):
``statements`` counts the statements coded with the code itself, ``statements_with_narrower``
those coded with it or a code below it, and ``example`` quotes the first of them in reading
order (``example_id`` says which statement it is).

Examples
--------
>>> from graph.kg import load
>>> from graph.research.corpus import Corpus
>>> kg = load()
>>> book = codebook_table(Corpus.from_graph(kg.graph, kg.labels), scheme="topics")
>>> row = next(r for r in book if r["id"] == "topic:supervision")
>>> row["label"], row["statements"], row["example_id"]
('supervision', 3, 'le2015:line-103')
>>> row["broader_label"], row["scheme_label"]
([], 'topics')
"""

from __future__ import annotations

from typing import Any

from graph.query.tables import Table
from graph.rdf.namespaces import curie
from graph.research.corpus import Code, Corpus

__all__ = ["CODEBOOK_COLUMNS", "codebook_table"]

#: The columns of the codebook, in order.
CODEBOOK_COLUMNS = [
    "id",
    "iri",
    "label",
    "scheme",
    "scheme_label",
    "alt_labels",
    "definition",
    "broader",
    "broader_label",
    "narrower",
    "narrower_label",
    "statements",
    "statements_with_narrower",
    "example_id",
    "example",
]


def _record(corpus: Corpus, code: Code, coded: dict[str, set[str]]) -> dict[str, Any]:
    narrower = sorted(c.iri for c in corpus.codes.values() if code.iri in c.broader)
    direct = coded.get(code.iri, set())
    within: set[str] = set()
    for below in corpus.narrower_or_self(code.iri):
        within |= coded.get(below, set())
    first = corpus.ordered(direct or within)[:1]
    return {
        "id": curie(code.iri),
        "iri": code.iri,
        "label": code.label,
        "scheme": curie(code.scheme),
        "scheme_label": corpus.label(code.scheme),
        "alt_labels": list(code.alt_labels),
        "definition": code.definition,
        "broader": [curie(b) for b in code.broader],
        "broader_label": [corpus.label(b) for b in code.broader],
        "narrower": [curie(n) for n in narrower],
        "narrower_label": [corpus.label(n) for n in narrower],
        "statements": len(direct),
        "statements_with_narrower": len(within),
        "example_id": first[0].id if first else "",
        "example": first[0].text if first else "",
    }


def codebook_table(corpus: Corpus, *, scheme: str | None = None) -> Table:
    """The codebook of every scheme, or of ``scheme`` (by name, label or IRI), as a table.

    Rows are grouped by scheme and sorted by label within it.
    """
    wanted = corpus.resolve_scheme(scheme) if scheme else None
    coded: dict[str, set[str]] = {}
    for statement, pairs in corpus.codings.items():
        for _, code in pairs:
            coded.setdefault(code, set()).add(statement)
    codes = sorted(
        (c for c in corpus.codes.values() if wanted is None or c.scheme == wanted),
        key=lambda c: (corpus.label(c.scheme), c.label.lower(), c.iri),
    )
    title = f"codebook: {corpus.label(wanted)}" if wanted else "codebook"
    return Table(list(CODEBOOK_COLUMNS), [_record(corpus, c, coded) for c in codes], title=title)
