"""``hubspoke queries [NAME]``: list the named queries, or show one in full."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_format, show_rows
from graph.query.catalogue import NamedQuery, get_query, load_catalogue

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "queries",
        help="list the named queries and their parameters",
        description="List every packaged named query with its title and parameters, or, "
        "given a NAME, print its description, parameters and SPARQL text. Run one with "
        "'hubspoke query NAME --param KEY=VALUE'.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="show this query in full")
    add_format(parser)
    parser.set_defaults(run=run)


def _parameters(query: NamedQuery) -> str:
    parts = []
    for p in query.parameters:
        default = f" = {p.default}" if p.default is not None else ""
        parts.append(f"{p.name} ({p.kind}){default}")
    return "; ".join(parts)


def _show(query: NamedQuery) -> None:
    print(f"{query.name}: {query.title}")
    print()
    print(query.description)
    if query.parameters:
        print()
        print("Parameters (--param KEY=VALUE):")
        for p in query.parameters:
            default = f" (default: {p.default})" if p.default is not None else " (required)"
            print(f"  {p.name} ({p.kind}){default}: {p.description}")
    print()
    print(query.text.rstrip())


def run(args: argparse.Namespace) -> int:
    if args.name:
        _show(get_query(args.name))
        return 0
    records = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": _parameters(q),
            "description": q.description,
        }
        for q in sorted(load_catalogue().values(), key=lambda q: q.name)
    ]
    return show_rows(
        args.format,
        records,
        columns=["name", "title", "parameters"],
        machine_columns=["name", "title", "parameters", "description"],
    )
