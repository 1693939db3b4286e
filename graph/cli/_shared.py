"""Flags several commands take, and the one way commands print rows.

A command that prints rows builds its records once and hands them to :func:`show_rows`, which
makes the one choice every such command shares: CSV and JSON (for machines) get every column in
full and nothing else on standard output; a table or Markdown (for people) gets the columns
people read, after a heading line. The heading of a machine format goes to standard error, so
``hubspoke central --format csv > out.csv`` still says what was measured.

Examples
--------
>>> show_rows("csv", [{"label": "Ex", "iri": "urn:x"}], columns=["label"],
...           machine_columns=["label", "iri"], heading="1 thing:")
label,iri
Ex,urn:x
0
>>> show_rows("table", [{"label": "Ex", "iri": "urn:x"}], columns=["label"], heading="1 thing:")
1 thing:
label
-----
Ex
0
>>> show_rows("table", [], columns=["label"], empty="nothing found")
nothing found
0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cli.formatting import FORMATS, MACHINE_FORMATS, render_records
from graph.progress import task

if TYPE_CHECKING:
    from graph.kg import KnowledgeGraph

__all__ = [
    "add_audience",
    "add_data",
    "add_format",
    "add_hubs",
    "add_paths",
    "add_quiet",
    "add_view",
    "emit",
    "emit_json",
    "load_graph_for",
    "note",
    "show_rows",
]


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    """``--format``: how rows are printed (the first choice is the default)."""
    machine = " and ".join(f for f in choices if f in MACHINE_FORMATS)
    parser.add_argument(
        "--format",
        choices=list(choices),
        default=choices[0],
        help="output format (default: %(default)s)"
        + (
            f"; {machine} {'are' if ' and ' in machine else 'is'} complete and uncoloured"
            if machine
            else ""
        ),
    )


def add_data(
    parser: argparse.ArgumentParser, help: str = "extra RDF files or folders to load"
) -> None:
    """``--data PATH ...``: extra RDF files or folders loaded with the packaged data."""
    parser.add_argument("--data", nargs="*", default=[], metavar="PATH", help=help)


def add_paths(parser: argparse.ArgumentParser) -> None:
    """``PATH ...`` (positional): extra RDF files or folders loaded with the packaged data."""
    parser.add_argument("paths", nargs="*", metavar="PATH", help="extra RDF files or folders")


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """``--quiet``: print only errors."""
    parser.add_argument("--quiet", action="store_true", help="print only errors")


def add_audience(parser: argparse.ArgumentParser) -> None:
    """``--audience public|team``: who the outputs are for (one rule for every output)."""
    # lazy: the CLI parser is built without loading the privacy layer
    from graph.privacy.policy import AUDIENCES, DEFAULT_AUDIENCE

    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=DEFAULT_AUDIENCE,
        help="who the outputs are for: public (default) leaves out contact details, team-only "
        "and restricted items; team keeps contact details but never restricted items",
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
    """The packaged graph plus ``--data`` (or the positional ``PATH`` arguments)."""
    from graph.kg import load  # lazy: the CLI parser is built without loading the graph

    extra: list[str | Path] = getattr(args, "data", None) or getattr(args, "paths", None) or []
    with task("Loading the graph") as step:
        step(f"the ontology, the data and {len(extra)} more source(s)" if extra else "")
        return load(extra)


def emit(columns: Sequence[str], records: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """Print rows in ``fmt``."""
    sys.stdout.write(render_records(columns, records, fmt))


def emit_json(value: Any) -> None:
    """Print ``value`` as indented JSON, characters as they are (no ``\\u`` escapes)."""
    print(json.dumps(value, ensure_ascii=False, indent=2))


def note(text: str, fmt: str) -> None:
    """Print a line for people: on stdout beside a table, on stderr beside CSV or JSON."""
    print(text, file=sys.stderr if fmt in MACHINE_FORMATS else sys.stdout)


def show_rows(
    fmt: str,
    records: Sequence[Mapping[str, Any]],
    *,
    columns: Sequence[str],
    machine_columns: Sequence[str] | None = None,
    machine_records: Sequence[Mapping[str, Any]] | None = None,
    heading: str | None = None,
    empty: str | None = None,
) -> int:
    """Print rows for people or for machines, as ``fmt`` asks, and return the exit code 0.

    Parameters
    ----------
    fmt
        One of :data:`~graph.cli.formatting.FORMATS`.
    records
        The rows, as dictionaries.
    columns
        The columns a table or Markdown shows.
    machine_columns, machine_records
        What CSV and JSON write (default: ``columns`` and ``records``): every value in full.
    heading
        A line for people printed before the rows (on standard error for CSV and JSON).
    empty
        Printed in place of an empty table or Markdown (not for CSV and JSON, which keep
        their header or ``[]``).
    """
    if fmt in MACHINE_FORMATS:
        if heading:
            note(heading, fmt)
        emit(
            columns if machine_columns is None else machine_columns,
            records if machine_records is None else machine_records,
            fmt,
        )
        return 0
    if not records and empty is not None:
        print(empty)
        return 0
    if heading:
        print(heading)
    emit(columns, records, fmt)
    return 0
