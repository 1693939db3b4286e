"""``hubspoke codebook``: every code with its definition, hierarchy, use and an example."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format, load_graph_for, show_rows

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "codebook",
        help="every code (topic, target group, agency type, role...) and how it is used",
        description="List the codes of the concept schemes: label, alternative labels, "
        "definition, broader and narrower codes, the number of statements coded with it "
        "(and with it or a narrower code) and one example quote.",
    )
    parser.add_argument(
        "--scheme",
        metavar="SCHEME",
        help="only one scheme: topics, target-groups, agency-types, roles, sectors",
    )
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    book = kg.codebook(scheme=args.scheme)
    people = [{**r, "n": r["statements"], "broader": "; ".join(r["broader_label"])} for r in book]
    return show_rows(
        args.format,
        people,
        columns=["label", "n", "broader", "definition", "example"],
        machine_columns=book.columns,
        machine_records=book.records,
        heading=f"{len(book)} code(s) (n: statements coded with the code itself):",
        empty="no codes",
    )
