"""The class a person names for ``hubspoke search --type``: a CURIE, a local name or a label."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.errors import HubspokeError
from graph.network.naming import MAX_NAME_LENGTH, closest, normalise
from graph.rdf.namespaces import HS, curie

__all__ = ["resolve_class"]


def resolve_class(graph: Graph, name: str) -> URIRef:
    """The class ``name`` denotes: a CURIE or IRI, a local name (``DiscussionPoint``) or a label.

    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> curie(resolve_class(g, "discussion point")), curie(resolve_class(g, "Recommendation"))
    ('hs:DiscussionPoint', 'hs:Recommendation')
    >>> curie(resolve_class(g, "narrative paragraph")), curie(resolve_class(g, "hs:Challenge"))
    ('hs:Narrative', 'hs:Challenge')
    """
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    classes |= {c for c in graph.objects(None, RDF.type) if isinstance(c, URIRef)}
    text = name.strip()
    if len(text) > MAX_NAME_LENGTH:
        raise HubspokeError(f"--type: a class name is at most {MAX_NAME_LENGTH} characters")
    key = normalise(text)
    names: dict[str, URIRef] = {}
    for cls in sorted(classes, reverse=True):  # the first in IRI order wins a shared name
        names[curie(cls).lower()] = cls
        names[str(cls).lower()] = cls
        if str(cls).startswith(str(HS)):
            names[str(cls)[len(str(HS)) :].lower()] = cls
        for prop in (RDFS.label, SKOS.prefLabel):
            for label in graph.objects(cls, prop):
                names[normalise(str(label))] = cls
    for candidate in (text.lower(), key, key.replace(" ", "")):
        if candidate in names:
            return names[candidate]
    labels = {
        normalise(str(graph.value(c, RDFS.label) or graph.value(c, SKOS.prefLabel) or curie(c))): c
        for c in classes
    }
    close = [f"{k} ({curie(labels[k])})" for k in closest(name, labels, n=5)]
    hint = f" Closest: {'; '.join(close)}." if close else ""
    raise HubspokeError(f"--type: {name!r} is not a class of the graph.{hint}")
