"""The maps benchmark opens a small map in Chromium in both modes and reports a figure for each.

It drives Debian's Chromium like tests/test_maps_browser.py; a benchmark that cannot start the
browser exits with an error, so these tests fail there: there is no skip.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "bench_maps.py"
PAGE = "# Benchmarks\n\nNotes kept.\n\n<!-- maps:start -->\nold\n<!-- maps:end -->\n\n## Results\n"


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_a_200_node_map_is_timed_in_chromium_in_both_modes(tmp_path: Path) -> None:
    table, out = tmp_path / "benchmarks.md", tmp_path / "maps.json"
    table.write_text(PAGE, encoding="utf-8")
    done = _bench("--nodes", "200", "--runs", "1", "--out", str(table), "--json", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["chromium"] and report["runs"] == 1
    results = {r["mode"]: r for r in report["results"]}
    assert set(results) == {"grouped", "ungrouped"}
    for mode, result in results.items():
        assert result["nodes"] == result["drawn_nodes"] == 200, mode  # below the grouping limit
        assert result["grouped_by"] is None and result["problems"] == []
        assert 0 < result["seconds_browser"] < 60 and result["seconds_python"] > 0
        assert result["seconds_browser_runs"] == [result["seconds_browser"]]
        assert result["size_bytes"] > 0 and result["target_met"] == (result["seconds_browser"] < 2)
    text = table.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNotes kept.\n\n<!-- maps:start -->")
    assert text.endswith("<!-- maps:end -->\n\n## Results\n") and "old" not in text
    rows = [line for line in text.splitlines() if line.startswith("| 200 |")]
    assert [row.split(" | ")[1] for row in rows] == ["grouped", "ungrouped"]
    assert all(row.split(" | ")[5].endswith(" s") for row in rows)  # the browser's figure
    assert [line for line in done.stdout.splitlines() if line.startswith("| 200 |")] == rows


def test_a_graph_beyond_the_limit_is_drawn_grouped_unless_asked_not_to(tmp_path: Path) -> None:
    table, out = tmp_path / "benchmarks.md", tmp_path / "maps.json"
    done = _bench(
        "--nodes",
        "260",
        "--runs",
        "1",
        "--grouping-limit",
        "100",
        "--out",
        str(table),
        "--json",
        str(out),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = {r["mode"]: r for r in json.loads(out.read_text(encoding="utf-8"))["results"]}
    grouped, ungrouped = results["grouped"], results["ungrouped"]
    assert (
        grouped["grouped_by"] == "class"
        and grouped["drawn_nodes"] == grouped["expected_nodes"] < 20
    )
    assert ungrouped["grouped_by"] is None and ungrouped["drawn_nodes"] == 260
    assert "(grouped by class)" in table.read_text(encoding="utf-8")


def test_without_chromium_the_benchmark_stops_and_says_how_to_fix_it(tmp_path: Path) -> None:
    table = tmp_path / "benchmarks.md"
    table.write_text(PAGE, encoding="utf-8")
    done = _bench(
        "--nodes",
        "50",
        "--runs",
        "1",
        "--chromium",
        str(tmp_path / "no-chromium"),
        "--out",
        str(table),
        "--json",
        str(tmp_path / "maps.json"),
    )
    assert done.returncode == 2
    assert "cannot start Chromium" in done.stderr and "--chromium" in done.stderr
    assert table.read_text(encoding="utf-8") == PAGE and not (tmp_path / "maps.json").exists()
