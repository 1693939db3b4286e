"""Personal contact details: which properties hold them, and how to find them in text and IRIs.

A public output holds no e-mail address, telephone or fax number, whatever its form:

- values of contact properties: those annotated ``hs:contactDetail true`` (``hs:email``,
  ``hs:telephone``), their sub-properties, and the contact properties of the common
  vocabularies (``schema:email``, ``schema:telephone``, ``schema:faxNumber``, ``foaf:mbox``,
  ``foaf:phone``, vCard's ``hasEmail``, ``hasTelephone``, ``email``, ``tel``, ``fax``);
- ``mailto:``, ``tel:``, ``fax:``, ``sms:`` and ``callto:`` links, as IRIs or as literals
  (``"mailto:..."^^xsd:anyURI``);
- e-mail addresses and telephone numbers written in any text literal (``xsd:string``,
  language-tagged, ``xsd:token`` and the other string types): UK and international forms
  (``01632 960123``, ``+44 (0)1632 960 123``, ``0044 1632 960005``, ``00 44 1632 960 008``,
  ``01632-960-123``, ``01632/960123``);
- e-mail addresses inside IRIs, percent-encoded or not.

A telephone number is a run of digits and separators that starts as telephone numbers are
written (``+``, ``0``, ``(0``) and holds 10 to 15 digits, or up to 17 after an international
``00``; years, dates, counts, page ranges and ISBNs are left alone.

Examples
--------
>>> mask_contacts("Fax 0044 1632 960005 or write to jo.bloggs@example.org")
'Fax [telephone withheld] or write to [e-mail withheld]'
>>> mask_contacts("Between 2013 and 2017, 30 people met on 2015-12-01 (pages 169-178).")
'Between 2013 and 2017, 30 people met on 2015-12-01 (pages 169-178).'
>>> find_contacts("ISBN 9781911168447; call 00 44 1632 960 008")
['00 44 1632 960 008']
>>> iri_holds_contact("https://example.org/people/jo.bloggs%40example.org")
True
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SDO, XSD, Namespace
from rdflib.term import Node

from graph.rdf.namespaces import HS

__all__ = [
    "CONTACT_LINK_SCHEMES",
    "EMAIL_MARKER",
    "TELEPHONE_MARKER",
    "TEXT_DATATYPES",
    "contact_properties",
    "find_contacts",
    "iri_holds_contact",
    "is_contact_link",
    "is_text",
    "mask_contacts",
    "may_hold_contact",
    "starts_as_contact_link",
]

#: What an e-mail address inside a text becomes in a public output.
EMAIL_MARKER = "[e-mail withheld]"

#: What a telephone or fax number inside a text becomes in a public output.
TELEPHONE_MARKER = "[telephone withheld]"

#: IRI schemes that are contact details in themselves.
CONTACT_LINK_SCHEMES = ("mailto:", "tel:", "fax:", "sms:", "callto:")

_VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
_SCHEMA_HTTP = Namespace("http://schema.org/")

#: Literal datatypes whose values are text (may hold contact details that can be masked).
TEXT_DATATYPES = frozenset(
    {
        None,
        XSD.string,
        RDF.langString,
        XSD.normalizedString,
        XSD.token,
        XSD.language,
        XSD.Name,
        XSD.NCName,
        XSD.NMTOKEN,
        RDF.HTML,
        RDF.XMLLiteral,
    }
)

_KNOWN_CONTACT_PROPERTIES = frozenset(
    {HS.email, HS.telephone, FOAF.mbox, FOAF.mbox_sha1sum, FOAF.phone}
    | {ns[name] for ns in (SDO, _SCHEMA_HTTP) for name in ("email", "telephone", "faxNumber")}
    | {_VCARD[name] for name in ("hasEmail", "hasTelephone", "email", "tel", "fax")}
)

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# a run of digits and the separators people write in telephone numbers (spaces, dots,
# hyphens, slashes, brackets), starting with "+", "0" or "(0"; whether it is a number is
# decided by counting its digits (see _is_telephone)
_TELEPHONE = re.compile(r"(?<![\w/+(.])(?:\+\s?\d|\(\s?0|0)(?:[\d\s()./-]*\d)?(?![\w/])")
_DIGITS = re.compile(r"\d")
_DECIMAL = re.compile(r"0\.\d+")


_TEN_DIGITS = re.compile(r"(?:\d\D*){10}")


def may_hold_contact(text: str) -> bool:
    """False only when ``text`` surely holds no contact detail: no ``@`` (or ``%40``), no ten
    digits, and it does not start as a contact link. A cheap first test before the exact ones
    (:func:`find_contacts`, :func:`iri_holds_contact`, :func:`is_contact_link`) over a whole
    graph.

    >>> may_hold_contact("30 people met in 2015"), may_hold_contact("0044 1632 960005")
    (False, True)
    """
    return (
        "@" in text
        or "%40" in text
        or _TEN_DIGITS.search(text) is not None
        or starts_as_contact_link(text)
    )


def _is_telephone(text: str) -> bool:
    if _DECIMAL.fullmatch(text):
        return False  # 0.1234567890 is a number, not a telephone
    digits = len(_DIGITS.findall(text))
    international = text.lstrip("(").startswith("00")
    return 10 <= digits <= (17 if international else 15)


def find_contacts(text: str) -> list[str]:
    """The e-mail addresses and telephone numbers written in ``text``, in order.

    >>> find_contacts("mailto:a.b@example.org or +44 (0)1632 960 123, 30 people")
    ['a.b@example.org', '+44 (0)1632 960 123']
    """
    found = [(m.start(), m.group(0)) for m in _EMAIL.finditer(text)]
    rest = _EMAIL.sub(lambda m: " " * len(m.group(0)), text)
    found += [(m.start(), m.group(0).strip()) for m in _TELEPHONE.finditer(rest)]
    return [value for _, value in sorted(found) if _EMAIL.fullmatch(value) or _is_telephone(value)]


def _mask_telephone(match: re.Match[str]) -> str:
    return TELEPHONE_MARKER if _is_telephone(match.group(0)) else match.group(0)


def mask_contacts(text: str) -> str:
    """``text`` with every e-mail address and telephone number replaced by a marker."""
    return _TELEPHONE.sub(_mask_telephone, _EMAIL.sub(EMAIL_MARKER, text))


def is_text(term: Node) -> bool:
    """True for a literal whose datatype is a kind of text (see :data:`TEXT_DATATYPES`)."""
    return isinstance(term, Literal) and term.datatype in TEXT_DATATYPES


def starts_as_contact_link(text: str) -> bool:
    """True when ``text`` (an IRI or a literal's value) is a ``mailto:``/``tel:``/``fax:``...
    link: :data:`CONTACT_LINK_SCHEMES`, in any case, after white space.

    >>> starts_as_contact_link(" Tel:+441632960123"), starts_as_contact_link("telephone")
    (True, False)
    """
    return text.strip().lower().startswith(CONTACT_LINK_SCHEMES)


def is_contact_link(term: Node) -> bool:
    """True for a ``mailto:``/``tel:``/``fax:`` link, as an IRI or as a literal.

    >>> is_contact_link(Literal("MAILTO:jo@example.org", datatype=XSD.anyURI))
    True
    """
    return isinstance(term, URIRef | Literal) and starts_as_contact_link(str(term))


def iri_holds_contact(iri: Node | str) -> bool:
    """True when the IRI ``iri`` is a contact link or holds an e-mail address (maybe %-encoded).

    Literals and blank nodes are not IRIs: False.
    """
    if not isinstance(iri, str) or isinstance(iri, Literal | BNode):
        return False
    text = str(iri)
    return is_contact_link(URIRef(text)) or bool(_EMAIL.search(unquote(text)))


def contact_properties(graph: Graph) -> set[Node]:
    """Every property whose values are personal contact details.

    The properties annotated ``hs:contactDetail true`` and the contact properties of schema.org,
    FOAF and vCard (even when no ontology is loaded), and their sub-properties.
    """
    roots: set[Node] = {
        *_KNOWN_CONTACT_PROPERTIES,
        *graph.subjects(HS.contactDetail, Literal(True)),
    }
    found: set[Node] = set()
    for root in roots:
        found.update(
            p for p in graph.transitive_subjects(RDFS.subPropertyOf, root) if p is not None
        )
    return found
