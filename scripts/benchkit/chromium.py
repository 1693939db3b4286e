"""How the project starts Debian's Chromium for its maps: the browser tests, the maps benchmark
and the screenshots all launch it the same way (headless, through Playwright).

Examples
--------
>>> CHROMIUM
'/usr/bin/chromium'
>>> "--disable-background-networking" in CHROMIUM_ARGS
True
"""

from __future__ import annotations

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

#: Debian's Chromium (installed by ``scripts/setup.sh --test``).
CHROMIUM = "/usr/bin/chromium"

#: Switches for a headless run in a container that fetches nothing on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
