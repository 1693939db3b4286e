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

from graph.atomic import staged_directory
from graph.errors import ValidationFailed
from graph.export.snapshot import write_export
from graph.kg import KnowledgeGraph, load
from graph.progress import task
from graph.validate.validation import ValidationReport

__all__ = ["BuildResult", "DEFAULT_OUT", "build", "BUILD_STEPS"]

#: Where ``hubspoke build`` writes, relative to the working directory.
DEFAULT_OUT = Path("exports") / "latest"


@dataclass
class BuildResult:
    """What a build produced: the graph, its validation report and the files written."""

    kg: KnowledgeGraph
    report: ValidationReport
    written: list[Path] = field(default_factory=list)


def _write_latest(kg: KnowledgeGraph, out: Path, audience: str) -> list[Path]:
    # everything a snapshot holds (RDF formats, views, maps, README, manifest) for the
    # audience, staged and swapped into place whole, so a reader never sees half a build

    with staged_directory(Path(out), replace=True) as staging:
        names = [p.relative_to(staging) for p in write_export(kg, staging, audience=audience)]
    return [Path(out) / name for name in names]


#: Steps run after validation, in order; each takes the graph, the output folder and the
#: audience, and returns the files it wrote.
BUILD_STEPS: list[Callable[[KnowledgeGraph, Path, str], list[Path]]] = [_write_latest]


def build(
    out: Path = DEFAULT_OUT,
    *,
    extra: Sequence[str | Path] = (),
    kg: KnowledgeGraph | None = None,
    audience: str = "public",
) -> BuildResult:
    """Load the graph (plus ``extra``), validate it, and write the outputs into ``out``.

    The outputs are those of a snapshot for ``audience`` (``public`` by default: contact
    details and non-public nodes left out; ``team`` keeps contacts, never restricted nodes).

    Raises
    ------
    ValidationFailed
        The graph has violations; nothing is written.
    DataFileError
        A data file cannot be parsed.
    """
    with task("Building", total=3) as progress:
        progress("loading")
        kg = kg if kg is not None else load(extra)
        progress("validating")
        report = kg.validate()
        if not report.conforms:
            raise ValidationFailed(
                report, f"the graph does not conform: {len(report.violations)} violation(s)"
            )
        result = BuildResult(kg, report)
        progress("writing")
        for step in BUILD_STEPS:
            result.written.extend(step(kg, Path(out), audience))
    return result
