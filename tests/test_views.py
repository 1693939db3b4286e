"""Views describe each node the same way however they read the graph, on every store."""

from __future__ import annotations

import pytest
from benchkit.synthetic import SyntheticConfig, write_synthetic
from rdflib import URIRef
from rdflib.namespace import RDF

import graph
from graph.network.views import (
    BULK_LOOKUP_EDGES,
    GraphFacts,
    _class_depths,
    node_attributes,
    project,
)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_node_attributes_read_in_bulk_equal_those_read_node_by_node(
    store: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = write_synthetic(
        tmp_path_factory.mktemp("views") / "small.ttl",
        SyntheticConfig(services=12, reports=2, seed=3, local_authorities=20),
    )
    g = graph.load([data], store=store).graph
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
