"""``hubspoke snapshots``: list the snapshots with their date, tag, audience and counts."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli._shared import add_format, emit_json

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    # lazy: the CLI parser is built without loading this
    from graph.export.snapshot import SNAPSHOTS_DIR

    parser = sub.add_parser(
        "snapshots",
        help="list the snapshots (date, tag, audience, counts)",
        description="List the snapshot folders, oldest first, with what their manifests say.",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=SNAPSHOTS_DIR,
        metavar="DIR",
        help="folder holding the snapshots (default: %(default)s)",
    )
    add_format(parser, ("text", "json"))
    parser.set_defaults(run=run)


def _views(views: dict[str, dict[str, int]]) -> str:
    return ", ".join(
        f"{name} {v.get('nodes', '?')}/{v.get('edges', '?')}" for name, v in views.items()
    )


def run(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.export.snapshot import list_snapshots

    snapshots = list_snapshots(args.dir)
    if args.format == "json":
        rows = [
            {
                "name": s.name,
                "path": str(s.path),
                "created": s.created,
                "tag": s.tag,
                "audience": s.audience,
                "triples": s.triples,
                "entities": s.entities,
                "views": s.views,
                "problem": s.problem,
            }
            for s in snapshots
        ]
        emit_json(rows)
        return 0
    if not snapshots:
        print(f"no snapshots in {args.dir}/ - make one with 'hubspoke export'")
        return 0
    header = (
        "snapshot",
        "created",
        "tag",
        "audience",
        "triples",
        "entities",
        "views (nodes/edges)",
    )
    rows_text = [
        (
            s.name,
            s.created or "?",
            s.tag or "",
            s.audience or "?",
            "" if s.triples is None else str(s.triples),
            "" if s.entities is None else str(s.entities),
            _views(s.views) if not s.problem else f"unreadable: {s.problem}",
        )
        for s in snapshots
    ]
    widths = [max(len(r[i]) for r in [header, *rows_text]) for i in range(len(header) - 1)]
    for row in [header, *rows_text]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    return 0
