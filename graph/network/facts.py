"""What the views read of a graph about its nodes: one node at a time, or each property read
once for the whole graph (:class:`GraphFacts`, kept by a view session for every view, map and
export of the graph).

Examples
--------
>>> from graph.rdf.loading import load_graph
>>> from graph.rdf.namespaces import HS
>>> g = load_graph()
>>> facts = GraphFacts(g)
>>> model = URIRef("https://w3id.org/hubspoke/id/model/4")
>>> facts.label(model) == Lookups(g).label(model) == "Model 4"
True
>>> HS.sector in facts.tables
False
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from graph.network.naming import display_labels, label_of
from graph.rdf.fastparse import subject_objects
from graph.rdf.oxterms import rdflib_converter

__all__ = ["GraphFacts", "Lookups"]


class Lookups:
    """What node attributes read of a graph, one node at a time (see :class:`GraphFacts`)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def one(self, node: Node, prop: URIRef) -> Node | None:
        """The value of ``prop`` for ``node`` (``graph.value``), or None."""
        return self.graph.value(node, prop)

    def all(self, node: Node, prop: URIRef) -> list[Node]:
        """Every value of ``prop`` for ``node``."""
        return list(self.graph.objects(node, prop))

    def label(self, node: Node) -> str:
        """The display label of ``node`` (:func:`graph.network.naming.label_of`)."""
        return label_of(self.graph, node)


class GraphFacts(Lookups):
    """The same lookups, answered from one read of each property for the whole graph.

    Reading each property once (one scan, or one request on a SPARQL endpoint) is much faster
    than thousands of single lookups when many nodes are described, above all on a store
    outside Python (Oxigraph). A node with several values of a property that has one value
    elsewhere gets the value a single lookup gives, so both give the same attributes.
    """

    def __init__(
        self,
        graph: Graph,
        term: Callable[[Any], Any] | None = None,
        labels: dict[str, str] | None = None,
    ) -> None:
        super().__init__(graph)
        self.tables: dict[URIRef, dict[Node, list[Node]]] = {}
        self.inverse: dict[URIRef, dict[Node, list[Node]]] = {}
        self.labels = display_labels(graph) if labels is None else labels  # given: read already
        # one converter for every property read: an IRI is one object in all the tables
        self.term = term or rdflib_converter(keep_blank_ids=True)

    def table(self, prop: URIRef) -> dict[Node, list[Node]]:
        """Each subject's values of ``prop``, the property read whole once (then kept)."""
        table = self.tables.get(prop)
        if table is None:
            table = self.tables[prop] = {}
            for subject, value in subject_objects(self.graph, prop, self.term):
                table.setdefault(subject, []).append(value)
        return table

    def one(self, node: Node, prop: URIRef) -> Node | None:
        values = self.table(prop).get(node)
        if not values:
            return None
        return values[0] if len(values) == 1 else self.graph.value(node, prop)

    def all(self, node: Node, prop: URIRef) -> list[Node]:
        return list(self.table(prop).get(node, ()))

    def subjects(self, prop: URIRef, value: Node) -> list[Node]:
        """The subjects that have ``value`` for ``prop`` (``graph.subjects(prop, value)``)."""
        inverse = self.inverse.get(prop)
        if inverse is None:
            inverse = self.inverse[prop] = {}
            for subject, values in self.table(prop).items():
                for one in values:
                    inverse.setdefault(one, []).append(subject)
        return list(inverse.get(value, ()))

    def label(self, node: Node) -> str:
        found = self.labels.get(str(node)) if isinstance(node, URIRef) else None
        return found if found is not None else label_of(self.graph, node)
