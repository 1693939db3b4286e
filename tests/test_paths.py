"""'hubspoke path A B': the k shortest chains between two entities, in readable sentences (CQ15)."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from rdflib import URIRef

from graph.cli import main
from graph.errors import ViewError
from graph.kg import KnowledgeGraph
from graph.network.paths import describe_node, hub_nodes, k_shortest_paths, phrase
from graph.rdf.namespaces import HS


@pytest.fixture(scope="module")
def full(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.view("full")


def test_hubspoke_path_csefa_sustainability_prints_a_readable_chain(capsys) -> None:
    assert main(["path", "CSEFA", "sustainability"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        "1. (2 steps) Child Sexual Exploitation Funders Alliance (organisation) is addressed by '"
    )
    assert out[0].endswith("which concerns topic 'sustainability'.")
    assert "(support request, learning-exchange-2015-12-01 line 178)" in out[0]
    assert len(out) == 3


def test_cq15_the_organisation_reaches_the_topic_through_what_it_was_asked(
    kg: KnowledgeGraph, full
) -> None:
    csefa, sustainability = kg.resolve("CSEFA"), kg.resolve("sustainability")
    chains = k_shortest_paths(full, str(csefa), str(sustainability), k=3)
    assert [len(c) for c in chains] == sorted(len(c) for c in chains)
    for chain in chains:
        assert chain.nodes[0] == str(csefa) and chain.nodes[-1] == str(sustainability)
        assert chain.steps[0].property == str(HS.addressedTo) and not chain.steps[0].forward
    assert len({c.nodes for c in chains}) == len(chains)


def test_each_step_states_a_triple_of_the_graph_in_its_direction(kg: KnowledgeGraph, full) -> None:
    for a, b in [
        ("CSEFA", "sustainability"),
        ("Lucie Shuker", "supervision"),
        ("Model 1", "CSEFA"),
    ]:
        chains = k_shortest_paths(full, str(kg.resolve(a)), str(kg.resolve(b)), k=3)
        assert chains, f"no chain from {a} to {b}"
        for chain in chains:
            for step in chain.steps:
                s, o = (step.source, step.target) if step.forward else (step.target, step.source)
                assert (URIRef(s), URIRef(step.property), URIRef(o)) in kg.graph
                assert step.phrase in chain.sentence


def test_documents_sections_and_ontology_terms_are_left_out_of_chains(
    kg: KnowledgeGraph, full
) -> None:
    hubs = hub_nodes(full)
    assert str(kg.resolve("le2015:document")) in hubs
    assert str(kg.resolve("section 4b")) in hubs
    assert str(HS.Confirmed) in hubs
    chains = k_shortest_paths(
        full, str(kg.resolve("le2015:line-171")), str(kg.resolve("le2015:line-95")), k=5
    )
    assert chains
    for chain in chains:
        assert not set(chain.nodes[1:-1]) & hubs


def test_hubs_may_be_kept_and_a_hub_may_be_an_end(kg: KnowledgeGraph, full) -> None:
    a, b = str(kg.resolve("le2015:line-171")), str(kg.resolve("le2015:line-95"))
    with_hubs = k_shortest_paths(full, a, b, k=1, exclude=())
    without = k_shortest_paths(full, a, b, k=1)
    assert len(with_hubs[0]) <= len(without[0])
    from_section = k_shortest_paths(
        full, str(kg.resolve("section 4b")), str(kg.resolve("funding")), k=1
    )
    assert from_section[0].nodes[0] == str(kg.resolve("section 4b"))


def test_unconnected_entities_have_no_chain() -> None:
    view = nx.MultiDiGraph(name="tiny")
    view.add_node("urn:a", label="a")
    view.add_node("urn:b", label="b")
    assert k_shortest_paths(view, "urn:a", "urn:b") == []


def test_bad_ends_are_reported(kg: KnowledgeGraph, full) -> None:
    csefa = str(kg.resolve("CSEFA"))
    with pytest.raises(ViewError, match="give two different entities"):
        k_shortest_paths(full, csefa, csefa)
    with pytest.raises(ViewError, match="is not in the learning view"):
        k_shortest_paths(kg.view("learning"), csefa, str(kg.resolve("funding")))
    with pytest.raises(ViewError, match="at least 1"):
        k_shortest_paths(full, csefa, str(kg.resolve("funding")), k=0)


def test_relations_read_both_ways() -> None:
    assert phrase(str(HS.answers), "answers", True) == "answers"
    assert phrase(str(HS.answers), "answers", False) == "is answered by"
    assert phrase("urn:x#colour", "colour", False) == "is the colour of"


def test_a_node_is_named_with_its_class_unless_the_relation_says_it() -> None:
    topic = {"label": "funding", "class_label": "topic"}
    assert describe_node(topic, after="concerns topic") == "'funding'"
    assert describe_node(topic, after="is about") == "'funding' (topic)"
    assert (
        describe_node({"label": "CSEFA", "class_label": "organisation"}) == "CSEFA (organisation)"
    )


def test_path_command_options(capsys) -> None:
    command = ["path", "roundtable b", "funding", "--view", "learning", "--k", "1"]
    assert main([*command, "--format", "json"]) == 0

    (chain,) = json.loads(capsys.readouterr().out)
    assert chain["nodes"][0]["iri"].endswith("/line-108")
    assert chain["steps"][0]["phrase"] == "is answered by"
    assert main(["path", "CSEFA", "funding", "--view", "learning"]) == 1
    assert "is not in the learning view" in capsys.readouterr().err
    assert main(["path", "CSEFA", "no such topic at all"]) == 1
    assert "no entity is called 'no such topic at all'" in capsys.readouterr().err


def test_neighbours_name_the_document_beside_the_lines(capsys) -> None:
    assert main(["neighbours", "roundtable c", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    cited = [r for r in rows if r["lines"]]
    assert cited and {r["document"] for r in cited} == {"learning-exchange-2015-12-01"}
    assert all(r["document"] == "" for r in rows if not r["lines"])


def test_an_ontology_term_is_said_to_be_one_not_sent_to_another_view(capsys, tmp_path) -> None:
    assert main(["neighbours", "hs:Evaluation"]) == 1
    err = capsys.readouterr().err
    assert (
        "hs:Evaluation links to no other entity of the data (it is a term of the ontology)" in err
    )
    assert "try another view" not in err
    out = str(tmp_path / "map.html")
    assert main(["map", "full", "--focus", "hs:Topic", "--out", out]) == 1
    assert "it is a term of the ontology" in capsys.readouterr().err
