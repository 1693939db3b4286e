"""Read Turtle and N-Triples with Oxigraph's parser, into any rdflib graph.

Oxigraph's parser (Rust) reads Turtle several times faster than rdflib's. Into a graph on the
Oxigraph store the file goes straight into the store; into any other store (rdflib's memory)
each triple becomes rdflib terms exactly as rdflib's own parser would make them: plain
literals stay plain, datatypes stay as written (``"3"^^xsd:positiveInteger`` is not turned
into an ``xsd:integer``) and blank nodes are fresh for each file.

Examples
--------
>>> import tempfile, pathlib
>>> from rdflib import Graph, Literal, URIRef
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.ttl"
>>> _ = path.write_text('<urn:a> <urn:p> "x", "3"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .')
>>> g = parse_into(Graph(), path, "turtle")
>>> sorted(g.objects(URIRef("urn:a"), URIRef("urn:p")))
[rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#positiveInteger')), rdflib.term.Literal('x')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph

from graph.rdf.oxterms import rdflib_converter

__all__ = ["FAST_FORMATS", "is_oxigraph", "parse_into", "subject_objects", "triples_with_text"]

#: rdflib format names read with Oxigraph's parser.
FAST_FORMATS = frozenset({"turtle", "nt", "nt11", "ntriples"})


def is_oxigraph(graph: Graph) -> bool:
    """True when ``graph`` lives on an Oxigraph store (oxrdflib)."""
    return type(graph.store).__name__ == "OxigraphStore"


def subject_objects(
    graph: Graph, prop: Any, term: Callable[[Any], Any] | None = None
) -> Iterator[tuple[Any, Any]]:
    """The ``(subject, object)`` pairs of ``prop`` in ``graph``, as rdflib's
    ``graph.subject_objects(prop)`` gives them.

    On Oxigraph the store is read directly and each distinct term converted once (oxrdflib
    builds every term of every triple anew, which costs seconds per hundred thousand); blank
    nodes keep their names, as oxrdflib gives them. ``term`` is the converter to use
    (:func:`graph.rdf.oxterms.rdflib_converter` with ``keep_blank_ids``): readings that share
    one get the same object for the same IRI, so dictionaries keyed by them compare by
    identity.

    >>> from rdflib import Literal, URIRef
    >>> g = Graph(store="Oxigraph")
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    >>> list(subject_objects(g, URIRef("urn:p")))
    [(rdflib.term.URIRef('urn:a'), rdflib.term.Literal('x'))]
    """
    if not is_oxigraph(graph):
        yield from graph.subject_objects(prop)
        return
    import pyoxigraph as ox

    store, name = _store_and_graph(graph)
    term = term or rdflib_converter(keep_blank_ids=True)
    for quad in store.quads_for_pattern(None, ox.NamedNode(str(prop)), None, name):
        yield term(quad.subject), term(quad.object)


def triples_with_text(
    graph: Graph, may_match: Callable[[str], bool]
) -> Iterator[tuple[Any, Any, Any]]:
    """The triples of ``graph`` whose subject or object text (an IRI, or a literal's value)
    passes ``may_match``, as rdflib triples; on a store other than Oxigraph, every triple.

    For scans of a whole graph that look for rare things (contact details): ``may_match`` is
    a cheap necessary condition, run on Oxigraph's strings without making rdflib terms of
    every triple (oxrdflib costs seconds per hundred thousand); the caller applies its exact
    test to what comes back. Blank nodes have no text and never pass.

    >>> from rdflib import Literal, URIRef
    >>> g = Graph(store="Oxigraph")
    >>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("write to jo@example.org")))
    >>> _ = g.add((URIRef("urn:b"), URIRef("urn:p"), Literal("nothing")))
    >>> [str(s) for s, _, _ in triples_with_text(g, lambda text: "@" in text)]
    ['urn:a']
    """
    if not is_oxigraph(graph):
        yield from graph
        return
    import pyoxigraph as ox

    store, name = _store_and_graph(graph)
    term = rdflib_converter(keep_blank_ids=True)
    blank, iri = ox.BlankNode, ox.NamedNode
    tested: dict[str, bool] = {}  # an IRI comes again and again: tested once

    def passes(node: Any) -> bool:
        if isinstance(node, blank):
            return False
        if isinstance(node, iri):
            known = tested.get(node.value)
            if known is None:
                known = tested[node.value] = may_match(node.value)
            return known
        return may_match(node.value)

    for quad in store.quads_for_pattern(None, None, None, name):
        s, o = quad.subject, quad.object
        if passes(s) or passes(o):
            yield term(s), term(quad.predicate), term(o)


def _format(fmt: str) -> Any:
    from pyoxigraph import RdfFormat

    return RdfFormat.TURTLE if fmt == "turtle" else RdfFormat.N_TRIPLES


def _rdflib_triples(quads: Any) -> Iterator[tuple[Any, Any, Any]]:
    """Turn Oxigraph quads into rdflib triples, with fresh blank nodes for this file."""

    term = rdflib_converter()
    for quad in quads:
        yield term(quad.subject), term(quad.predicate), term(quad.object)


def parse_into(
    graph: Graph, path: Path, fmt: str, *, base: str | None = None, bulk: bool = False
) -> Graph:
    """Parse the file ``path`` (rdflib format name ``fmt``, one of :data:`FAST_FORMATS`).

    Parameters
    ----------
    graph : rdflib.Graph
        Where the triples go; a graph on the Oxigraph store is loaded natively.
    path : Path
        The file.
    fmt : str
        ``"turtle"`` or an N-Triples name.
    base : str, optional
        Base IRI for relative IRIs (default: the file's URI).
    bulk : bool
        On the Oxigraph store, load without a transaction (faster; for a store being built).

    Raises
    ------
    SyntaxError
        The file is not valid; the message names the line (``Parser error at line 5 ...``).
    """
    import pyoxigraph as ox

    base_iri = base or Path(path).resolve().as_uri()
    rdf_format = _format(fmt)
    if is_oxigraph(graph):
        store, target = _store_and_graph(graph)
        loader = store.bulk_load if bulk else store.load
        loader(path=str(path), format=rdf_format, base_iri=base_iri, to_graph=target)
        prefixes = _prefixes_of(path, rdf_format, base_iri)
    else:
        parser = ox.parse(
            path=str(path), format=rdf_format, base_iri=base_iri, without_named_graphs=True
        )
        graph.addN((s, p, o, graph) for s, p, o in _rdflib_triples(parser))
        prefixes = dict(parser.prefixes)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=False)
    return graph


def _store_and_graph(graph: Graph) -> tuple[Any, Any]:
    """The pyoxigraph store under an rdflib graph on Oxigraph, and that graph's name in it."""
    store = graph.store._inner  # type: ignore[attr-defined]
    return store, _ox_graph_name(graph)


def _is_default(graph: Graph) -> bool:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return graph.identifier == DATASET_DEFAULT_GRAPH_ID


def _ox_graph_name(graph: Graph) -> Any:
    import pyoxigraph as ox

    if _is_default(graph):
        return ox.DefaultGraph()
    ident = graph.identifier
    return ox.BlankNode(str(ident)) if isinstance(ident, BNode) else ox.NamedNode(str(ident))


def _prefixes_of(path: Path, rdf_format: Any, base_iri: str) -> dict[str, str]:
    """The prefixes a Turtle file declares (read from its head, without parsing it all)."""
    import pyoxigraph as ox

    if rdf_format != ox.RdfFormat.TURTLE:
        return {}
    head: list[bytes] = []
    with open(path, "rb") as handle:
        for line in handle:
            stripped = line.strip()
            if stripped and not stripped.startswith(
                (b"@prefix", b"PREFIX", b"@base", b"BASE", b"#")
            ):
                break
            head.append(line)
    try:
        parser = ox.parse(input=b"".join(head), format=rdf_format, base_iri=base_iri)
        for _ in parser:
            pass
    except SyntaxError:
        return {}
    return dict(parser.prefixes)
