"""``hubspoke path A B``: the k shortest chains between two entities, written as sentences."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format, add_hubs, add_view, emit_json, load_graph_for
from graph.rdf.namespaces import curie

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "path",
        help="how are two entities connected: the k shortest chains, in words",
        description="Print the k shortest chains between A and B in a view, each step with "
        "the relation's label and direction. A and B may be IRIs, CURIEs, labels or acronyms "
        "('CSEFA', 'Model 1', 'roundtable b', a topic's label). Documents, sections, concept "
        "schemes and ontology terms are left out of the chains unless --include-hubs.",
    )
    parser.add_argument("a", metavar="A", help="where the chains start")
    parser.add_argument("b", metavar="B", help="where the chains end")
    parser.add_argument(
        "-k", "--k", type=int, default=3, metavar="K", help="how many chains (default: %(default)s)"
    )
    add_view(parser)
    add_hubs(parser)
    add_format(parser, ("text", "json"))
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    chains = kg.path(args.a, args.b, view=args.view, k=args.k, include_hubs=args.include_hubs)
    if args.format == "json":
        emit_json([c.as_record() for c in chains])
        return 0
    if not chains:
        a, b = kg.resolve(args.a), kg.resolve(args.b)
        hint = "" if args.include_hubs else "; try --include-hubs"
        hint += "" if args.view == "full" else " or --view full"
        print(
            f"no chain links {kg.label(a)} ({curie(a)}) and {kg.label(b)} ({curie(b)}) "
            f"in the {args.view} view{hint}"
        )
        return 0
    for number, chain in enumerate(chains, start=1):
        steps = "step" if len(chain) == 1 else "steps"
        print(f"{number}. ({len(chain)} {steps}) {chain.sentence}")
    return 0
