"""Checked register rows to RDF, and the register's RDF back to rows.

Each service becomes an ``hs:Service`` of the programme with its hub (``hs:hubOrganisation``),
spoke hosts (``hs:spokeHost``, each with its ``hs:agencyType``), model (``hs:deliveryModel``),
phase (``hs:inPhase``), areas (``hs:servesArea``, local authorities with their
``hs:gssCode``), funders (``hs:fundedBy``), dates (``hs:startDate``, ``hs:endDate``), web
address (``hs:url``), contact e-mail (``hs:email``, a contact detail left out of public
exports) and notes (``rdfs:comment``). Every service, and every organisation or local
authority the register introduces, points with ``prov:wasDerivedFrom`` at the register
document. Organisations already in the curated data are reused, not relabelled.

:func:`records_to_graph` and :func:`graph_to_rows` are inverse: the rows of a register graph
read back as the same graph.

Examples
--------
>>> from graph.register.identifiers import KnownEntities, service_iri
>>> record = ServiceRecord(row=2, name="Testshire Spoke Service", hub="Testshire Charity",
...                        model=3, phase=2, areas=(("Testshire", "E06000901"),))
>>> g = records_to_graph([record], KnownEntities())
>>> from graph.rdf.namespaces import curie
>>> sorted(curie(o) for o in g.objects(service_iri("Testshire Spoke Service"), HS.servesArea))
['la:E06000901']
>>> row = graph_to_rows(g, KnownEntities())[0]
>>> row["service"], row["model"], row["local_authorities"], row["gss_codes"]
('Testshire Spoke Service', '3', 'Testshire', 'E06000901')
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD
from rdflib.term import Node

from graph.rdf.namespaces import HS, bind_prefixes
from graph.register.checking import ServiceRecord
from graph.register.columns import COLUMN_NAMES, SEPARATOR
from graph.register.identifiers import (
    AGENCY_TYPE_NS,
    PROGRAMME,
    REGISTER_DOCUMENT,
    KnownEntities,
    local_authority_iri,
    model_iri,
    phase_iri,
)

__all__ = ["graph_to_rows", "records_to_graph", "service_triples", "services"]

_JOIN = f"{SEPARATOR} "
_DOCUMENT_LABEL = "Hub and Spoke services register"
_DOCUMENT_COMMENT = (
    "The spreadsheet in which those who run the programme list its services (hub, spoke host "
    "agencies, model, phase, local authorities, dates, funders), imported with 'hubspoke "
    "register import'. Services, organisations and local authorities introduced by the "
    "register point at it with prov:wasDerivedFrom; the service's name is its key in the sheet."
)


def _label(name: str) -> Literal:
    return Literal(name, lang="en")


def _introduce(graph: Graph, known: KnownEntities, iri: URIRef, kind: URIRef, name: str) -> bool:
    """Type and label ``iri`` unless the curated data defines it; True when introduced here."""
    if known.is_curated(iri):
        return False
    graph.add((iri, RDF.type, kind))
    graph.add((iri, RDFS.label, _label(name)))
    graph.add((iri, PROV.wasDerivedFrom, REGISTER_DOCUMENT))
    return True


def records_to_graph(records: Iterable[ServiceRecord], known: KnownEntities) -> Graph:
    """The register graph of checked ``records``: services, their organisations and areas."""
    graph = bind_prefixes(Graph())
    graph.add((REGISTER_DOCUMENT, RDF.type, HS.Document))
    graph.add((REGISTER_DOCUMENT, RDFS.label, _label(_DOCUMENT_LABEL)))
    graph.add((REGISTER_DOCUMENT, RDFS.comment, _label(_DOCUMENT_COMMENT)))
    for record in records:
        service = known.service(record.name)
        # a curated service keeps its label; the type and the link to the register are
        # stated all the same, so that the register graph lists every service of the sheet
        if not _introduce(graph, known, service, HS.Service, record.name):
            graph.add((service, RDF.type, HS.Service))
            graph.add((service, PROV.wasDerivedFrom, REGISTER_DOCUMENT))
        graph.add((service, HS.partOfProgramme, PROGRAMME))
        hub = known.organisation(record.hub)
        _introduce(graph, known, hub, HS.Organisation, record.hub)
        graph.add((service, HS.hubOrganisation, hub))
        if record.hub_org_id:
            graph.add((hub, HS.orgId, Literal(record.hub_org_id)))
        for name, kind in record.hosts:
            host = known.organisation(name)
            _introduce(graph, known, host, HS.Organisation, name)
            graph.add((service, HS.spokeHost, host))
            graph.add((host, HS.agencyType, URIRef(AGENCY_TYPE_NS + kind)))
        graph.add((service, HS.deliveryModel, model_iri(record.model)))
        graph.add((service, HS.inPhase, phase_iri(record.phase)))
        for name, code in record.areas:
            area = local_authority_iri(code)
            if _introduce(graph, known, area, HS.LocalAuthority, name):
                graph.add((area, HS.gssCode, Literal(code)))
            graph.add((service, HS.servesArea, area))
        for name in record.funders:
            funder = known.organisation(name)
            _introduce(graph, known, funder, HS.Organisation, name)
            graph.add((service, HS.fundedBy, funder))
        for prop, when in ((HS.startDate, record.start_date), (HS.endDate, record.end_date)):
            if when is not None:
                graph.add((service, prop, Literal(when.lexical, datatype=XSD[when.kind])))
        if record.website:
            graph.add((service, HS.url, Literal(record.website, datatype=XSD.anyURI)))
        if record.email:
            graph.add((service, HS.email, Literal(record.email)))
        if record.notes:
            graph.add((service, RDFS.comment, _label(record.notes)))
    return graph


def services(register: Graph) -> list[URIRef]:
    """The services of a register graph, sorted by IRI."""
    return sorted(s for s in register.subjects(RDF.type, HS.Service) if isinstance(s, URIRef))


def service_triples(register: Graph, service: URIRef) -> set[tuple[Node, Node, Node]]:
    """The triples a register graph states about ``service`` (to tell what an import changed)."""
    return set(register.triples((service, None, None)))


def _name(register: Graph, known: KnownEntities, iri: Node) -> str:
    label = register.value(iri, RDFS.label)
    if label is not None:
        return str(label)
    return known.labels.get(iri, str(iri)) if isinstance(iri, URIRef) else str(iri)


def _ordered(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(pairs, key=lambda p: (p[0].casefold(), p[0], p[1]))


def _first(values: Iterable[Node]) -> Node | None:
    """The first of ``values`` in a stable order (there is at most one when the checks pass)."""
    return min(values, key=str, default=None)


def _tail(iri: Node | None) -> str:
    return str(iri).rsplit("/", 1)[-1] if iri is not None else ""


def _text(value: Node | None) -> str:
    return str(value) if value is not None else ""


def graph_to_rows(register: Graph, known: KnownEntities) -> list[dict[str, str]]:
    """The register's rows (column name to cell text) from its graph, sorted by service IRI.

    Names of organisations the curated data defines come from ``known``; several values are
    joined with ``"; "`` in a stable order (names alphabetically, areas by name).
    """
    rows = []
    for service in services(register):
        hub = register.value(service, HS.hubOrganisation)
        hosts = _ordered(
            (_name(register, known, h), _tail(_first(register.objects(h, HS.agencyType))))
            for h in register.objects(service, HS.spokeHost)
        )
        areas = _ordered(
            (_name(register, known, a), _text(register.value(a, HS.gssCode)) or _tail(a))
            for a in register.objects(service, HS.servesArea)
        )
        funders = sorted(
            (_name(register, known, f) for f in register.objects(service, HS.fundedBy)),
            key=lambda n: (n.casefold(), n),
        )
        row = {
            "service": _name(register, known, service),
            "hub_organisation": _name(register, known, hub) if hub is not None else "",
            "hub_org_id": _text(_first(register.objects(hub, HS.orgId))) if hub else "",
            "host_agencies": _JOIN.join(h[0] for h in hosts),
            "host_agency_types": _JOIN.join(h[1] for h in hosts),
            "model": _tail(register.value(service, HS.deliveryModel)),
            "phase": _tail(register.value(service, HS.inPhase)),
            "local_authorities": _JOIN.join(a[0] for a in areas),
            "gss_codes": _JOIN.join(a[1] for a in areas),
            "start_date": _text(register.value(service, HS.startDate)),
            "end_date": _text(register.value(service, HS.endDate)),
            "funders": _JOIN.join(funders),
            "website": _text(register.value(service, HS.url)),
            "contact_email": _text(register.value(service, HS.email)),
            "notes": _text(register.value(service, RDFS.comment)),
        }
        rows.append({name: row[name] for name in COLUMN_NAMES})
    return rows
