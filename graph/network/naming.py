"""Turn what a person types (an IRI, a CURIE, a label, an acronym) into one entity IRI.

Matching is case-insensitive and ignores spacing, hyphens and surrounding punctuation.
Besides labels and acronyms, a few names that people use when they talk about the reports
are understood:

- ``section 4b`` (or ``§4b``): the section with that number;
- ``roundtable b``, ``roundtable question b``, ``question b``: the discussion question with
  that letter;
- ``objective 2``, ``theme 3``: the evaluation objective or theme with that number.

When several entities share a name, a thing of the domain (an organisation, a model, a topic)
wins over a session, a session over a section, a section over a statement, and all of these
over the ontology's own terms: ``Model 1`` is the delivery model, not the section of the
report that has the same title. An unknown name raises :class:`EntityNotFound` and an
ambiguous one :class:`AmbiguousEntity`, both listing the closest candidates.

Examples
--------
>>> from graph.rdf.loading import load_graph
>>> g = load_graph()
>>> curie(resolve(g, "CSEFA"))
'hsorg:csefa'
>>> curie(resolve(g, "topic:supervision"))
'topic:supervision'
>>> curie(resolve(g, "Model 1"))
'model:1'
>>> curie(resolve(g, "roundtable b"))
'le2015:line-108'
>>> curie(resolve(g, "section 4b"))
'le2015:section-4b'
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.rdf.namespaces import HS, PREFIXES, curie

__all__ = [
    "NAME_PROPERTIES",
    "aliases",
    "closest",
    "label_of",
    "name_index",
    "display_labels",
    "normalise",
    "resolve",
]

#: Properties whose values name an entity.
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, HS.acronym, FOAF.name)

_SPACES = re.compile(r"[\s_\-\u2010-\u2015]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})

# Preference among entities that share a name: lower wins.
_DOMAIN, _SESSION, _SECTION, _STATEMENT, _ONTOLOGY = range(5)


def normalise(name: str) -> str:
    """Fold case, quotes, hyphens and spacing so that names compare loosely.

    >>> normalise("  Model 1: ")
    'model 1'
    >>> normalise("Roundtable-B")
    'roundtable b'
    """
    text = _SPACES.sub(" ", name.translate(_QUOTES).strip().lower())
    return text.strip(" .:;,'\"()§")


def aliases(graph: Graph) -> Iterator[tuple[str, URIRef]]:
    """The names people use for numbered things: ``section 4b``, ``roundtable b``, ``objective 1``.

    >>> from graph.rdf.loading import load_graph
    >>> ("roundtable question b", "le2015:line-108") in [
    ...     (a, curie(i)) for a, i in aliases(load_graph())]
    True
    """
    for section, number in graph.subject_objects(HS.sectionNumber):
        if isinstance(section, URIRef):
            yield f"section {number}", section
            yield f"§{number}", section
    for question, letter in graph.subject_objects(HS.questionLetter):
        if isinstance(question, URIRef):
            for form in ("question {}", "roundtable {}", "roundtable question {}"):
                yield form.format(letter), question
    for objective, number in graph.subject_objects(HS.objectiveNumber):
        if isinstance(objective, URIRef):
            yield f"objective {number}", objective
    for theme, number in graph.subject_objects(HS.themeNumber):
        if isinstance(theme, URIRef):
            yield f"theme {number}", theme


def name_index(graph: Graph) -> dict[str, set[URIRef]]:
    """Map every normalised name in ``graph`` (labels, acronyms, aliases) to the entities it names."""
    index: dict[str, set[URIRef]] = defaultdict(set)
    for prop in NAME_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and (subject, RDF.type, None) in graph:
                index[normalise(str(value))].add(subject)
    for alias, entity in aliases(graph):
        index[normalise(alias)].add(entity)
    return index


def _expand(graph: Graph, text: str) -> URIRef | None:
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
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


def label_of(graph: Graph, iri: Node) -> str:
    """The entity's display name: preferred label, label or name, else its CURIE."""
    for prop in (SKOS.prefLabel, RDFS.label, FOAF.name):
        value = graph.value(iri, prop)
        if value is not None:
            return str(value)
    return curie(iri) if isinstance(iri, URIRef) else str(iri)


