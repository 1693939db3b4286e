"""Wherever a command takes an entity it accepts an IRI, a CURIE, a label, an alternative label,
a short name, an acronym or a close spelling; an ambiguous name lists the candidates."""

from __future__ import annotations

import json
import time

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
        # short names, alternative labels, words of a label, accents and close spellings
        ("worker-wellbeing", "topic:worker-wellbeing"),
        ("worker safety and wellbeing", "topic:worker-wellbeing"),
        ("wellbeing", "topic:worker-wellbeing"),
        ("training", "topic:training-accreditation"),
        ("Alexi Project", "https://w3id.org/hubspoke/id/programme/hub-and-spoke"),
        ("CSÉFA", "hsorg:csefa"),
        ("Lucy Shuker", "person:lucie-shuker"),
        ("sustainabilty", "topic:sustainability"),
        # a kind before the name
        ("topic: boys and young men", "topic:boys"),
        ("target group: boys", "group:boys"),
        ("topic:training", "topic:training-accreditation"),
    ],
)
def test_a_name_denotes_one_entity(kg: KnowledgeGraph, name: str, expected: str) -> None:
    assert curie(kg.resolve(name)) == expected


def test_a_domain_entity_wins_over_the_section_that_shares_its_title(kg: KnowledgeGraph) -> None:
    # "Model 1" is both the delivery model and the title of a subsection of the report
    assert curie(kg.resolve("le2015:section-3-model-1")) == "le2015:section-3-model-1"
    assert curie(kg.resolve("Model 1")) == "model:1"


def test_evaluation_typed_by_a_person_is_the_evaluation_not_the_ontology_class(
    kg: KnowledgeGraph,
) -> None:
    assert str(kg.resolve("evaluation")) == "https://w3id.org/hubspoke/id/evaluation/hub-and-spoke"
    assert curie(kg.resolve("hs:Evaluation")) == "hs:Evaluation"


def test_a_topic_and_a_target_group_sharing_a_label_are_listed_with_how_to_choose(
    kg: KnowledgeGraph,
) -> None:
    for name in ("boys", "boys and young men"):
        with pytest.raises(AmbiguousEntity) as caught:
            kg.resolve(name)
        assert caught.value.candidates == [
            "boys and young men (target group, group:boys)",
            "boys and young men (topic, topic:boys)",
        ]
        assert "Give the CURIE of the one you mean (such as topic:boys)" in str(caught.value)
        assert "'topic: boys and young men'" in str(caught.value)


def test_an_unknown_name_says_what_was_searched_and_lists_the_closest(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound) as caught:
        kg.resolve("sustainable funding streams of zebras")
    message = str(caught.value)
    assert "searched the labels, alternative labels, acronyms and short names of" in message
    assert "close spellings" in message


def test_a_different_letter_is_not_a_close_spelling(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound) as caught:
        kg.resolve("roundtable z")
    assert {"le2015:line-95", "le2015:line-108", "le2015:line-120", "le2015:line-136"} <= {
        c.rsplit(", ", 1)[1].rstrip(")") for c in caught.value.candidates
    }
    with pytest.raises(EntityNotFound):
        kg.resolve("Model 6")


def test_a_kind_keeps_only_entities_of_that_kind(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound, match="no topic is called 'topic: CSEFA'"):
        kg.resolve("topic: CSEFA")


def test_a_very_long_name_is_refused_at_once_with_a_short_message(kg: KnowledgeGraph) -> None:
    started = time.perf_counter()
    with pytest.raises(EntityNotFound, match="a name is at most 200 characters") as caught:
        kg.resolve("x" * 100_000)
    assert time.perf_counter() - started < 0.5
    assert len(str(caught.value)) < 200


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
    assert caught.value.candidates == [
        "Same Name (hs:Organisation, hsorg:a)",
        "Same Name (hs:Organisation, hsorg:b)",
    ]


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
    assert "not in the" not in err and "try another view" not in err
    assert main(["neighbours", "sustainabilty", "--view", "learning"]) == 0
    assert "neighbour(s) of sustainability (topic:sustainability)" in capsys.readouterr().out


def test_hubspoke_neighbours_boys_lists_the_two_candidates_and_exits_1(capsys) -> None:
    assert main(["neighbours", "boys"]) == 1
    err = capsys.readouterr().err
    assert "boys and young men (target group, group:boys)" in err
    assert "boys and young men (topic, topic:boys)" in err
    assert main(["neighbours", "topic:boys"]) == 0


def test_hubspoke_neighbours_evaluation_walks_from_the_evaluation(capsys) -> None:
    assert main(["neighbours", "evaluation"]) == 0
    assert "of Evaluation of the CSE Hub and Spoke programme" in capsys.readouterr().out


def test_points_by_topic_takes_a_topic_by_a_word_of_its_label(capsys) -> None:
    assert main(["query", "points-by-topic", "--param", "topic=training", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 133 in [r["line"] for r in rows]  # "an absence of quality assured training"
    assert all("training and accreditation" in r["tagged"] for r in rows)
