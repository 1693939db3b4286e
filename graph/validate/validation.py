"""Validate a graph against the SHACL shapes and the QC queries.

The library returns a :class:`ValidationReport` and never prints or exits; the CLI decides.
Violations and warnings come from separate shape files; QC queries (``*-violation.rq``) are
violations when they return rows.

Two engines check the shapes and give the same report:

- ``"sparql"`` (the default): the shapes compiled to SPARQL (:mod:`graph.validate.compiled`) run
  on an in-memory Oxigraph copy of the data (:mod:`graph.validate.store`), every focus node
  of a constraint at once. A million triples take seconds rather than minutes. A shape the
  compiler does not translate makes this engine hand over to pySHACL.
- ``"pyshacl"``: pySHACL, the reference implementation, on rdflib's memory store.

The QC queries run on the Oxigraph copy with either engine.

Examples
--------
>>> from graph.rdf.loading import load_graph
>>> report = validate(load_graph())
>>> report.conforms
True
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import HubspokeError, UnsupportedShape
from graph.query.catalogue import parse_query_file
from graph.query.sparql import select
from graph.rdf.loading import parse_file
from graph.rdf.namespaces import curie
from graph.rdf.resources import qc_query_files, shape_files
from graph.validate.compiled import ShapeQuery, compile_shapes
from graph.validate.shape_errors import require_shapes, shapes_error
from graph.validate.store import store_from_graph

__all__ = ["ENGINES", "Problem", "ValidationReport", "shapes_graph", "validate"]

#: The SHACL engines :func:`validate` can use; the first is the default.
ENGINES = ("sparql", "pyshacl")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the graph: where (node, property), which rule, and what."""

    severity: str
    focus: str
    path: str
    message: str
    rule: str
    value: str = ""

    def __str__(self) -> str:
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value} [rule {self.rule}]"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`: conforms when there is no violation."""

    violations: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when nothing is a violation (warnings do not count)."""
        return not self.violations

    def text(self, *, include_warnings: bool = True) -> str:
        """A readable report, one problem a line, violations first."""
        problems = self.violations + (self.warnings if include_warnings else [])
        if not problems:
            return "conforms: no violation, no warning"
        head = f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s)"
        return "\n".join([head, *(str(p) for p in problems)])


@cache
def _shapes(severity: str) -> Graph:
    g = Graph()
    for path in shape_files(severity):
        one = parse_file(Graph(), path)
        require_shapes(path, one)  # an empty shapes file would let everything conform
        g += one
    return g


def shapes_graph(severity: str = "all") -> Graph:
    """The SHACL shapes (``"violations"``, ``"warnings"`` or ``"all"``), parsed once."""
    return _shapes(severity)


@cache
def _shape_queries(severity: str) -> tuple[ShapeQuery, ...]:
    return tuple(compile_shapes(_shapes(severity)))


def _label(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return curie(node)
    return str(node)


def _shacl_problems(data: Graph, shapes: Graph) -> list[Problem]:
    from pyshacl import validate as shacl_validate  # heavy import, only when validating

    # pySHACL logs a broken shape on its own stream before raising; the error raised is
    # reported (see shapes_error), so the log line would only be noise
    quiet = logging.getLogger("pyshacl-validate")
    disabled, quiet.disabled = quiet.disabled, True
    try:
        _, report, _ = shacl_validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
        )
    finally:
        quiet.disabled = disabled
    problems = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        shape = report.value(result, SH.sourceShape)
        shape_name = _label(shapes, shape)
        if not isinstance(shape, URIRef):
            parent = shapes.value(None, SH.property, shape)
            shape_name = _label(shapes, parent) if parent is not None else "property shape"
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        problems.append(
            Problem(
                severity="violation" if severity == SH.Violation else "warning",
                focus=_label(data, report.value(result, SH.focusNode)),
                path=_label(data, report.value(result, SH.resultPath)),
                message="; ".join(messages) or "does not conform",
                rule=shape_name,
                value=_label(data, report.value(result, SH.value)),
            )
        )
    return problems


def _ox_label(node: Any) -> str:
    """The label of an Oxigraph term in a problem: a CURIE, a blank node's id, a lexical form."""
    import pyoxigraph as ox

    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        return curie(URIRef(node.value))
    return str(node.value)


