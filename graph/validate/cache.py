"""Validation of the graph on its store, with a report cache kept in ``oxigraph:DIR`` folders.

The shapes check datatypes as written, and Oxigraph keeps literals in a canonical form, so
validation runs on a store of its own (:mod:`graph.validate.store`), made from the graph as it
is with its literals as written (:mod:`graph.store.written`): no source file is read again.
On an ``oxigraph:DIR`` store the report is kept in the folder, keyed by the data, the shapes,
the QC queries and the versions of the engines, and reused while none of them changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph

from graph.atomic import write_text
from graph.errors import UnsupportedShape
from graph.rdf.fastparse import is_oxigraph
from graph.rdf.loading import load_graph
from graph.rdf.resources import qc_query_files, shape_files
from graph.store.oxigraph import fingerprint, source_files
from graph.store.specs import StoreSpec, resolve_store
from graph.store.written import as_written, written_forms
from graph.validate.store import store_from_files, store_from_graph, store_from_oxigraph
from graph.validate.validation import Problem, ValidationReport, validate

__all__ = ["validate_on_store"]


def _validation_key(
    store: StoreSpec, extra: Sequence[str | Path], warnings: bool, engine: str
) -> str:
    checks = [*shape_files("all"), *qc_query_files()]
    parts = [
        fingerprint(source_files(extra)),
        fingerprint(checks),
        f"warnings={warnings}",
        f"engine={engine}",
    ]
    parts += [f"{name} {version(name)}" for name in ("pyshacl", "pyoxigraph", "rdflib", "hubspoke")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def validate_on_store(
    graph: Graph,
    store: str | StoreSpec,
    extra: Sequence[str | Path] = (),
    *,
    warnings: bool = True,
    engine: str = "sparql",
) -> ValidationReport:
    """Validate the graph on ``store`` (loaded from the packaged data and ``extra``).

    Validation runs on an in-memory Oxigraph copy of the data that keeps the datatypes as
    written (:mod:`graph.validate.store`): a copy of ``graph`` as it is now, on Oxigraph with
    its literals put back as the sources wrote them (Oxigraph shows ``xsd:positiveInteger``
    values as ``xsd:integer``; :mod:`graph.store.written`). With the ``pyshacl`` engine the
    shapes run on rdflib's memory: ``graph`` itself, or its copy as written. On
    ``oxigraph:DIR`` the report is kept in the folder and reused while the data, the shapes
    and the QC queries are unchanged. On ``sparql:URL`` the local files are validated: they
    are what ``hubspoke push`` sends, and push sends only a graph without violations.
    """
    spec = resolve_store(store)
    if spec.kind == "memory":
        return validate(graph, warnings=warnings, engine=engine, database=store_from_graph(graph))
    cache: Path | None = None
    if spec.persistent:
        key = _validation_key(spec, extra, warnings, engine)
        cache = Path(spec.location) / f"validation-{key[:16]}.json"
        try:
            return _report_from_json(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    if is_oxigraph(graph):
        session = graph.store._inner  # type: ignore[attr-defined]
        database = store_from_oxigraph(session, written_forms(graph))
        data = as_written(graph) if engine == "pyshacl" else None
    else:  # an endpoint: the local files it was pushed from
        database = store_from_files(source_files(extra))
        data = load_graph(extra) if engine == "pyshacl" else None
    try:
        report = validate(data, warnings=warnings, engine=engine, database=database)
    except UnsupportedShape:  # pySHACL needs the data as an rdflib graph
        data = as_written(graph) if is_oxigraph(graph) else load_graph(extra)
        report = validate(data, warnings=warnings, engine=engine, database=database)
    if cache is not None:
        for old in cache.parent.glob("validation-*.json"):
            old.unlink(missing_ok=True)
        write_text(cache, _report_to_json(report))
    return report


def _report_to_json(report: ValidationReport) -> str:
    return json.dumps(
        {
            "violations": [asdict(p) for p in report.violations],
            "warnings": [asdict(p) for p in report.warnings],
        },
        indent=1,
    )


def _report_from_json(text: str) -> ValidationReport:
    data = json.loads(text)
    return ValidationReport(
        violations=[Problem(**p) for p in data["violations"]],
        warnings=[Problem(**p) for p in data["warnings"]],
    )
