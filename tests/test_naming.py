"""Wherever a command takes an entity it accepts an IRI, a CURIE, a label or an acronym."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.cli import main
from graph.errors import AmbiguousEntity, EntityNotFound
from graph.kg import KnowledgeGraph
from graph.network.naming import closest, normalise, resolve
from graph.rdf.namespaces import HS, curie


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CSEFA", "hsorg:csefa"),
        ("csefa", "hsorg:csefa"),
        ("Child Sexual Exploitation Funders Alliance", "hsorg:csefa"),
        ("https://w3id.org/hubspoke/id/org/csefa", "hsorg:csefa"),
        ("<https://w3id.org/hubspoke/id/org/csefa>", "hsorg:csefa"),
        ("hsorg:csefa", "hsorg:csefa"),
        ("DfE", "hsorg:dfe"),
        ("Model 1", "model:1"),
        ("model 4", "model:4"),
        ("Phase 2", "phase:2"),
        ("roundtable b", "le2015:line-108"),
        ("Roundtable question B", "le2015:line-108"),
        ("question c", "le2015:line-120"),
        ("section 4b", "le2015:section-4b"),
        ("§4c", "le2015:section-4c"),
        ("objective 2", "le2015:line-36"),
        ("supervision", "topic:supervision"),
        ("Sustainability", "topic:sustainability"),
        ("Lucie Shuker", "person:lucie-shuker"),
        ("Home Office", "hsorg:home-office"),
    ],
)
def test_a_name_denotes_one_entity(kg: KnowledgeGraph, name: str, expected: str) -> None:
    assert curie(kg.resolve(name)) == expected


def test_a_domain_entity_wins_over_the_section_that_shares_its_title(kg: KnowledgeGraph) -> None:
    # "Model 1" is both the delivery model and the title of a subsection of the report
    assert curie(kg.resolve("le2015:section-3-model-1")) == "le2015:section-3-model-1"
    assert curie(kg.resolve("Model 1")) == "model:1"


def test_an_unknown_name_lists_the_closest_candidates(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound, match="Closest: sustainability") as caught:
        kg.resolve("sustainabilty")
    assert caught.value.candidates[0] == "sustainability (topic:sustainability)"


def test_an_unknown_roundtable_letter_suggests_the_roundtable_questions(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound) as caught:
        kg.resolve("roundtable z")
    assert {"le2015:line-95", "le2015:line-108", "le2015:line-120", "le2015:line-136"} <= {
        c.rsplit("(", 1)[1].rstrip(")") for c in caught.value.candidates
    }


def test_a_curie_or_iri_that_is_not_in_the_graph_is_unknown(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound):
        kg.resolve("hsorg:no-such-organisation")


def _two_alike() -> Graph:
    g = Graph()
    for local in ("a", "b"):
        iri = URIRef(f"https://w3id.org/hubspoke/id/org/{local}")
        g.add((iri, RDF.type, HS.Organisation))
        g.add((iri, RDFS.label, Literal("Same Name")))
    return g


def test_an_ambiguous_name_lists_every_entity_it_names() -> None:
    with pytest.raises(AmbiguousEntity, match="names 2 entities") as caught:
        resolve(_two_alike(), "same name")
    assert caught.value.candidates == ["Same Name (hsorg:a)", "Same Name (hsorg:b)"]


def test_an_ambiguous_name_is_settled_by_the_kind_of_entity() -> None:
    g = _two_alike()
    section = URIRef("https://w3id.org/hubspoke/id/org/b")
    g.remove((section, RDF.type, HS.Organisation))
    g.add((section, RDF.type, HS.Section))
    assert curie(resolve(g, "Same Name")) == "hsorg:a"


def test_closest_prefers_names_sharing_words() -> None:
    names = ["child sexual exploitation funders alliance", "funding"]
    assert closest("funders alliance", names)[0] == names[0]


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


def test_a_command_names_things_the_same_way_and_suggests_on_unknown_names(capsys) -> None:
    assert main(["neighbours", "no such thing at all", "--view", "learning"]) == 1
    err = capsys.readouterr().err
    assert "no entity is called 'no such thing at all'" in err
    assert main(["neighbours", "sustainabilty", "--view", "learning"]) == 1
    assert "Closest: sustainability (topic:sustainability)" in capsys.readouterr().err
