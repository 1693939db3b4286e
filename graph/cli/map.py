"""``hubspoke map``: write an interactive, offline HTML map of a view or of one neighbourhood."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli._shared import add_audience, add_data
from graph.errors import ViewError

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "map",
        help="write an interactive HTML map of a view (works offline)",
        description="Write one self-contained HTML file that maps a view (partnership, learning, "
        "topics, models or full) or the neighbourhood of one entity in it. Open it in any "
        "browser, with or without a network connection.",
    )
    parser.add_argument(
        "view", metavar="VIEW", help="partnership, learning, topics, models or full"
    )
    parser.add_argument(
        "--focus",
        metavar="ENTITY",
        help="map only the neighbourhood of this entity (IRI, CURIE, label or acronym)",
    )
    parser.add_argument(
        "--depth",
        type=int,
        default=None,
        metavar="N",
        help="with --focus: how many links away from it to go (default: 1)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="the HTML file to write (default: VIEW.html or VIEW-around-ENTITY.html)",
    )
    add_data(parser)
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=None,
        metavar="N",
        help="draw at most N nodes one by one; beyond, group them (default: 2000)",
    )
    parser.add_argument(
        "--group-by",
        choices=["class", "section"],
        default="class",
        help="how to group a graph beyond --max-nodes (default: class)",
    )
    add_audience(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.kg import load  # lazy: the CLI parser is built without loading this

    # lazy: the CLI parser is built without loading this
    from graph.maps import MAX_DRAWN_NODES, build_page, default_map_name, view_graph, write_page

    if args.depth is not None and args.focus is None:
        raise ViewError("--depth needs --focus ENTITY: it says how far from that entity to go")
    kg = load(args.data).for_audience(args.audience)
    graph = view_graph(
        kg, args.view, focus=args.focus, depth=1 if args.depth is None else args.depth
    )
    focus = graph.graph.get("focus")
    out = args.out or Path(default_map_name(args.view, kg.label(focus) if focus else None))
    page = build_page(
        graph,
        focus=focus,
        max_nodes=args.max_nodes if args.max_nodes is not None else MAX_DRAWN_NODES,
        group_by=args.group_by,
        name=out.stem,
    )
    write_page(page, out)
    print(f"wrote {out} ({page.node_count} nodes, {page.edge_count} links)")
    if page.notice:
        print(page.notice)
    return 0
