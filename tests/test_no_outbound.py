"""No request leaves the machine at run time: SPARQL ``SERVICE`` and ``LOAD`` are refused with
a clear message through the command line, the library and the server, on both local stores,
and a listener standing in for the remote end receives no connection."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from listener import Listener, listening

import graph
from graph.cli import main
from graph.errors import OutboundRequestRefused
from graph.query.outbound import outbound_keyword
from graph.store.server import start_server, write_database

# every spelling of a query that reaches out (the listener's address is filled in)
OUTBOUND_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }",
    "select * where { service silent <{url}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c .SERVICE <{url}/sparql> { ?s ?p ?o } } LIMIT 1",
    "SELECT * WHERE { SERV\\u0049CE <{url}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE {\n  # a comment\n  SERVICE\t<{url}/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <{url}/data.ttl> WHERE { ?s ?p ?o } LIMIT 1",
]
# queries that only look as if they did
HARMLESS = [
    'SELECT ?service WHERE { ?service ?p "SERVICE <http://example.org/>" } LIMIT 1',
    "SELECT * WHERE { ?s <https://w3id.org/hubspoke/ontology#service> ?o } # SERVICE <x>",
    "PREFIX service: <urn:x:> SELECT * WHERE { ?s service:load ?o } LIMIT 1",
]


def _queries(listener: Listener) -> list[str]:
    return [q.replace("{url}", listener.url) for q in OUTBOUND_QUERIES]


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
@pytest.mark.parametrize("index", range(len(OUTBOUND_QUERIES)))
def test_the_command_line_makes_no_outbound_request(
    store: str, index: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with listening() as listener:
        query = tmp_path / "q.rq"
        query.write_text(_queries(listener)[index], encoding="utf-8")
        code = main(["--store", store, "query", "--file", str(query)])
    err = capsys.readouterr().err
    assert listener.connections == 0
    if "FROM" in OUTBOUND_QUERIES[index]:  # FROM names a graph of the store: never fetched
        assert code == 0
    else:
        assert code == 1
        assert "hubspoke never makes outbound requests" in err and "Traceback" not in err


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_the_library_refuses_service(store: str) -> None:
    kg = graph.load(store=store)
    with listening() as listener:
        with pytest.raises(OutboundRequestRefused, match="SERVICE"):
            kg.sparql(_queries(listener)[0])
    assert listener.connections == 0


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_answers_read_as_they_come_refuse_service_too(store: str) -> None:
    from graph.query.sparql import select_texts

    kg = graph.load(store=store)
    with listening() as listener:
        with pytest.raises(OutboundRequestRefused, match="SERVICE"):
            list(select_texts(kg.graph, _queries(listener)[0], ["s"]))
    assert listener.connections == 0


@pytest.mark.parametrize("text", HARMLESS)
def test_a_query_that_only_mentions_service_runs(text: str) -> None:
    assert outbound_keyword(text) is None
    graph.load(store="memory").sparql(text)


def test_the_server_refuses_service_and_load(tmp_path: Path, kg: graph.KnowledgeGraph) -> None:
    location = write_database(kg.graph, tmp_path / "db")
    with listening() as listener, start_server(location, read_only=True) as server:
        for text in _queries(listener)[:5]:
            for req in (
                urllib.request.Request(
                    server.query_url,
                    data=text.encode(),
                    headers={"Content-Type": "application/sparql-query"},
                ),
                urllib.request.Request(
                    server.query_url + "?" + urllib.parse.urlencode({"query": text})
                ),
            ):
                with pytest.raises(urllib.error.HTTPError) as refused:
                    urllib.request.urlopen(req, timeout=30)
                assert refused.value.code == 400
                assert b"never makes outbound requests" in refused.value.read()
    assert listener.connections == 0


def test_a_read_write_server_refuses_load(tmp_path: Path) -> None:
    with listening() as listener, start_server(tmp_path / "db", read_only=False) as server:
        req = urllib.request.Request(
            server.update_url,
            data=f"LOAD <{listener.url}/data.ttl>".encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=30)
        assert refused.value.code == 400 and b"LOAD" in refused.value.read()
    assert listener.connections == 0


LURES = """@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix hs:   <https://w3id.org/hubspoke/ontology#> .
<https://w3id.org/hubspoke/id/lure-ontology> a owl:Ontology ;
    rdfs:label "An ontology that imports a remote one"@en ;
    owl:imports <{url}/ontology.ttl> ;
    rdfs:seeAlso <{url}/more.ttl> .
<https://w3id.org/hubspoke/id/org/csefa> rdfs:seeAlso <{url}/csefa.jsonld> .
"""

# every command that reads data, writes or serves it (push goes to a real local server)
COMMANDS = [
    ["validate", "{data}"],
    ["build", "--out", "{tmp}/build", "--data", "{data}"],
    ["export", "--out", "{tmp}/snapshots", "--data", "{data}", "--quiet"],
    ["map", "partnership", "--out", "{tmp}/map.html", "--data", "{data}"],
    ["query", "cq04-funder", "--data", "{data}"],
    ["search", "funders", "--data", "{data}"],
    ["neighbours", "CSEFA", "--data", "{data}"],
    ["path", "CSEFA", "sustainability", "--data", "{data}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_command_connects_out_even_when_the_data_points_elsewhere(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with listening() as listener:
        data = tmp_path / "lures.ttl"
        data.write_text(LURES.replace("{url}", listener.url), encoding="utf-8")
        args = [a.replace("{data}", str(data)).replace("{tmp}", str(tmp_path)) for a in command]
        assert main(args) == 0, capsys.readouterr().err
    assert listener.connections == 0


def test_serve_and_push_connect_nowhere_else(tmp_path: Path) -> None:
    kg = graph.load()
    with listening() as listener:
        data = tmp_path / "lures.ttl"
        data.write_text(LURES.replace("{url}", listener.url), encoding="utf-8")
        with start_server(tmp_path / "db", read_only=False) as server:
            assert main(["push", server.url, str(data)]) == 0
            assert len(graph.load(store=f"sparql:{server.query_url}").query("cq04-funder")) > 0
        location = write_database(kg.graph, tmp_path / "db2")
        with start_server(location) as served:
            urllib.request.urlopen(
                served.query_url + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
                timeout=30,
            ).read()
    assert listener.connections == 0
