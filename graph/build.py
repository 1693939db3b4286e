"""The main job: load, validate, then write the graph (and, through hooks, more outputs).

Pure steps first, side effects last: nothing is written unless the graph validates.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "latest"
>>> result = build(out)
>>> (out / "graph.ttl").exists(), result.report.conforms
(True, True)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.atomic import write_with
from graph.errors import ValidationFailed
from graph.kg import KnowledgeGraph, load
from graph.validation import ValidationReport

__all__ = ["BuildResult", "DEFAULT_OUT", "build", "write_turtle", "BUILD_STEPS"]

#: Where ``hubspoke build`` writes, relative to the working directory.
DEFAULT_OUT = Path("exports") / "latest"


@dataclass
class BuildResult:
    """What a build produced: the graph, its validation report and the files written."""

    kg: KnowledgeGraph
    report: ValidationReport
    written: list[Path] = field(default_factory=list)


def write_turtle(graph: Graph, path: Path) -> Path:
    """Serialise ``graph`` as Turtle to ``path`` atomically and return ``path``."""
    return write_with(path, lambda handle: graph.serialize(destination=handle, format="turtle"))


def _write_graph(kg: KnowledgeGraph, out: Path) -> list[Path]:
    return [write_turtle(kg.graph, out / "graph.ttl")]


#: Steps run after validation, in order; each takes the graph and the output folder and
#: returns the files it wrote. Later features (maps, snapshots) add theirs here.
BUILD_STEPS: list[Callable[[KnowledgeGraph, Path], list[Path]]] = [_write_graph]


def build(
    out: Path = DEFAULT_OUT,
    *,
    extra: Sequence[str | Path] = (),
    kg: KnowledgeGraph | None = None,
) -> BuildResult:
    """Load the graph (plus ``extra``), validate it, and write the outputs into ``out``.

    Raises
    ------
    ValidationFailed
        The graph has violations; nothing is written.
    DataFileError
        A data file cannot be parsed.
    """
    kg = kg if kg is not None else load(extra)
    report = kg.validate()
    if not report.conforms:
        raise ValidationFailed(report, f"the graph does not conform: {len(report.violations)} violation(s)")
    result = BuildResult(kg, report)
    for step in BUILD_STEPS:
        result.written.extend(step(kg, Path(out)))
    return result