def _compiled_problems(database: Any, query: ShapeQuery) -> list[Problem]:
    return [
        Problem(
            severity=query.severity,
            focus=_ox_label(row["this"]),
            path=query.path,
            message=query.message,
            rule=query.rule,
            value=_ox_label(row[query.value_variable]) if query.value_variable else "",
        )
        for row in database.query(query.text)
    ]


def _qc_problems(database: Any, path: Path) -> list[Problem]:
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    data = Graph(store=OxigraphStore(store=database), identifier=DATASET_DEFAULT_GRAPH_ID)
    query = parse_query_file(path)
    problems = []
    for row in select(data, query.text, timeout=None, source=path.name):
        focus = row.get("focus")
        message = row.get("message")
        problems.append(
            Problem(
                severity="violation",
                focus=_label(data, focus),
                path=_label(data, row.get("property")),
                message=str(message) if message else query.title,
                rule=query.name,
            )
        )
    return problems


def _run_checks(
    database: Any, queries: Sequence[ShapeQuery], qc_files: Sequence[Path]
) -> list[Problem]:
    """Every compiled shape and QC query on ``database``, two at a time (Oxigraph evaluates
    a query without holding Python's lock for most of the time)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_compiled_problems, database, q) for q in queries]
        futures += [pool.submit(_qc_problems, database, path) for path in qc_files]
        return [problem for future in futures for problem in future.result()]


def validate(
    graph: Graph | None = None,
    *,
    warnings: bool = True,
    qc: bool = True,
    engine: str = "sparql",
    database: Any = None,
) -> ValidationReport:
    """Check the data (the ontology included) against the shapes and QC queries.

    Parameters
    ----------
    graph : rdflib.Graph, optional
        The data graph, with the ontology loaded so that classes are known. pySHACL runs on
        it; the other checks run on ``database``, made from it when not given.
    warnings : bool
        Also run the warning shapes.
    qc : bool
        Also run the ``*-violation.rq`` quality-control queries.
    engine : str
        ``"sparql"`` (shapes compiled to SPARQL on Oxigraph) or ``"pyshacl"``; see the module.
    database : pyoxigraph.Store, optional
        The same data on an Oxigraph store made by :mod:`graph.validate.store` (datatypes as
        written). Enough on its own for the ``"sparql"`` engine.

    Raises
    ------
    UnsupportedShape
        Only without ``graph``, when a shape cannot be compiled: pySHACL needs the graph.

    Examples
    --------
    >>> from graph.rdf.loading import load_graph
    >>> data = load_graph()
    >>> validate(data, engine="sparql") == validate(data, engine="pyshacl")
    True
    """

    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    if graph is None and database is None:
        raise ValueError("give the data to validate: a graph, a database or both")
    severity = "all" if warnings else "violations"
    try:
        return _validate(graph, database, severity, qc, engine)
    except (HubspokeError, ValueError):
        raise
    except Exception as exc:  # an engine's own error: name the shapes file and the shape
        raise shapes_error(exc, _shapes(severity), shape_files(severity)) from None


def _validate(
    graph: Graph | None, database: Any, severity: str, qc: bool, engine: str
) -> ValidationReport:
    queries: Sequence[ShapeQuery] | None = None
    if engine == "sparql":
        try:
            queries = _shape_queries(severity)
        except UnsupportedShape:
            if graph is None:
                raise  # the caller can read the data into rdflib for pySHACL
    if database is None and (queries is not None or qc):
        assert graph is not None
        database = store_from_graph(graph)
    qc_files = qc_query_files() if qc else []
    if queries is not None:
        found = _run_checks(database, queries, qc_files)
    else:
        if graph is None:
            raise ValueError("the pyshacl engine needs the data as an rdflib graph")
        found = _shacl_problems(graph, shapes_graph(severity))
        found += _run_checks(database, [], qc_files)
    found = sorted(set(found))
    return ValidationReport(
        violations=[p for p in found if p.severity == "violation"],
        warnings=[p for p in found if p.severity == "warning"],
    )
