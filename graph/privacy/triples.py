"""The audience policy applied to Oxigraph triples, for outputs written by Oxigraph.

An export of a million triples works on :class:`pyoxigraph.Triple` rather than an rdflib
graph (an rdflib graph costs seconds per hundred thousand triples to fill). The rule is not
written twice: :class:`~graph.privacy.policy.AudiencePolicy` decides which nodes are withheld,
which properties hold contact details and which names are masked; this module only carries
its decisions over to Oxigraph's terms, triple by triple, exactly as
:meth:`AudiencePolicy.redact <graph.privacy.policy.AudiencePolicy.redact>` does for an rdflib
graph (``tests/test_privacy_triples.py`` checks that both give the same triples).

Examples
--------
>>> import pyoxigraph as ox
>>> from rdflib import Graph, Literal, URIRef
>>> from graph.rdf.namespaces import HS
>>> g = Graph()
>>> jo, report = URIRef("https://example.org/jo"), URIRef("https://example.org/report")
>>> _ = g.add((jo, HS.sensitivity, HS.Restricted))
>>> _ = g.add((jo, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Jo Bloggs")))
>>> policy = AudiencePolicy.of(g, "public")
>>> said = ox.Triple(ox.NamedNode(str(report)), ox.NamedNode("urn:says"),
...                  ox.Literal("Jo Bloggs: ring 01632 960123"))
>>> cited = ox.Triple(ox.NamedNode(str(report)), ox.NamedNode("urn:cites"), ox.NamedNode(str(jo)))
>>> [t.object.value for t in redact_triples([said, cited], policy)]
['[name withheld]: ring [telephone withheld]']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.privacy.contacts import TEXT_DATATYPES, find_contacts, starts_as_contact_link
from graph.privacy.policy import AudiencePolicy

__all__ = ["redact_triples"]

_TEXT = frozenset(str(datatype) for datatype in TEXT_DATATYPES if datatype is not None)
_LANG_STRING = str(RDF.langString)


def _ox(node: Node) -> Any:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    return None  # a literal is never withheld as a node


def _is_contact_link(term: Any) -> bool:
    """:func:`~graph.privacy.contacts.is_contact_link` over an Oxigraph term."""
    return not isinstance(term, ox.BlankNode) and starts_as_contact_link(term.value)


class _OxPolicy:
    """An :class:`AudiencePolicy`'s decisions in Oxigraph terms."""

    def __init__(self, policy: AudiencePolicy) -> None:
        self.policy = policy
        self.withheld = {_ox(node) for node in policy.withheld} - {None}
        self.contacts = {_ox(node) for node in policy.contacts} - {None}

    def keeps(self, s: Any, p: Any, o: Any) -> bool:
        """:meth:`AudiencePolicy.keeps` over Oxigraph terms."""
        withheld = self.withheld
        if s in withheld or p in withheld or o in withheld:
            return False
        if self.policy.public:
            if p in self.contacts or _is_contact_link(o):
                return False
            if (
                isinstance(o, ox.Literal)
                and o.datatype.value not in _TEXT
                and find_contacts(o.value)
            ):
                return False  # a contact detail in a typed literal cannot be masked in place
        return True

    def term(self, o: Any) -> Any:
        """:meth:`AudiencePolicy.term` over Oxigraph terms."""
        if not isinstance(o, ox.Literal) or o.datatype.value not in _TEXT:
            return o
        masked = self.policy.text(o.value)
        if masked == o.value:
            return o
        if o.datatype.value == _LANG_STRING:
            return ox.Literal(masked, language=o.language)
        return ox.Literal(masked, datatype=o.datatype)


def _without_orphan_blank_nodes(triples: list[Any], candidates: Iterable[Any]) -> list[Any]:
    """``triples`` without the blank nodes that only a dropped triple pointed at, and what
    hangs from them (as :meth:`AudiencePolicy.redact` does)."""
    pending = [node for node in candidates if isinstance(node, ox.BlankNode)]
    if not pending:
        return triples
    pointed: Counter[Any] = Counter(t.object for t in triples if isinstance(t.object, ox.BlankNode))
    described: dict[Any, list[Any]] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            described.setdefault(t.subject, []).append(t)
    removed: set[Any] = set()
    while pending:
        node = pending.pop()
        if pointed[node] > 0:
            continue
        for t in described.pop(node, ()):
            removed.add(t)
            if isinstance(t.object, ox.BlankNode):
                pointed[t.object] -= 1
                pending.append(t.object)
    return [t for t in triples if t not in removed] if removed else triples


def redact_triples(triples: Iterable[ox.Triple], policy: AudiencePolicy) -> list[ox.Triple]:
    """What ``policy``'s audience may see of ``triples``: the triples it keeps, texts masked,
    blank nodes that only a dropped triple pointed at removed.

    The policy is worked out on the graph the triples come from
    (:meth:`AudiencePolicy.of`); blank nodes are matched by name, so the triples must keep the
    graph's blank-node names (``source_triples`` does).
    """
    rule = _OxPolicy(policy)
    kept: list[ox.Triple] = []
    dropped: list[Any] = []
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if not rule.keeps(s, p, o):
            dropped.append(o)
            continue
        masked = rule.term(o)
        kept.append(t if masked is o else ox.Triple(s, p, masked))
    return _without_orphan_blank_nodes(kept, dropped)
