"""``hubspoke central``: the most central entities of a view."""

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
from graph.network.analysis import MEASURES, centrality

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "central",
        help="the most central entities of a view (degree, betweenness, pagerank)",
        description="Rank the entities of a view by a centrality measure. Betweenness is exact "
        "on small views and estimated from seeded samples on large ones; the first line says "
        "which was used.",
    )
    add_view(parser)
    parser.add_argument(
        "--measure", choices=list(MEASURES), default="degree", help="(default: %(default)s)"
    )
    parser.add_argument(
        "--top", type=int, default=10, metavar="N", help="how many (default: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=42, help="seed of sampled betweenness (default: %(default)s)"
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=None,
        metavar="N",
        help="sources sampled for betweenness on large views (default: up to 200, fewer on "
        "very large views to bound the time)",
    )
    add_hubs(parser)
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    result = centrality(
        kg.view(args.view),
        args.measure,
        args.top,
        include_hubs=args.include_hubs,
        seed=args.seed,
        samples=args.samples,
    )
    return show_rows(
        args.format,
        [s.as_record() for s in result.scores],
        columns=["rank", "label", "type", "score", "iri"],
        heading=f"{args.view} view: {result.method}",
    )
