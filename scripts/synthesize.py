#!/usr/bin/env python
"""Write a national-scale synthetic hubspoke graph (Turtle) that conforms to the shapes.

    python scripts/synthesize.py --services 400 --reports 106 --seed 1 --out synthetic.ttl
    python scripts/synthesize.py --size 1m --out synthetic-1m.ttl

The file holds made-up local authorities, hubs, partner agencies, services with their spoke
placements, events, reports, sections, statements tagged with topics and recommendations
(see scripts/benchkit/synthetic.py). Load it with the packaged data: ``hubspoke validate FILE``. The same
options and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchkit.synthetic import SIZES, SyntheticConfig, config_for_size, write_synthetic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size",
        choices=sorted(SIZES),
        help="a preset: about 10k, 100k or 1M "
        "triples with the packaged graph (overrides --services and --reports)",
    )
    parser.add_argument(
        "--services",
        type=int,
        default=SyntheticConfig.services,
        help="services in the register (default: %(default)s)",
    )
    parser.add_argument(
        "--reports",
        type=int,
        default=SyntheticConfig.reports,
        help="event reports (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: %(default)s)")
    parser.add_argument("--out", type=Path, required=True, help="the Turtle file to write")
    args = parser.parse_args(argv)
    try:
        config = (
            config_for_size(args.size, args.seed)
            if args.size
            else SyntheticConfig(args.services, args.reports, args.seed)
        )
    except ValueError as exc:
        print(f"synthesize: error: {exc}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    path = write_synthetic(args.out, config)
    print(
        f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB: {config.services} services, "
        f"{config.reports} reports, seed {config.seed}) in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
