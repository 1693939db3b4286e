"""The researcher's first commands: build and validate, and what bad input gets."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from rdflib import Graph

from graph.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Fail any attempt to open a network connection, and record it."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_build_writes_the_graph_and_prints_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: list[object]
) -> None:
    out = tmp_path / "latest"
    assert main(["build", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "hs:LearningExchange" in printed and "hs:DiscussionPoint" in printed
    graph_file = out / "graph.ttl"
    assert graph_file.exists()
    assert len(Graph().parse(graph_file)) > 3000
    assert no_network == []


def test_build_runs_from_any_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--quiet"]) == 0
    assert (tmp_path / "exports" / "latest" / "graph.ttl").exists()


def test_build_with_a_violation_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "latest"
    code = main(["build", "--out", str(out), "--data", str(DATA / "statement-without-text.ttl")])
    assert code == 1
    assert not out.exists()
    assert "nothing was written" in capsys.readouterr().err


def test_validate_names_the_node_and_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "statement-without-text.ttl")]) == 1
    out = capsys.readouterr().out
    (text_line,) = [line for line in out.splitlines() if "point-without-text hs:text" in line]
    assert text_line.startswith("violation:")
    assert "exactly one non-empty verbatim text" in text_line
    assert "StatementShape" in text_line
    (date_line,) = [line for line in out.splitlines() if "event-with-bad-date hs:date" in line]
    assert "must be one valid xsd:date" in date_line and "2015-02-30" in date_line


def test_validate_the_packaged_graph_conforms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-warnings"]) == 0
    assert "conforms" in capsys.readouterr().out


def test_bad_turtle_gets_file_and_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(DATA / "broken.ttl")])
    err = capsys.readouterr().err
    assert code == 2
    assert "broken.ttl, line 5" in err
    assert "Traceback" not in err


def test_missing_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.ttl"
    assert main(["validate", str(missing)]) == 2
    assert f"{missing}: no such file or folder" in capsys.readouterr().err


def test_remote_jsonld_context_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://schema.org/", "@id": "urn:x", "name": "x"}')
    assert main(["validate", str(remote)]) == 2
    assert "remote @context" in capsys.readouterr().err
