"""Shared fixtures: the built knowledge graph is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from graph.kg import KnowledgeGraph


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables are printed for a 1000-column terminal, so that a test finds a cell's text on
    one line; the tests of wrapping set ``COLUMNS`` themselves."""
    monkeypatch.setenv("COLUMNS", "1000")


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The packaged ontology and curated data, loaded once."""
    return graph.load()


@pytest.fixture(scope="session")
def report(kg: KnowledgeGraph) -> graph.ValidationReport:
    """The validation report of the packaged graph, computed once."""
    return kg.validate()


@pytest.fixture(scope="session")
def maps(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standard maps of the packaged graph, written once for every map test."""
    from graph.maps import write_standard_maps

    folder = tmp_path_factory.mktemp("maps")
    write_standard_maps(kg, folder)
    return folder
