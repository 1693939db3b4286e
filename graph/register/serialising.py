"""Write the register graph as Turtle, byte for byte the same for the same graph.

The register graph has no blank nodes, so a stable text needs only an order: subjects by
IRI, ``rdf:type`` then ``rdfs:label`` then the other predicates by CURIE, objects by their
Turtle text. Only the prefixes used are declared.

Examples
--------
>>> from rdflib import Graph, Literal
>>> from rdflib.namespace import RDF, RDFS
>>> from graph.rdf.namespaces import HS, HSD
>>> g = Graph()
>>> _ = g.add((HSD["service/b"], RDF.type, HS.Service))
>>> _ = g.add((HSD["service/b"], RDFS.label, Literal('B "2"', lang="en")))
>>> _ = g.add((HSD["service/a"], RDF.type, HS.Service))
>>> print(turtle_text(g, header=""))
@prefix hs: <https://w3id.org/hubspoke/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix service: <https://w3id.org/hubspoke/id/service/> .
<BLANKLINE>
service:a
    a hs:Service .
<BLANKLINE>
service:b
    a hs:Service ;
    rdfs:label "B \\"2\\""@en .
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from graph.errors import ExportError
from graph.rdf.namespaces import PREFIXES, curie

__all__ = ["HEADER", "turtle_text"]

#: The comment at the top of ``register.ttl``.
HEADER = (
    "# The Hub and Spoke services register, written by 'hubspoke register import' from the\n"
    "# programme's spreadsheet. Do not edit by hand: edit the sheet and import it again\n"
    "# ('hubspoke register export' writes the sheet back). See docs/register.md.\n"
)

_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _quoted(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'


def _iri(iri: URIRef, used: set[str], extra: Mapping[str, str] | None = None) -> str:
    for prefix, namespace in (extra or {}).items():
        local = str(iri)[len(namespace) :]
        if str(iri).startswith(namespace) and _LOCAL.match(local):
            used.add(prefix)
            return f"{prefix}:{local}"
    short = curie(iri)
    if short != str(iri):
        prefix, local = short.split(":", 1)
        if _LOCAL.match(local):
            used.add(prefix)
            return short
    return f"<{iri}>"


def _term(term: Node, used: set[str], extra: Mapping[str, str] | None = None) -> str:
    if isinstance(term, URIRef):
        return _iri(term, used, extra)
    if isinstance(term, Literal):
        text = _quoted(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if (
            term.datatype is not None
            and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string"
        ):
            return f"{text}^^{_iri(URIRef(term.datatype), used)}"
        return text
    raise ExportError(f"the register graph holds a blank node ({term}) - it cannot be written")


def _predicate_key(predicate: Node) -> tuple[int, str]:
    order = {str(RDF.type): 0, str(RDFS.label): 1}
    return (order.get(str(predicate), 2), curie(str(predicate)))


def turtle_text(
    graph: Graph, *, header: str = HEADER, extra_prefixes: Mapping[str, str] | None = None
) -> str:
    """``graph`` as sorted Turtle, with ``header`` (comment lines) on top; ``extra_prefixes``
    (prefix to namespace) are used before the project's own."""
    used: set[str] = set()
    known = {**PREFIXES, **(extra_prefixes or {})}
    blocks = []
    for subject in sorted(set(graph.subjects()), key=str):
        lines = [_term(subject, used, extra_prefixes)]
        predicates = sorted(set(graph.predicates(subject)), key=_predicate_key)
        for index, predicate in enumerate(predicates):
            verb = "a" if predicate == RDF.type else _term(predicate, used, extra_prefixes)
            objects = sorted(
                _term(o, used, extra_prefixes) for o in graph.objects(subject, predicate)
            )
            end = " ." if index == len(predicates) - 1 else " ;"
            lines.append(f"    {verb} {' , '.join(objects)}{end}")
        blocks.append("\n".join(lines))
    prefixes = "".join(f"@prefix {p}: <{known[p]}> .\n" for p in sorted(used))
    return header + prefixes + "\n" + "\n\n".join(blocks) + ("\n" if blocks else "")
