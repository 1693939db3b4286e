"""The graph an export writes, given the store the session's graph lives on."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from graph.rdf.loading import load_graph
from graph.store.specs import StoreSpec, resolve_store

__all__ = ["exported_graph"]


def exported_graph(graph: Graph, store: str | StoreSpec, extra: Sequence[str | Path] = ()) -> Graph:
    """The graph an export writes: ``graph``, or on a local Oxigraph store its sources read
    into rdflib's memory, datatypes as written (unless the graph no longer has as many triples
    as its sources: then it was changed in memory, and is written as it is).

    >>> from graph.store.opening import load_on_store
    >>> g = load_on_store("oxigraph")
    >>> len(exported_graph(g, "oxigraph")) == len(g), type(exported_graph(g, "oxigraph").store).__name__
    (True, 'Memory')
    """
    spec = resolve_store(store)
    if spec.kind != "oxigraph":
        return graph
    sources = load_graph(extra)
    # a graph changed in memory since it was loaded is written as it is now
    return sources if len(sources) == len(graph) else graph
