"""Turn Oxigraph terms into rdflib terms and back, quickly, as rdflib's own parser would.

Each converter remembers what it converted, so a term repeated across a file or a query's
rows (a class, a topic, a section number) is built once. Plain literals stay plain
(``Literal("x")``, no ``xsd:string``), datatypes stay as given, and each converter gives
blank nodes of its own, so two files never share one by accident.

Examples
--------
>>> import pyoxigraph as ox
>>> to_rdflib = rdflib_converter()
>>> to_rdflib(ox.Literal("x"))
rdflib.term.Literal('x')
>>> to_rdflib(ox.NamedNode("urn:a")) is to_rdflib(ox.NamedNode("urn:a"))
True
>>> to_ox = oxigraph_converter()
>>> to_ox(to_rdflib(ox.Literal("3", datatype=ox.NamedNode("urn:dt"))))
<Literal value=3 datatype=<NamedNode value=urn:dt>>
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["oxigraph_converter", "rdflib_converter"]

_XSD_STRING = str(XSD.string)


def rdflib_converter(*, keep_blank_ids: bool = False) -> Callable[[Any], Any]:
    """A function from Oxigraph terms (``None`` for unbound) to rdflib terms.

    Blank nodes are fresh, one per Oxigraph one; with ``keep_blank_ids`` they keep its name.
    """
    from pyoxigraph import BlankNode, NamedNode

    iris: dict[str, URIRef] = {}
    blanks: dict[str, BNode] = {}
    literals: dict[tuple[str, str, str], Literal] = {}

    def convert(node: Any) -> Any:
        if node is None:
            return None
        if isinstance(node, NamedNode):
            value = node.value
            iri = iris.get(value)
            if iri is None:
                iri = iris[value] = URIRef(value)
            return iri
        if isinstance(node, BlankNode):
            blank = blanks.get(node.value)
            if blank is None:
                blank = blanks[node.value] = BNode(node.value if keep_blank_ids else None)
            return blank
        language = node.language or ""
        datatype = "" if language else node.datatype.value
        key = (node.value, datatype, language)
        literal = literals.get(key)
        if literal is None:
            if language:
                literal = Literal(node.value, lang=language)
            elif datatype == _XSD_STRING:
                literal = Literal(node.value)
            else:
                literal = Literal(node.value, datatype=convert(node.datatype))
            if len(literals) < 1_000_000:
                literals[key] = literal
        return literal

    return convert


def oxigraph_converter(*, keep_blank_ids: bool = False) -> Callable[[Any], Any]:
    """A function from rdflib terms to Oxigraph terms.

    Blank nodes are fresh, one per rdflib one; with ``keep_blank_ids`` they keep the rdflib
    identifier where Oxigraph accepts it, so that a blank node reads back as the same name.
    """
    import pyoxigraph as ox

    def blank(node: BNode) -> Any:
        if keep_blank_ids:
            try:
                return ox.BlankNode(str(node))
            except ValueError:  # not a valid Oxigraph blank-node identifier: a fresh one
                pass
        return ox.BlankNode()

    iris: dict[str, Any] = {}
    blanks: dict[str, Any] = {}

    def convert(node: Any) -> Any:
        if isinstance(node, URIRef):
            found = iris.get(node)
            if found is None:
                found = iris[node] = ox.NamedNode(str(node))
            return found
        if isinstance(node, BNode):
            found = blanks.get(node)
            if found is None:
                found = blanks[node] = blank(node)
            return found
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is None:
            return ox.Literal(str(node))
        return ox.Literal(str(node), datatype=convert(node.datatype))

    return convert