def display_labels(graph: Graph) -> dict[str, str]:
    """The display name (as :func:`label_of` gives it) of every typed IRI, by IRI string.

    Reads each naming property once for the whole graph (one scan, or one request on a SPARQL
    endpoint) rather than asking for each entity's label in turn.

    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> labels = display_labels(g)
    >>> all(labels[str(i)] == label_of(g, i) for i in g.subjects(RDF.type, None) if isinstance(i, URIRef))
    True
    """
    typed = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    labels: dict[str, str] = {}
    for prop in reversed((SKOS.prefLabel, RDFS.label, FOAF.name)):  # the first property wins
        values: dict[Node, list[Node]] = defaultdict(list)
        for subject, value in graph.subject_objects(prop):
            if subject in typed:
                values[subject].append(value)
        for subject, found in values.items():
            # with several values, the one label_of picks (the store's first)
            one = found[0] if len(found) == 1 else graph.value(subject, prop)
            labels[str(subject)] = str(one)
    for subject in typed:
        labels.setdefault(str(subject), curie(subject))
    return labels


def _describe(graph: Graph, iris: Iterable[URIRef]) -> list[str]:
    return sorted(f"{label_of(graph, i)} ({curie(i)})" for i in iris)


def _is_a(graph: Graph, entity: URIRef, cls: URIRef) -> bool:
    for direct in graph.objects(entity, RDF.type):
        if direct == cls or cls in graph.transitive_objects(direct, RDFS.subClassOf):
            return True
    return False


def _preference(graph: Graph, entity: URIRef) -> int:
    if str(entity).startswith(str(HS)) or any(
        (entity, RDF.type, t) in graph
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    ):
        return _ONTOLOGY
    if _is_a(graph, entity, HS.Statement):
        return _STATEMENT
    if _is_a(graph, entity, HS.Section):
        return _SECTION
    if _is_a(graph, entity, HS.Session):
        return _SESSION
    return _DOMAIN


def _score(key: str, name: str) -> float:
    ratio = difflib.SequenceMatcher(None, key, name).ratio()
    if key and key in name:
        ratio = max(ratio, 0.75 + 0.25 * len(key) / len(name))
    words, name_words = set(key.split()), set(name.split())
    if words and name_words:
        overlap = len(words & name_words) / len(words | name_words)
        ratio = max(ratio, 0.5 + 0.4 * overlap if overlap else 0.0)
    return ratio


def closest(key: str, names: Iterable[str], n: int = 5, cutoff: float = 0.55) -> list[str]:
    """The ``n`` names most like ``key`` (whole-string similarity, containment, shared words).

    >>> closest("roundtable z", ["roundtable a", "roundtable b", "funding"], n=2)
    ['roundtable a', 'roundtable b']
    """
    key = normalise(key)
    scored = sorted(((-_score(key, name), name) for name in names), key=lambda s: s)
    return [name for score, name in scored if -score >= cutoff][:n]


def resolve(graph: Graph, name: str, *, index: dict[str, set[URIRef]] | None = None) -> URIRef:
    """The one entity of ``graph`` that ``name`` denotes.

    Raises
    ------
    EntityNotFound
        Nothing matches; the message lists the closest names.
    AmbiguousEntity
        Several entities of the same standing share the name; the message lists them with
        their CURIEs.

    Examples
    --------
    >>> from graph.rdf.loading import load_graph
    >>> resolve(load_graph(), "roundtable z")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.EntityNotFound: no entity is called 'roundtable z'. Closest: ...(le2015:line-95)...
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
        ranked = sorted(found, key=lambda e: (_preference(graph, e), str(e)))
        best = _preference(graph, ranked[0])
        winners = [e for e in ranked if _preference(graph, e) == best]
        if len(winners) == 1:
            return winners[0]
        raise AmbiguousEntity(name, _describe(graph, winners))
    candidates: list[str] = []
    for k in closest(key, names):
        for described in _describe(graph, names[k]):
            if described not in candidates:
                candidates.append(described)
    raise EntityNotFound(name, candidates[:5])
