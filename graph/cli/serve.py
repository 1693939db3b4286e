"""``hubspoke serve``: serve the graph over SPARQL on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from graph.cli._shared import add_audience, add_paths
from graph.kg import load
from graph.store.server import DEFAULT_QUERY_TIMEOUT, start_server, write_database
from graph.store.specs import GRAPH_IRI, resolve_store

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "serve",
        help="serve the graph over SPARQL on 127.0.0.1 (Oxigraph) until Ctrl-C",
        description="Load the packaged ontology and data plus PATHs, write them into an "
        "Oxigraph database and serve it on 127.0.0.1, read-only unless --read-write. Prints "
        "the address; Ctrl-C stops the server.",
    )
    add_paths(parser)
    parser.add_argument("--port", type=int, default=None, help="the port (default: a free one)")
    parser.add_argument(
        "--location",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep the database in this new folder (default: a temporary one, "
        "removed when the server stops)",
    )
    parser.add_argument(
        "--read-write", action="store_true", help="accept SPARQL updates and Graph Store writes"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_QUERY_TIMEOUT,
        metavar="SECONDS",
        help="stop a query that runs longer than this (default: %(default)g)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="answer requests addressed to this host name too (default: only 127.0.0.1, "
        "localhost and [::1]; other names are refused against DNS rebinding)",
    )
    add_audience(parser)
    parser.set_defaults(run=run)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    if resolve_store().kind == "sparql":
        print(
            "hubspoke: error: serve serves a local graph; drop --store sparql:... "
            "(or HUBSPOKE_STORE)",
            file=sys.stderr,
        )
        return 1
    if args.timeout <= 0:
        print("hubspoke: error: --timeout must be more than 0 seconds", file=sys.stderr)
        return 1
    kg = load(args.paths)
    temporary = args.location is None
    location = Path(tempfile.mkdtemp(prefix="hubspoke-serve-")) if temporary else args.location
    write_database(kg.graph, location, graph_iri=GRAPH_IRI, audience=args.audience)
    try:
        server = start_server(
            location,
            port=args.port,
            read_only=not args.read_write,
            cleanup=temporary,
            query_timeout=args.timeout,
            allowed_hosts=tuple(args.allow_host),
        )
    except BaseException:
        if temporary:
            shutil.rmtree(location, ignore_errors=True)
        raise
    mode = "read-write" if args.read_write else "read-only"
    previous = signal.signal(signal.SIGTERM, _interrupt)  # 'kill' stops it cleanly too
    try:  # from here on, Ctrl-C (even while the address is being printed) stops the server
        print(f"serving the {args.audience} part of the graph ({mode}) at {server.url}")
        print(f"  SPARQL queries: {server.query_url}")
        print(f"  query it with:  hubspoke --store sparql:{server.query_url} query NAME")
        print("Ctrl-C stops the server", flush=True)
        while server.running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        server.stop()
        print("stopped", flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    log = server.log_text().strip()
    server.stop()
    print(f"hubspoke: the server stopped by itself: {log[-500:]}", file=sys.stderr)
    return 2
