"""The audience policy: what each audience may see of the graph, applied by every output.

One rule for every command that writes or serves data (``build``, ``export``, ``map``,
``push``, ``serve``, ``register export``, the SQLite database):

``public`` (the default)
    Nothing marked ``hs:TeamOnly`` or ``hs:Restricted`` and no personal contact detail
    (see :mod:`graph.privacy.contacts`): values of contact properties and contact links are
    dropped, e-mail addresses and telephone numbers in texts become markers, and a node whose
    IRI holds an e-mail address is left out.
``team`` (on request)
    Contact details stay; nothing marked ``hs:Restricted``.
``restricted``
    Never an audience: restricted nodes leave the curation files for nobody.

A node is withheld with all its triples, in and out. The policy fails closed: a
``hs:sensitivity`` other than ``hs:Public`` or ``hs:TeamOnly`` (``hs:Restricted``, a
misspelt IRI, the string ``"restricted"``) counts as restricted, and the shapes report it.
Withholding follows dependants: a role holding (``hs:holder``, ``org:member``) of a withheld
person is withheld too. The names of withheld nodes (labels, alternative names, acronyms; for
a person each part of the name as well) are replaced by :data:`NAME_MARKER` in every text that
stays, so a restricted person's name cannot leak through a statement or a derived label.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> from graph.rdf.namespaces import HS
>>> g = Graph()
>>> jo, role = URIRef("https://example.org/jo"), URIRef("https://example.org/jo-as-lead")
>>> for triple in [(jo, RDFS.label, Literal("Jo Bloggs")), (jo, HS.sensitivity, HS.Restricted),
...                (role, HS.holder, jo), (role, RDFS.label, Literal("Jo Bloggs, lead")),
...                (jo, HS.email, Literal("jo@example.org"))]:
...     _ = g.add(triple)
>>> len(redact(g, "team")), len(redact(g, "public"))
(0, 0)
>>> policy = AudiencePolicy.of(g, "public")
>>> policy.text("Jo Bloggs said: ring 01632 960123")
'[name withheld] said: ring [telephone withheld]'
>>> policy.allows(role)
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SDO, SKOS
from rdflib.term import Node

from graph.errors import AudienceError
from graph.privacy.contacts import (
    contact_properties,
    find_contacts,
    iri_holds_contact,
    is_contact_link,
    is_text,
    mask_contacts,
    may_hold_contact,
)
from graph.rdf.fastparse import triples_with_text
from graph.rdf.namespaces import HS, bind_prefixes

__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "NAME_MARKER",
    "AudiencePolicy",
    "check_audience",
    "redact",
    "withheld_nodes",
    "withheld_strings",
]

#: The audiences an output can be made for (``restricted`` is never one).
AUDIENCES = ("public", "team")

#: The audience used when none is given.
DEFAULT_AUDIENCE = "public"

#: What the name of a withheld node becomes in a text that stays.
NAME_MARKER = "[name withheld]"

#: Links that make a node a part of the node they point at (withheld with it).
DEPENDENT_LINKS = (HS.holder, ORG.member)

_NAMES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, FOAF.name, SDO.name)
_PERSON_CLASSES = (HS.Person, FOAF.Person, SDO.Person)
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mp", "obe", "mbe", "cbe"}
# names shorter than this are not masked inside texts: they would match ordinary words
_SHORTEST_NAME = 3


def check_audience(audience: str) -> str:
    """Return ``audience`` if it is one of :data:`AUDIENCES`, else raise :class:`AudienceError`.

    >>> check_audience("restricted")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.AudienceError: unknown audience 'restricted' - use one of: public, team ...
    """
    if audience not in AUDIENCES:
        raise AudienceError(
            f"unknown audience {audience!r} - use one of: {', '.join(AUDIENCES)} "
            "(restricted items are never written for anyone)"
        )
    return audience


def _sensitive(graph: Graph, audience: str) -> set[Node]:
    allowed = {HS.Public} | ({HS.TeamOnly} if audience == "team" else set())
    return {node for node, level in graph.subject_objects(HS.sensitivity) if level not in allowed}


def _with_dependants(graph: Graph, withheld: set[Node]) -> set[Node]:
    pending = list(withheld)
    while pending:
        node = pending.pop()
        for link in DEPENDENT_LINKS:
            for dependant in graph.subjects(link, node):
                if dependant not in withheld:
                    withheld.add(dependant)
                    pending.append(dependant)
    return withheld


def withheld_nodes(graph: Graph, audience: str) -> set[Node]:
    """The nodes ``audience`` may not see (see the module notes), dependants included."""
    public = check_audience(audience) == "public"
    withheld = _sensitive(graph, audience)
    if public:
        for s, _, o in triples_with_text(graph, may_hold_contact):
            withheld.update(term for term in (s, o) if iri_holds_contact(term))
    return _with_dependants(graph, withheld)


def _name_properties(graph: Graph) -> set[Node]:
    found: set[Node] = set()
    for root in (*_NAMES, HS.acronym):
        found.update(p for p in graph.transitive_subjects(RDFS.subPropertyOf, root) if p)
    return found


def _names_of(graph: Graph, nodes: Iterable[Node]) -> set[str]:
    properties = _name_properties(graph)
    names: set[str] = set()
    for node in nodes:
        person = any((node, RDF.type, cls) in graph for cls in _PERSON_CLASSES)
        for p, value in graph.predicate_objects(node):
            if p not in properties or not isinstance(value, Literal):
                continue
            name = " ".join(str(value).split())
            names.add(name)
            if person:
                names.update(
                    part
                    for part in re.split(r"[\s,]+", name)
                    if part.strip(".").lower() not in _TITLES
                )
    return {name for name in names if len(name) >= _SHORTEST_NAME}


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    # longest first, so that "Jo Bloggs" is masked whole before "Jo" alone
    ordered = sorted(set(names), key=lambda n: (-len(n), n))
    if not ordered:
        return None
    alternatives = "|".join(r"\s+".join(map(re.escape, name.split())) for name in ordered)
    # case matters: "Teamonly" is a name, "TeamOnly" an ontology term
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@dataclass(frozen=True)
class AudiencePolicy:
    """The audience rule worked out for one graph: use :meth:`of`, then :meth:`redact` the
    graph, or check terms and texts one by one (:meth:`allows`, :meth:`term`, :meth:`text`)."""

    audience: str
    withheld: frozenset[Node]
    contacts: frozenset[Node]
    names: re.Pattern[str] | None

    @classmethod
    def of(cls, graph: Graph, audience: str = DEFAULT_AUDIENCE) -> AudiencePolicy:
        """The policy for ``audience`` over ``graph`` (raises :class:`AudienceError`)."""
        withheld = withheld_nodes(graph, audience)
        contacts = contact_properties(graph) if audience == "public" else set()
        names = _name_pattern(_names_of(graph, withheld))
        return cls(audience, frozenset(withheld), frozenset(contacts), names)

    @property
    def public(self) -> bool:
        """True for the public audience (contact details masked)."""
        return self.audience == "public"

    def allows(self, node: Node) -> bool:
        """True when ``node`` may appear (as subject, predicate or object)."""
        return node not in self.withheld

    def text(self, value: str) -> str:
        """``value`` with withheld names masked and, for the public, contact details too."""
        if self.names is not None:
            value = self.names.sub(NAME_MARKER, value)
        return mask_contacts(value) if self.public else value

    def term(self, term: Node) -> Node:
        """``term`` as the audience may see it (texts masked; other terms unchanged)."""
        if is_text(term):
            assert isinstance(term, Literal)
            masked = self.text(str(term))
            if masked != str(term):
                return Literal(masked, lang=term.language, datatype=term.datatype)
        return term

    def keeps(self, s: Node, p: Node, o: Node) -> bool:
        """True when the triple may appear (its object possibly masked by :meth:`term`)."""
        if s in self.withheld or p in self.withheld or o in self.withheld:
            return False
        if self.public:
            if p in self.contacts or is_contact_link(o):
                return False
            if isinstance(o, Literal) and not is_text(o) and find_contacts(str(o)):
                return False  # a contact detail in a typed literal cannot be masked in place
        return True

    def triples(
        self, triples: Iterable[tuple[Node, Node, Node]]
    ) -> Iterator[tuple[Node, Node, Node]]:
        """The triples the audience may see, masked (orphaned blank nodes are not removed)."""
        for s, p, o in triples:
            if self.keeps(s, p, o):
                yield s, p, self.term(o)

    def redact(self, graph: Graph) -> Graph:
        """A new graph holding what the audience may see of ``graph``."""
        result = bind_prefixes(Graph())
        dropped: list[Node] = []
        for s, p, o in graph:
            if self.keeps(s, p, o):
                result.add((s, p, self.term(o)))
            else:
                dropped.append(o)
        _drop_orphan_blank_nodes(result, dropped)
        return result

    def leak_pattern(self, graph: Graph) -> re.Pattern[str] | None:
        """A pattern matching anything of ``graph`` that no output for the audience may hold:
        withheld IRIs and names and, for the public, contact details. Searched in written files.
        """
        parts = [re.escape(value) for value in withheld_strings(graph, self.audience, self)]
        if self.names is not None:
            parts.append(self.names.pattern)
        if not parts:
            return None
        return re.compile("|".join(f"(?:{part})" for part in parts))


def _drop_orphan_blank_nodes(graph: Graph, candidates: Iterable[Node]) -> None:
    """Remove blank nodes that only a dropped triple pointed at, and what hangs from them."""
    pending = [node for node in candidates if isinstance(node, BNode)]
    while pending:
        node = pending.pop()
        if (None, None, node) in graph:
            continue
        for _, _, obj in list(graph.triples((node, None, None))):
            graph.remove((node, None, obj))
            if isinstance(obj, BNode):
                pending.append(obj)


def redact(graph: Graph, audience: str = DEFAULT_AUDIENCE) -> Graph:
    """A new graph holding what ``audience`` may see of ``graph`` (see the module notes).

    Raises
    ------
    AudienceError
        ``audience`` is not one of :data:`AUDIENCES`.
    """
    return AudiencePolicy.of(graph, audience).redact(graph)


def withheld_strings(
    graph: Graph, audience: str, policy: AudiencePolicy | None = None
) -> list[str]:
    """Strings from ``graph`` that must not appear in any file made for ``audience``.

    The IRIs of withheld nodes and, for the public, the values of contact properties and the
    e-mail addresses and telephone numbers written in texts (values under six characters are
    left out: they would match by chance). Names are matched by
    :meth:`AudiencePolicy.leak_pattern`.
    """
    policy = policy or AudiencePolicy.of(graph, audience)
    found = {str(node) for node in policy.withheld if isinstance(node, URIRef)}
    if policy.public:
        for p in policy.contacts:
            found.update(str(o) for o in graph.objects(None, p))
        for _, p, o in triples_with_text(graph, may_hold_contact):
            if p in policy.contacts or is_contact_link(o):
                found.add(str(o))
            elif isinstance(o, Literal):
                found.update(find_contacts(str(o)))
    return sorted(value for value in found if len(value) >= 6)
