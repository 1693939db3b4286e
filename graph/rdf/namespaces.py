"""Namespaces and prefixes of the hubspoke graph.

Examples
--------
>>> from rdflib import Graph
>>> g = bind_prefixes(Graph())
>>> g.namespace_manager.expand_curie("topic:supervision")
rdflib.term.URIRef('https://w3id.org/hubspoke/id/topic/supervision')
>>> curie(HSD["org/csefa"])
'hsorg:csefa'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from graph.rdf.vocabulary import HS

__all__ = ["HS", "HSD", "ONTOLOGY_IRI", "PREFIXES", "bind_prefixes", "curie", "document_id"]

#: Root of every data IRI.
HSD = Namespace("https://w3id.org/hubspoke/id/")

#: The ontology's own IRI (its owl:Ontology node).
ONTOLOGY_IRI = URIRef("https://w3id.org/hubspoke/ontology")

#: Prefixes bound in every graph, query and export (most specific last wins for CURIEs).
PREFIXES: dict[str, str] = {
    "hs": str(HS),
    "hsh": "https://w3id.org/hubspoke/shapes#",
    "hsd": str(HSD),
    "topic": f"{HSD}topic/",
    "group": f"{HSD}group/",
    "agency": f"{HSD}agency-type/",
    "sector": f"{HSD}sector/",
    "role": f"{HSD}role/",
    "scheme": f"{HSD}scheme/",
    "hsorg": f"{HSD}org/",
    "person": f"{HSD}person/",
    "phase": f"{HSD}phase/",
    "model": f"{HSD}model/",
    "event": f"{HSD}event/",
    "doc": f"{HSD}doc/",
    "web": f"{HSD}web/",
    "service": f"{HSD}service/",
    "la": f"{HSD}local-authority/",
    "le2015": f"{HSD}learning-exchange-2015-12-01/",
    "pc": f"{HSD}programme-context/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SDO),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the hubspoke prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(ns), override=True, replace=True)
    return graph


def curie(iri: Node | str) -> str:
    """The shortest CURIE for ``iri`` under :data:`PREFIXES`, or the IRI itself.

    >>> curie("https://w3id.org/hubspoke/ontology#Finding")
    'hs:Finding'
    >>> curie("http://example.org/x")
    'http://example.org/x'
    """
    return _curie(str(iri))


#: Each namespace's prefix (the first of :data:`PREFIXES` where two share a namespace).
_PREFIX_OF = {ns: prefix for prefix, ns in reversed(PREFIXES.items())}


@lru_cache(maxsize=65536)
def _curie(text: str) -> str:
    # every namespace ends in "/" or "#" and a CURIE's local part holds neither, so the one
    # namespace that can shorten ``text`` is ``text`` up to its last "/" or "#"
    cut = max(text.rfind("/"), text.rfind("#")) + 1
    if 0 < cut < len(text):
        prefix = _PREFIX_OF.get(text[:cut])
        if prefix is not None:
            return f"{prefix}:{text[cut:]}"
    return text


def document_id(document: Node | str) -> str:
    """The short id of a source document, given its IRI or that of one of its statements.

    Each source has its own namespace, ``hsd:<id>/``, which holds its document and statements,
    its data file ``ontology/data/<id>.ttl`` and its text ``ontology/sources/<id>.md``, which
    the line numbers of its statements count in (docs/curation.md). The named queries compute
    the same id in SPARQL from ``hs:sourceDocument``.

    >>> document_id("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/document")
    'learning-exchange-2015-12-01'
    >>> document_id("http://example.org/report")
    ''
    """
    text = str(document)
    if not text.startswith(str(HSD)):
        return ""
    head, _, _ = text[len(HSD) :].partition("/")
    return head
