"""Queries run by the store's own SPARQL engine (Oxigraph, a remote endpoint) instead of rdflib's.

Examples
--------
>>> from rdflib import Graph
>>> evaluates_sparql(Graph())
False
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import BNode, Variable

from graph.rdf.fastparse import is_oxigraph
from graph.rdf.namespaces import PREFIXES
from graph.rdf.oxterms import rdflib_converter

__all__ = ["evaluates_sparql", "native_query"]


def evaluates_sparql(graph: Graph) -> bool:
    """True when ``graph``'s store runs SPARQL itself (Oxigraph, a remote endpoint).

    >>> evaluates_sparql(Graph())
    False
    """
    return is_oxigraph(graph) or isinstance(graph.store, SPARQLStore)


def native_query(graph: Graph, text: str) -> Any:
    """Run the query ``text`` with the SPARQL engine of ``graph``'s store (Oxigraph, endpoint).

    On Oxigraph the query goes straight to pyoxigraph and each distinct term of the answer is
    turned into an rdflib term once (oxrdflib rebuilds every term of every row).
    Returns an rdflib :class:`~rdflib.query.Result`.
    """
    if not is_oxigraph(graph):
        return graph.query(text, initNs=PREFIXES)
    ident = graph.identifier
    default = (
        ox.DefaultGraph()
        if ident == DATASET_DEFAULT_GRAPH_ID
        else ox.BlankNode(str(ident))
        if isinstance(ident, BNode)
        else ox.NamedNode(str(ident))
    )
    answer = graph.store._inner.query(  # type: ignore[attr-defined]
        text, default_graph=default, prefixes=dict(PREFIXES)
    )
    term = rdflib_converter()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        result.vars = names
        result.bindings = [
            {name: term(value) for name, value in zip(names, solution) if value is not None}
            for solution in answer
        ]
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        for triple in answer:
            result.graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return result
