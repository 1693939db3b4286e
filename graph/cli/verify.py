"""``hubspoke verify SNAPSHOT``: recompute the hashes and name every altered, missing or extra file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "verify",
        help="check a snapshot against its manifest (exit 1 if any file was altered)",
        description="Recompute the SHA-256 of every file of a snapshot and compare them with "
        "its manifest.json. Exit 0 when all match; exit 1 naming each altered, missing or "
        "extra file.",
    )
    parser.add_argument(
        "snapshot", type=Path, help="the snapshot folder (or its name in exports/snapshots/)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.export.snapshot import SNAPSHOTS_DIR

    # lazy: the CLI parser is built without loading this
    from graph.export.verify import verify_snapshot

    folder: Path = args.snapshot
    if not folder.exists() and (SNAPSHOTS_DIR / folder).is_dir():
        folder = SNAPSHOTS_DIR / folder
    report = verify_snapshot(folder)
    if report.ok:
        print(report.text())
        return 0
    print(report.text(), file=sys.stderr)
    return 1
