"""``hubspoke agreement A B [--document ID] [--data-dir DIR]``.

Compares two codings of one document, each given as a coding file (``*.coding.*.ttl``), a
coding sheet (``.csv``/``.xlsx``) or the name of a coder whose coding was imported: Cohen's
kappa and Krippendorff's alpha per code and overall, then every statement where the coders
differ, verbatim.
"""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "agreement",
        help="agreement between two codings of a document (Cohen's kappa, Krippendorff's alpha)",
        description="A and B are coding files, coding sheets or coders' names. Every "
        "statement of the document is a unit; each code is applied or not. Prints kappa and "
        "alpha per code and overall (pooled over codes), and the statements coded differently.",
    )
    parser.add_argument("a", metavar="A", help="the first coding: a file or a coder's name")
    parser.add_argument("b", metavar="B", help="the second coding: a file or a coder's name")
    parser.add_argument("--document", metavar="ID", help="the document, when a coder coded several")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="the data folder (default: the packaged one)"
    )
    parser.set_defaults(run=run)


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def run(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.ingest.codings import compare_codings

    result, a, b, texts = compare_codings(args.a, args.b, args.data_dir, args.document)
    print(f"{a.document}: {result.units} statement(s); A = {a.name}, B = {b.name}")
    print(
        f"{'code':40} {'both':>5} {'A only':>6} {'B only':>6} {'neither':>7} {'kappa':>7} {'alpha':>7}"
    )
    for row in (*result.codes, result.overall):
        print(
            f"{row.code:40} {row.both:5} {row.only_a:6} {row.only_b:6} {row.neither:7} "
            f"{_figure(row.kappa):>7} {_figure(row.alpha):>7}"
        )
    print(f"\n{len(result.differences)} statement(s) coded differently:")
    for diff in result.differences:
        print(f"\n{diff.statement}: {texts.get(diff.statement, '(text not known)')}")
        print(f"  only A: {', '.join(diff.only_a) or '-'}")
        print(f"  only B: {', '.join(diff.only_b) or '-'}")
    return 0
