"""The triples an export writes, as Oxigraph triples: read from the sources, in canonical order.

An export works on a list of :class:`pyoxigraph.Triple` rather than an rdflib graph: reading,
redacting, sorting and writing a million triples then happens mostly in Rust (an rdflib graph
costs seconds per hundred thousand triples to fill, and rdflib's Turtle writer more).

- :func:`source_triples`: on an Oxigraph store its triples, each literal put back as the
  sources wrote it (the store keeps literals in canonical form); otherwise the session's
  graph, converted.
- :func:`canonical_triples`: blank nodes labelled from their content
  (:func:`rdflib.compare.to_canonical_graph` over the triples that hold one), duplicates
  dropped, sorted by their N-Triples text, so the same graph gives the same list.

Examples
--------
>>> import pyoxigraph as ox
>>> a, p = ox.NamedNode("urn:a"), ox.NamedNode("urn:p")
>>> triples = canonical_triples([ox.Triple(a, p, ox.Literal("b")), ox.Triple(a, p, ox.Literal("a"))])
>>> [str(t) for t in triples]
['<urn:a> <urn:p> "a"', '<urn:a> <urn:p> "b"']
>>> [str(t) for t in rdflib_triples(triples)][0].startswith("(rdflib.term.URIRef('urn:a')")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from graph.rdf.fastparse import is_oxigraph
from graph.rdf.namespaces import bind_prefixes
from graph.rdf.oxterms import oxigraph_converter, rdflib_converter
from graph.store.written import written_quads

__all__ = [
    "canonical_triples",
    "ox_triples",
    "rdflib_graph",
    "rdflib_triples",
    "source_triples",
]


def ox_triples(graph: Graph) -> Iterator[ox.Triple]:
    """The triples of an rdflib graph as Oxigraph triples (blank nodes keep their names)."""
    term = oxigraph_converter(keep_blank_ids=True)
    for s, p, o in graph:
        yield ox.Triple(term(s), term(p), term(o))


def rdflib_triples(triples: Iterable[ox.Triple]) -> Iterator[tuple[Any, Any, Any]]:
    """Oxigraph triples as rdflib triples (plain literals plain, datatypes and blank-node
    names as they are)."""
    term = rdflib_converter(keep_blank_ids=True)
    for t in triples:
        yield term(t.subject), term(t.predicate), term(t.object)


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """A new rdflib graph (rdflib's memory store) holding ``triples``."""
    graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o in rdflib_triples(triples))
    return graph


def source_triples(graph: Graph) -> list[ox.Triple]:
    """The triples an export of ``graph`` writes, literals as the sources wrote them (in no
    set order): on Oxigraph the store's triples with each literal put back as written
    (:func:`graph.store.written.written_quads`), otherwise ``graph``'s own."""
    if is_oxigraph(graph):
        return [quad.triple for quad in written_quads(graph)]
    return list(ox_triples(graph))


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def canonical_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """``triples`` with content-derived blank-node labels, without duplicates, sorted.

    The order is that of the triples' N-Triples text, so the lines of an N-Triples file
    written from the list come out sorted.
    """
    from rdflib.compare import to_canonical_graph

    plain: set[ox.Triple] = set()
    blank = Graph()
    to_rdflib = rdflib_converter()
    for triple in triples:
        if _has_blank(triple):
            blank.add(
                (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
            )
        else:
            plain.add(triple)
    if len(blank):
        to_ox = oxigraph_converter(keep_blank_ids=True)
        for s, p, o in to_canonical_graph(blank):
            plain.add(ox.Triple(to_ox(s), to_ox(p), to_ox(o)))
    return sorted(plain, key=str)
