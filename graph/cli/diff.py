"""``hubspoke diff A [B]``: what changed between two snapshots, or a snapshot and the current graph."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from graph.export.diff import FORMATS  # lazy: the CLI parser is built without loading this

    parser = sub.add_parser(
        "diff",
        help="what changed between two snapshots, grouped by entity",
        description="Compare two snapshots (folders, or names in exports/snapshots/), a "
        "snapshot and an RDF file, or either with 'current' (the graph as it is now, "
        "redacted for the snapshot's audience). Changes are grouped by entity and told "
        "with labels, e.g. \"Discussion point 'Regular supervision ...': concerns topic "
        'added: supervision".',
    )
    parser.add_argument("old", help="the earlier snapshot, RDF file or 'current'")
    parser.add_argument(
        "new", nargs="?", default="current", help="the later one (default: current)"
    )
    add_format(parser, FORMATS)
    add_data(parser, help="extra RDF files or folders loaded into 'current'")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.export.diff import diff  # lazy: the CLI parser is built without loading this

    print(diff(args.old, args.new, extra=args.data).render(args.format))
    return 0
