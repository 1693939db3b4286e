"""``hubspoke query``: run a named query, a query file or SPARQL from the command line.

Parameters given with ``--param KEY=VALUE`` are bound as RDF terms (``initBindings``), never
pasted into the query text. Queries run read-only and stop after ``--timeout`` seconds; an
ad hoc query also stops once it needs more than ``--memory`` MiB. A stopped query is killed
(it runs in a worker process), so it uses no CPU or memory after the error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from graph.cli._shared import add_data, add_format, load_graph_for
from graph.cli.formatting import render, render_records
from graph.errors import QueryError, QueryParameterError
from graph.query.sparql import DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, prepare
from graph.query.sparql import run as run_sparql
from graph.rdf.namespaces import PREFIXES

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "query",
        help="run a named query, a .rq file or ad hoc SPARQL (read-only)",
        description="Run the named query NAME (see 'hubspoke queries'), a query file "
        "(--file) or SPARQL text (--sparql TEXT, or --sparql - to read standard input). "
        "Updates are refused. Named-query parameters take IRIs, CURIEs, labels or acronyms "
        "as their header says; in ad hoc queries a value written <IRI> or as a CURIE "
        "(topic:funding) is bound as an IRI, anything else as a string.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="a named query")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--file", type=Path, metavar="Q.rq", help="run the query in this file")
    source.add_argument(
        "--sparql", metavar="TEXT", help="run this SPARQL text; '-' reads it from standard input"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="bind a parameter (repeatable)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="stop the query after this many seconds, 0 for no limit (default: %(default)g)",
    )
    parser.add_argument(
        "--memory",
        type=float,
        default=DEFAULT_MEMORY_LIMIT / (1 << 20),
        metavar="MIB",
        help="stop an ad hoc query (--file, --sparql) once it needs more than this many MiB "
        "of memory, 0 for no limit (default: %(default)g)",
    )
    parser.add_argument(
        "--iris", action="store_true", help="show IRIs rather than labels in table and markdown"
    )
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def _params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryParameterError(
                f"--param {pair!r}: write it as KEY=VALUE, e.g. topic=funding"
            )
        params[key.strip()] = value
    return params


def _adhoc_term(value: str) -> Identifier:
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and " " not in value:
        return URIRef(PREFIXES[prefix] + local)
    return Literal(value)


def _read_text(args: argparse.Namespace) -> tuple[str, str] | None:
    if args.file is not None:
        try:
            return args.file.read_text(encoding="utf-8"), str(args.file)
        except OSError as exc:
            raise OSError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    if args.sparql is not None:
        if args.sparql == "-":
            return sys.stdin.read(), "standard input"
        return args.sparql, "--sparql"
    return None


def run(args: argparse.Namespace) -> int:
    params = _params(args.param)
    timeout = args.timeout if args.timeout and args.timeout > 0 else None
    memory = int(args.memory * (1 << 20)) if args.memory and args.memory > 0 else None
    adhoc = _read_text(args)
    if adhoc is None and not args.name:
        raise QueryError(
            "give a query NAME, --file Q.rq or --sparql TEXT; 'hubspoke queries' lists the names"
        )
    if adhoc is not None and args.name:
        raise QueryError(f"give either the query name {args.name!r} or --file/--sparql, not both")
    fmt = args.format
    if adhoc is None:
        kg = load_graph_for(args)
        result = kg.query(args.name, timeout=timeout, **params)
    else:
        text, source = adhoc
        prepared = prepare(text, source=source)  # refuses updates before anything is loaded
        kg = load_graph_for(args)
        bindings = {k: _adhoc_term(v) for k, v in params.items()}
        kind = prepared.algebra.name
        if kind != "SelectQuery":
            outcome = run_sparql(
                kg.graph, text, bindings, timeout=timeout, memory=memory, source=source
            )
            if kind == "AskQuery":
                answer = bool(outcome.askAnswer)
                sys.stdout.write(render_records(["answer"], [{"answer": answer}], fmt))
            elif outcome.graph is not None:
                sys.stdout.write(outcome.graph.serialize(format="turtle"))
            return 0
        result = kg.sparql(text, bindings, timeout=timeout, memory=memory)
    if args.iris and fmt in ("table", "markdown"):
        sys.stdout.write(render_records(result.columns, result.records(labels=False), fmt))
    else:
        sys.stdout.write(render(result, fmt))
    return 0
