#!/usr/bin/env python
"""Benchmark hubspoke on synthetic data of about 10k, 100k and 1M triples.

    python scripts/bench.py                          # 10k and 100k, every store, 3 runs
    python scripts/bench.py --sizes 1m --runs 3      # the national-scale figures
    python scripts/bench.py --sizes 10k --runs 1 --out /tmp/b.md --json /tmp/b.json
    python scripts/bench.py --sizes 1m --runs 1 --rounds 3   # targets in turn, three times

For each size it writes the synthetic graph once (scripts/benchkit/synthetic.py, cached in --data-dir),
then measures, each in a fresh Python process so that figures do not mix, every step on each
local store (memory, oxigraph, oxigraph:DIR) and the same work on two baselines over the same
files: plain rdflib (its own parser and SPARQL engine) and plain pyoxigraph (its store and
SPARQL engine, no rdflib). A figure is the median of several runs (fewer when a step takes
longer than --budget seconds) with the peak memory the step needed above what the process
held before it (peak resident set size from /proc, so memory held by Oxigraph counts too).

The steps are in scripts/benchkit/steps.py (what is measured), the harness in
scripts/benchkit/harness.py (processes, timing, memory) and the tables in
scripts/benchkit/report.py; this script only reads the command line.

Results go to a table in --out (between the bench markers; the rest of the page is kept) and
to --json. Benchmarks run on demand; tests/test_bench_smoke.py runs the smallest size.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchkit.harness import ROOT, run, worker
from benchkit.report import keep_sizes, write_markdown
from benchkit.steps import BASELINES, STORES

__all__ = ["keep_sizes", "main"]


def _names(text: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    if allowed:
        wrong = [n for n in names if n not in allowed]
        if wrong:
            raise argparse.ArgumentTypeError(
                f"unknown: {', '.join(wrong)} (use {', '.join(allowed)})"
            )
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda t: _names(t, ("10k", "100k", "1m")),
        default=["10k", "100k"],
        help="comma-separated: 10k,100k,1m",
    )
    parser.add_argument("--stores", type=lambda t: _names(t, STORES), default=list(STORES))
    parser.add_argument("--baselines", type=lambda t: _names(t, BASELINES), default=list(BASELINES))
    parser.add_argument(
        "--queries", type=_names, default=None, help="only these named queries (comma-separated)"
    )
    parser.add_argument(
        "--skip",
        type=_names,
        default=None,
        help="steps not to run, by name (comma-separated), e.g. 'full export'",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="JSON",
        help="an earlier report whose sizes this run does not measure are kept",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run the targets in turn this many times, pooling each step's runs: a comparison "
        "with the baselines is then made over the same spell of the machine",
    )
    parser.add_argument(
        "--budget", type=float, default=60.0, help="stop repeating a step after this many seconds"
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="stop a query after this many seconds"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "hubspoke-bench-data"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "benchmarks.json")
    parser.add_argument("--worker", choices=(*STORES, *BASELINES), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--worker-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    report = run(args, Path(__file__).resolve())
    if args.keep is not None:
        report = keep_sizes(report, json.loads(args.keep.read_text(encoding="utf-8")))
    from graph.atomic import write_text

    write_text(args.json, json.dumps(report, indent=1))
    write_markdown(args.out, report)
    print(f"wrote {args.out} and {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
