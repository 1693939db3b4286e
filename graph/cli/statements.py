"""``hubspoke statements``: every statement with its source, lines, full text and codes."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format, load_graph_for, show_rows

__all__ = ["PEOPLE_COLUMNS", "add_parser", "run"]

#: What a terminal table or Markdown shows (CSV and JSON give every column).
PEOPLE_COLUMNS = ["id", "type_label", "section_number", "lines", "text", "topics_label"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "statements",
        help="every statement with its document, section, lines, verbatim text and codes",
        description="List the statements of every document (every kind: points, findings, "
        "recommendations, claims...) in reading order, with their full verbatim text, "
        "document, section, session, source lines and codes (topics, target groups, roles, "
        "agencies named). CSV and JSON give every column, ids and labels side by side; a "
        "table wraps the quotes to the terminal's width.",
    )
    parser.add_argument(
        "--topic", metavar="T", help="only statements coded with this topic or a narrower one"
    )
    parser.add_argument("--document", metavar="D", help="only statements of this document")
    parser.add_argument(
        "--section", metavar="S", help="only statements of this section (e.g. 'section 4b')"
    )
    parser.add_argument(
        "--type",
        metavar="C",
        help="only statements of this class or a subclass (e.g. recommendation, hs:Finding)",
    )
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    table = kg.statements(
        topic=args.topic, document=args.document, section=args.section, type=args.type
    )
    return show_rows(
        args.format,
        table.records,
        columns=PEOPLE_COLUMNS,
        machine_columns=table.columns,
        machine_records=table.records,
        heading=f"{len(table)} statement(s):",
        empty="no statements match",
    )
