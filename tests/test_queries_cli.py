"""'hubspoke queries' and 'hubspoke query': named, file and ad hoc SPARQL, read-only and safe."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from graph.cli import main
from graph.kg import KnowledgeGraph
from graph.query.catalogue import load_catalogue
from graph.rdf.resources import data_files, ontology_files

INJECTION = '"} ; DROP ALL #'
SUPERVISION_TEXT = (
    "Regular supervision is highly valued and essential to be an effective Spoke worker"
)


def _digest_of_data() -> str:
    digest = hashlib.sha256()
    for path in [*ontology_files(), *data_files()]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_queries_lists_every_named_query_with_title_and_parameters(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # a wide terminal: nothing wraps
    assert main(["queries"]) == 0
    out = capsys.readouterr().out
    for name in load_catalogue():
        assert name in out
    assert "topic (entity) = topic:supervision" in out
    assert "Points on a topic across the whole report" in out


@pytest.mark.parametrize(
    "name",
    [
        "points-by-topic",
        "recommendations-by-addressee",
        "about-organisation",
        "section-statements",
        "claims-and-sources",
    ],
)
def test_the_researchers_named_queries_are_packaged_and_return_rows(
    kg: KnowledgeGraph, name: str
) -> None:
    assert name in load_catalogue()
    assert len(kg.query(name)) > 0


def test_queries_name_shows_the_description_parameters_and_sparql(capsys) -> None:
    assert main(["queries", "points-by-topic"]) == 0
    out = capsys.readouterr().out
    assert "topic (entity) (default: topic:funding)" in out
    assert "SELECT" in out


def test_query_by_name_shows_labels_not_only_iris(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # a wide terminal: nothing wraps
    assert main(["query", "cq08-supervision-points"]) == 0
    out = capsys.readouterr().out
    assert "Regular supervision is highly valued" in out
    assert "4c) What do Spoke workers need to do/know/have?" in out
    assert "https://w3id.org" not in out


def test_query_parameter_takes_a_label(capsys) -> None:
    assert main(["query", "points-by-topic", "--param", "topic=funding", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert 176 in [r["line"] for r in rows]
    assert "funding" in {t for r in rows for t in r["tagged"].split("; ")}
    assert {r["document"] for r in rows if r["line"] == 176} == {"learning-exchange-2015-12-01"}
    assert {r["type_label"] for r in rows} >= {"support request", "discussion point"}


def test_an_optional_parameter_narrows_the_rows(capsys) -> None:
    assert main(["query", "recommendations-by-addressee", "--format", "json"]) == 0
    everyone = json.loads(capsys.readouterr().out)
    assert (
        main(
            [
                "query",
                "recommendations-by-addressee",
                "--param",
                "addressee=CSEFA",
                "--format",
                "json",
            ]
        )
        == 0
    )
    csefa = json.loads(capsys.readouterr().out)
    assert len(everyone) > len(csefa) > 0
    assert {r["addressee"] for r in csefa} == {"https://w3id.org/hubspoke/id/org/csefa"}


def test_the_injection_value_is_just_a_string_that_matches_nothing(
    capsys, kg: KnowledgeGraph
) -> None:
    before_data, before_triples = _digest_of_data(), len(kg.graph)
    assert (
        main(
            ["query", "statements-containing", "--param", f"phrase={INJECTION}", "--format", "json"]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert captured.err == ""
    assert len(kg.query("statements-containing", phrase=INJECTION)) == 0
    assert len(kg.query("statements-containing", phrase="lone-worker")) == 1
    assert _digest_of_data() == before_data
    assert len(kg.graph) == before_triples


def test_the_injection_value_as_an_ad_hoc_parameter_matches_nothing(capsys) -> None:
    query = "SELECT ?s WHERE { ?s hs:text ?t FILTER(CONTAINS(?t, ?needle)) }"
    assert (
        main(["query", "--sparql", query, "--param", f"needle={INJECTION}", "--format", "csv"]) == 0
    )
    assert capsys.readouterr().out == "s\n"


def test_the_injection_value_as_an_entity_is_an_unknown_name_not_an_error(capsys) -> None:
    assert main(["query", "cq08-supervision-points", "--param", f"topic={INJECTION}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hubspoke: error: no entity is called")
    assert "Traceback" not in err


def test_an_update_is_refused_with_a_clear_message(capsys) -> None:
    before = _digest_of_data()
    assert main(["query", "--sparql", "DELETE WHERE {?s ?p ?o}"]) == 1
    err = capsys.readouterr().err
    assert "SPARQL update" in err and "read-only" in err
    assert _digest_of_data() == before


def test_an_update_from_a_file_or_stdin_is_refused(capsys, tmp_path: Path, monkeypatch) -> None:
    update = tmp_path / "drop.rq"
    update.write_text("DROP ALL", encoding="utf-8")
    assert main(["query", "--file", str(update)]) == 1
    assert "read-only" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("INSERT DATA { <urn:a> <urn:b> <urn:c> }"))
    assert main(["query", "--sparql", "-"]) == 1
    assert "read-only" in capsys.readouterr().err


def test_ad_hoc_query_from_stdin(capsys, monkeypatch) -> None:
    monkeypatch.setattr(
        sys,
        "stdin",
        io.StringIO("SELECT ?topic WHERE { ?topic a hs:Topic ; skos:prefLabel 'supervision'@en }"),
    )
    assert main(["query", "--sparql", "-", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        {"topic": "https://w3id.org/hubspoke/id/topic/supervision", "topic_label": "supervision"}
    ]


def test_ad_hoc_query_from_a_file_with_an_iri_parameter(capsys, tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text(
        "SELECT ?line WHERE { ?s hs:addressedTo ?org ; hs:startLine ?line } ORDER BY ?line"
    )
    assert (
        main(["query", "--file", str(query), "--param", "org=hsorg:csefa", "--format", "json"]) == 0
    )
    assert [r["line"] for r in json.loads(capsys.readouterr().out)] == list(range(171, 179))


def test_ask_and_construct_queries_run(capsys) -> None:
    assert (
        main(["query", "--sparql", "ASK { topic:supervision a hs:Topic }", "--format", "csv"]) == 0
    )
    assert capsys.readouterr().out == "answer\ntrue\n"
    assert main(["query", "--sparql", "CONSTRUCT { topic:supervision a hs:Topic } WHERE {}"]) == 0
    assert "supervision" in capsys.readouterr().out


def test_an_unreadable_query_file_is_exit_2(capsys, tmp_path: Path) -> None:
    assert main(["query", "--file", str(tmp_path / "missing.rq")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_an_unknown_query_name_gets_suggestions(capsys) -> None:
    assert main(["query", "cq8-supervision"]) == 1
    err = capsys.readouterr().err
    assert "no named query 'cq8-supervision'" in err
    assert "cq08-supervision-points" in err


def test_an_unknown_parameter_or_a_malformed_one_is_bad_input(capsys) -> None:
    assert main(["query", "cq08-supervision-points", "--param", "colour=red"]) == 1
    assert "has no parameter colour" in capsys.readouterr().err
    assert main(["query", "cq08-supervision-points", "--param", "topic"]) == 1
    assert "KEY=VALUE" in capsys.readouterr().err


def test_a_query_name_and_sparql_together_is_bad_input(capsys) -> None:
    assert main(["query", "cq08-supervision-points", "--sparql", "ASK {}"]) == 1
    assert "not both" in capsys.readouterr().err
    assert main(["query"]) == 1
    assert "give a query NAME" in capsys.readouterr().err


def test_csv_and_json_are_machine_clean_and_complete(capsys) -> None:
    assert main(["query", "cq08-supervision-points", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "…" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["line"] for r in rows] == ["103", "129", "134"]
    assert rows[2]["text"] == SUPERVISION_TEXT
    assert (
        rows[2]["statement"] == "https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-134"
    )
    assert rows[2]["statement_label"].startswith("Regular supervision")
    assert main(["query", "cq08-supervision-points", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["text"].endswith("areas of low or no signal)")
    assert records[0]["line"] == 103


def test_the_table_wraps_long_cells_and_markdown_escapes_bars(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["query", "cq08-supervision-points"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= 80
    words = out.split()
    last = words.index("Regular")  # the last row's quote, every word of it, in order
    for word in SUPERVISION_TEXT.split():
        last = words.index(word, last)
    assert main(["query", "cq08-supervision-points", "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| statement | document | line | section | sectionNumber | text |"
    assert lines[1] == "|---|---|---|---|---|---|"
    assert SUPERVISION_TEXT in lines[4]


def test_an_ad_hoc_query_that_runs_too_long_is_stopped(capsys) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    assert main(["query", "--sparql", slow, "--timeout", "0.5"]) == 1
    assert "stopped after 0.5 s" in capsys.readouterr().err
