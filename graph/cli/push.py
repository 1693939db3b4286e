"""``hubspoke push URL [PATH ...]``: load the graph into a SPARQL endpoint."""

from __future__ import annotations

import argparse
import sys

from graph.cli._shared import add_audience, add_paths
from graph.kg import load
from graph.store.push import METHODS, push
from graph.store.remote import endpoints
from graph.store.specs import GRAPH_IRI, resolve_store

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "push",
        help="load the graph into a SPARQL endpoint, replacing its named graph",
        description="Load the packaged ontology and data plus PATHs, validate them (push nothing "
        "if there is a violation), and replace the named graph at the SPARQL endpoint URL in "
        "one request. Query it afterwards with --store sparql:URL.",
    )
    parser.add_argument(
        "url",
        metavar="URL",
        help="the endpoint: its query URL or the server address, e.g. http://127.0.0.1:7878",
    )
    add_paths(parser)
    parser.add_argument(
        "--graph",
        default=str(GRAPH_IRI),
        metavar="IRI",
        help="the named graph to replace (default: %(default)s)",
    )
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="update",
        help="a SPARQL Update request or a Graph Store Protocol PUT (default: %(default)s)",
    )
    parser.add_argument(
        "--update-url",
        metavar="URL",
        help="the update endpoint, if the server names it otherwise than URL/update",
    )
    parser.add_argument(
        "--store-url",
        metavar="URL",
        help="the Graph Store endpoint for --method gsp, if not URL/store",
    )
    parser.add_argument("--no-validate", action="store_true", help="push without validating first")
    add_audience(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if resolve_store().kind == "sparql":
        print(
            "hubspoke: error: push reads the graph from a local store; drop --store sparql:... "
            "(or HUBSPOKE_STORE)",
            file=sys.stderr,
        )
        return 1
    kg = load(args.paths)
    if not args.no_validate:
        report = kg.validate(warnings=False)
        if not report.conforms:
            print(
                f"hubspoke: the graph does not conform: {len(report.violations)} violation(s); "
                "nothing was pushed",
                file=sys.stderr,
            )
            print(report.text(include_warnings=False), file=sys.stderr)
            return 1
    result = push(
        kg.graph,
        args.url,
        graph_iri=args.graph,
        method=args.method,
        update_url=args.update_url,
        store_url=args.store_url,
        audience=args.audience,
    )
    query_url, _ = endpoints(args.url)
    print(
        f"pushed {result.triples} triples into <{result.graph_iri}> at {result.target} "
        f"({result.method}, {args.audience} audience)"
    )
    print(f"query it with: hubspoke --store sparql:{query_url} query NAME")
    return 0
