"""The audience rule is written once: applied to Oxigraph triples (as exports do at scale) it
keeps, drops and masks exactly what it does to an rdflib graph (as ``push``, ``serve`` and the
maps do), on the planted privacy file and on every contact form the policy tests know."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from test_privacy_policy import CONTACT_TRIPLES

import graph
from graph.export.triples import ox_triples, rdflib_graph
from graph.privacy import AudiencePolicy
from graph.privacy.triples import redact_triples
from graph.rdf.namespaces import HS

PLANTED = Path(__file__).parent / "data" / "privacy" / "planted.ttl"


def _both_ways(source: Graph, audience: str) -> tuple[Graph, Graph]:
    policy = AudiencePolicy.of(source, audience)
    return policy.redact(source), rdflib_graph(redact_triples(ox_triples(source), policy))


@pytest.mark.parametrize("audience", ["public", "team"])
def test_the_planted_file_is_redacted_alike_on_either_kind_of_triple(audience: str) -> None:
    source = graph.load([PLANTED], store="memory").graph
    by_rdflib, by_oxigraph = _both_ways(source, audience)
    assert len(by_rdflib) < len(source)  # the planted file has something to withhold
    assert isomorphic(by_rdflib, by_oxigraph)


@pytest.mark.parametrize("audience", ["public", "team"])
def test_every_contact_form_is_treated_alike_on_either_kind_of_triple(audience: str) -> None:
    source = Graph()
    for triple, _ in CONTACT_TRIPLES:
        source.add(triple)
    by_rdflib, by_oxigraph = _both_ways(source, audience)
    assert isomorphic(by_rdflib, by_oxigraph)


def test_a_withheld_blank_node_and_what_hangs_from_it_go_alike() -> None:
    source = Graph()
    report, note, inner = URIRef("https://example.org/report"), BNode("note"), BNode("inner")
    source.add((report, URIRef("https://example.org/note"), note))
    source.add((note, HS.sensitivity, HS.Restricted))
    source.add((note, URIRef("https://example.org/part"), inner))
    source.add((inner, URIRef("https://example.org/text"), Literal("kept only through note")))
    by_rdflib, by_oxigraph = _both_ways(source, "public")
    assert set(by_oxigraph) == set(by_rdflib) == set()
