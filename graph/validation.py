"""Validate a graph against the SHACL shapes (pySHACL) and the QC queries.

The library returns a :class:`ValidationReport` and never prints or exits; the CLI decides.
Violations and warnings come from separate shape files; QC queries (``*-violation.rq``) are
violations when they return rows.

Examples
--------
>>> from graph.loading import load_graph
>>> report = validate(load_graph())
>>> report.conforms
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.catalogue import parse_query_file
from graph.loading import parse_file
from graph.namespaces import curie
from graph.resources import qc_query_files, shape_files
from graph.sparql import select

__all__ = ["Problem", "ValidationReport", "shapes_graph", "validate"]


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
        parse_file(g, path)
    return g


def shapes_graph(severity: str = "all") -> Graph:
    """The SHACL shapes (``"violations"``, ``"warnings"`` or ``"all"``), parsed once."""
    return _shapes(severity)


def _label(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return curie(node)
    return str(node)


def _shacl_problems(data: Graph, shapes: Graph) -> list[Problem]:
    from pyshacl import validate as shacl_validate  # heavy import, only when validating

    _, report, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
    )
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


def _qc_problems(data: Graph, files: Sequence[Path]) -> list[Problem]:
    problems = []
    for path in files:
        query = parse_query_file(path)
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


def validate(
    graph: Graph,
    *,
    warnings: bool = True,
    qc: bool = True,
    qc_graph: Graph | None = None,
) -> ValidationReport:
    """Check ``graph`` (the ontology included) against the shapes and QC queries.

    Parameters
    ----------
    graph : rdflib.Graph
        The data graph, with the ontology loaded so that classes are known.
    warnings : bool
        Also run the warning shapes.
    qc : bool
        Also run the ``*-violation.rq`` quality-control queries.
    qc_graph : rdflib.Graph, optional
        The same data on a store with a faster SPARQL engine (Oxigraph) to run the QC
        queries on; ``graph`` by default.
    """
    shapes = shapes_graph("all" if warnings else "violations")
    found = _shacl_problems(graph, shapes)
    if qc:
        found += _qc_problems(qc_graph if qc_graph is not None else graph, qc_query_files())
    found = sorted(set(found))
    return ValidationReport(
        violations=[p for p in found if p.severity == "violation"],
        warnings=[p for p in found if p.severity == "warning"],
    )

