"""Where the graph lives: every local store answers the same, validates the same, and
an on-disk Oxigraph store is built once and reopened without parsing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from answers import normalised
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

import graph
from graph.cli import main
from graph.errors import StoreError
from graph.kg import KnowledgeGraph
from graph.store.specs import STORE_ENV, StoreSpec, parse_store, resolve_store
from graph.validate import cache as validation_cache

DATA = Path(__file__).parent / "data"

#: Named queries compared across stores, with values for parameters that have no default.
QUESTIONS = [
    ("cq01-models-presented", {}),
    ("cq03-event-facts", {}),
    ("cq05-objectives-themes", {}),
    ("cq06-findings-under-theme", {}),
    ("cq07-roundtable-questions", {}),
    ("cq11-role-holder-work", {}),
    ("cq14-next-event", {}),
    ("cq15-organisation-to-topic", {}),
    ("cq16-statutory-voluntary", {}),
    ("cq17-agencies-named", {}),
    ("cq18-provenance", {"statement": "le2015:line-103"}),
]


@pytest.fixture(scope="module")
def store_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stores") / "oxigraph-store"


@pytest.fixture(scope="module", params=["memory", "oxigraph", "oxigraph:DIR"])
def stored(request: pytest.FixtureRequest, store_folder: Path) -> KnowledgeGraph:
    """The packaged graph on each local store."""
    spec = str(request.param).replace("DIR", str(store_folder))
    return graph.load(store=spec)


# --------------------------------------------------------------------------- specs


@pytest.mark.parametrize(
    "text, kind, location",
    [
        ("memory", "memory", ""),
        ("oxigraph", "oxigraph", ""),
        ("oxigraph:/srv/kg", "oxigraph", "/srv/kg"),
        ("sparql:http://127.0.0.1:7878/query", "sparql", "http://127.0.0.1:7878/query"),
    ],
)
def test_a_store_spec_names_kind_and_location(text: str, kind: str, location: str) -> None:
    assert parse_store(text) == StoreSpec(kind, location)


@pytest.mark.parametrize("text", ["postgres", "oxigraph:", "sparql:127.0.0.1:7878", "memory:x"])
def test_a_wrong_store_spec_says_what_to_write(text: str) -> None:
    with pytest.raises(
        StoreError, match="memory, oxigraph, oxigraph:DIR or sparql:URL|oxigraph:|http"
    ):
        parse_store(text)


def test_the_environment_variable_chooses_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STORE_ENV, "oxigraph")
    assert resolve_store().kind == "oxigraph"
    kg = graph.load()
    assert type(kg.graph.store).__name__ == "OxigraphStore"
    assert resolve_store("memory").kind == "memory"  # an explicit store wins


def test_the_command_line_store_option_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", "mongo", "validate"]) == 1
    assert "unknown store 'mongo'" in capsys.readouterr().err


def test_the_command_line_validates_on_an_oxigraph_store(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--store", "oxigraph", "validate", "--no-warnings"]) == 0
    assert "conforms" in capsys.readouterr().out


# --------------------------------------------------------------------------- same answers


def test_every_store_holds_the_same_triples(stored: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    assert len(stored) == len(kg)
    assert stored.counts() == kg.counts()


@pytest.mark.parametrize("name, params", QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_competency_questions_get_the_same_answers_on_every_store(
    stored: KnowledgeGraph, kg: KnowledgeGraph, name: str, params: dict[str, str]
) -> None:
    expected = kg.query(name, **params).records()
    assert normalised(stored.query(name, **params).records()) == normalised(expected)


def test_a_parameter_bound_on_an_unprojected_variable_restricts_the_answer(
    stored: KnowledgeGraph,
) -> None:
    # ?theme is not in cq06's SELECT: Oxigraph's own substitution refuses such variables
    lines = stored.query("cq06-findings-under-theme").column("line")
    assert lines == [40, 41, 42]


def test_validation_is_the_same_on_every_store(stored: KnowledgeGraph, report: Any) -> None:
    got = stored.validate()
    assert got.conforms == report.conforms
    assert got.violations == report.violations and got.warnings == report.warnings


# --------------------------------------------------------------------------- validation


def test_oxigraph_keeps_literals_in_canonical_form() -> None:
    # why the shapes never run on an Oxigraph store: the declared datatype is not kept
    g = graph.load(store="oxigraph").graph
    value = g.value(
        URIRef("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103"),
        URIRef("https://w3id.org/hubspoke/ontology#startLine"),
    )
    assert value == Literal("103", datatype=XSD.integer)


def test_a_wrongly_typed_value_is_a_violation_on_every_store(tmp_path: Path) -> None:
    bad = tmp_path / "bad-line.ttl"
    bad.write_text(
        "@prefix le2015: <https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/> .\n"
        "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/section-x> a hs:Section ; rdfs:label "x" ;\n'
        '    hs:sectionOf le2015:document ; hs:startLine "-3"^^xsd:positiveInteger .\n',
        encoding="utf-8",
    )
    # Oxigraph would read "-3"^^xsd:positiveInteger back as a well-formed xsd:integer
    for spec in ("memory", "oxigraph", f"oxigraph:{tmp_path / 'store'}"):
        report = graph.load([bad], store=spec).validate(warnings=False)
        assert [(p.focus, p.path) for p in report.violations] == [
            ("https://example.org/section-x", "hs:startLine")
        ], spec


def test_a_quality_control_violation_is_found_on_every_store(tmp_path: Path) -> None:
    twin = tmp_path / "twin.ttl"
    twin.write_text(
        "@prefix le2015: <https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/> .\n"
        "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/twin> a hs:DiscussionPoint ; rdfs:label "twin" ; hs:text "twin" ;\n'
        "    hs:sourceDocument le2015:document ; hs:inSection le2015:section-4a ;\n"
        "    hs:concernsTopic <https://w3id.org/hubspoke/id/topic/risk> ;\n"
        '    hs:startLine "103"^^xsd:positiveInteger ; hs:endLine "103"^^xsd:positiveInteger .\n',
        encoding="utf-8",
    )
    for spec in ("memory", "oxigraph"):
        report = graph.load([twin], store=spec).validate()
        assert [p.rule for p in report.violations] == ["duplicate-line-violation"], spec


def test_an_update_is_refused_on_an_oxigraph_store() -> None:
    kg = graph.load(store="oxigraph")
    size = len(kg)
    with pytest.raises(graph.ReadOnlyError):
        kg.sparql("DELETE WHERE { ?s ?p ?o }")
    assert len(kg) == size


def test_missing_text_is_found_on_an_oxigraph_store() -> None:
    expected = graph.load([DATA / "statement-without-text.ttl"]).validate()
    got = graph.load([DATA / "statement-without-text.ttl"], store="oxigraph").validate()
    assert not got.conforms
    assert got.violations == expected.violations


# --------------------------------------------------------------------------- on disk


def test_an_on_disk_store_is_reopened_without_rebuilding(tmp_path: Path) -> None:
    folder = tmp_path / "kg"
    extra = tmp_path / "extra.ttl"
    extra.write_text("<urn:a> <urn:p> <urn:b> .\n", encoding="utf-8")
    first = graph.load([extra], store=f"oxigraph:{folder}")
    size = len(first)
    built = (folder / "oxigraph").stat().st_ino
    first.graph.close()
    del first

    extra.touch()  # a new time but the same content: still no rebuild
    again = graph.load([extra], store=f"oxigraph:{folder}")
    assert len(again) == size
    assert (folder / "oxigraph").stat().st_ino == built
    again.graph.close()
    del again

    extra.write_text("<urn:a> <urn:p> <urn:b>, <urn:c> .\n", encoding="utf-8")
    changed = graph.load([extra], store=f"oxigraph:{folder}")
    assert len(changed) == size + 1
    assert (URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:c")) in changed.graph


def test_an_on_disk_store_keeps_its_validation_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg = graph.load(store=f"oxigraph:{tmp_path / 'kg'}")
    first = kg.validate()
    assert list((tmp_path / "kg").glob("validation-*.json"))

    def validated_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("validated again")

    monkeypatch.setattr(validation_cache, "validate", validated_again)
    assert graph.load(store=f"oxigraph:{tmp_path / 'kg'}").validate() == first  # kept report
    with pytest.raises(AssertionError, match="validated again"):
        kg.validate(warnings=False)  # another question: not answered by the kept report


def test_a_folder_that_is_not_a_store_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not a hubspoke store"):
        graph.load(store=f"oxigraph:{tmp_path}")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_sparql_store_takes_no_extra_files() -> None:
    with pytest.raises(StoreError, match="hubspoke push"):
        graph.load([DATA / "broken.ttl"], store="sparql:http://127.0.0.1:9/query")


def test_prefixes_declared_in_the_data_survive_a_reopen(tmp_path: Path) -> None:
    spec = f"oxigraph:{tmp_path / 'kg'}"
    built = dict(graph.load(store=spec).graph.namespaces())
    reopened = dict(graph.load(store=spec).graph.namespaces())
    assert reopened["le2015"] == built["le2015"]


def test_a_syntax_error_names_the_file_and_line_on_an_oxigraph_store() -> None:
    with pytest.raises(graph.DataFileError, match=r"broken\.ttl, line 5"):
        graph.load([DATA / "broken.ttl"], store="oxigraph")


def test_a_syntax_error_far_into_a_large_file_names_its_line(tmp_path) -> None:
    # the store is filled a batch at a time, read in a thread of its own
    # (graph.store.written.fill): an error in a later batch still reaches the caller
    lines = [f"<urn:x:{i}> <urn:x:p> {i} ." for i in range(25_000)]
    lines.insert(23_456, "<urn:x:broken> <urn:x:p> .")
    big = tmp_path / "big.ttl"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(graph.DataFileError, match=r"big\.ttl, line 23457"):
        graph.load([big], store="oxigraph")


def test_a_memory_graph_reads_datatypes_as_written() -> None:
    g = Graph()
    graph.rdf.loading.parse_file(g, DATA / "statement-without-text.ttl")
    assert Literal("96", datatype=XSD.positiveInteger) in set(g.objects())


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_answers_read_as_texts_mark_blank_nodes_and_unbound_columns(store: str) -> None:
    # the database and the research corpus read large answers as texts: an IRI as it is,
    # a blank node with "_:" (never taken for an IRI), an unbound column as None
    from rdflib import BNode

    from graph.query.sparql import select_texts

    kg = graph.load(store=store)
    kg.graph.add((BNode(), URIRef("urn:hubspoke:test:says"), Literal("a sentence")))
    text = (
        "SELECT ?s ?o ?none WHERE { ?s <urn:hubspoke:test:says> ?o OPTIONAL { ?s <urn:x> ?none } }"
    )
    [(subject, said, none)] = list(select_texts(kg.graph, text, ["s", "o", "none"]))
    assert subject is not None and subject.startswith("_:") and len(subject) > 2
    assert (said, none) == ("a sentence", None)
