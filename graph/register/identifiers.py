"""Stable IRIs for what a register names, and the curated entities a register may reuse.

- a service: the curated service whose label is the name, else
  ``https://w3id.org/hubspoke/id/service/<slug of its name>``;
- a local authority: ``https://w3id.org/hubspoke/id/local-authority/<GSS code>``;
- an organisation: the curated organisation whose label or acronym is the name (so that
  "CSEFA" is the funders' alliance already in the graph), else
  ``https://w3id.org/hubspoke/id/org/<slug of its name>``;
- models and phases: the programme's ``model/1..5`` and ``phase/1..3``.

Examples
--------
>>> slug("Testshire & Wold Children's Spoke Service")
'testshire-wold-childrens-spoke-service'
>>> str(service_iri("Testshire Spoke Service"))
'https://w3id.org/hubspoke/id/service/testshire-spoke-service'
>>> from graph.rdf.loading import load_graph
>>> from graph.rdf.namespaces import curie
>>> known = KnownEntities.from_graph(load_graph())
>>> curie(known.organisation("CSEFA")), curie(known.organisation("Testshire Police"))
('hsorg:csefa', 'hsorg:testshire-police')
>>> known.is_curated(known.organisation("csefa"))
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.network.naming import normalise
from graph.rdf.loading import parse_file
from graph.rdf.namespaces import HS, HSD
from graph.rdf.resources import ontology_files

__all__ = [
    "AGENCY_TYPE_NS",
    "LOCAL_AUTHORITY_NS",
    "ORGANISATION_NS",
    "PROGRAMME",
    "REGISTER_DOCUMENT",
    "SERVICE_NS",
    "KnownEntities",
    "agency_types",
    "local_authority_iri",
    "model_iri",
    "phase_iri",
    "service_iri",
    "slug",
]

#: The register itself, the document every imported service is derived from.
REGISTER_DOCUMENT = HSD["register/document"]
#: The programme every service belongs to.
PROGRAMME = HSD["programme/hub-and-spoke"]
SERVICE_NS = f"{HSD}service/"
ORGANISATION_NS = f"{HSD}org/"
LOCAL_AUTHORITY_NS = f"{HSD}local-authority/"
AGENCY_TYPE_NS = f"{HSD}agency-type/"


def slug(name: str) -> str:
    """Lower-case ASCII words of ``name`` joined by ``-`` (accents and apostrophes dropped).

    >>> slug("  Café Ünïon's   Hub ")
    'cafe-unions-hub'
    >>> slug("東京")
    ''
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019`]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def service_iri(name: str) -> URIRef:
    """The IRI of the service called ``name``."""
    return URIRef(SERVICE_NS + slug(name))


def local_authority_iri(gss_code: str) -> URIRef:
    """The IRI of the local authority with ONS GSS code ``gss_code``."""
    return URIRef(LOCAL_AUTHORITY_NS + gss_code.upper())


def model_iri(number: int) -> URIRef:
    """The programme's delivery model ``number``."""
    return HSD[f"model/{number}"]


def phase_iri(number: int) -> URIRef:
    """The programme's phase ``number``."""
    return HSD[f"phase/{number}"]


@cache
def agency_types() -> dict[str, tuple[str, ...]]:
    """The agency types of ``ontology/schemes.ttl``: key (IRI local name) to its names.

    >>> agency_types()["childrens-social-care"]
    ("children's social care",)
    """

    schemes = Graph()
    for path in ontology_files():
        if path.name == "schemes.ttl":
            parse_file(schemes, path)
    found: dict[str, tuple[str, ...]] = {}
    for concept in sorted(schemes.subjects(RDF.type, HS.AgencyType), key=str):
        text = str(concept)
        if not text.startswith(AGENCY_TYPE_NS):
            continue
        names = {
            str(n)
            for p in (SKOS.prefLabel, SKOS.altLabel, RDFS.label, HS.acronym)
            for n in schemes.objects(concept, p)
        }
        found[text[len(AGENCY_TYPE_NS) :]] = tuple(sorted(names))
    return found


def _names(curated: Graph, kinds: tuple[URIRef, ...]) -> dict[str, URIRef]:
    """Normalised names (labels, acronyms) of the nodes of ``kinds``, each borne by one node."""
    bearers: dict[str, set[URIRef]] = {}
    for kind in kinds:
        for node in curated.subjects(RDF.type, kind):
            if not isinstance(node, URIRef):
                continue
            for prop in (RDFS.label, HS.acronym, SKOS.altLabel):
                for name in curated.objects(node, prop):
                    bearers.setdefault(normalise(str(name)), set()).add(node)
    return {k: next(iter(v)) for k, v in bearers.items() if len(v) == 1 and k}


@dataclass
class KnownEntities:
    """The curated organisations and local authorities a register may point at.

    ``names`` maps a normalised label or acronym to the one organisation that bears it (a
    name borne by several is left out), ``service_names`` does the same for services;
    ``subjects`` holds every typed node of the curated data; ``labels`` their labels.
    """

    names: dict[str, URIRef] = field(default_factory=dict)
    service_names: dict[str, URIRef] = field(default_factory=dict)
    subjects: set[URIRef] = field(default_factory=set)
    labels: dict[URIRef, str] = field(default_factory=dict)

    @classmethod
    def from_graph(cls, curated: Graph) -> KnownEntities:
        """Index the organisations of ``curated`` (ontology and curated data, no register)."""
        known = cls(
            names=_names(curated, (HS.Organisation, HS.LocalAuthority)),
            service_names=_names(curated, (HS.Service,)),
        )
        for subject in curated.subjects(RDF.type, None):
            if isinstance(subject, URIRef):
                known.subjects.add(subject)
                label = curated.value(subject, RDFS.label)
                if label is not None:
                    known.labels[subject] = str(label)
        return known

    def service(self, name: str) -> URIRef:
        """The IRI of the service called ``name``: a curated one, or its slug IRI."""
        found = self.service_names.get(normalise(name))
        return found if found is not None else service_iri(name)

    def organisation(self, name: str) -> URIRef:
        """The IRI of the organisation called ``name``: a curated one, or a new slug IRI."""
        found = self.names.get(normalise(name))
        return found if found is not None else URIRef(ORGANISATION_NS + slug(name))

    def is_curated(self, iri: URIRef) -> bool:
        """True when the curated data defines ``iri`` (the register then adds no label)."""
        return iri in self.subjects
