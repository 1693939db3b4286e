"""Turn what a person types (an IRI, a CURIE, a name, a close spelling) into one entity IRI.

A name is looked for, in this order, among:

1. the entity's names: labels, preferred and alternative labels, acronyms, personal names,
   its short name (the end of its IRI: ``worker-wellbeing`` for ``topic:worker-wellbeing``) and
   the names people use for numbered things: ``section 4b`` (or ``§4b``), ``roundtable b``,
   ``question b``, ``objective 2``, ``theme 3``;
2. the names that contain every word typed (``training`` finds "training and accreditation");
3. close spellings of the names (``sustainabilty``), by :mod:`rapidfuzz`; numbers and letters
   must still match (``roundtable z`` is not ``roundtable a``).

Case, accents, quotes, hyphens and spacing do not matter. A kind before the name, with a
colon, keeps only entities of that kind: ``topic: boys and young men``, ``target group:
boys`` (the kind is a class's label or a CURIE prefix such as ``topic``, ``group``, ``hsorg``).

When several entities share a name, a thing of the domain (an organisation, a model, a topic)
wins over a session, a session over a section, a section over a statement: ``Model 1`` is the
delivery model, not the section of the report that has the same title. The name of a class of
the ontology stands for its instances: ``evaluation`` is the evaluation (its only instance),
not the class. Entities of the same standing are ambiguous: :class:`AmbiguousEntity` lists them
with their kinds and says how to pick one. An unknown name raises :class:`EntityNotFound`,
which says what was searched and lists the closest names; a name longer than
:data:`MAX_NAME_LENGTH` characters is refused before any search.

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
>>> curie(resolve(g, "worker-wellbeing")), curie(resolve(g, "training"))
('topic:worker-wellbeing', 'topic:training-accreditation')
>>> str(resolve(g, "evaluation"))
'https://w3id.org/hubspoke/id/evaluation/hub-and-spoke'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.rdf.fastparse import subject_objects
from graph.rdf.namespaces import HS, HSD, PREFIXES, curie

__all__ = [
    "MAX_NAME_LENGTH",
    "NAME_PROPERTIES",
    "aliases",
    "closest",
    "kind_of",
    "label_of",
    "name_index",
    "display_labels",
    "normalise",
    "resolve",
]

#: Properties whose values name an entity.
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, HS.acronym, FOAF.name)

#: Longest name looked for; a longer one is refused at once.
MAX_NAME_LENGTH = 200

#: Fewest points (of 100) a close spelling must score, and the most candidates listed.
_CLOSE_ENOUGH, _LISTED = 85.0, 8

_SPACES = re.compile(r"[\s_\-\u2010-\u2015]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_STRIPPED = " .:;,'\"()§"

# Preference among entities that share a name: lower wins.
_DOMAIN, _SESSION, _SECTION, _STATEMENT, _ONTOLOGY = range(5)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip(_STRIPPED)


def normalise(name: str) -> str:
    """Fold case, accents, quotes, hyphens and spacing so that names compare loosely.

    >>> normalise("  Model 1: ")
    'model 1'
    >>> normalise("Roundtable-B"), normalise("Département")
    ('roundtable b', 'departement')
    """
    text = _fold(name)
    for _ in range(4):  # folding again changes nothing, except for rare compatibility forms
        again = _fold(text)
        if again == text:
            break
        text = again
    return text


def _short_name(entity: URIRef) -> str | None:
    text = str(entity)
    if not text.startswith(str(HSD)):
        return None
    return re.split(r"[/#]", text)[-1] or None


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
    """Map every normalised name in ``graph`` (labels, acronyms, aliases, short names) to the
    entities it names."""
    index: dict[str, set[URIRef]] = defaultdict(set)
    for prop in NAME_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and (subject, RDF.type, None) in graph:
                index[normalise(str(value))].add(subject)
    for alias, entity in aliases(graph):
        index[normalise(alias)].add(entity)
    for entity in {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        short = _short_name(entity)
        if short:
            index[normalise(short)].add(entity)
    index.pop("", None)
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
        if namespace is not None and local and not re.search(r"\s", local):
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
    typed = {s for s, _ in subject_objects(graph, RDF.type) if isinstance(s, URIRef)}
    labels: dict[str, str] = {}
    for prop in reversed((SKOS.prefLabel, RDFS.label, FOAF.name)):  # the first property wins
        values: dict[Node, list[Node]] = defaultdict(list)
        for subject, value in subject_objects(graph, prop):
            if subject in typed:
                values[subject].append(value)
        for subject, found in values.items():
            # with several values, the one label_of picks (the store's first)
            one = found[0] if len(found) == 1 else graph.value(subject, prop)
            labels[str(subject)] = str(one)
    for subject in typed:
        labels.setdefault(str(subject), curie(subject))
    return labels


def _is_a(graph: Graph, entity: URIRef, cls: URIRef) -> bool:
    for direct in graph.objects(entity, RDF.type):
        if direct == cls or cls in graph.transitive_objects(direct, RDFS.subClassOf):
            return True
    return False


def _is_ontology_term(graph: Graph, entity: URIRef) -> bool:
    return str(entity).startswith(str(HS)) or any(
        (entity, RDF.type, t) in graph
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    )


def _preference(graph: Graph, entity: URIRef) -> int:
    if _is_ontology_term(graph, entity):
        return _ONTOLOGY
    if _is_a(graph, entity, HS.Statement):
        return _STATEMENT
    if _is_a(graph, entity, HS.Section):
        return _SECTION
    if _is_a(graph, entity, HS.Session):
        return _SESSION
    return _DOMAIN


def kind_of(graph: Graph, entity: URIRef) -> str:
    """What kind of thing ``entity`` is: the label of its most specific class.

    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> kind_of(g, HSD["topic/boys"]), kind_of(g, HSD["group/boys"]), kind_of(g, HS.Topic)
    ('topic', 'target group', 'class')
    """
    if (entity, RDF.type, OWL.Class) in graph:
        return "class"
    if _is_ontology_term(graph, entity):
        return "ontology term"
    types = {t for t in graph.objects(entity, RDF.type) if isinstance(t, URIRef)}
    broader = {b for t in types for b in graph.transitive_objects(t, RDFS.subClassOf) if b != t}
    specific = sorted(types - broader) or sorted(types)
    return label_of(graph, specific[0]) if specific else "entity"


def _describe(graph: Graph, iris: Iterable[URIRef]) -> list[str]:
    return sorted(f"{label_of(graph, i)} ({kind_of(graph, i)}, {curie(i)})" for i in iris)


def _instances(graph: Graph, cls: URIRef) -> set[URIRef]:
    classes = {cls} | set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {
        s
        for c in classes
        for s in graph.subjects(RDF.type, c)
        if isinstance(s, URIRef) and not _is_ontology_term(graph, s)
    }


_Kind = tuple[str, set[str] | None, set[URIRef]]


def _kind_filter(graph: Graph, kind: str) -> _Kind | None:
    """The namespace or classes a typed kind (``topic``, ``target group``) stands for."""
    key = normalise(kind)
    namespace = PREFIXES.get(kind.strip()) or PREFIXES.get(key)
    if namespace is not None and namespace.startswith(str(HSD)):
        return key, {namespace}, set()
    classes = {
        c
        for c in graph.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef)
        and (
            normalise(label_of(graph, c)) == key
            or str(c)[len(str(HS)) :].lower() == key.replace(" ", "")
        )
    }
    return (key, None, classes) if classes else None


def _of_kind(graph: Graph, found: set[URIRef], kind: _Kind) -> set[URIRef]:
    _, namespaces, classes = kind
    if namespaces is not None:
        return {e for e in found if any(str(e).startswith(ns) for ns in namespaces)}
    return {e for e in found if any(_is_a(graph, e, c) for c in classes)}


def _numbers_and_letters(name: str) -> list[str]:
    return [w for w in name.split() if len(w) <= 2 or w.isdigit()]


def _containing(names: dict[str, set[URIRef]], key: str) -> set[URIRef]:
    words = set(key.split())
    if not words:
        return set()
    return {e for name, entities in names.items() if words <= set(name.split()) for e in entities}


def _spelt_like(names: dict[str, set[URIRef]], key: str) -> set[URIRef]:
    if len(key) < 4:
        return set()
    scored = process.extract(
        key, list(names), scorer=fuzz.ratio, score_cutoff=_CLOSE_ENOUGH, limit=20
    )
    fixed = _numbers_and_letters(key)
    close = [(n, score) for n, score, _ in scored if _numbers_and_letters(n) == fixed]
    if not close:
        return set()
    best = max(score for _, score in close)
    return {e for n, score in close if score >= best - 3 for e in names[n]}


def _settle(graph: Graph, name: str, found: set[URIRef]) -> URIRef:
    """The one entity among ``found`` (not empty) that ``name`` means."""
    widened: set[URIRef] = set()
    for entity in found:
        instances = _instances(graph, entity) if (entity, RDF.type, OWL.Class) in graph else set()
        widened |= instances or {entity}  # a class's name stands for its instances
    ranked = sorted(widened, key=lambda e: (_preference(graph, e), str(e)))
    best = _preference(graph, ranked[0])
    winners = [e for e in ranked if _preference(graph, e) == best]
    if len(winners) == 1:
        return winners[0]
    described = _describe(graph, winners)
    example = sorted(winners, key=lambda e: (kind_of(graph, e), str(e)))[-1]
    how = f"Give the CURIE of the one you mean (such as {curie(example)})"
    if len(label_of(graph, example)) <= 40:
        how += f" or put its kind before the name (such as '{kind_of(graph, example)}: "
        how += f"{label_of(graph, example)}')"
    how += "."
    raise AmbiguousEntity(name, described[:_LISTED], how=how, more=len(described[_LISTED:]))


def closest(key: str, names: Iterable[str], n: int = 5, cutoff: float = 60.0) -> list[str]:
    """The ``n`` names most like ``key`` (weighted similarity of the whole and of its parts).

    >>> closest("roundtable z", ["roundtable a", "roundtable b", "funding"], n=2)
    ['roundtable a', 'roundtable b']
    """
    key = normalise(key)
    if len(key) < 3:
        return []
    found = process.extract(key, list(names), scorer=fuzz.WRatio, score_cutoff=cutoff, limit=None)
    return [name for name, _, _ in sorted(found, key=lambda f: (-f[1], f[0]))][:n]


def resolve(graph: Graph, name: str, *, index: dict[str, set[URIRef]] | None = None) -> URIRef:
    """The one entity of ``graph`` that ``name`` denotes.

    Raises
    ------
    EntityNotFound
        Nothing matches (the message says what was searched and lists the closest names),
        or the name is longer than :data:`MAX_NAME_LENGTH` characters.
    AmbiguousEntity
        Several entities of the same standing share the name; the message lists them with
        their kinds and CURIEs and says how to pick one.

    Examples
    --------
    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> resolve(g, "boys")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.AmbiguousEntity: 'boys' names 2 entities: boys and young men (target group, group:boys); boys and young men (topic, topic:boys). ...
    >>> curie(resolve(g, "topic: boys and young men")), curie(resolve(g, "target group:boys"))
    ('topic:boys', 'group:boys')
    >>> resolve(g, "roundtable z")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.EntityNotFound: no entity is called 'roundtable z' (searched ...). Closest: ...(discussion question, le2015:line-95)...
    """
    text = name.strip()
    if len(text) > MAX_NAME_LENGTH:
        raise EntityNotFound(name, [], reason=f"a name is at most {MAX_NAME_LENGTH} characters")
    expanded = _expand(graph, text)
    if expanded is not None:
        return expanded
    names = index if index is not None else name_index(graph)
    key = normalise(text)
    kind = None
    if key not in names and ":" in text:
        head, rest = text.split(":", 1)
        kind = _kind_filter(graph, head)
        if kind is not None:
            key = normalise(rest)
    lookups = (  # the name itself, then names holding every word, then close spellings
        lambda k: names.get(k, set()),
        lambda k: _containing(names, k),
        lambda k: _spelt_like(names, k),
    )
    for look in lookups:
        found = set(look(key))
        if kind is not None:
            found = _of_kind(graph, found, kind)
        if found:
            return _settle(graph, name, found)
    what = kind[0] if kind is not None else "entity"
    entities = set().union(*names.values()) if names else set()
    searched = (
        f"the labels, alternative labels, acronyms and short names of {len(entities)} entities, "
        "for names holding every word, and for close spellings"
    )
    candidates: list[str] = []
    for k in closest(key, names):
        matched = names[k] if kind is None else _of_kind(graph, names[k], kind)
        for described in _describe(graph, matched):
            if described not in candidates:
                candidates.append(described)
    raise EntityNotFound(name, candidates[:5], searched=searched, kind=what)
