"""Turn a segmentation into RDF: the document, its sections and one statement per unit.

IRIs follow ``docs/curation.md``: under ``https://w3id.org/hubspoke/id/<document>/``, the
document is ``document``, sections ``section-4a``, statements ``line-<first line>``.
Lead-ins are ``hs:LeadIn``, as in the curated data; other paragraphs ``hs:Narrative``;
bullets and sub-bullets ``hs:Statement`` (the curator refines the class by reading); a
bullet led in by a lead-in is ``hs:partOfStatement`` it.

Examples
--------
>>> from graph.ingest.segmenting import segment
>>> g = document_graph(segment("# 1. AIMS\\n\\n- To learn\\n"), "demo-report", "Demo")
>>> from graph.rdf.namespaces import curie
>>> sorted(curie(s) for s in set(g.subjects()))  # doctest: +NORMALIZE_WHITESPACE
['https://w3id.org/hubspoke/id/demo-report/document',
 'https://w3id.org/hubspoke/id/demo-report/line-3',
 'https://w3id.org/hubspoke/id/demo-report/section-1']
>>> short_label("Regular supervision is highly valued and essential to be an effective Spoke worker")
'Regular supervision is highly valued and essential to be an...'
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.errors import IngestError
from graph.ingest.segmenting import Segmentation, Unit
from graph.rdf.namespaces import HS, HSD

__all__ = [
    "DOCUMENT_ID",
    "document_graph",
    "document_namespace",
    "document_prefixes",
    "issued_literal",
    "short_label",
    "statement_class",
]

#: What a document id looks like (it becomes part of IRIs and file names).
DOCUMENT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_DATE = {
    re.compile(r"^\d{4}-\d{2}-\d{2}$"): XSD.date,
    re.compile(r"^\d{4}-\d{2}$"): XSD.gYearMonth,
    re.compile(r"^\d{4}$"): XSD.gYear,
}


def document_namespace(document: str) -> Namespace:
    """The namespace of a document's own nodes."""
    return Namespace(f"{HSD}{document}/")


def document_prefixes(document: str) -> dict[str, str]:
    """The Turtle prefix of a document's own nodes: its id (``d`` + id when it starts with a
    digit), e.g. ``{'demo-report': 'https://w3id.org/hubspoke/id/demo-report/'}``."""
    prefix = document if document[0].isalpha() else f"d{document}"
    return {prefix: str(document_namespace(document))}


def short_label(text: str, limit: int = 60) -> str:
    """The first words of ``text``, at most ``limit`` characters, ``...`` when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}..."


def issued_literal(date: str) -> Literal:
    """``date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as a typed literal."""
    import datetime as dt  # lazy: only a dated ingest checks its date

    for pattern, datatype in _DATE.items():
        if pattern.match(date):
            if datatype == XSD.date:
                try:
                    dt.date.fromisoformat(date)
                except ValueError:
                    break
            return Literal(date, datatype=datatype)
    raise IngestError("--date", f"not a date: {date!r}", hint="write YYYY-MM-DD, YYYY-MM or YYYY")


def statement_class(unit: Unit) -> URIRef:
    """The class a unit is given before a curator reads it."""
    if unit.kind == "lead-in":
        return HS.LeadIn
    return HS.Narrative if unit.kind == "paragraph" else HS.Statement


def document_graph(
    segmentation: Segmentation,
    document: str,
    title: str,
    *,
    date: str | None = None,
    source_name: str | None = None,
) -> Graph:
    """The RDF of a segmented source: document, sections and statements."""
    ns = document_namespace(document)
    doc = ns["document"]
    g = Graph()
    g.add((doc, RDF.type, HS.Document))
    g.add((doc, RDFS.label, Literal(title, lang="en")))
    g.add((doc, DCTERMS.title, Literal(title)))
    if date:
        g.add((doc, DCTERMS.issued, issued_literal(date)))
    g.add(
        (
            doc,
            RDFS.comment,
            Literal(
                f"Ingested by 'hubspoke ingest' from sources/{source_name or document + '.md'}: "
                "sections from its headings, one statement per bullet and paragraph, verbatim, with its "
                "lines. Statement classes and codes are for curators and coders to add.",
                lang="en",
            ),
        )
    )
    for section in segmentation.sections:
        node = ns[section.key]
        g.add((node, RDF.type, HS.Section))
        g.add((node, RDFS.label, Literal(section.label, lang="en")))
        g.add((node, DCTERMS.title, Literal(section.title)))
        if section.number:
            g.add((node, HS.sectionNumber, Literal(section.number)))
        g.add((node, HS.sectionOf, doc))
        if section.parent:
            g.add((node, HS.parentSection, ns[section.parent]))
        g.add((node, HS.startLine, Literal(section.start, datatype=XSD.positiveInteger)))
        g.add((node, HS.endLine, Literal(section.end, datatype=XSD.positiveInteger)))
        g.add((node, HS.position, Literal(section.position, datatype=XSD.positiveInteger)))
    for unit in segmentation.units:
        node = ns[f"line-{unit.start}"]
        g.add((node, RDF.type, statement_class(unit)))
        g.add((node, RDFS.label, Literal(short_label(unit.text), lang="en")))
        g.add((node, HS.text, Literal(unit.text)))
        g.add((node, HS.sourceDocument, doc))
        g.add((node, HS.inSection, ns[unit.section]))
        g.add((node, HS.startLine, Literal(unit.start, datatype=XSD.positiveInteger)))
        g.add((node, HS.endLine, Literal(unit.end, datatype=XSD.positiveInteger)))
        g.add((node, HS.position, Literal(unit.position, datatype=XSD.positiveInteger)))
        if unit.parent is not None:
            g.add((node, HS.partOfStatement, ns[f"line-{unit.parent}"]))
    return g
