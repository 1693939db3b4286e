"""``hubspoke validate [PATH ...]``: validate the graph, with extra data, against the shapes."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_paths
from graph.kg import load
from graph.validate.validation import ENGINES

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "validate",
        help="validate the graph plus extra RDF files against the SHACL shapes",
        description="Load the packaged ontology and data plus PATHs, run the SHACL shapes and "
        "QC queries, and print every violation and warning. Exit 0 when there is no violation.",
    )
    add_paths(parser)
    parser.add_argument("--no-warnings", action="store_true", help="report violations only")
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="sparql: the shapes compiled to SPARQL on Oxigraph (default, fast at scale); "
        "pyshacl: the reference SHACL engine (slower; the same report)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load(args.paths)
    report = kg.validate(warnings=not args.no_warnings, engine=args.engine)
    print(report.text())
    return 0 if report.conforms else 1
