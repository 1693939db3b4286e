"""The researcher's commands: hubspoke statements, codebook and cooccurrence."""

from __future__ import annotations

import csv
import io
import json

from graph.cli import main
from graph.kg import KnowledgeGraph


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


def test_statements_as_csv_lists_every_statement_in_full(capsys, kg: KnowledgeGraph) -> None:
    assert main(["statements", "--format", "csv"]) == 0
    rows = _csv(capsys.readouterr().out)
    texts = {
        str(r["s"]): str(r["t"])
        for r in kg.sparql("SELECT ?s ?t { ?s a hs:Statement ; hs:text ?t }")
    }
    assert len(rows) == len(texts) >= 153
    assert {r["iri"]: r["text"] for r in rows} == texts
    for row in rows:
        assert row["document"] and row["section"] and row["lines"], row["id"]
    first = next(r for r in rows if r["id"] == "le2015:line-103")
    assert "topic:supervision" in first["topics"].split("; ")
    assert "supervision" in first["topics_label"].split("; ")


def test_statements_on_supervision_are_the_three_supervision_points(capsys) -> None:
    assert main(["statements", "--topic", "supervision", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["le2015:line-103", "le2015:line-129", "le2015:line-134"]
    assert rows[2]["text"] == (
        "Regular supervision is highly valued and essential to be an effective Spoke worker"
    )
    assert all("topic:supervision" in r["topics"] for r in rows)


def test_the_statements_table_wraps_quotes_instead_of_cutting_them(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    assert main(["statements", "--topic", "supervision"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 statement(s):")
    assert "…" not in out and max(len(line) for line in out.splitlines()) <= 90
    assert "signal)" in out  # the end of the longest quote, line 103-106


def test_statements_filters_by_section_and_type(capsys) -> None:
    assert main(["statements", "--section", "section 4b", "--type", "discussion point",
                 "--format", "csv"]) == 0  # fmt: skip
    rows = _csv(capsys.readouterr().out)
    assert rows and {r["section_number"] for r in rows} == {"4b"}
    assert {r["type"] for r in rows} <= {"hs:DiscussionPoint", "hs:Challenge"}


def test_an_unknown_topic_is_bad_input(capsys) -> None:
    assert main(["statements", "--topic", "supervisoin"]) == 1
    assert "supervision (topic:supervision)" in capsys.readouterr().err


def test_codebook_lists_every_code_with_use_and_example(capsys) -> None:
    assert main(["codebook", "--format", "csv"]) == 0
    rows = {r["id"]: r for r in _csv(capsys.readouterr().out)}
    supervision = rows["topic:supervision"]
    assert supervision["label"] == "supervision" and supervision["definition"]
    assert int(supervision["statements"]) == 3
    assert supervision["example_id"] == "le2015:line-103"
    assert rows["topic:worker-wellbeing"]["broader"] == "topic:workforce"
    assert main(["codebook", "--scheme", "roles"]) == 0
    assert "spoke worker" in capsys.readouterr().out


def test_cooccurrence_pair_lists_the_quotes_coded_with_both(capsys) -> None:
    assert main(["cooccurrence", "--pair", "participation", "training", "--format", "csv"]) == 0
    rows = _csv(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["le2015:line-157"]
    assert {"topic:participation", "topic:training-accreditation"} <= set(
        rows[0]["topics"].split("; ")
    )
    assert rows[0]["text"].startswith("Examples of good or promising participative practice")
    assert rows[0]["document_label"] and rows[0]["lines"] == "157-161"
    assert main(["cooccurrence", "--pair", "participation", "training"]) == 0
    assert "1 statement(s) coded with both participation and training" in capsys.readouterr().out


def test_cooccurrence_matrix_is_symmetric_and_c_is_between_0_and_1(capsys) -> None:
    assert main(["cooccurrence", "--measure", "c", "--format", "csv"]) == 0
    rows = {r["code"]: r for r in _csv(capsys.readouterr().out)}
    assert "topic:supervision" in rows
    for a, row in rows.items():
        for b in rows:
            if a != b:
                assert row[b] == rows[b][a]
                assert 0 <= float(row[b]) <= 1
    assert main(["cooccurrence", "--pairs", "--format", "json"]) == 0
    pairs = json.loads(capsys.readouterr().out)
    counts = [p["count"] for p in pairs]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1


def test_cooccurrence_of_an_unknown_scheme_is_bad_input(capsys) -> None:
    assert main(["cooccurrence", "--codes", "colours"]) == 1
    assert "topics" in capsys.readouterr().err
