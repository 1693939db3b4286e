"""A query past its time or memory limit stops: the caller gets the error within a second of
the limit, and nothing goes on using CPU or memory afterwards (the query ran in a worker
process that was killed), from the Python API and from the command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

import graph
from graph.cli import main
from graph.errors import QueryError, QueryMemoryExceeded, QueryTimeout
from graph.query.sparql import run, select
from graph.query.worker import call_limited, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="limits need a forked worker process")

#: Counts a cartesian product of the whole graph with itself, twice: never ends in practice.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: Sorts the graph joined with itself: every row is held in memory (millions of rows).
GREEDY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


def _cpu_seconds() -> float:
    """CPU time used so far by this process and every process it started that still runs."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total


def _assert_idle_after_error() -> None:
    assert psutil.Process().children(recursive=True) == []
    before = _cpu_seconds()
    time.sleep(1.0)
    assert _cpu_seconds() - before < 0.3


@pytest.fixture(scope="module")
def kg_oxigraph() -> graph.KnowledgeGraph:
    return graph.load(store="oxigraph")


@pytest.fixture(scope="module")
def kg_memory() -> graph.KnowledgeGraph:
    return graph.load(store="memory")


@pytest.mark.parametrize("store", ["kg_oxigraph", "kg_memory"])
def test_a_query_past_its_time_limit_stops_within_a_second_and_leaves_the_cpu_idle(
    store: str, request: pytest.FixtureRequest
) -> None:
    kg = request.getfixturevalue(store)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped after 1 s"):
        kg.sparql(ENDLESS, timeout=1)
    assert time.monotonic() - started < 2.0
    _assert_idle_after_error()


def test_an_ad_hoc_query_past_its_memory_limit_is_stopped_with_a_clear_message(
    kg_oxigraph: graph.KnowledgeGraph,
) -> None:
    with pytest.raises(QueryMemoryExceeded, match=r"more than 64 MiB of memory .* --memory"):
        kg_oxigraph.sparql(GREEDY, timeout=60, memory=64 << 20)
    _assert_idle_after_error()


def test_ad_hoc_queries_have_a_memory_limit_by_default(kg_oxigraph: graph.KnowledgeGraph) -> None:
    import inspect

    default = inspect.signature(kg_oxigraph.sparql).parameters["memory"].default
    assert default is not None and default > 0


def test_a_query_with_a_limit_answers_as_one_without(kg_oxigraph: graph.KnowledgeGraph) -> None:
    text = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"
    limited = select(kg_oxigraph.graph, text, timeout=30, memory=1 << 30)
    free = select(kg_oxigraph.graph, text, timeout=None)
    assert limited == free and len(free) > 100
    ask = run(kg_oxigraph.graph, "ASK { ?s a hs:LearningExchange }", timeout=30)
    assert ask.askAnswer is True
    construct = run(
        kg_oxigraph.graph,
        "CONSTRUCT { ?s a hs:LearningExchange } WHERE { ?s a hs:LearningExchange }",
    )
    assert len(construct.graph) == 2


@pytest.mark.parametrize("store", ["kg_oxigraph", "kg_memory"])
def test_an_error_inside_the_worker_reaches_the_caller(
    store: str, request: pytest.FixtureRequest
) -> None:
    kg = request.getfixturevalue(store)
    unknown_function = "SELECT ?x WHERE { ?x rdfs:label ?y } ORDER BY <urn:nonsense>(?y)"
    with pytest.raises(QueryError, match="^ad hoc query: "):
        kg.sparql(unknown_function, timeout=5)
    with pytest.raises(QueryError, match="ad hoc query"):
        kg.sparql("SELECT WHERE", timeout=5)
    with pytest.raises(ValueError, match="raised in the worker"):
        call_limited(_raise, timeout=5)


def _raise() -> bytes:
    raise ValueError("raised in the worker")


def test_without_a_limit_the_query_runs_in_the_calling_process() -> None:
    own = str(os.getpid()).encode()
    assert call_limited(lambda: str(os.getpid()).encode()) == own
    assert call_limited(lambda: str(os.getpid()).encode(), timeout=10) != own


def test_hubspoke_query_timeout_1_returns_within_2_s_and_the_cpu_is_idle_after(capsys) -> None:
    started = time.monotonic()
    assert main(["query", "--sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"]) == 0
    loading = time.monotonic() - started  # loading the graph and printing, without the query
    started = time.monotonic()
    assert main(["query", "--sparql", ENDLESS, "--timeout", "1"]) == 1
    assert time.monotonic() - started - loading < 2.0
    assert "stopped after 1 s" in capsys.readouterr().err
    _assert_idle_after_error()


def test_hubspoke_query_memory_stops_a_cartesian_product(capsys) -> None:
    assert main(["query", "--sparql", GREEDY, "--memory", "64"]) == 1
    assert "more than 64 MiB of memory" in capsys.readouterr().err
    _assert_idle_after_error()


def test_the_worker_dies_with_the_process_that_started_it(tmp_path) -> None:
    script = f"import graph\ngraph.load(store='oxigraph').sparql({ENDLESS!r}, timeout=600)\n"
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        process = psutil.Process(parent.pid)
        deadline = time.monotonic() + 60
        while not process.children() and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = process.children()
        assert workers, "the query's worker process did not start"
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    gone, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == []


def test_a_store_on_disk_is_queried_by_a_worker_program_under_the_same_limits(tmp_path) -> None:
    # a forked copy of a process using RocksDB can wait for ever on a lock: a program of its
    # own opens the folder read-only instead
    kg = graph.load(store=f"oxigraph:{tmp_path / 'kg'}")
    text = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"
    assert select(kg.graph, text, timeout=30) == select(kg.graph, text, timeout=None)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped after 1 s"):
        kg.sparql(ENDLESS, timeout=1)
    assert time.monotonic() - started < 2.0
    _assert_idle_after_error()
    with pytest.raises(QueryMemoryExceeded, match="more than 64 MiB"):
        kg.sparql(GREEDY, timeout=60, memory=64 << 20)
    with pytest.raises(QueryError, match=r"^ad hoc query: The custom function"):
        kg.sparql("SELECT ?x WHERE { ?x rdfs:label ?y } ORDER BY <urn:nonsense>(?y)", timeout=9)
    _assert_idle_after_error()
