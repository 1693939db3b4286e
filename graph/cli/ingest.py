"""``hubspoke ingest SOURCE.md --document ID --title TITLE [--date D] [--out DIR]``.

Reads a report in Markdown and writes, in DIR (by default the packaged data folder, with the
source in ``ontology/sources``): a copy of the source under ``sources/``, ``ID.ttl`` with the
document, its sections and one statement per bullet and paragraph, and the coding sheet
``coding/ID.csv`` and ``.xlsx`` with the codes the codebook suggests. See docs/curation.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "ingest",
        help="turn a report in Markdown into statements and a coding sheet",
        description="Cut SOURCE (Markdown, UTF-8) into sections (from its headings, numbered "
        "or lettered as the text numbers them) and statements (one per bullet and paragraph, "
        "verbatim, with its lines; a bullet with sub-bullets is their lead-in). Writes the "
        "source copy, the Turtle and a coding sheet (CSV and .xlsx) with suggested codes. "
        "The same source gives the same files.",
    )
    parser.add_argument("source", type=Path, metavar="SOURCE.md", help="the report in Markdown")
    parser.add_argument(
        "--document",
        required=True,
        metavar="ID",
        help="the document id: lower-case words joined by hyphens",
    )
    parser.add_argument("--title", required=True, metavar="TITLE", help="the report's title")
    parser.add_argument("--date", metavar="D", help="its date: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="the folder to write in (default: the packaged data folder)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.ingest.ingesting import ingest  # lazy: the CLI parser is built without loading this

    report = ingest(args.source, args.document, args.title, date=args.date, out=args.out)
    print(report.summary())
    return 0
