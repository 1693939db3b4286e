"""Shared fixtures: the built knowledge graph is loaded once per test session."""

from __future__ import annotations

import pytest

import graph
from graph.kg import KnowledgeGraph


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The packaged ontology and curated data, loaded once."""
    return graph.load()


@pytest.fixture(scope="session")
def report(kg: KnowledgeGraph) -> graph.ValidationReport:
    """The validation report of the packaged graph, computed once."""
    return kg.validate()
