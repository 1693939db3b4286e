"""Turn what a person types (an IRI, a CURIE, a label, an acronym) into one entity IRI.

Matching is case-insensitive and ignores surrounding punctuation. An unknown name raises
:class:`EntityNotFound` and an ambiguous one :class:`AmbiguousEntity`, both listing the
closest candidates.

Examples
--------
>>> from graph.loading import load_graph
>>> g = load_graph()
>>> curie(resolve(g, "CSEFA"))
'hsorg:csefa'
>>> curie(resolve(g, "topic:supervision"))
'topic:supervision'
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.namespaces import HS, PREFIXES, curie

__all__ = ["NAME_PROPERTIES", "normalise", "name_index", "resolve", "label_of"]

#: Properties whose values name an entity.
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, HS.acronym, FOAF.name)

_SPACES = re.compile(r"[\s_]+")


def normalise(name: str) -> str:
    """Fold case, quotes and spacing so that names compare loosely.

    >>> normalise("  Model 1: ")
    'model 1'
    """
    text = _SPACES.sub(" ", name.strip().lower())
    return text.strip(" .:;,'\"()")


def name_index(graph: Graph) -> dict[str, set[URIRef]]:
    """Map every normalised name in ``graph`` to the typed entities it names."""
    index: dict[str, set[URIRef]] = defaultdict(set)
    for prop in NAME_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and (subject, RDF.type, None) in graph:
                index[normalise(str(value))].add(subject)
    return index


def _expand(graph: Graph, text: str) -> URIRef | None:
    if text.startswith(("http://", "https://", "urn:")):
        iri = URIRef(text)
        return iri if (iri, None, None) in graph else None
    if ":" in text:
        prefix, local = text.split(":", 1)
        namespace = PREFIXES.get(prefix)
        if namespace is not None and local:
            iri = URIRef(namespace + local)
            return iri if (iri, None, None) in graph else None
    return None


def label_of(graph: Graph, iri: URIRef) -> str:
    """The entity's display name: acronym-free preferred label, else its CURIE."""
    for prop in (SKOS.prefLabel, RDFS.label, FOAF.name):
        value = graph.value(iri, prop)
        if value is not None:
            return str(value)
    return curie(iri)


def _describe(graph: Graph, iris: Iterable[URIRef]) -> list[str]:
    return sorted(f"{label_of(graph, i)} ({curie(i)})" for i in iris)


def resolve(graph: Graph, name: str, *, index: dict[str, set[URIRef]] | None = None) -> URIRef:
    """The one entity of ``graph`` that ``name`` denotes.

    Raises
    ------
    EntityNotFound
        Nothing matches; the message lists the closest names.
    AmbiguousEntity
        Several entities share the name; the message lists them with their CURIEs.
    """
    expanded = _expand(graph, name.strip())
    if expanded is not None:
        return expanded
    names = index if index is not None else name_index(graph)
    key = normalise(name)
    found = names.get(key, set())
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        raise AmbiguousEntity(name, _describe(graph, found))
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
    if not close:
        close = sorted(k for k in names if key and key in k)[:5]
    candidates: list[str] = []
    for k in close:
        candidates.extend(_describe(graph, names[k]))
    raise EntityNotFound(name, candidates[:5])
