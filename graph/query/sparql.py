"""Run SPARQL read-only, with bound parameters and a time limit.

Parameters are bound as RDF terms with ``initBindings``; a value is never pasted into the
query text, so ``"} ; DROP ALL #"`` is just a string that matches nothing. Updates are refused.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
>>> rows = select(g, "SELECT ?s WHERE { ?s <urn:p> ?o }", {"o": Literal("x")})
>>> [str(r["s"]) for r in rows]
['urn:a']
>>> select(g, "DROP ALL")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.ReadOnlyError: query: this is a SPARQL update ...
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Identifier, Node

from graph.errors import QueryError, QueryTimeout, ReadOnlyError
from graph.query.binding import with_values
from graph.query.native import evaluates_sparql, native_query
from graph.query.outbound import refuse_outbound
from graph.rdf.namespaces import PREFIXES

__all__ = ["Row", "prepare", "run", "select", "select_table", "DEFAULT_TIMEOUT"]

#: Seconds an ad hoc query may run before it is stopped.
DEFAULT_TIMEOUT = 30.0

Row = dict[str, Node | None]


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate  # rdflib's SPARQL: loaded when needed

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


@lru_cache(maxsize=512)
def _prepared(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery  # not needed on a store with its own engine

    return prepareQuery(text, initNs=PREFIXES)


def prepare(text: str, *, source: str = "query") -> Any:
    """Parse ``text`` as a read-only SPARQL query with the hubspoke prefixes.

    Raises :class:`ReadOnlyError` for an update and :class:`QueryError` for bad syntax.
    A text is parsed once: named queries run again and again cost no parsing.
    """
    try:
        return _prepared(text)
    except Exception as exc:
        if _is_update(text):
            raise ReadOnlyError(
                f"{source}: this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP...); "
                "queries run read-only here - use SELECT, ASK, CONSTRUCT or DESCRIBE"
            ) from None
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"{source}: not a valid SPARQL query: {first}") from None


class _Stop(BaseException):
    """Raised inside the worker thread when its time is up."""


def _interrupt(thread: threading.Thread) -> None:
    ident = thread.ident
    if ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(_Stop))


def run(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    source: str = "query",
) -> Result:
    """Run a read-only query on ``graph`` and return the materialised rdflib result.

    ``timeout`` (seconds, ``None`` for no limit) stops a query that runs too long with
    :class:`QueryTimeout`. The result is fully evaluated before it is returned.
    """

    refuse_outbound(text, source=source)  # SERVICE and LOAD: no request leaves the machine
    # a store with its own SPARQL engine (Oxigraph, a remote endpoint) parses the text itself
    # and runs queries only, never updates; rdflib's engine gets the parsed, checked query
    native = evaluates_sparql(graph)
    prepared: Any = None if native else prepare(text, source=source)
    init = {k: v for k, v in (bindings or {}).items()}
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            if native:
                result = native_query(graph, with_values(text, init))
            else:
                result = graph.query(prepared, initBindings=init)
            if result.type == "SELECT":
                result.bindings = list(result.bindings)
            elif result.type == "CONSTRUCT" or result.type == "DESCRIBE":
                result.graph = result.graph
            outcome["result"] = result
        except _Stop:
            outcome["timeout"] = True
        except Exception as exc:  # surfaced below with the query's name
            outcome["error"] = exc

    if timeout is None:
        work()
    else:
        worker = threading.Thread(target=work, name=f"sparql:{source}", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            _interrupt(worker)
            worker.join(5)
            raise QueryTimeout(
                f"{source}: stopped after {timeout:g} s - narrow the query or raise --timeout"
            )
    if outcome.get("timeout"):
        raise QueryTimeout(f"{source}: stopped after {timeout:g} s")
    if "error" in outcome:
        if native and _is_update(text):
            prepare(text, source=source)  # raises ReadOnlyError
        raise QueryError(f"{source}: {outcome['error']}") from outcome["error"]
    result: Result = outcome["result"]
    return result


def select_table(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    source: str = "query",
) -> tuple[list[str], list[Row]]:
    """Run a SELECT query; return its projected variable names and its rows."""
    result = run(graph, text, bindings, timeout=timeout, source=source)
    if result.type != "SELECT":
        raise QueryError(f"{source}: expected a SELECT query, got {result.type}")
    names = [str(v) for v in result.vars or []]
    rows: list[Row] = []
    for binding in result.bindings:
        values = {str(k): v for k, v in binding.items()}
        rows.append({n: values.get(n) for n in names})
    return names, rows


def select(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    source: str = "query",
) -> list[Row]:
    """Run a SELECT query and return its rows as dictionaries of variable name to term."""
    return select_table(graph, text, bindings, timeout=timeout, source=source)[1]
