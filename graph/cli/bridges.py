"""``hubspoke bridges``: topics that alone link two sections."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format, load_graph_for, show_rows
from graph.network.analysis import bridges

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "bridges",
        help="topics that link sections sharing no other topic",
        description="List each pair of sections that have exactly one topic in common, with "
        "that topic: the topics that bridge otherwise unrelated parts of the sources. Topics "
        "bridging the most pairs come first.",
    )
    parser.add_argument("--topic", metavar="TOPIC", help="only the links of this topic")
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    links = bridges(kg.graph)
    if args.topic:
        topic = str(kg.resolve(args.topic))
        links = [link for link in links if link.topic == topic]
    topics = len({link.topic for link in links})
    return show_rows(
        args.format,
        [link.as_record() for link in links],
        columns=_COLUMNS,
        machine_columns=[*_COLUMNS, *(f"{c}_iri" for c in _COLUMNS)],
        heading=f"{topics} topic(s) alone link {len(links)} pair(s) of sections:",
    )


_COLUMNS = ["topic", "section_a", "section_b"]
