"""Options and helpers shared by the query and graph-question commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from graph.cli.formatting import FORMATS, render_records
from graph.kg import KnowledgeGraph, load

__all__ = ["add_data", "add_format", "add_hubs", "add_view", "emit", "load_graph_for", "note"]


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    """``--format``: how rows are printed (the first choice is the default)."""
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=choices[0],
        help="output format (default: %(default)s); csv and json are complete and uncoloured",
    )


def add_data(parser: argparse.ArgumentParser) -> None:
    """``--data PATH ...``: extra RDF files or folders loaded with the packaged data."""
    parser.add_argument(
        "--data", nargs="*", default=[], metavar="PATH", help="extra RDF files or folders to load"
    )


def add_view(parser: argparse.ArgumentParser, default: str = "full") -> None:
    """``--view NAME``: the network view to work on."""
    from graph.network.views import VIEW_NAMES  # lazy: the CLI parser is built without loading this

    parser.add_argument(
        "--view",
        default=default,
        choices=sorted(VIEW_NAMES),
        help="network view (default: %(default)s)",
    )


def add_hubs(parser: argparse.ArgumentParser) -> None:
    """``--include-hubs``: keep documents, sections, schemes and ontology terms."""
    parser.add_argument(
        "--include-hubs",
        action="store_true",
        help="keep the hub nodes (documents, sections, concept schemes, ontology terms) "
        "that are left out by default",
    )


def load_graph_for(args: argparse.Namespace) -> KnowledgeGraph:
    """The packaged graph plus ``--data``."""
    return load(getattr(args, "data", None) or [])


def emit(columns: Sequence[str], records: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Print rows in ``fmt``."""
    sys.stdout.write(render_records(columns, records, fmt))


def note(text: str, fmt: str) -> None:
    """Print a line for people: on stdout beside a table, on stderr beside CSV or JSON."""
    print(text, file=sys.stderr if fmt in ("csv", "json") else sys.stdout)
