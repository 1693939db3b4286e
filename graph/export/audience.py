"""Who a snapshot is for, and what each audience may not see.

Two audiences:

- ``public`` (the default): no personal contact details and nothing the data marks as not
  public. Values of every property marked ``hs:contactDetail`` (``hs:email``, ``hs:telephone``) are
  dropped, ``mailto:`` and ``tel:`` links are dropped, e-mail addresses and telephone numbers
  written inside text are replaced by :data:`EMAIL_MARKER` and :data:`TELEPHONE_MARKER`, and
  every node marked ``hs:sensitivity hs:TeamOnly`` or ``hs:Restricted`` is left out with all
  its triples, in and out.
- ``team``: contact details stay; nodes marked ``hs:Restricted`` are still left out.

Redaction works on the RDF graph before anything is written, so every format made from the
redacted graph (RDF, network views, maps) follows the same rule.

Examples
--------
>>> mask_contacts("To see the report please contact jo.bloggs@example.org or 01632 960123")
'To see the report please contact [e-mail withheld] or [telephone withheld]'
>>> mask_contacts("Between 2013 and 2017, 30 people met on 2015-12-01.")
'Between 2013 and 2017, 30 people met on 2015-12-01.'
>>> mask_contacts("Call +44 (0)1632 960 123, ISBN 9781911168447, pages 169-178.")
'Call [telephone withheld], ISBN 9781911168447, pages 169-178.'
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import FOAF
>>> from graph.rdf.namespaces import HS
>>> g = Graph()
>>> alice, secret = URIRef("https://example.org/alice"), URIRef("https://example.org/secret")
>>> g.add((alice, HS.email, Literal("alice@example.org")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> g.add((secret, HS.sensitivity, HS.Restricted))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> g.add((alice, FOAF.knows, secret))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> len(redact(g, "public")), len(redact(g, "team"))
(0, 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from graph.errors import ExportError
from graph.rdf.namespaces import HS, bind_prefixes

__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "EMAIL_MARKER",
    "TELEPHONE_MARKER",
    "check_audience",
    "contact_properties",
    "mask_contacts",
    "redact",
    "withheld_nodes",
    "withheld_strings",
]

#: The audiences a snapshot can be made for.
AUDIENCES = ("public", "team")

#: The audience used when none is given.
DEFAULT_AUDIENCE = "public"

#: What an e-mail address inside a text becomes in a public export.
EMAIL_MARKER = "[e-mail withheld]"

#: What a telephone number inside a text becomes in a public export.
TELEPHONE_MARKER = "[telephone withheld]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# a run of digits with the separators people write in telephone numbers, starting with "+",
# "0" or "(0" as telephone numbers are written; masked only when it holds 10 to 13 digits
# (UK numbers have 10 or 11, with +44 up to 13), so that years, dates, counts, page ranges
# and ISBNs are left alone
_TELEPHONE = re.compile(r"(?<![\w/+(])(?:\+\s?\d|\(\s?0|0)(?:[\d\s().-]*\d)?(?![\w/])")
_TEXT_DATATYPES = (None, XSD.string, RDF.langString)
_LINK_SCHEMES = ("mailto:", "tel:")


def check_audience(audience: str) -> str:
    """Return ``audience`` if it is one of :data:`AUDIENCES`, else raise :class:`ExportError`.

    >>> check_audience("partners")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.ExportError: unknown audience 'partners' - use one of: public, team
    """
    if audience not in AUDIENCES:
        raise ExportError(f"unknown audience {audience!r} - use one of: {', '.join(AUDIENCES)}")
    return audience


def contact_properties(graph: Graph) -> set[Node]:
    """Every property whose values are personal contact details.

    The properties marked ``hs:contactDetail true``, ``hs:email`` and ``hs:telephone`` (even when
    the ontology is not loaded), and their sub-properties.
    """
    roots: set[Node] = {HS.email, HS.telephone, *graph.subjects(HS.contactDetail, Literal(True))}
    found: set[Node] = set()
    for root in roots:
        found.update(
            p for p in graph.transitive_subjects(RDFS.subPropertyOf, root) if p is not None
        )
    return found


def withheld_nodes(graph: Graph, audience: str) -> set[Node]:
    """The nodes ``audience`` may not see: marked restricted, or team-only for the public."""
    levels = {HS.Restricted} if check_audience(audience) == "team" else {HS.Restricted, HS.TeamOnly}
    return {node for node, level in graph.subject_objects(HS.sensitivity) if level in levels}


def _mask_telephone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if not 10 <= digits <= 13:
        return text
    return TELEPHONE_MARKER


def mask_contacts(text: str) -> str:
    """Replace e-mail addresses and telephone numbers in ``text`` by markers."""
    return _TELEPHONE.sub(_mask_telephone, _EMAIL.sub(EMAIL_MARKER, text))


def _masked(term: Node) -> Node:
    if isinstance(term, Literal) and term.datatype in _TEXT_DATATYPES:
        masked = mask_contacts(str(term))
        if masked != str(term):
            return Literal(masked, lang=term.language, datatype=term.datatype)
    return term


def _is_contact_link(term: Node) -> bool:
    return isinstance(term, URIRef) and str(term).lower().startswith(_LINK_SCHEMES)


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


def redact(graph: Graph, audience: str) -> Graph:
    """A new graph holding what ``audience`` may see of ``graph`` (see the module notes).

    Raises
    ------
    ExportError
        ``audience`` is not one of :data:`AUDIENCES`.
    """
    public = check_audience(audience) == "public"
    dropped = withheld_nodes(graph, audience)
    contacts = contact_properties(graph) if public else set()
    result = bind_prefixes(Graph())
    orphans: list[Node] = []
    for s, p, o in graph:
        if s in dropped or o in dropped or p in dropped:
            orphans.append(o)
            continue
        if public:
            if p in contacts or _is_contact_link(o):
                orphans.append(o)
                continue
            o = _masked(o)
        result.add((s, p, o))
    _drop_orphan_blank_nodes(result, orphans)
    return result


def withheld_strings(graph: Graph, audience: str) -> list[str]:
    """Strings from ``graph`` that must not appear in any file made for ``audience``.

    The IRIs of withheld nodes and, for the public, the values of contact properties and the
    e-mail addresses and telephone numbers written in texts (short values, under six
    characters, are left out: they would match by chance). Used to check a snapshot after
    writing it.
    """
    found = {str(node) for node in withheld_nodes(graph, audience) if isinstance(node, URIRef)}
    if check_audience(audience) == "public":
        contacts = contact_properties(graph)
        for _, p, o in graph:
            if p in contacts or _is_contact_link(o):
                found.add(str(o))
            elif isinstance(o, Literal) and o.datatype in _TEXT_DATATYPES:
                text = str(o)
                found.update(m.group(0) for m in _EMAIL.finditer(text))
                found.update(
                    m.group(0)
                    for m in _TELEPHONE.finditer(text)
                    if _mask_telephone(m) != m.group(0)
                )
    return sorted(value for value in found if len(value) >= 6)
