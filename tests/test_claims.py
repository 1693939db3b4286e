"""Claims from other public sources keep their own source; disagreeing claims stand side by side."""

from __future__ import annotations

from rdflib.namespace import RDF

from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS


def test_two_sources_disagree_on_when_phase_1_started_and_both_are_kept(kg: KnowledgeGraph) -> None:
    rows = kg.query("claimed-values", about="phase:1").records(labels=False)
    starts = {(r["value"], r["url"]) for r in rows if r["property"].endswith("#startDate")}
    assert ("2014-01", "https://www.alexiproject.org.uk/about/the-hub-and-spoke-project") in starts
    assert (
        "2013",
        "https://studylib.net/doc/8541949/child-sexual-exploitation-info-pack",
    ) in starts


def test_no_phase_carries_a_start_date_of_its_own(kg: KnowledgeGraph) -> None:
    phases = set(kg.graph.subjects(RDF.type, HS.ProgrammePhase))
    assert {int(kg.graph.value(p, HS.phaseNumber)) for p in phases} == {1, 2, 3}
    dated = [p for p in phases if kg.graph.value(p, HS.startDate) is not None]
    assert dated == [], "a phase asserts a start date; the sources disagree, so only claims may"


def test_every_claim_cites_a_web_address(kg: KnowledgeGraph) -> None:
    claims = set(kg.graph.subjects(RDF.type, HS.Claim))
    assert len(claims) >= 2, "the two disagreeing start dates of phase 1 at least"
    for claim in claims:
        source = kg.graph.value(claim, HS.citesSource)
        assert source is not None, f"{claim} cites no source"
        assert str(kg.graph.value(source, HS.url)).startswith(("http://", "https://")), claim


def test_the_programme_is_also_known_as_the_alexi_project(kg: KnowledgeGraph) -> None:
    assert kg.resolve("Alexi Project") == kg.resolve("hsd:programme/hub-and-spoke")
