"""A real Oxigraph SPARQL server on 127.0.0.1: push the graph, then query it as a store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from answers import normalised
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import graph
from graph.cli import main
from graph.errors import StoreError
from graph.kg import KnowledgeGraph
from graph.store.push import push
from graph.store.remote import request
from graph.store.server import OxigraphServer, free_port, start_server, write_database
from graph.store.specs import GRAPH_IRI

pytestmark = pytest.mark.server

QUESTIONS = [
    ("cq01-models-presented", {}),
    ("cq03-event-facts", {}),
    ("cq06-findings-under-theme", {}),
    ("cq07-roundtable-questions", {}),
    ("cq14-next-event", {}),
    ("cq15-organisation-to-topic", {}),
    ("cq16-statutory-voluntary", {}),
    ("cq17-agencies-named", {}),
    ("cq18-provenance", {"statement": "le2015:line-103"}),
]


def count(server: OxigraphServer, graph_iri: str) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
    _, body = request(
        server.query_url, text.encode(), content_type="application/sparql-query", accept="text/csv"
    )
    return int(body.decode().split()[-1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One read-write server for the module, stopped at the end whatever happens."""
    running = start_server(tmp_path_factory.mktemp("server") / "db", read_only=False)
    try:
        yield running
    finally:
        running.stop()
    assert not running.running


@pytest.fixture(scope="module")
def remote(server: OxigraphServer, kg: KnowledgeGraph) -> KnowledgeGraph:
    """The packaged graph pushed to the server and read back through ``sparql:URL``."""
    push(kg.graph, server.url, audience="team")
    return graph.load(store=f"sparql:{server.query_url}")


def test_the_server_binds_the_loopback_address(server: OxigraphServer) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    bind = server.process.args[server.process.args.index("--bind") + 1]
    assert bind.startswith("127.0.0.1:")  # Oxigraph on a private loopback port
    assert server.gate is not None and server.gate.port == server.port  # the gate on the public one


def test_push_replaces_the_named_graph(server: OxigraphServer, kg: KnowledgeGraph) -> None:
    small = Graph()
    small.add((URIRef("urn:a"), URIRef("urn:p"), Literal("old")))
    push(small, server.url, graph_iri="urn:replaced")
    result = push(kg.graph, server.url, graph_iri="urn:replaced", audience="team")
    assert result.triples == len(kg) == count(server, "urn:replaced")


def test_a_graph_store_put_replaces_the_named_graph_too(
    server: OxigraphServer, kg: KnowledgeGraph
) -> None:
    push(kg.graph, server.url, graph_iri="urn:by-gsp", method="gsp", audience="team")
    push(kg.graph, server.url, graph_iri="urn:by-gsp", method="gsp", audience="team")
    assert count(server, "urn:by-gsp") == len(kg)


def test_text_is_escaped_by_the_serializer(server: OxigraphServer) -> None:
    g = Graph()
    subject = URIRef("urn:tricky")
    texts = [
        'a "quote" and a \\ backslash',
        "two\nlines\r\tand a tab",
        "\\u0041 is not A",
        "} } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
        "été ☃ 𝄞",
    ]
    for i, text in enumerate(texts):
        g.add((subject, URIRef(f"urn:p{i}"), Literal(text)))
    g.add((subject, URIRef("urn:lang"), Literal("colour", lang="en")))
    g.add((subject, URIRef("urn:blank"), BNode()))
    push(g, server.url, graph_iri="urn:tricky-graph")
    _, body = request(
        server.store_url,
        None,
        method="GET",
        params={"graph": "urn:tricky-graph"},
        accept="application/n-triples",
    )
    assert isomorphic(Graph().parse(data=body, format="nt"), g)
    assert count(server, "urn:tricky-graph") == len(g)


def test_the_pushed_graph_holds_every_triple(remote: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    assert len(remote.graph) == len(kg)
    assert remote.store.startswith("sparql:")


@pytest.mark.parametrize("name, params", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_named_queries_on_the_server_answer_as_in_memory(
    remote: KnowledgeGraph, kg: KnowledgeGraph, name: str, params: dict[str, str]
) -> None:
    expected = kg.query(name, **params).records()
    assert normalised(remote.query(name, **params).records()) == normalised(expected)


def test_a_view_projects_the_same_from_the_server(
    remote: KnowledgeGraph, kg: KnowledgeGraph
) -> None:
    here, there = kg.view("models"), remote.view("models")
    assert sorted(there.nodes) == sorted(here.nodes)
    assert sorted(there.edges) == sorted(here.edges)


def test_the_command_line_pushes_and_queries_the_server(
    server: OxigraphServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["push", server.url, "--graph", str(GRAPH_IRI)]) == 0
    assert "pushed" in capsys.readouterr().out
    assert (
        main(["--store", f"sparql:{server.query_url}", "query", "cq04-funder", "--format", "csv"])
        == 0
    )
    assert "Child Sexual Exploitation Funders Alliance" in capsys.readouterr().out


def test_a_read_only_server_refuses_a_push(tmp_path: Path, kg: KnowledgeGraph) -> None:
    location = write_database(kg.graph, tmp_path / "db", graph_iri=GRAPH_IRI, audience="team")
    with start_server(location, read_only=True) as read_only:
        assert count(read_only, str(GRAPH_IRI)) == len(kg)
        with pytest.raises(StoreError, match="403"):
            push(kg.graph, read_only.url)
    assert not read_only.running


def test_an_unreachable_endpoint_says_so() -> None:
    port = free_port()
    with pytest.raises(StoreError, match="cannot reach"):
        graph.load(store=f"sparql:http://127.0.0.1:{port}/query").query("cq04-funder")


def test_serve_prints_the_address_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("HUBSPOKE_STORE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert f"at http://127.0.0.1:{port}" in first and "read-only" in first
        query = quote("ASK { ?s ?p ?o }")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query={query}") as answer:
            assert b"true" in answer.read()
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "stopped" in out
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query={query}", timeout=2)
