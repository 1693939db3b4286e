"""``hubspoke communities``: Louvain communities of a view (seeded, deterministic)."""

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
from graph.network.analysis import communities

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "communities",
        help="groups of closely linked entities (Louvain, seeded)",
        description="Split a view into communities with the Louvain method. The seed makes the "
        "result the same on every run. A table lists each community with its best connected "
        "members; CSV and JSON give one row per member.",
    )
    add_view(parser)
    parser.add_argument("--seed", type=int, default=42, help="(default: %(default)s)")
    parser.add_argument(
        "--resolution",
        type=float,
        default=1.0,
        help="above 1 gives smaller communities (default: %(default)s)",
    )
    parser.add_argument(
        "--members",
        type=int,
        default=5,
        metavar="N",
        help="members shown per community in a table (default: %(default)s)",
    )
    add_hubs(parser)
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    found = communities(
        kg.view(args.view),
        seed=args.seed,
        resolution=args.resolution,
        include_hubs=args.include_hubs,
    )
    return show_rows(
        args.format,
        [
            {
                "community": c.number,
                "size": len(c),
                "members": "; ".join(c.labels[: args.members])
                + ("; ..." if len(c) > args.members else ""),
            }
            for c in found
        ],
        columns=["community", "size", "members"],
        machine_columns=["community", "size", "label", "iri"],
        machine_records=[
            {"community": c.number, "size": len(c), "label": label, "iri": iri}
            for c in found
            for iri, label in zip(c.members, c.labels)
        ],
        heading=f"{len(found)} communities in the {args.view} view (Louvain, seed {args.seed}):",
    )
