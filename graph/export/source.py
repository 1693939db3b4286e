"""The graph an export writes: what the session's graph holds, literals as written."""

from __future__ import annotations

from rdflib import Graph

from graph.store.written import as_written

__all__ = ["exported_graph"]


def exported_graph(graph: Graph) -> Graph:
    """The graph an export writes: ``graph`` as it is now, each literal as the sources wrote it.

    On an Oxigraph store (which keeps literals in a canonical form) the graph is copied into
    rdflib's memory with the literals put back as written (:mod:`graph.store.written`); no
    source file is read again, and a change made in memory is exported as it is. On rdflib's
    memory or an endpoint the graph is returned itself.

    >>> from rdflib import Literal, URIRef
    >>> from graph.store.opening import load_on_store
    >>> g = load_on_store("oxigraph")
    >>> _ = g.add((URIRef("urn:x"), URIRef("urn:p"), Literal("added in memory")))
    >>> exported = exported_graph(g)
    >>> len(exported) == len(g), type(exported.store).__name__
    (True, 'Memory')
    """
    return as_written(graph)
