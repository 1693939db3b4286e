"""Views describe each node the same way however they read the graph, on every store."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchkit.synthetic import SyntheticConfig, write_synthetic
from rdflib import URIRef
from rdflib.namespace import RDF

import graph
from graph.network.facts import GraphFacts
from graph.network.views import (
    BULK_LOOKUP_EDGES,
    VIEW_NAMES,
    _class_depths,
    node_attributes,
    project,
)


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic graph: over 500 typed nodes, every kind of link the views read."""
    return write_synthetic(
        tmp_path_factory.mktemp("views") / "small.ttl",
        SyntheticConfig(services=12, reports=2, seed=3, local_authorities=20),
    )


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_node_attributes_read_in_bulk_equal_those_read_node_by_node(
    store: str, small_data: Path
) -> None:
    g = graph.load([small_data], store=store).graph
    depths = _class_depths(g)
    facts = GraphFacts(g)
    nodes = sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}, key=str)
    assert len(nodes) > 500
    for node in nodes:
        assert node_attributes(g, node, depths, facts) == node_attributes(g, node, depths), node


def test_the_full_view_of_a_large_graph_is_read_in_bulk_and_complete(
    kg: graph.KnowledgeGraph,
) -> None:
    full = project(kg.graph, "full")
    assert full.number_of_edges() > BULK_LOOKUP_EDGES  # the packaged data takes the bulk path
    point = full.nodes["https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103"]
    assert point["section_number"] == "4a" and point["lines"] == "103-106"
    assert "supervision" in str(point["topics"]).lower()


def test_the_session_describes_nodes_as_a_fresh_reading_does(kg: graph.KnowledgeGraph) -> None:
    # maps describe the sentences they cite from the views' session: the same attributes
    from graph.network.views import describe_nodes

    nodes = sorted(kg.graph.subjects(RDF.type, URIRef(str(graph.HS) + "DiscussionPoint")), key=str)
    assert len(nodes) > 20
    assert kg.describe(nodes) == describe_nodes(kg.graph, nodes)


def test_the_session_looks_subjects_up_as_the_graph_does(kg: graph.KnowledgeGraph) -> None:
    facts = kg.view_session().facts
    prop = URIRef(str(graph.HS) + "addressedTo")
    for value in set(kg.graph.objects(None, prop)):
        assert sorted(facts.subjects(prop, value)) == sorted(kg.graph.subjects(prop, value))


@pytest.mark.parametrize("first", ["knowledge graph", "session"])
def test_a_knowledge_graph_and_its_views_hold_one_table_of_display_labels(first: str) -> None:
    # an export's processes share the table read before they were forked, not one each
    from graph.network.naming import display_labels

    kg = graph.load()
    if first == "knowledge graph":
        labels = kg.labels
        facts = kg.view_session().facts
    else:
        facts = kg.view_session().facts
        labels = kg.labels
    assert facts.labels is labels
    assert labels == display_labels(kg.graph)


def test_an_unknown_view_is_refused_before_any_is_projected(kg: graph.KnowledgeGraph) -> None:
    session = graph.load().view_session()
    with pytest.raises(graph.errors.ViewError, match="no view 'partners'"):
        session.projected_views(["models", "partners"])
    assert session._views == {}
    shared = session.projected_views(["models"])["models"]
    assert session.projected("models") is shared and session.view("models") is not shared


def _as_written(view: object) -> tuple[list[object], list[object]]:
    import networkx as nx

    assert isinstance(view, nx.Graph)
    return list(view.nodes(data=True)), list(view.edges(data=True))


@pytest.mark.parametrize("name", sorted(VIEW_NAMES))
def test_a_view_read_from_oxigraphs_answers_equals_the_view_read_through_rdflib(
    name: str, small_data: Path
) -> None:
    # Oxigraph's solutions are read directly (graph.network.views._view_rows); rdflib's store
    # goes through select(): the same nodes, links, attributes and order
    on_oxigraph = project(graph.load([small_data], store="oxigraph").graph, name)
    on_memory = project(graph.load([small_data], store="memory").graph, name)
    assert on_oxigraph.number_of_edges() > 0
    assert _as_written(on_oxigraph) == _as_written(on_memory)


def test_a_views_links_hold_one_string_per_property_and_per_node(small_data: Path) -> None:
    # a national graph's views hold 730,000 links: a string made per link for its property
    # and for each end (as networkx keys them both ways) took a fifth of their memory
    session = graph.load([small_data], store="oxigraph").view_session()
    full, learning = session.projected("full"), session.projected("learning")
    properties: dict[str, str] = {}
    names = {name: name for name in full}
    for view in (full, learning):
        for source, target, data in view.edges(data=True):
            kept = properties.setdefault(data["property"], data["property"])
            assert data["property"] is kept
            assert source is names.setdefault(source, source)
            assert target is names.setdefault(target, target)
            assert next(k for k in view.succ[source] if k == target) is names[target]
            assert next(k for k in view.pred[target] if k == source) is names[source]
    assert len(properties) > 5 and len(names) > 500
