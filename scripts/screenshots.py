#!/usr/bin/env python
"""Screenshots of every standard map at the three screen sizes a networking lead uses.

    python scripts/screenshots.py                  # docs/screenshots/<view>-<width>x<height>.png
    python scripts/screenshots.py --out /tmp/shots --views partnership

It builds the standard maps of the packaged graph (:func:`graph.maps.write_standard_maps`) in a
temporary folder, opens each in Debian's Chromium (``/usr/bin/chromium``, headless, every
request off ``file://`` blocked) at 1440x900, 1024x768 and 390x844, waits for the map's first
complete draw (``<body data-ready="true">``) and saves the page as it is seen on screen. The
index is photographed too, at each size, and each map once more at 1440x900 with its
best-linked node selected (``<view>-selected-1440x900.png``: the details panel open). Files are written whole (temporary then renamed), and
the folder keeps only the latest run's screenshots of the maps it writes.

Exit status: 0 written; 1 a page logged an error or asked for something outside the file;
2 Chromium could not start or a page did not draw.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchkit.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "screenshots"
#: Desktop, small laptop or tablet, phone (portrait).
SIZES = ((1440, 900), (1024, 768), (390, 844))


class ShotError(Exception):
    """A page could not be photographed: Chromium did not start or a map did not draw."""


#: Selects the node with the most links drawn (what a reader would click first).
SELECT_BEST_LINKED = """() => {
  const net = hubspokeMap.network;
  let best = null, most = -1;
  for (const id of hubspokeMap.drawnIds()) {
    const n = net.getConnectedNodes(id).length;
    if (n > most && !hubspokeMap.detailsOf(id).isGroup) { best = id; most = n; }
  }
  if (best !== null) hubspokeMap.select(best);
}"""


def _shoot(
    browser: Any, page_file: Path, target: Path, width: int, height: int, *, select: bool = False
) -> list[str]:
    """Photograph ``page_file`` at ``width`` x ``height`` into ``target``; return its problems."""
    from graph.atomic import write_bytes  # lazy: scripts import the package only when run

    problems: list[str] = []
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1
    )
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))

        def route(request: Any) -> None:
            if request.request.url.startswith("file://"):
                request.continue_()
            else:
                problems.append(f"asked for {request.request.url}")
                request.abort()

        page.route("**/*", route)
        page.goto(page_file.resolve().as_uri())
        if page_file.name != "index.html":
            try:
                page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            except Exception as exc:  # noqa: BLE001 - reported as a failure to draw
                raise ShotError(
                    f"{page_file.name} did not draw at {width}x{height}: {exc}"
                ) from exc
            if select:
                page.evaluate(SELECT_BEST_LINKED)
            page.wait_for_timeout(500)  # let the labels and drawers settle
        write_bytes(target, page.screenshot(full_page=False))
    finally:
        context.close()
    return [f"{page_file.name} at {width}x{height}: {p}" for p in problems]


def take(out: Path, views: Sequence[str] | None = None) -> tuple[list[Path], list[str]]:
    """Write the screenshots into ``out``; return the files written and the problems seen."""
    from playwright.sync_api import sync_playwright

    import graph  # lazy: scripts import the package only when run
    from graph.maps import STANDARD_VIEWS, write_standard_maps

    wanted = list(views or STANDARD_VIEWS)
    unknown = sorted(set(wanted) - set(STANDARD_VIEWS))
    if unknown:
        raise ShotError(f"not a standard map: {', '.join(unknown)}; choose from {STANDARD_VIEWS}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="hubspoke-shots-") as tmp:
        folder = Path(tmp)
        write_standard_maps(graph.load(), folder)
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
            except Exception as exc:  # noqa: BLE001 - any launch failure stops the run
                raise ShotError(f"cannot start Chromium at {CHROMIUM}: {exc}") from exc
            try:
                for name in [*wanted, "index"]:
                    for width, height in SIZES:
                        target = out / f"{name}-{width}x{height}.png"
                        problems += _shoot(browser, folder / f"{name}.html", target, width, height)
                        written.append(target)
                    if name != "index":
                        target = out / f"{name}-selected-1440x900.png"
                        page = folder / f"{name}.html"
                        problems += _shoot(browser, page, target, 1440, 900, select=True)
                        written.append(target)
            finally:
                browser.close()
    return written, problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the PNG files")
    parser.add_argument("--views", nargs="*", default=None, help="standard maps (default: all)")
    args = parser.parse_args(argv)
    try:
        written, problems = take(args.out, args.views)
    except ShotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
