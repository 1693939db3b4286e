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

import math
import pickle
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import Result
from rdflib.term import BNode, Identifier, Node

from graph.errors import QueryError, QueryMemoryExceeded, QueryTimeout, ReadOnlyError
from graph.query.binding import with_values
from graph.query.native import (
    Answer,
    TermRows,
    answer_bytes,
    answer_from_bytes,
    evaluates_sparql,
    folder_worker,
    native_query,
    oxigraph_answer,
    rdflib_result,
    solution_columns,
)
from graph.query.outbound import refuse_outbound
from graph.query.worker import DEFAULT_MEMORY_LIMIT, call_limited, run_limited
from graph.rdf.fastparse import is_oxigraph
from graph.rdf.namespaces import PREFIXES

__all__ = [
    "Row",
    "prepare",
    "run",
    "select",
    "select_table",
    "select_texts",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MEMORY_LIMIT",
]

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


def _materialised(result: Result) -> Result:
    """``result`` with its rows or triples read (rdflib evaluates lazily)."""
    if result.type == "SELECT":
        result.bindings = list(result.bindings)
    elif result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        result.graph = result.graph
    return result


def _pickled(result: Result) -> bytes:
    triples = list(result.graph) if result.graph is not None else None
    return pickle.dumps((result.type, result.vars, result.bindings, result.askAnswer, triples))


def _unpickled(data: bytes) -> Result:
    kind, names, rows, answer, triples = pickle.loads(data)
    result = Result(kind)
    result.vars, result.bindings, result.askAnswer = names, rows, answer
    if triples is not None:
        result.graph = Graph()
        for triple in triples:
            result.graph.add(triple)
    return result


def _evaluate(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None,
    timeout: float | None,
    memory: int | None,
    source: str,
) -> Answer | Result:
    """The evaluated answer: an :class:`Answer` on Oxigraph (terms not yet converted), else
    an rdflib result. See :func:`run` for the limits."""

    refuse_outbound(text, source=source)  # SERVICE and LOAD: no request leaves the machine
    # a store with its own SPARQL engine (Oxigraph, a remote endpoint) parses the text itself
    # and runs queries only, never updates; rdflib's engine gets the parsed, checked query
    native = evaluates_sparql(graph)
    prepared: Any = None if native else prepare(text, source=source)
    init = {k: v for k, v in (bindings or {}).items()}
    limited = timeout is not None or memory is not None
    try:
        if is_oxigraph(graph):
            bound = with_values(text, init)
            if limited:
                cpu = math.ceil(timeout) + 2 if timeout is not None else 0
                program = folder_worker(graph, cpu)
                if program is not None:  # on disk: a program of its own (RocksDB and fork)
                    data = run_limited(
                        program, bound.encode(), timeout=timeout, memory=memory, source=source
                    )
                else:
                    data = call_limited(
                        lambda: answer_bytes(oxigraph_answer(graph, bound)),
                        timeout=timeout,
                        memory=memory,
                        source=source,
                    )
                return Answer(answer_from_bytes(data))
            return Answer(oxigraph_answer(graph, bound))

        def evaluate() -> Result:
            if native:
                return _materialised(native_query(graph, with_values(text, init)))
            return _materialised(graph.query(prepared, initBindings=init))

        if limited:
            data = call_limited(
                lambda: _pickled(evaluate()), timeout=timeout, memory=memory, source=source
            )
            return _unpickled(data)
        return evaluate()
    except (QueryTimeout, QueryMemoryExceeded):
        raise
    except Exception as exc:  # surfaced with the query's name
        if native and _is_update(text):
            prepare(text, source=source)  # raises ReadOnlyError
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"{source}: {exc}") from exc


def run(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory: int | None = None,
    source: str = "query",
) -> Result:
    """Run a read-only query on ``graph`` and return the materialised rdflib result.

    ``timeout`` (seconds) stops a query that runs too long with :class:`QueryTimeout`;
    ``memory`` (bytes) stops one that grows the process by more with
    :class:`QueryMemoryExceeded`. With either limit the query runs in a worker process that
    is killed at the limit (:mod:`graph.query.worker`), so it stops using CPU and memory; with
    neither (``None``) it runs in the calling thread. The result is fully evaluated before it
    is returned.
    """
    answer = _evaluate(graph, text, bindings, timeout, memory, source)
    return rdflib_result(answer) if isinstance(answer, Answer) else answer


def select_table(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory: int | None = None,
    source: str = "query",
) -> tuple[list[str], Sequence[Row]]:
    """Run a SELECT query; return its projected variable names and its rows (limits: :func:`run`).

    On Oxigraph the rows keep pyoxigraph's terms until they are first read
    (:class:`~graph.query.native.TermRows`); every variable is a key of every row.
    """
    answer = _evaluate(graph, text, bindings, timeout, memory, source)
    if isinstance(answer, Answer):
        if answer.kind != "SELECT":
            raise QueryError(f"{source}: expected a SELECT query, got {answer.kind}")
        return list(answer.names), TermRows(answer.names, answer.solutions)
    if answer.type != "SELECT":
        raise QueryError(f"{source}: expected a SELECT query, got {answer.type}")
    names = [str(v) for v in answer.vars or []]
    rows: list[Row] = []
    for binding in answer.bindings:
        values = {str(k): v for k, v in binding.items()}
        rows.append({n: values.get(n) for n in names})
    return names, rows


def select(
    graph: Graph,
    text: str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory: int | None = None,
    source: str = "query",
) -> list[Row]:
    """Run a SELECT query and return its rows as dictionaries of variable name to term."""
    return list(
        select_table(graph, text, bindings, timeout=timeout, memory=memory, source=source)[1]
    )


def select_texts(
    graph: Graph, text: str, columns: Sequence[str], *, source: str = "query"
) -> Iterator[tuple[str | None, ...]]:
    """The text of each of ``columns`` in each answer of the SELECT query ``text`` (an IRI,
    ``_:`` and a blank node's name, a literal's lexical form; ``None`` unbound), read as the
    answers come: on Oxigraph no answer is held, whatever their number (half a million links
    of a national graph). No time limit, for a caller's own queries.

    >>> from graph.kg import load
    >>> text = "SELECT ?e ?d WHERE { ?e a hs:LearningExchange OPTIONAL { ?e hs:nope ?d } }"
    >>> sorted(select_texts(load(store="oxigraph").graph, text, ["e", "d"]))[0]
    ('https://w3id.org/hubspoke/id/event/learning-exchange-2015-12-01', None)
    >>> sorted(select_texts(load().graph, text, ["e", "d"])) == sorted(
    ...     select_texts(load(store="oxigraph").graph, text, ["e", "d"]))
    True
    """
    if not is_oxigraph(graph):
        for row in select(graph, text, timeout=None, source=source):
            yield tuple(_text(row.get(c)) for c in columns)
        return
    refuse_outbound(text, source=source)
    answer = oxigraph_answer(graph, text)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError(f"{source}: expected a SELECT query")
    for terms in solution_columns(answer, columns):
        yield tuple(map(_ox_text, terms))


def _text(term: Node | None) -> str | None:
    """The text :func:`select_texts` gives for an rdflib term."""
    if term is None:
        return None
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _ox_text(term: Any) -> str | None:
    """The text :func:`select_texts` gives for a pyoxigraph term."""
    if term is None:
        return None
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value
