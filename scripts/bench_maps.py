#!/usr/bin/env python
"""Benchmark how long a synthetic map takes to open and draw in headless Chromium.

    python scripts/bench_maps.py           # 1,000, 2,000, 5,000 nodes; 20,000 grouped; 3 loads
    python scripts/bench_maps.py --nodes 200 --runs 1 --out /tmp/m.md --json /tmp/m.json

The target: a 5,000-node map opens and draws in Chromium in under 2 s, grouped or not, and a
grouped map of 20,000 nodes stays responsive. After each load the page is also timed doing
what a reader does next, each step drawn before its time is taken: "open the largest group"
(grouped maps: it opens and the map is drawn with all its members), "first search" (the
search for a node's name, building the search index as the first search does) and "select
what was found" (the node is selected, its group opened if it was closed, its neighbourhood
highlighted and the rest faded, as choosing a search result does). For each size and each
mode it builds a synthetic graph and writes its map with :func:`graph.maps.benchmark_map`
(timing the graph, the page with its layout, and the write), then opens the file in Debian's
Chromium (``/usr/bin/chromium``, headless, every request off ``file://`` blocked) in a fresh
browser context per load, and takes the median of ``--runs`` loads of the time from navigation
start to the end of the first complete draw (a small map is written and opened once first,
unmeasured, so that Python's imports and Chromium's first renderer are not counted). The modes:

- ``grouped``: what the map does normally; above ``graph.maps.grouping.MAX_DRAWN_NODES``
  nodes (or ``--grouping-limit``) it draws one node per group;
- ``ungrouped``: ``max_nodes`` is the graph's size, so every node is drawn; measured for sizes
  up to ``--ungrouped-up-to`` (5,000: the target names a grouped 20,000-node map).

"Drawn" is the page's own ready signal: ``map.js`` sets ``<body data-ready="true">`` in
vis-network's first ``afterDrawing`` event, i.e. once the canvas holds every node and link.
A script added to each page before it loads notes ``performance.now()`` (milliseconds since
navigation start) when that attribute appears. Each load also checks that the map drew the
nodes it should (``hubspokeMap.nodeCount()``: every node, or one per group) and that the page
logged no error.

The one-minute load average of the machine is noted before each size and mode is measured
(the figures move with it on a shared machine). Results go to a table in --out (between the maps markers; the rest of the page is kept) and
to --json. Benchmarks run on demand; tests/test_bench_maps_smoke.py runs a small size.
Exit status: 0 measured, 1 a map drew the wrong number of nodes or logged errors, 2 Chromium
could not start or a map did not finish drawing in time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchkit.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- maps:start -->", "<!-- maps:end -->"
MODES = ("grouped", "ungrouped")
#: The project's target: open and draw in Chromium within this many seconds.
TARGET_SECONDS = 2.0
VIEWPORT = {"width": 1400, "height": 900}
#: Runs in each page before its own scripts: note when map.js marks the body as drawn.
READY_PROBE = """
new MutationObserver(function (changes, observer) {
  if (document.body && document.body.dataset.ready === "true") {
    window.__benchDrawnAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""


class BenchError(Exception):
    """The benchmark could not measure: Chromium did not start or a map never drew."""


@dataclass
class Load:
    """One page load: seconds to the first draw, seen from the page and from outside."""

    seconds_drawn: float
    seconds_wall: float
    seconds_dom_ready: float
    drawn_nodes: int
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    seconds_open_group: float | None = None
    seconds_search: float | None = None
    seconds_select: float | None = None


#: Opens the largest group of a grouped map and draws it: milliseconds, or null if no group.
OPEN_LARGEST_GROUP = """() => {
  const groups = hubspokeMap.groups();
  if (!groups.length) return null;
  let largest = 0;
  groups.forEach((g, i) => { if (g.members.length > groups[largest].members.length) largest = i; });
  const started = performance.now();
  hubspokeMap.expand(largest);
  hubspokeMap.network.redraw();
  return performance.now() - started;
}"""
#: Searches for the name of a node that is not drawn (in a closed group, if any) and selects
#: the first result: [milliseconds to search, milliseconds to select and draw], or null.
SEARCH_AND_SELECT = """() => {
  const closed = hubspokeMap.groups().find(g => !g.open);
  const target = closed ? closed.members[Math.floor(closed.members.length / 2)]
                        : Math.floor(hubspokeMap.totalNodes() / 2);
  let started = performance.now();
  const found = hubspokeMap.find(hubspokeMap.detailsOf(target).label);
  const searched = performance.now() - started;
  if (found[0] !== target) return null;
  started = performance.now();
  hubspokeMap.select(found[0]);
  hubspokeMap.network.redraw();
  return [searched, performance.now() - started];
}"""


@dataclass
class MapResult:
    """What one size in one mode measured (seconds, bytes) and whether it met the target."""

    nodes: int
    mode: str
    max_nodes: int
    edges: int
    grouped_by: str | None
    expected_nodes: int
    drawn_nodes: int
    seconds_graph: float
    seconds_page: float
    seconds_write: float
    seconds_python: float
    size_bytes: int
    seconds_browser: float
    seconds_browser_runs: list[float]
    seconds_wall_runs: list[float]
    seconds_dom_ready_runs: list[float]
    target_met: bool
    problems: list[str]
    seconds_open_group: float | None = None
    seconds_search: float | None = None
    seconds_select: float | None = None
    load_average: float | None = None


# --------------------------------------------------------------------------- measuring


def expected_drawn(n: int, seed: int, grouped_by: str | None) -> int:
    """How many nodes the map of ``synthetic_graph(n, seed)`` draws: all, or one per group."""
    if grouped_by is None:
        return n
    from benchkit.maps import synthetic_graph

    from graph.maps.grouping import size_groups

    return len(set(size_groups(synthetic_graph(n, seed=seed), by=grouped_by).values()))


def open_and_draw(browser: Any, path: Path, *, timeout: float) -> Load:
    """Open ``path`` in a fresh context of ``browser`` and time it up to the first draw."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        errors: list[str] = []
        blocked: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(request_route: Any) -> None:
            if request_route.request.url.startswith("file://"):
                request_route.continue_()
            else:
                blocked.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.add_init_script(READY_PROBE)
        started = time.perf_counter()
        try:
            page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout * 1000)
            page.wait_for_function(
                "() => window.__benchDrawnAt !== undefined", timeout=timeout * 1000
            )
        except Exception as exc:  # noqa: BLE001 - Playwright's timeout or a crashed page
            raise BenchError(
                f"{path.name} did not draw within {timeout:g} s: {exc}. "
                "Raise --timeout, or open the file to see why"
            ) from exc
        wall = time.perf_counter() - started
        drawn_at, dom_ready, drawn = page.evaluate(
            "[window.__benchDrawnAt,"
            " performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
            " hubspokeMap.nodeCount()]"
        )
        opened = page.evaluate(OPEN_LARGEST_GROUP)
        found = page.evaluate(SEARCH_AND_SELECT)
        if found is None:
            errors.append("the search did not find the node whose name it searched for")
        return Load(
            seconds_drawn=drawn_at / 1000,
            seconds_wall=wall,
            seconds_dom_ready=dom_ready / 1000,
            drawn_nodes=int(drawn),
            errors=errors,
            blocked=blocked,
            seconds_open_group=None if opened is None else opened / 1000,
            seconds_search=None if found is None else found[0] / 1000,
            seconds_select=None if found is None else found[1] / 1000,
        )
    finally:
        context.close()


def measure(
    browser: Any,
    n: int,
    mode: str,
    folder: Path,
    *,
    runs: int,
    seed: int,
    timeout: float,
    grouping_limit: int,
) -> MapResult:
    """Write the map of ``n`` synthetic nodes in ``mode`` and open it ``runs`` times."""
    from benchkit.maps import benchmark_map

    max_nodes = grouping_limit if mode == "grouped" else n
    load_average = os.getloadavg()[0]
    timing = benchmark_map(n, folder / f"synthetic-{n}-{mode}.html", seed=seed, max_nodes=max_nodes)
    expected = expected_drawn(n, seed, timing.grouped_by)
    loads = [open_and_draw(browser, timing.path, timeout=timeout) for _ in range(runs)]
    problems = sorted(
        {
            f"drew {load.drawn_nodes:,} nodes, not {expected:,}"
            for load in loads
            if load.drawn_nodes != expected
        }
        | {f"page error: {e}" for load in loads for e in load.errors}
        | {f"request blocked: {u}" for load in loads for u in load.blocked}
    )
    browser_seconds = statistics.median(load.seconds_drawn for load in loads)
    python_seconds = timing.seconds_graph + timing.seconds_page + timing.seconds_write
    return MapResult(
        nodes=n,
        mode=mode,
        max_nodes=max_nodes,
        edges=timing.edges,
        grouped_by=timing.grouped_by,
        expected_nodes=expected,
        drawn_nodes=loads[-1].drawn_nodes,
        seconds_graph=timing.seconds_graph,
        seconds_page=timing.seconds_page,
        seconds_write=timing.seconds_write,
        seconds_python=python_seconds,
        size_bytes=timing.size_bytes,
        seconds_browser=browser_seconds,
        seconds_browser_runs=[load.seconds_drawn for load in loads],
        seconds_wall_runs=[load.seconds_wall for load in loads],
        seconds_dom_ready_runs=[load.seconds_dom_ready for load in loads],
        target_met=browser_seconds < TARGET_SECONDS and not problems,
        problems=problems,
        seconds_open_group=_median([load.seconds_open_group for load in loads]),
        seconds_search=_median([load.seconds_search for load in loads]),
        seconds_select=_median([load.seconds_select for load in loads]),
        load_average=load_average,
    )


def _median(values: list[float | None]) -> float | None:
    """The median of the figures measured, or None if none was."""
    measured = [v for v in values if v is not None]
    return statistics.median(measured) if measured else None


def _warm_up(browser: Any, folder: Path, *, timeout: float) -> None:
    """Write and open a small map once, unmeasured, so that the first figures do not carry
    Python's imports (networkx, Jinja2) or Chromium's first start of a renderer."""
    from benchkit.maps import benchmark_map

    open_and_draw(browser, benchmark_map(50, folder / "warm-up.html").path, timeout=timeout)


def run(
    sizes: list[int],
    modes: list[str],
    *,
    runs: int,
    seed: int,
    timeout: float,
    chromium: str,
    maps_dir: Path | None,
    grouping_limit: int,
    ungrouped_up_to: int = 5000,
) -> dict[str, Any]:
    """Measure every size in every mode in one headless Chromium; the report as a dict."""
    from playwright.sync_api import sync_playwright

    results: list[MapResult] = []
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:  # noqa: BLE001 - any launch failure stops the benchmark
            raise BenchError(
                f"cannot start Chromium at {chromium}: {exc}. "
                "Install it (apt-get install chromium) or pass --chromium"
            ) from exc
        try:
            version = browser.version
            with tempfile.TemporaryDirectory(prefix="hubspoke-bench-maps-") as scratch:
                folder = maps_dir or Path(scratch)
                folder.mkdir(parents=True, exist_ok=True)
                _warm_up(browser, Path(scratch), timeout=timeout)
                for n in sizes:
                    for mode in modes:
                        if mode == "ungrouped" and n > ungrouped_up_to:
                            continue
                        result = measure(
                            browser,
                            n,
                            mode,
                            folder,
                            runs=runs,
                            seed=seed,
                            timeout=timeout,
                            grouping_limit=grouping_limit,
                        )
                        print(_row(result), file=sys.stderr, flush=True)
                        results.append(result)
        finally:
            browser.close()
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "chromium": version,
        "runs": runs,
        "seed": seed,
        "grouping_limit": grouping_limit,
        "target_seconds": TARGET_SECONDS,
        "results": [asdict(r) for r in results],
    }


# --------------------------------------------------------------------------- reporting

_COLUMNS = (
    "nodes",
    "mode",
    "drawn nodes",
    "Python: build, layout, write",
    "file size",
    "Chromium: open and draw (median)",
    "open the largest group",
    "first search",
    "select what was found",
    f"target met (< {TARGET_SECONDS:g} s)",
    "load average",
)


def _size(size_bytes: int) -> str:
    return (
        f"{size_bytes / 1024:,.0f} KiB"
        if size_bytes < 1024**2
        else f"{size_bytes / 1024**2:.1f} MiB"
    )


def _drawn(result: MapResult | dict[str, Any]) -> str:
    r = asdict(result) if isinstance(result, MapResult) else result
    text = f"{r['drawn_nodes']:,}"
    if r["grouped_by"]:
        text += f" (grouped by {r['grouped_by']})"
    if r["drawn_nodes"] != r["expected_nodes"]:
        text += f" (expected {r['expected_nodes']:,})"
    return text


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.2f} s"


def _row(result: MapResult | dict[str, Any]) -> str:
    r = asdict(result) if isinstance(result, MapResult) else result
    met = "yes" if r["target_met"] else "no"
    if r["problems"]:
        met += " (" + "; ".join(r["problems"][:3]) + ")"
    cells = (
        f"{r['nodes']:,}",
        r["mode"],
        _drawn(r),
        f"{r['seconds_python']:.2f} s",
        _size(r["size_bytes"]),
        f"{r['seconds_browser']:.2f} s",
        _seconds(r.get("seconds_open_group")),
        _seconds(r.get("seconds_search")),
        _seconds(r.get("seconds_select")),
        met,
        "" if r.get("load_average") is None else f"{r['load_average']:.1f}",
    )
    return "| " + " | ".join(cells) + " |"


def markdown(report: dict[str, Any]) -> str:
    """The table of ``report`` between the maps markers."""
    head = (
        f"Measured {report['date']} on {report['machine']} (Python {report['python']}, "
        f"Chromium {report['chromium']}, headless; median of {report['runs']} page loads; "
        f"grouped above {report['grouping_limit']:,} nodes)."
    )
    lines = [
        START,
        "",
        head,
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    lines += [_row(r) for r in report["results"]]
    lines += ["", END]
    return "\n".join(lines)


def write_markdown(path: Path, report: dict[str, Any]) -> Path:
    """Put the table between the maps markers of ``path``, keeping the rest of the page."""
    from graph.atomic import write_text

    table = markdown(report)
    if not path.exists():
        return write_text(path, "# Benchmarks\n\n" + table + "\n")
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise BenchError(
            f"{path} has no {START} ... {END} region; add both markers where "
            "the maps table should go"
        )
    head, rest = text.split(START, 1)
    return write_text(path, head + table + rest.split(END, 1)[1])


# --------------------------------------------------------------------------- main


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give node counts, e.g. 1000,2000,5000"
        ) from exc
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give positive node counts, e.g. 1000,2000,5000"
        )
    return sizes


def _modes(text: str) -> list[str]:
    modes = [part.strip() for part in text.split(",") if part.strip()]
    wrong = [m for m in modes if m not in MODES]
    if wrong or not modes:
        raise argparse.ArgumentTypeError(
            f"unknown mode {', '.join(wrong)!r} (use {', '.join(MODES)})"
        )
    return modes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--nodes",
        type=_sizes,
        default=[1000, 2000, 5000, 20000],
        help="comma-separated node counts (default 1000,2000,5000,20000)",
    )
    parser.add_argument(
        "--modes",
        type=_modes,
        default=list(MODES),
        help="comma-separated: grouped,ungrouped (default both)",
    )
    parser.add_argument("--runs", type=int, default=3, help="page loads per map (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds a map may take to draw before the benchmark stops",
    )
    parser.add_argument(
        "--grouping-limit",
        type=int,
        default=None,
        metavar="N",
        help="in grouped mode, group graphs above N nodes (default "
        "graph.maps.grouping.MAX_DRAWN_NODES)",
    )
    parser.add_argument(
        "--ungrouped-up-to",
        type=int,
        default=5000,
        metavar="N",
        help="measure the ungrouped mode for sizes up to N nodes only (default 5000)",
    )
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser binary (default {CHROMIUM})")
    parser.add_argument(
        "--maps-dir",
        type=Path,
        default=None,
        help="keep the maps in this folder (default: a temporary one)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "benchmarks-maps.json")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    from graph.maps import MAX_DRAWN_NODES

    grouping_limit = MAX_DRAWN_NODES if args.grouping_limit is None else args.grouping_limit
    try:
        report = run(
            args.nodes,
            args.modes,
            runs=args.runs,
            seed=args.seed,
            timeout=args.timeout,
            chromium=args.chromium,
            maps_dir=args.maps_dir,
            grouping_limit=grouping_limit,
            ungrouped_up_to=args.ungrouped_up_to,
        )
        write_markdown(args.out, report)
        from graph.atomic import write_text

        write_text(args.json, json.dumps(report, indent=1) + "\n")
    except BenchError as exc:
        print(f"bench_maps: {exc}", file=sys.stderr)
        return 2
    print("| " + " | ".join(_COLUMNS) + " |")
    for result in report["results"]:
        print(_row(result))
    print(f"wrote {args.out} and {args.json}", file=sys.stderr)
    return 1 if any(r["problems"] for r in report["results"]) else 0


if __name__ == "__main__":
    sys.exit(main())
