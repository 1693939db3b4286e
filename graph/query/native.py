"""Queries run by the store's own SPARQL engine (Oxigraph, a remote endpoint) instead of rdflib's.

On Oxigraph a query goes straight to pyoxigraph (:func:`oxigraph_answer`); its answer can be
written to bytes and read back (:func:`answer_bytes`, :func:`answer_from_bytes`: SPARQL JSON
results, or N-Triples for a graph), which is how a worker process hands it over, and becomes
an rdflib result with :func:`rdflib_result`.

Examples
--------
>>> from rdflib import Graph
>>> evaluates_sparql(Graph())
False
>>> g = Graph(store="Oxigraph")
>>> answer = answer_from_bytes(answer_bytes(oxigraph_answer(g, "ASK { }")))
>>> rdflib_result(answer).askAnswer
True
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

import pyoxigraph as ox
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import BNode, Variable

from graph.rdf.fastparse import is_oxigraph
from graph.rdf.namespaces import PREFIXES
from graph.rdf.oxterms import rdflib_converter

__all__ = [
    "evaluates_sparql",
    "native_query",
    "oxigraph_answer",
    "solution_columns",
    "answer_bytes",
    "answer_from_bytes",
    "rdflib_result",
    "Answer",
    "TermRows",
    "mark_on_disk",
    "on_disk",
    "folder_worker",
]

_SOLUTIONS, _TRIPLES = b"S", b"T"

#: The database folder of each store on disk (see :func:`mark_on_disk`).
_FOLDERS: WeakKeyDictionary[Any, str] = WeakKeyDictionary()

#: A worker program answering one query (standard input) on a database folder, opened
#: read-only, as :func:`answer_bytes` writes answers. It imports pyoxigraph only (it starts
#: in about 0.1 s), dies with its parent and stops at a CPU-time limit given to it.
_FOLDER_WORKER = """
import ctypes, json, os, resource, sys
parent, path, prefixes, cpu = sys.argv[1:5]
try:
    ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG: SIGKILL when the parent ends
except Exception:
    pass
if os.getppid() != int(parent):
    sys.exit(1)
if int(cpu) > 0:
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu), int(cpu) + 1))
import io, time
import pyoxigraph as ox
# a database just built may still be compacting in the process that opened it for writing: a
# file this reader expects can vanish; it opens the database again and retries
for attempt in range(20):
    try:
        text = text if attempt else sys.stdin.read()
        answer = ox.Store.read_only(path).query(text, prefixes=json.loads(prefixes))
        buffer = io.BytesIO()
        if isinstance(answer, ox.QueryTriples):
            buffer.write(b"T")
            answer.serialize(buffer, ox.RdfFormat.N_TRIPLES)
        else:
            buffer.write(b"S")
            answer.serialize(buffer, ox.QueryResultsFormat.JSON)
        break
    except Exception as exc:
        if "No such file" not in str(exc) or attempt == 19:
            sys.stderr.write(f"{exc}\\n")
            sys.exit(3)
        time.sleep(0.1)
sys.stdout.buffer.write(buffer.getvalue())
sys.stdout.buffer.flush()
"""


def evaluates_sparql(graph: Graph) -> bool:
    """True when ``graph``'s store runs SPARQL itself (Oxigraph, a remote endpoint).

    >>> evaluates_sparql(Graph())
    False
    """
    return is_oxigraph(graph) or isinstance(graph.store, SPARQLStore)


def oxigraph_answer(graph: Graph, text: str) -> Any:
    """Pyoxigraph's answer to the query ``text`` on ``graph`` (an rdflib graph on Oxigraph).

    The answer (``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``) is lazy: the query is
    evaluated as it is read.
    """
    ident = graph.identifier
    default = (
        ox.DefaultGraph()
        if ident == DATASET_DEFAULT_GRAPH_ID
        else ox.BlankNode(str(ident))
        if isinstance(ident, BNode)
        else ox.NamedNode(str(ident))
    )
    return graph.store._inner.query(  # type: ignore[attr-defined]
        text, default_graph=default, prefixes=dict(PREFIXES)
    )


def solution_columns(answer: Any, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The pyoxigraph terms of ``columns`` in each solution of the SELECT ``answer``, read as
    they come (``None`` where a column is unbound or not in the answer).

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("b")))
    >>> list(solution_columns(store.query("SELECT ?o ?s WHERE { ?s ?p ?o }"), ["s", "x", "o"]))
    [(<NamedNode value=urn:a>, None, <Literal value=b datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>)]
    """
    names = [variable.value for variable in answer.variables]
    places = [names.index(column) if column in names else None for column in columns]
    for solution in answer:
        yield tuple(None if i is None else solution[i] for i in places)


