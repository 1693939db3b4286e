"""The RDF files of an export: written by Oxigraph's serialisers from the triples as the sources
state them, the same bytes for the same graph whatever its blank nodes are called."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

import graph
from graph.export.rdf import export_triples, jsonld_text, ntriples_text, turtle_text
from graph.export.triples import ox_triples, rdflib_graph, source_triples
from graph.privacy import AudiencePolicy
from graph.privacy.triples import redact_triples
from graph.rdf.namespaces import HS

EX = "https://example.org/"


def _graph_with_blank_nodes(first: str, second: str) -> Graph:
    g = Graph()
    a, b = BNode(first), BNode(second)
    g.add((URIRef(EX + "report"), URIRef(EX + "hasPart"), a))
    g.add((a, URIRef(EX + "title"), Literal("one")))
    g.add((a, URIRef(EX + "next"), b))
    g.add((b, URIRef(EX + "title"), Literal("two", lang="en")))
    g.add((URIRef(EX + "report"), URIRef(EX + "pages"), Literal("12", datatype=XSD.integer)))
    return g


def test_the_same_graph_gives_the_same_bytes_whatever_its_blank_nodes_are_called() -> None:
    one = export_triples(_graph_with_blank_nodes("x1", "x2"))
    other = export_triples(_graph_with_blank_nodes("zz", "aa"))
    for write in (ntriples_text, turtle_text, jsonld_text):
        assert write(one) == write(other)


def test_every_format_holds_the_same_triples() -> None:
    source = _graph_with_blank_nodes("x1", "x2")
    triples = export_triples(source)
    lines = ntriples_text(triples).splitlines()
    assert lines == sorted(lines) and len(lines) == len(source)
    for text, fmt in ((ntriples_text(triples), "nt"), (turtle_text(triples), "turtle")):
        assert isomorphic(Graph().parse(data=text, format=fmt), source)
    document = json.loads(jsonld_text(triples))
    assert isomorphic(Graph().parse(data=json.dumps(document), format="json-ld"), source)


def test_an_export_from_oxigraph_writes_datatypes_as_the_sources_state_them(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        '<https://example.org/s> <https://example.org/count> "3"^^'
        "<http://www.w3.org/2001/XMLSchema#positiveInteger> .\n",
        encoding="utf-8",
    )
    kg = graph.load([extra], store="oxigraph")
    triples = source_triples(kg.graph)
    assert len(triples) == len(kg.graph)
    written = ntriples_text(export_triples(rdflib_graph(triples)))
    assert '"3"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>' in written


def test_redaction_drops_a_contact_and_the_blank_node_only_it_held() -> None:
    g = Graph()
    person, card = URIRef(EX + "alice"), BNode("card")
    g.add((person, HS.email, card))
    g.add((card, URIRef(EX + "value"), Literal("alice@example.org")))
    g.add((person, URIRef(EX + "note"), Literal("write to alice@example.org")))
    public = rdflib_graph(redact_triples(ox_triples(g), AudiencePolicy.of(g, "public")))
    assert set(public) == {
        (person, URIRef(EX + "note"), Literal("write to [e-mail withheld]")),
    }
    assert len(rdflib_graph(redact_triples(ox_triples(g), AudiencePolicy.of(g, "team")))) == 3


def test_turtle_and_jsonld_read_back_from_the_ntriples_are_the_same_bytes(tmp_path: Path) -> None:
    # an export writes graph.nt, drops its triples, then writes the others from graph.nt
    from graph.export.rdf import RDF_FILES, write_rdf, write_rdf_from_ntriples

    source = _graph_with_blank_nodes("x1", "x2")
    whole, staged = tmp_path / "whole", tmp_path / "staged"
    whole.mkdir()
    staged.mkdir()
    write_rdf(source, whole)
    write_rdf(source, staged, names=["graph.nt"])
    assert sorted(p.name for p in staged.iterdir()) == ["graph.nt"]
    write_rdf_from_ntriples(staged, RDF_FILES)
    for name in RDF_FILES:
        assert (staged / name).read_bytes() == (whole / name).read_bytes(), name
    assert b"_:" in (whole / "graph.ttl").read_bytes() + (whole / "graph.nt").read_bytes()
