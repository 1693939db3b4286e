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


def test_the_cheap_first_test_lets_every_contact_form_through() -> None:
    from test_privacy_policy import CONTACT_FORMS

    from graph.privacy.contacts import may_hold_contact

    for text, _ in CONTACT_FORMS:
        assert may_hold_contact(text), text
    for (s, _, o), fate in CONTACT_TRIPLES:
        if fate != "kept":
            assert may_hold_contact(str(s)) or may_hold_contact(str(o)), (s, o)


def test_the_policy_is_the_same_whether_the_graph_is_on_oxigraph_or_in_rdflib() -> None:
    # on Oxigraph the whole-graph scans read Oxigraph's strings first (triples_with_text)
    from graph.privacy import withheld_strings

    on_memory = graph.load([PLANTED], store="memory").graph
    on_oxigraph = graph.load([PLANTED], store="oxigraph").graph
    for audience in ("public", "team"):
        first = AudiencePolicy.of(on_memory, audience)
        second = AudiencePolicy.of(on_oxigraph, audience)
        assert first.withheld == second.withheld and first.contacts == second.contacts
        assert withheld_strings(on_memory, audience) == withheld_strings(on_oxigraph, audience)
    assert len(withheld_strings(on_oxigraph, "public")) > len(withheld_strings(on_oxigraph, "team"))