def answer_bytes(answer: Any) -> bytes:
    """Evaluate a pyoxigraph answer and write it as bytes (see :func:`answer_from_bytes`)."""
    if isinstance(answer, ox.QueryTriples):
        return _TRIPLES + (answer.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")
    return _SOLUTIONS + (answer.serialize(format=ox.QueryResultsFormat.JSON) or b"")


def answer_from_bytes(data: bytes) -> Any:
    """The pyoxigraph answer written by :func:`answer_bytes`: solutions, a boolean or triples."""
    if data[:1] == _TRIPLES:
        return ox.parse(data[1:], ox.RdfFormat.N_TRIPLES)
    return ox.parse_query_results(data[1:], ox.QueryResultsFormat.JSON)


class Answer:
    """A pyoxigraph answer, evaluated: ``kind`` (``SELECT``, ``ASK`` or ``CONSTRUCT``) and the
    variable ``names`` and ``solutions``, the ``boolean`` or the ``triples``. Its terms stay
    pyoxigraph's until they are read (:class:`TermRows`)."""

    def __init__(self, answer: Any) -> None:
        self.names: list[str] = []
        self.solutions: list[Any] = []
        self.boolean = False
        self.triples: list[Any] = []
        if isinstance(answer, ox.QueryBoolean):
            self.kind, self.boolean = "ASK", bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            self.kind = "SELECT"
            self.names = [v.value for v in answer.variables]
            self.solutions = list(answer)  # evaluates the query
        else:
            self.kind, self.triples = "CONSTRUCT", list(answer)


class TermRows(Sequence[dict[str, Any]]):
    """The rows of a SELECT answer as dictionaries of rdflib terms, converted when first read.

    The solutions keep pyoxigraph's terms; the first read of a row converts them all, each
    distinct term once, so a caller that only counts rows (or never reads them) pays nothing.
    """

    def __init__(self, names: Sequence[str], solutions: list[Any]) -> None:
        self.names = list(names)
        self._solutions = solutions
        self._rows: list[dict[str, Any]] | None = None

    def _converted(self) -> list[dict[str, Any]]:
        if self._rows is None:
            term = rdflib_converter(keep_blank_ids=True)
            names = self.names
            self._rows = [
                {name: term(value) for name, value in zip(names, solution)}
                for solution in self._solutions
            ]
            self._solutions = []
        return self._rows

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._solutions)

    def __getitem__(self, index: Any) -> Any:
        return self._converted()[index]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self._converted())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return repr(self._converted())


def rdflib_result(answer: Any) -> Result:
    """An rdflib :class:`~rdflib.query.Result` of a pyoxigraph answer (or :class:`Answer`),
    fully evaluated.

    Each distinct term is turned into an rdflib term once (oxrdflib rebuilds every term of
    every row).
    """
    done = answer if isinstance(answer, Answer) else Answer(answer)
    result = Result(done.kind)
    if done.kind == "ASK":
        result.askAnswer = done.boolean
    elif done.kind == "SELECT":
        names = [Variable(name) for name in done.names]
        result.vars = names
        rows = TermRows(done.names, done.solutions)
        result.bindings = [
            {Variable(k): v for k, v in row.items() if v is not None} for row in rows
        ]
    else:
        term = rdflib_converter()
        result.graph = Graph()
        for triple in done.triples:
            result.graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return result


def mark_on_disk(graph: Graph, database: str) -> None:
    """Remember that ``graph`` (on Oxigraph) is the default graph of the database folder
    ``database``, so that a query with a limit runs in :func:`folder_worker`, not a fork."""
    _FOLDERS[graph.store] = database


def on_disk(graph: Graph) -> bool:
    """True when ``graph`` is the default graph of a store on disk (:func:`mark_on_disk`): a
    forked process must not read it (RocksDB's background threads hold locks a fork copies).

    >>> on_disk(Graph())
    False
    """
    return graph.store in _FOLDERS


def folder_worker(graph: Graph, cpu_seconds: int = 0) -> list[str] | None:
    """The command of a worker program answering queries on ``graph``'s database folder.

    ``None`` unless ``graph`` is the default graph of a store on disk (:func:`mark_on_disk`).
    A forked copy of a process using RocksDB can find a lock taken by one of its background
    threads and wait for ever, so a limited query on disk runs in this program instead (see
    :func:`graph.query.worker.run_limited`). ``cpu_seconds`` (0: none) bounds its CPU time.
    """
    database = _FOLDERS.get(graph.store)
    if database is None or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    prefixes = json.dumps(dict(PREFIXES))
    return [
        sys.executable,
        "-c",
        _FOLDER_WORKER,
        str(os.getpid()),
        database,
        prefixes,
        str(cpu_seconds),
    ]


def native_query(graph: Graph, text: str) -> Any:
    """Run the query ``text`` with the SPARQL engine of ``graph``'s store (Oxigraph, endpoint).

    Returns an rdflib :class:`~rdflib.query.Result`.
    """
    if not is_oxigraph(graph):
        return graph.query(text, initNs=PREFIXES)
    return rdflib_result(oxigraph_answer(graph, text))
