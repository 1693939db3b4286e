"""The Oxigraph store that validation runs on: the data, and the datatypes as written.

The compiled shapes (:mod:`graph.validate.compiled`) and the QC queries run on an in-memory
Oxigraph store holding the data in its default graph. Oxigraph stores integers in canonical
form, so a literal written ``"3"^^xsd:positiveInteger`` reads back as ``"3"^^xsd:integer``;
to let ``sh:datatype`` see what was written, every triple whose object is written with one of
:data:`~graph.validate.compiled.WRITTEN_DATATYPES` is also put in a named graph whose name is that
datatype. Queries that do not ask for a named graph see only the default graph.

A literal rdflib found ill typed (``"perhaps"^^xsd:boolean``, which rdflib keeps as
``"false"``) is put in the graph :data:`ILL_TYPED` instead, so that no datatype check passes it.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import XSD
>>> g = Graph()
>>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("3", datatype=XSD.positiveInteger)))
>>> store = store_from_graph(g)
>>> [str(r["d"]) for r in store.query("SELECT ?d WHERE { GRAPH ?d { ?s ?p ?o } }")]
['<http://www.w3.org/2001/XMLSchema#positiveInteger>']
>>> len(store)
2
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal

from graph.rdf.loading import oxigraph_quads
from graph.rdf.oxterms import oxigraph_converter
from graph.store.written import WrittenForms
from graph.validate.compiled import WRITTEN_DATATYPES

__all__ = [
    "ILL_TYPED",
    "store_from_files",
    "store_from_graph",
    "store_from_oxigraph",
    "store_from_quads",
]

#: The named graph of triples whose literal rdflib found ill typed for its datatype.
ILL_TYPED = "urn:hubspoke:validation:ill-typed"

_WRITTEN = frozenset(str(d) for d in WRITTEN_DATATYPES)


def _with_written_datatypes(quads: Iterable[Any]) -> Iterator[Any]:
    """Each quad, and a copy in the datatype's graph when its object's datatype is kept."""
    import pyoxigraph as ox

    graphs: dict[str, Any] = {}
    for quad in quads:
        yield quad
        obj = quad.object
        if isinstance(obj, ox.Literal) and obj.datatype.value in _WRITTEN:
            name = graphs.get(obj.datatype.value)
            if name is None:
                name = graphs[obj.datatype.value] = ox.NamedNode(obj.datatype.value)
            yield ox.Quad(quad.subject, quad.predicate, obj, name)


def store_from_graph(graph: Graph) -> Any:
    """A new in-memory Oxigraph store with ``graph`` and the datatypes as written.

    Blank nodes keep their rdflib identifiers, so that a problem found on one names the same
    node as in ``graph``.
    """
    import pyoxigraph as ox

    term = oxigraph_converter(keep_blank_ids=True)
    ill_typed = ox.NamedNode(ILL_TYPED)

    def quads() -> Iterator[Any]:
        for s, p, o in graph:
            quad = ox.Quad(term(s), term(p), term(o))
            yield quad
            if isinstance(o, Literal) and o.ill_typed:
                yield ox.Quad(quad.subject, quad.predicate, quad.object, ill_typed)

    store = ox.Store()
    store.bulk_extend(_with_written_datatypes(quads()))
    return store


def store_from_quads(quads: Iterable[Any]) -> Any:
    """A new in-memory Oxigraph store with ``quads`` (in the default graph, literals as
    written), and the datatypes as written in their named graphs."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(_with_written_datatypes(quads))
    return store


def store_from_oxigraph(database: Any, forms: WrittenForms) -> Any:
    """A new in-memory Oxigraph store with the default graph of ``database`` (the session's
    store, as it is now) and, from ``forms``, the datatypes as written in their named graphs.

    Every datatype of :data:`~graph.validate.compiled.WRITTEN_DATATYPES` is one Oxigraph
    folds into ``xsd:integer``, so ``forms`` lists every literal written with one of them.
    """
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(database.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    graphs: dict[str, Any] = {}
    written = []
    for (s, p, o), literals in forms.forms.items():
        if ox.Quad(s, p, o) not in store:  # removed since it was read
            continue
        for literal in literals:
            datatype = literal.datatype.value
            if datatype in _WRITTEN:
                name = graphs.get(datatype)
                if name is None:
                    name = graphs[datatype] = ox.NamedNode(datatype)
                written.append(ox.Quad(s, p, literal, name))
    store.bulk_extend(written)
    return store


def store_from_files(paths: Sequence[Path]) -> Any:
    """A new in-memory Oxigraph store with the RDF files ``paths``, datatypes as written.

    Raises :class:`~graph.errors.DataFileError` naming the file and line of a syntax error.
    """
    return store_from_quads(quad for path in paths for quad in oxigraph_quads(Path(path)))
