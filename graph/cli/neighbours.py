"""``hubspoke neighbours X``: the entities within a few links of X."""

from __future__ import annotations

import argparse

from graph.cli._shared import (
    add_data,
    add_format,
    add_hubs,
    add_view,
    load_graph_for,
    show_rows,
)
from graph.rdf.namespaces import curie

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "neighbours",
        help="the entities linked to X, up to --depth links away",
        description="List the entities within DEPTH links of X in a view, nearest first, with "
        "the relation that leads to each. Documents, sections and other hubs are listed but "
        "not walked through unless --include-hubs.",
    )
    parser.add_argument("name", metavar="X", help="an IRI, CURIE, label or acronym")
    parser.add_argument(
        "--depth",
        type=int,
        default=1,
        metavar="N",
        help="how many links away (default: %(default)s)",
    )
    add_view(parser)
    add_hubs(parser)
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    start = kg.resolve(args.name)
    found = kg.neighbours(
        args.name, depth=args.depth, view=args.view, include_hubs=args.include_hubs
    )
    columns = ["distance", "relation", "label", "type", "document", "lines"]
    if args.depth > 1:
        columns.append("via")
    return show_rows(
        args.format,
        [n.as_record() for n in found],
        columns=columns,
        machine_columns=[
            "distance",
            "relation",
            "label",
            "type",
            "document",
            "lines",
            "via",
            "iri",
            "via_iri",
        ],
        heading=f"{len(found)} neighbour(s) of {kg.label(start)} ({curie(start)}) in the "
        f"{args.view} view, up to {args.depth} link(s) away:",
    )
