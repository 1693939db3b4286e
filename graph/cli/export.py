"""``hubspoke export``: validate the graph and write a new snapshot folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli._shared import add_audience, add_data, add_quiet
from graph.progress import task

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    # lazy: the CLI parser is built without loading this
    from graph.export.snapshot import SNAPSHOTS_DIR

    parser = sub.add_parser(
        "export",
        help="write a verifiable snapshot (RDF, GraphML, GEXF, CSV, maps, manifest)",
        description="Load and validate the graph, then write a new snapshot folder "
        f"<UTC timestamp>[-TAG] into {SNAPSHOTS_DIR}/ (or --out DIR): the graph as Turtle, "
        "N-Triples and JSON-LD, every view as GraphML, GEXF and CSV, the maps, a README and "
        "manifest.json with the SHA-256 of every file. An existing snapshot is never "
        "overwritten and a failed export leaves nothing behind.",
    )
    parser.add_argument("--tag", help="a short name added to the folder name, e.g. after-curation")
    add_audience(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=SNAPSHOTS_DIR,
        metavar="DIR",
        help="folder to make the snapshot in (default: %(default)s)",
    )
    add_data(parser)
    add_quiet(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.export.snapshot import check_tag, export_snapshot
    from graph.kg import load  # lazy: the CLI parser is built without loading this

    check_tag(args.tag)  # a bad tag is reported before the slow part
    with task("Exporting", total=3) as progress:
        progress("loading")
        kg = load(args.data)
        progress("validating")
        report = kg.validate(warnings=False)
        if not report.conforms:
            print(
                f"hubspoke: the graph does not conform: {len(report.violations)} violation(s); "
                "no snapshot was written",
                file=sys.stderr,
            )
            print(report.text(include_warnings=False), file=sys.stderr)
            return 1
        progress("writing")
        folder = export_snapshot(kg, args.out, audience=args.audience, tag=args.tag)
    if not args.quiet:
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        print(f"wrote {args.audience} snapshot {folder} ({files} files)")
        print(f"check it with: hubspoke verify {folder}")
    return 0
