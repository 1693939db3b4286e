"""Reading a view's edges fast: at national scale networkx's edge views cost more than the
work done with the edges.

``view.edges(data=True)`` wraps every edge in generator frames of networkx's report views,
and ``view.number_of_edges()`` of a multigraph sums the degree of every node; on the full
view of a million triples (half a million links) each costs about a second per call, and the
writers and maps call them several times per view. These read the adjacency directly and
give the same answers.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b", {"w": 1}), ("a", "b", {"w": 2}), ("b", "c", {})])
>>> list(edge_data(g)) == list(g.edges(data=True))
True
>>> edge_count(g) == g.number_of_edges() == 3
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["edge_count", "edge_data"]


def edge_data(view: Any) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``(source, target, attributes)`` of each edge of the networkx graph ``view``, in the
    order of ``view.edges(data=True)`` (read from the adjacency where it is directed)."""
    if not view.is_directed():
        yield from view.edges(data=True)
    elif view.is_multigraph():
        for source, targets in view.adjacency():
            for target, keyed in targets.items():
                for data in keyed.values():
                    yield source, target, data
    else:
        for source, targets in view.adjacency():
            for target, data in targets.items():
                yield source, target, data


def edge_count(view: Any) -> int:
    """``view.number_of_edges()``, counted from the adjacency where it is directed."""
    if not view.is_directed():
        return int(view.number_of_edges())
    if view.is_multigraph():
        return sum(len(keyed) for _, targets in view.adjacency() for keyed in targets.values())
    return sum(len(targets) for _, targets in view.adjacency())
