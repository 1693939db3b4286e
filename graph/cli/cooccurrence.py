"""``hubspoke cooccurrence``: which codes are applied together, and the quotes behind a cell."""

from __future__ import annotations

import argparse
from typing import Any

from graph.cli._shared import add_data, add_format, load_graph_for, show_rows
from graph.cli.statements import PEOPLE_COLUMNS

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from graph.research.cooccurrence import MEASURES  # lazy: the parser is built without it

    parser = sub.add_parser(
        "cooccurrence",
        help="a code-by-code co-occurrence matrix; --pair A B lists the quotes coded with both",
        description="Count the statements coded with both codes of each pair: a matrix, or "
        "with --pairs a list strongest first. Measures: count; jaccard (shared statements "
        "over all statements of either code); c, the c-coefficient of ATLAS.ti, "
        "n12 / (n1 + n2 - n12). With --pair A B, list the statements coded with both, "
        "verbatim with their source.",
    )
    parser.add_argument(
        "--codes",
        metavar="SCHEME",
        default="topics",
        help="the codes to relate: topics (default), target-groups, agency-types, roles, or all",
    )
    parser.add_argument(
        "--measure", choices=MEASURES, default="count", help="what a cell holds (default: count)"
    )
    parser.add_argument(
        "--pairs", action="store_true", help="list the pairs that co-occur, strongest first"
    )
    parser.add_argument(
        "--pair", nargs=2, metavar=("A", "B"), help="the statements coded with both A and B"
    )
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def _quotes(kg: Any, args: argparse.Namespace) -> int:
    table = kg.coded_with_both(*args.pair)
    return show_rows(
        args.format,
        table.records,
        columns=PEOPLE_COLUMNS,
        machine_columns=table.columns,
        machine_records=table.records,
        heading=f"{len(table)} statement(s) {table.title}:",
        empty=f"no statements {table.title}",
    )


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    if args.pair:
        return _quotes(kg, args)
    co = kg.cooccurrence(None if args.codes == "all" else args.codes)
    if args.pairs:
        pairs = co.pairs(args.measure)
        return show_rows(
            args.format,
            pairs.records,
            columns=["code_a_label", "code_b_label", "statements_a", "statements_b"]
            + ["count", "jaccard", "c"],
            machine_columns=pairs.columns,
            heading=f"{len(pairs)} pair(s), {pairs.title}:",
            empty="no codes co-occur",
        )
    matrix = co.matrix(args.measure)
    codes = matrix.column("code")
    # for people: codes numbered, the columns headed by the numbers, empty cells for 0
    people = [
        {
            "#": number,
            "code": row["code_label"],
            "n": row["statements"],
            **{str(i): row[c] or "" for i, c in enumerate(codes, start=1)},
        }
        for number, row in enumerate(matrix.records, start=1)
    ]
    return show_rows(
        args.format,
        people,
        columns=["#", "code", "n", *(str(i) for i in range(1, len(codes) + 1))],
        machine_columns=matrix.columns,
        machine_records=matrix.records,
        heading=f"{matrix.title} ({len(codes)} codes; n: statements coded):",
        empty="no codes",
    )
