"""A build reads each source file once, and an export writes what the session's graph holds.

The query store (Oxigraph), the validation store and the exports are all fed by one reading of
the sources; Oxigraph keeps literals in a canonical form, so the literals as written are kept
beside the store and put back for validation and exports.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from graph.build import build
from graph.export.snapshot import export_snapshot
from graph.kg import load
from graph.rdf.loading import default_files
from graph.rdf.namespaces import HS, curie
from graph.rdf.resources import shape_files
from graph.store.specs import using_store

TOPIC = URIRef("https://w3id.org/hubspoke/id/topic/supervision")


@pytest.fixture
def parses(monkeypatch) -> Counter[Path]:
    """How many times each file is handed to a parser (Oxigraph's or rdflib's) from now on."""
    counts: Counter[Path] = Counter()
    ox_parse = pyoxigraph.parse

    def counting_ox_parse(*args, **kwargs):
        if kwargs.get("path"):
            counts[Path(kwargs["path"]).resolve()] += 1
        return ox_parse(*args, **kwargs)

    rdflib_parse = rdflib.Graph.parse

    def counting_rdflib_parse(self, source=None, publicID=None, *args, **kwargs):
        where = publicID or kwargs.get("location") or source
        if isinstance(where, str) and where.startswith("file://"):
            counts[Path(where.removeprefix("file://")).resolve()] += 1
        elif isinstance(where, (str, Path)):
            counts[Path(where).resolve()] += 1
        return rdflib_parse(self, source, publicID, *args, **kwargs)

    monkeypatch.setattr(pyoxigraph, "parse", counting_ox_parse)
    monkeypatch.setattr(rdflib.Graph, "parse", counting_rdflib_parse)
    return counts


@pytest.fixture
def extra_files(tmp_path) -> list[Path]:
    """One extra file read by Oxigraph's parser (Turtle) and one by rdflib's (JSON-LD)."""
    turtle = tmp_path / "extra.ttl"
    turtle.write_text(
        f'<{TOPIC}> <{RDFS.comment}> "a comment from an extra Turtle file"@en .\n',
        encoding="utf-8",
    )
    jsonld = tmp_path / "extra.jsonld"
    jsonld.write_text(
        json.dumps(
            {"@id": str(TOPIC), str(RDFS.seeAlso): {"@id": "https://example.org/supervision"}}
        ),
        encoding="utf-8",
    )
    return [turtle, jsonld]


@pytest.mark.parametrize("store", ["oxigraph", "memory", "oxigraph:DIR"])
def test_a_build_reads_each_source_file_once(store, parses, extra_files, tmp_path) -> None:
    spec = f"oxigraph:{tmp_path / 'db'}" if store == "oxigraph:DIR" else store
    with using_store(spec):
        result = build(tmp_path / "out", extra=extra_files)
    assert result.report.conforms
    sources = [p.resolve() for p in [*default_files(), *extra_files]]
    assert {path: parses[path] for path in sources} == {path: 1 for path in sources}
    # besides the sources: the shapes, and the build's own graph.nt (in its output folder,
    # staged beside "out"), read back to write Turtle and JSON-LD without holding the triples
    own = {p for p in parses if p.name == "graph.nt" and p.parent.parent == tmp_path.resolve()}
    assert [parses[p] for p in own] == [2]  # once for Turtle, once for JSON-LD
    others = {p for p in set(parses) - set(sources) - own if tmp_path / "db" not in p.parents}
    assert others <= {p.resolve() for p in shape_files("all")}, "else only the shapes are read"


def test_a_build_on_an_up_to_date_store_folder_reads_no_source_file(
    parses, extra_files, tmp_path
) -> None:
    spec = f"oxigraph:{tmp_path / 'db'}"
    with using_store(spec):
        build(tmp_path / "first", extra=extra_files)
        parses.clear()
        build(tmp_path / "second", extra=extra_files)
    sources = {p.resolve() for p in [*default_files(), *extra_files]}
    assert not sources & set(parses)
    assert (tmp_path / "first" / "graph.nt").read_bytes() == (
        tmp_path / "second" / "graph.nt"
    ).read_bytes()


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_one_triple_added_and_one_removed_in_memory_are_both_in_the_export(store, tmp_path) -> None:
    kg = load(store=store)
    removed = next(t for t in kg.graph.triples((None, HS.seriesNumber, None)) if int(t[2]) == 2)
    added = (TOPIC, RDFS.comment, Literal("added in memory", lang="en"))
    count = len(kg.graph)
    kg.graph.remove(removed)
    kg.graph.add(added)
    assert len(kg.graph) == count  # the same number of triples, one of them different

    folder = export_snapshot(kg, tmp_path, views=["models"], maps=False)
    exported = Graph().parse(folder / "graph.nt", format="nt")

    assert added in exported
    assert (removed[0], removed[1], None) not in exported
    # the other literals are exported as the sources wrote them, not as Oxigraph holds them
    series = set(exported.objects(None, HS.seriesNumber))
    assert series and {lit.datatype for lit in series} == {XSD.positiveInteger}


def test_validation_sees_a_change_made_in_memory() -> None:
    kg = load(store="oxigraph")
    assert kg.validate(warnings=False).conforms
    event = next(kg.graph.subjects(HS.seriesNumber, None))
    kg.graph.add((event, HS.seriesNumber, Literal("-1", datatype=XSD.integer)))
    problems = kg.validate(warnings=False).violations
    assert any(
        p.focus == curie(event) and p.path == "hs:seriesNumber" and p.value == "-1"
        for p in problems
    )
