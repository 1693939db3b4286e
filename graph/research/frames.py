"""Search hits, neighbours, paths and centrality scores as tables with id and label columns.

:func:`as_table` turns what :meth:`graph.kg.KnowledgeGraph.search`, ``.neighbours``,
``.path`` and :func:`graph.network.analysis.centrality` return into a
:class:`~graph.query.tables.Table`: ``to_dataframe()`` for pandas, a table in a notebook.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> hits = as_table(kg.search("supervise", limit=3))
>>> hits.columns[:5]
['rank', 'id', 'iri', 'label', 'type']
>>> sorted(hits.column("id"))
['le2015:line-103', 'le2015:line-129', 'le2015:line-134']
>>> as_table([]).records
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.errors import HubspokeError
from graph.network.analysis import Centrality, Neighbour
from graph.network.paths import Chain
from graph.query.tables import Table
from graph.rdf.namespaces import curie
from graph.search.fulltext import SearchHit

__all__ = ["as_table"]


def _hits(hits: Sequence[SearchHit]) -> Table:
    records = [
        {
            "rank": h.rank,
            "id": h.curie,
            "iri": h.iri,
            "label": h.label,
            "type": h.type,
            "type_label": h.type_label,
            "document_label": h.document,
            "section_label": h.section,
            "section_number": h.section_number,
            "lines": h.lines,
            "text": h.text,
            "score": round(h.score, 6),
            "matched": h.matched,
        }
        for h in hits
    ]
    columns = ["rank", "id", "iri", "label", "type", "type_label", "document_label"]
    columns += ["section_label", "section_number", "lines", "text", "score", "matched"]
    return Table(columns, records, title="search hits")


def _neighbours(near: Sequence[Neighbour]) -> Table:
    records = [
        {
            "distance": n.distance,
            "id": curie(n.iri),
            "iri": n.iri,
            "label": n.label,
            "type": n.cls,
            "type_label": n.class_label,
            "relation": n.relation,
            "via": curie(n.via) if n.via else "",
            "via_label": n.via_label,
            "lines": n.lines,
        }
        for n in near
    ]
    columns = ["distance", "id", "iri", "label", "type", "type_label", "relation", "via"]
    return Table([*columns, "via_label", "lines"], records, title="neighbours")


def _chains(chains: Sequence[Chain]) -> Table:
    records = [
        {
            "rank": rank,
            "length": len(chain),
            "from": curie(chain.nodes[0]),
            "from_label": chain.labels[0],
            "to": curie(chain.nodes[-1]),
            "to_label": chain.labels[-1],
            "nodes": [curie(n) for n in chain.nodes],
            "nodes_label": list(chain.labels),
            "relations": [step.phrase for step in chain.steps],
            "sentence": chain.sentence,
        }
        for rank, chain in enumerate(chains, start=1)
    ]
    columns = ["rank", "length", "from", "from_label", "to", "to_label", "nodes"]
    return Table([*columns, "nodes_label", "relations", "sentence"], records, title="paths")


def _centrality(result: Centrality) -> Table:
    records = [
        {
            "rank": s.rank,
            "id": curie(s.iri),
            "iri": s.iri,
            "label": s.label,
            "type_label": s.class_label,
            result.measure: round(s.score, 6),
        }
        for s in result.scores
    ]
    columns = ["rank", "id", "iri", "label", "type_label", result.measure]
    return Table(columns, records, title=f"{result.measure} centrality ({result.method})")


def as_table(result: Any) -> Table:
    """A table of search hits, neighbours, chains (paths) or a centrality ranking.

    Raises
    ------
    HubspokeError
        ``result`` is none of these.
    """
    if isinstance(result, Centrality):
        return _centrality(result)
    items = list(result)
    if not items:
        return Table([], [])
    for kind, convert in ((SearchHit, _hits), (Neighbour, _neighbours), (Chain, _chains)):
        if all(isinstance(item, kind) for item in items):
            return convert(items)  # type: ignore[arg-type]
    raise HubspokeError(
        f"as_table takes search hits, neighbours, paths or a centrality ranking, "
        f"not {type(items[0]).__name__}"
    )
