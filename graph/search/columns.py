"""What the search index holds for each entity, column by column (see :mod:`graph.search.fulltext`).

>>> from graph.rdf.loading import load_graph
>>> from graph.network.facts import GraphFacts
>>> from graph.network.views import node_attributes
>>> from graph.rdf.namespaces import HSD
>>> g = load_graph()
>>> point = HSD["learning-exchange-2015-12-01/line-203"]
>>> names, text, codes, related, context = columns(
...     g, GraphFacts(g), Acronyms.of(g), point, node_attributes(g, point))
>>> related
'National Referral Mechanism'
>>> sorted(codes.split(" ; "))
['trafficking', 'victims', 'victims of trafficking']
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from graph.network.facts import GraphFacts
from graph.network.naming import NAME_PROPERTIES
from graph.rdf.namespaces import HS
from graph.search.acronyms import Acronyms

__all__ = ["CODE_PROPERTIES", "CONTEXT_PROPERTIES", "columns"]

#: Properties whose values code a statement.
CODE_PROPERTIES = (HS.concernsTopic, HS.concernsGroup, HS.concernsRole)

#: Properties whose values place a statement: the question it answers, its lead-in...
CONTEXT_PROPERTIES = (
    HS.answers,
    HS.partOfStatement,
    HS.aimOf,
    HS.objectiveOf,
    HS.underObjective,
    HS.underTheme,
    HS.raisedIn,
    HS.discussedAt,
    HS.addressedTo,
    HS.about,
)


def _names(facts: GraphFacts, entity: Node, props: tuple[URIRef, ...]) -> list[str]:
    found: list[str] = []
    for prop in props:
        for value in facts.all(entity, prop):
            if str(value) not in found:
                found.append(str(value))
    return found


def columns(
    graph: Graph, facts: GraphFacts, acronyms: Acronyms, entity: URIRef, attrs: dict[str, object]
) -> tuple[str, ...]:
    """The five indexed columns of ``entity`` (names, text, codes, related, context), unstemmed.

    ``attrs`` are its node attributes (:func:`graph.network.views.node_attributes`).
    """
    names = _names(facts, entity, (*NAME_PROPERTIES, DCTERMS.title))
    codes = [
        name
        for prop in CODE_PROPERTIES
        for code in facts.all(entity, prop)
        for name in _names(facts, code, NAME_PROPERTIES)
    ]
    text = str(attrs["text"])
    related = acronyms.related(" ; ".join([text, *names]))
    for agency in facts.all(entity, HS.namesAgency):
        related.extend(_names(facts, agency, NAME_PROPERTIES))
    context = [str(attrs["class_label"])] + [
        name
        for prop in CONTEXT_PROPERTIES
        for linked in facts.all(entity, prop)
        for name in _names(facts, linked, NAME_PROPERTIES)
    ]
    return tuple(" ; ".join(c) for c in (names, [text], codes, related, context))
