"""Who works with whom, as far as the sources say it: sectors, funders, where spokes are placed;
and lists introduced by a lead-in counted as the report counts them."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS, HSD, PREFIXES

LE = PREFIXES["le2015"]
PC = PREFIXES["pc"]
ORG = PREFIXES["hsorg"]


def _types(kg: KnowledgeGraph, node: str) -> set[str]:
    from rdflib import RDF, URIRef

    return {str(t) for t in kg.graph.objects(URIRef(node), RDF.type)}


def _answers_to(kg: KnowledgeGraph, question: str) -> list[str]:
    from rdflib import URIRef

    return sorted(str(s) for s in kg.graph.subjects(HS.answers, URIRef(question)))


# --------------------------------------------------------------------------- lead-ins


def test_roundtable_c_has_eleven_points_and_a_lead_in(kg: KnowledgeGraph) -> None:
    points = _answers_to(kg, LE + "line-120")
    lines = sorted(int(p.rsplit("-", 1)[1]) for p in points)
    assert lines == [122, 123, 124, 125, 126, 129, 130, 131, 132, 133, 134]
    assert str(HS.LeadIn) in _types(kg, LE + "line-128")
    assert str(HS.DiscussionPoint) not in _types(kg, LE + "line-128")


def test_the_managers_lead_in_introduces_three_recommendations_to_managers(
    kg: KnowledgeGraph,
) -> None:
    from rdflib import URIRef

    parts = sorted(str(s) for s in kg.graph.subjects(HS.partOfStatement, URIRef(LE + "line-128")))
    assert parts == [LE + "line-129", LE + "line-130", LE + "line-131"]
    for part in parts:
        assert str(HS.Recommendation) in _types(kg, part)
        assert kg.graph.value(URIRef(part), HS.addressedTo) == URIRef(f"{HSD}role/manager")


def test_participation_lists_three_challenges_after_a_lead_in(kg: KnowledgeGraph) -> None:
    from rdflib import RDF, URIRef

    session = URIRef(f"{HSD}event/learning-exchange-2015-12-01/participation")
    challenges = sorted(
        str(c)
        for c in kg.graph.subjects(RDF.type, HS.Challenge)
        if (c, HS.raisedIn, session) in kg.graph
    )
    assert challenges == [LE + "line-163", LE + "line-164", LE + "line-165"]
    assert str(HS.LeadIn) in _types(kg, LE + "line-162")
    for challenge in challenges:
        assert kg.graph.value(URIRef(challenge), HS.partOfStatement) == URIRef(LE + "line-162")


def test_no_lead_in_is_also_a_point_a_challenge_or_an_aim(kg: KnowledgeGraph) -> None:
    from rdflib import RDF

    lead_ins = set(kg.graph.subjects(RDF.type, HS.LeadIn))
    assert {str(n) for n in lead_ins} == {LE + "line-13", LE + "line-128", LE + "line-162"}
    for node in lead_ins:
        kinds = set(kg.graph.objects(node, RDF.type))
        assert not kinds & {HS.DiscussionPoint, HS.Challenge, HS.Aim, HS.Narrative}, node


def test_a_lead_in_without_sub_points_is_a_violation(tmp_path: Path) -> None:
    data = tmp_path / "lonely-lead-in.ttl"
    data.write_text(
        f"""@prefix hs: <{HS}> .
@prefix le2015: <{LE}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
le2015:line-999 a hs:LeadIn ;
    rdfs:label "Attendees said:"@en ;
    hs:text "Attendees said:" ;
    hs:sourceDocument le2015:document ;
    hs:inSection le2015:section-5 ;
    hs:startLine "199"^^xsd:positiveInteger ; hs:endLine "199"^^xsd:positiveInteger ;
    hs:position "99"^^xsd:positiveInteger ;
    hs:answers le2015:line-120 .
""",
        encoding="utf-8",
    )
    report = graph.load([data]).validate()
    mine = [p for p in report.violations if p.focus.endswith("line-999")]
    assert any("introduce at least one statement" in p.message for p in mine), mine
    assert any("does not answer a question" in p.message for p in mine), mine


# --------------------------------------------------------------------------- sectors


@pytest.mark.parametrize("agency", ["police", "local-authority", "childrens-social-care"])
def test_the_statutory_agency_types_are_in_the_statutory_sector(
    kg: KnowledgeGraph, agency: str
) -> None:
    rows = kg.query("organisations-by-sector", sector="sector:statutory").records(labels=False)
    members = {r["member"] for r in rows if r["kind"] == "agency type"}
    assert f"{HSD}agency-type/{agency}" in members


def test_the_hub_organisations_are_voluntary_and_the_statutory_side_is_not(
    kg: KnowledgeGraph,
) -> None:
    rows = kg.query("organisations-by-sector", sector="sector:voluntary").records(labels=False)
    members = {r["member"] for r in rows}
    hubs = {ORG + "barnardos", ORG + "sussex-central-ymca", ORG + "childrens-society"}
    assert hubs <= members
    assert f"{HSD}agency-type/police" not in members


def test_types_that_span_sectors_are_given_none(kg: KnowledgeGraph) -> None:
    from rdflib import URIRef

    for agency in ("multi-agency-team", "commissioners", "lscb"):
        assert kg.graph.value(URIRef(f"{HSD}agency-type/{agency}"), HS.agencySector) is None


# --------------------------------------------------------------------------- funding


def test_the_evaluation_and_its_strands_name_their_funders_with_the_sentence(
    kg: KnowledgeGraph,
) -> None:
    rows = kg.query("who-funds-what").records(labels=False)
    funds = {
        (r["funder"].removeprefix(ORG), r["recipient"].rsplit("/", 1)[1])
        for r in rows
        if r["relation"] == "funds"
    }
    assert {
        ("comic-relief", "hub-and-spoke"),
        ("city-bridge-trust", "hub-and-spoke"),
        ("barrow-cadbury-trust", "participation-strand"),
        ("blagrave-trust", "participation-strand"),
        ("bromley-trust", "policy-dissemination-strand"),
        ("esmee-fairbairn-foundation", "policy-dissemination-strand"),
    } <= funds
    assert len([f for f in funds if f[1] == "hub-and-spoke"]) == 6
    for row in rows:
        assert row["document"] == PC + "document" and row["text"], row


def test_csefa_supports_the_programme_and_is_not_recorded_as_paying_for_services(
    kg: KnowledgeGraph,
) -> None:
    rows = kg.query("who-funds-what", funder="CSEFA").records(labels=False)
    assert [(r["relation"], r["recipient"], r["line"]) for r in rows] == [
        ("supports", f"{HSD}programme/hub-and-spoke", 75)
    ]
    assert "its support throughout" in rows[0]["text"]


def test_spokes_are_placed_in_police_childrens_social_care_and_multi_agency_teams(
    kg: KnowledgeGraph,
) -> None:
    from rdflib import URIRef

    programme = URIRef(f"{HSD}programme/hub-and-spoke")
    settings = {str(s).rsplit("/", 1)[1] for s in kg.graph.objects(programme, HS.spokeSetting)}
    assert settings == {"police", "childrens-social-care", "multi-agency-team"}
    assert URIRef(PC + "line-34") in set(kg.graph.objects(programme, HS.evidence))
    # the sources never say which hub placed a spoke where: no service states a setting
    services = set(kg.graph.subjects(HS.hubOrganisation, None))
    assert not any((s, HS.spokeSetting, None) in kg.graph for s in services)
