"""``hubspoke build``: load, validate and write the graph and its outputs."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from graph.build import DEFAULT_OUT, build
from graph.cli._shared import add_audience, add_data, add_quiet
from graph.errors import ValidationFailed

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "build",
        help="load, validate and write the graph to exports/latest/",
        description="Load the ontology and data, validate them (stop on any violation, "
        "writing nothing), print counts per class and write the outputs.",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: %(default)s)"
    )
    add_data(parser)
    add_audience(parser)
    add_quiet(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        result = build(args.out, extra=args.data, audience=args.audience)
    except ValidationFailed as exc:
        print(f"hubspoke: {exc}; nothing was written", file=sys.stderr)
        print(exc.report.text(include_warnings=False), file=sys.stderr)  # type: ignore[attr-defined]
        return 1
    if not args.quiet:
        counts = result.kg.counts()
        width = max(len(k) for k in counts)
        print(f"graph: {len(result.kg)} triples")
        for cls, n in counts.items():
            print(f"  {cls:<{width}}  {n}")
        if result.report.warnings:
            print(f"{len(result.report.warnings)} warning(s); run 'hubspoke validate' to see them")
        print(f"wrote {len(result.written)} files for the {args.audience} audience into {args.out}")
        for path in result.written:
            if path.parent == args.out or path.name == "index.html":
                print(f"  {path}")
        print(f"done in {time.perf_counter() - started:.1f} s")
    return 0
