"""Graph questions: neighbours, central entities, communities (seeded) and bridging topics."""

from __future__ import annotations

import json
import math
from itertools import combinations

import networkx as nx
import pytest
from rdflib import URIRef

from graph.cli import main
from graph.errors import ViewError
from graph.kg import KnowledgeGraph
from graph.network.analysis import bridges, centrality, communities, neighbours, pagerank
from graph.network.paths import hub_nodes
from graph.rdf.namespaces import HS


@pytest.fixture(scope="module")
def full(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.view("full")


def test_the_neighbours_of_roundtable_b_are_its_answers_topic_section_and_session(
    kg: KnowledgeGraph, full
) -> None:
    question = kg.resolve("roundtable b")
    near = neighbours(full, str(question))
    answers = set(kg.query("roundtable-answers", letter="b").column("answer", labels=False))
    assert {n.iri for n in near if n.relation == "is answered by"} == {str(a) for a in answers}
    assert ("concerns topic", "sustainability") in [(n.relation, n.label) for n in near]
    assert ("is in section", str(kg.resolve("section 4b"))) in [(n.relation, n.iri) for n in near]
    assert {n.distance for n in near} == {1}


def test_deeper_neighbours_do_not_walk_through_hubs(kg: KnowledgeGraph, full) -> None:
    start = str(kg.resolve("roundtable b"))
    near = neighbours(full, start, depth=2)
    assert {n.distance for n in near} == {1, 2}
    assert len({n.iri for n in near}) == len(near)
    hubs = hub_nodes(full)
    assert not any(n.via in hubs for n in near)
    walked = neighbours(full, start, depth=2, include_hubs=True)
    assert len(walked) > len(near)


def test_neighbours_of_a_node_outside_the_view_or_at_depth_zero(kg: KnowledgeGraph, full) -> None:
    with pytest.raises(ViewError, match="not in the learning view"):
        neighbours(kg.view("learning"), str(kg.resolve("CSEFA")))
    with pytest.raises(ViewError, match="at least 1"):
        neighbours(full, str(kg.resolve("CSEFA")), depth=0)


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank"])
def test_central_ranks_the_top_nodes_best_first(full, measure: str) -> None:
    result = centrality(full, measure, top=5)
    scores = [s.score for s in result.scores]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert [s.rank for s in result.scores] == [1, 2, 3, 4, 5]
    assert not {s.iri for s in result.scores} & hub_nodes(full)
    assert result == centrality(full, measure, top=5)


def test_betweenness_says_when_it_is_approximate(full) -> None:
    exact = centrality(full, "betweenness", top=3)
    assert exact.method.startswith("exact betweenness over")
    sampled = centrality(full, "betweenness", top=3, exact_limit=50, samples=40, seed=7)
    assert sampled.method.startswith("approximate betweenness: 40 sampled sources of")
    assert sampled.method.endswith("seed 7")
    assert sampled == centrality(full, "betweenness", top=3, exact_limit=50, samples=40, seed=7)


def test_sampled_betweenness_draws_fewer_sources_on_larger_views(full) -> None:
    from graph.network.analysis import betweenness_samples

    sampled = centrality(full, "betweenness", top=3, exact_limit=50)
    n = int(sampled.method.split(" of ")[1].split()[0])
    expected = min(n, betweenness_samples(n, full.number_of_edges()))
    assert sampled.method.startswith(f"approximate betweenness: {expected} sampled sources")
    # igraph's betweenness affords 200 sources up to national scale (a million triples' full
    # view is about 85,000 nodes and 470,000 links), fewer above
    sizes = [(1_000, 5_000), (100_000, 500_000), (1_000_000, 5_000_000), (10**7, 5 * 10**7)]
    counts = [betweenness_samples(n, m) for n, m in sizes]
    assert counts == sorted(counts, reverse=True) and counts[0] == 200 and counts[-1] == 20


def test_pagerank_matches_the_hand_computed_values() -> None:
    # a -> b, b has no outgoing link: PR(a) = 0.15/2 + 0.85 PR(b)/2 and PR(a) + PR(b) = 1
    ranks = pagerank(nx.DiGraph([("a", "b")]))
    assert ranks["a"] == pytest.approx(0.5 / 1.425, abs=1e-8)
    assert ranks["b"] == pytest.approx(1 - 0.5 / 1.425, abs=1e-8)


def test_an_unknown_measure_is_refused(full) -> None:
    with pytest.raises(ViewError, match="unknown measure"):
        centrality(full, "closeness")


def test_louvain_communities_are_deterministic(kg: KnowledgeGraph) -> None:
    first = communities(kg.view("learning"))
    second = communities(kg.view("learning"))
    assert first == second
    assert communities(kg.view("learning"), seed=3) == communities(kg.view("learning"), seed=3)


def test_every_node_is_in_exactly_one_community(full) -> None:
    found = communities(full)
    members = [m for c in found for m in c.members]
    assert len(members) == len(set(members))
    assert set(members) == set(full.nodes) - hub_nodes(full)
    assert [len(c) for c in found] == sorted((len(c) for c in found), reverse=True)


def test_a_bridge_is_the_only_topic_its_two_sections_share(kg: KnowledgeGraph) -> None:
    links = bridges(kg.graph)
    assert links

    def topics_of(section: str) -> set[str]:
        statements = kg.graph.subjects(HS.inSection, URIRef(section))
        return {str(t) for s in statements for t in kg.graph.objects(s, HS.concernsTopic)}

    for link in links[:40]:
        assert topics_of(link.section_a) & topics_of(link.section_b) == {link.topic}


def test_every_pair_of_sections_sharing_one_topic_is_found(kg: KnowledgeGraph) -> None:
    by_section: dict[str, set[str]] = {}
    for statement, section in kg.graph.subject_objects(HS.inSection):
        by_section.setdefault(str(section), set()).update(
            str(t) for t in kg.graph.objects(statement, HS.concernsTopic)
        )
    expected = {
        (a, b)
        for a, b in combinations(sorted(s for s in by_section if by_section[s]), 2)
        if len(by_section[a] & by_section[b]) == 1
    }
    assert {(link.section_a, link.section_b) for link in bridges(kg.graph)} == expected


def test_neighbours_command(capsys) -> None:
    assert main(["neighbours", "roundtable b", "--depth", "1"]) == 0
    out = capsys.readouterr().out
    assert "neighbour(s) of What is 'sustainability'" in out
    assert "is answered by" in out and "Supporting and retaining staff" in out
    assert (
        main(["neighbours", "CSEFA", "--view", "partnership", "--depth", "2", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert {r["distance"] for r in rows} == {1, 2}


@pytest.mark.parametrize("measure", ["degree", "betweenness", "pagerank"])
def test_central_command(capsys, monkeypatch, measure: str) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # a wide terminal: one line per row
    assert main(["central", "--view", "partnership", "--measure", measure, "--top", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(
        f"partnership view: {'exact betweenness' if measure == 'betweenness' else measure}"
    )
    assert len(out) == 2 + 3 + 1


def test_central_command_keeps_machine_output_clean(capsys) -> None:
    assert main(["central", "--view", "models", "--format", "json", "--top", "2"]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 2
    assert captured.err.startswith("models view: degree centrality")


def test_communities_command_prints_the_same_twice(capsys) -> None:
    assert main(["communities", "--view", "learning"]) == 0
    first = capsys.readouterr().out
    assert main(["communities", "--view", "learning"]) == 0
    assert capsys.readouterr().out == first
    assert "(Louvain, seed 42)" in first


def test_bridges_command(capsys) -> None:
    assert main(["bridges", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and set(rows[0]) >= {"topic", "section_a", "section_b"}
    assert main(["bridges", "--topic", "funding", "--format", "json"]) == 0
    assert {r["topic"] for r in json.loads(capsys.readouterr().out)} <= {"funding"}


@pytest.mark.parametrize("k", [None, 1, 7, 40])
def test_betweenness_by_igraph_equals_networkx(k) -> None:
    # the compiled betweenness gives networkx's numbers: exact, and sampled from the sources
    # networkx would draw with the same seed
    from graph.network.analysis import betweenness

    for graph in (nx.gnm_random_graph(60, 150, seed=3), nx.barabasi_albert_graph(80, 2, seed=5)):
        graph = nx.relabel_nodes(graph, {n: f"urn:n{n}" for n in graph})
        graph.add_node("urn:alone")
        expected = nx.betweenness_centrality(graph, k=k, seed=11)
        found = betweenness(graph, k=k, seed=11)
        assert found.keys() == expected.keys()
        for node, value in expected.items():
            if math.isnan(value):
                assert math.isnan(found[node])
            else:
                assert found[node] == pytest.approx(value, abs=1e-12)


@pytest.mark.parametrize("seed", [1, 2])
def test_pagerank_by_igraph_equals_networkx(seed: int) -> None:
    # weighted and directed, with dangling nodes (no outgoing link) and a node alone
    graph = nx.gnm_random_graph(80, 200, seed=seed, directed=True)
    for number, (u, v) in enumerate(graph.edges):
        graph[u][v]["weight"] = 1.0 + number % 4
    graph.add_node("alone")
    # the reference: the stationary distribution of networkx's Google matrix (dangling nodes
    # linking to every node), by power iteration in numpy (nx.pagerank itself needs scipy)
    import numpy as np

    google = nx.google_matrix(graph, alpha=0.85, weight="weight")
    rank = np.full(len(graph), 1 / len(graph))
    for _ in range(2000):
        rank = rank @ google
    expected = dict(zip(graph.nodes, rank.tolist(), strict=True))
    found = pagerank(graph)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize(
    "graph",
    [
        nx.ring_of_cliques(6, 5),
        nx.relaxed_caveman_graph(5, 8, 0.05, seed=4),
        nx.random_partition_graph([12, 15, 10, 14], 0.7, 0.01, seed=6),
    ],
    ids=["ring of cliques", "relaxed caves", "planted partition"],
)
def test_louvain_by_igraph_finds_networkxs_communities(graph: nx.Graph) -> None:
    from graph.network.compiled import louvain

    expected = nx.community.louvain_communities(graph, seed=42)
    found = louvain(graph, seed=42)
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
