"""``hubspoke coding import SHEET [--coder NAME] [--date D] [--dry-run] [--data-dir DIR]``.

Reads a coding sheet that ``hubspoke ingest`` wrote and a coder filled in. Confirmed codes
(those no longer marked "(suggested)") become links with the coder and the day; proposed codes
go into a pending scheme; memos are attached to their statements. Every problem is listed as
``row N, column C: what is wrong (value) - how to fix`` and nothing is written (exit code 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "coding",
        help="import a coding sheet: confirmed codes, proposed codes and memos",
        description="Coding sheets are written by 'hubspoke ingest' (see docs/curation.md).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    imp = actions.add_parser(
        "import",
        help="check a coding sheet (.csv or .xlsx) and write the coding into the graph",
        description="Check every row of SHEET and report every problem at once (unknown "
        "statement, changed text, unknown code with the closest codes, code in the wrong "
        "scheme, formula). If anything is wrong nothing is written (exit code 1); otherwise "
        "<document>.coding.<coder>.ttl is written in the data folder, validated first.",
    )
    imp.add_argument("sheet", type=Path, metavar="SHEET", help="the coding sheet (.csv or .xlsx)")
    imp.add_argument("--coder", metavar="NAME", help="who coded it (default: your login name)")
    imp.add_argument(
        "--date", metavar="D", help="the day of the coding, YYYY-MM-DD (default: today)"
    )
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    imp.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the data folder holding the document (default: the packaged one)",
    )
    parser.set_defaults(run=run, _coding_parser=parser)


def run(args: argparse.Namespace) -> int:
    if args.action != "import":
        args._coding_parser.print_help()
        return 1
    from graph.errors import CodingError  # lazy: the CLI parser is built without loading this

    # lazy: the CLI parser is built without loading this
    from graph.ingest.coding import import_coding

    try:
        report = import_coding(
            args.sheet, args.data_dir, coder=args.coder, date=args.date, dry_run=args.dry_run
        )
    except CodingError as exc:
        print(f"{exc.path}: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(report.summary())
    return 0
