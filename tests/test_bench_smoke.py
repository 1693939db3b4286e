"""The benchmark runs end to end at its smallest size and reports ratios to both baselines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from graph.network.views import VIEW_NAMES

ROOT = Path(__file__).resolve().parents[1]

#: Steps only our stores take, besides one per view (``view NAME``).
GRAPH_STEPS = (
    "path hub to topic",
    "centrality betweenness",
    "map full",
    "search index",
    "search supervision",
    "full export",
)


def test_the_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out, table = tmp_path / "bench.json", tmp_path / "bench.md"
    earlier = tmp_path / "earlier.json"  # a 1m run from before, kept beside this 10k run
    earlier.write_text(
        json.dumps(
            {
                "sizes": [
                    {
                        "size": "1m",
                        "triples": 991_863,
                        "runs": 1,
                        "date": "2026-11-28",
                        "steps": ["load"],
                        "targets": {
                            "oxigraph": [
                                {"step": "load", "status": "ok", "seconds": 2.19, "peak_mib": 344}
                            ]
                        },
                        "ratios": [],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    table.write_text(
        "# Benchmarks\n\nNotes kept.\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n",
        encoding="utf-8",
    )
    # one store keeps it quick: oxigraph:DIR is the one with every step (reopen, unchanged)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--sizes",
            "10k",
            "--runs",
            "1",
            "--stores",
            "oxigraph-dir",
            "--queries",
            "cq01-models-presented,cq18-provenance",
            "--skip",
            "view models",
            "--keep",
            str(earlier),
            "--data-dir",
            str(tmp_path / "data"),
            "--out",
            str(table),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    size, kept = report["sizes"]
    assert size["size"] == "10k" and 9_000 <= size["triples"] <= 13_000
    assert kept["size"] == "1m" and kept["targets"]["oxigraph"][0]["seconds"] == 2.19
    assert set(size["targets"]) == {"oxigraph-dir", "rdflib", "pyoxigraph"}
    steps = {r["step"]: r for r in size["targets"]["oxigraph-dir"]}
    assert steps["view models"]["status"] == "not run"
    views = tuple(f"view {name}" for name in sorted(VIEW_NAMES) if name != "models")
    for name in (
        "load",
        "reopen",
        "validate",
        "validate unchanged",
        *views,
        *GRAPH_STEPS,
        "query cq01-models-presented",
        "query cq18-provenance",
    ):
        assert steps[name]["status"] == "ok", steps[name]
        assert steps[name]["seconds"] >= 0 and steps[name]["peak_mib"] >= 0
    # the export forks: its memory is also measured machine-wide; single-process steps not
    assert steps["full export"]["machine_mib"] >= 0 and "machine_mib" not in steps["load"]
    assert "betweenness" in steps["centrality betweenness"]["value"]
    assert steps["map full"]["value"]["grouped_by"] is None  # fewer than 2000 nodes at 10k
    assert steps["search supervision"]["value"] > 0
    ratios = {r["step"]: r for r in size["ratios"]}
    assert ratios["load"]["oxigraph-dir/pyoxigraph"].endswith("×")
    assert ratios["query cq01-models-presented"]["oxigraph-dir/rdflib"].endswith("×")
    assert not any(v for k, v in ratios["full export"].items() if k != "step")
    text = table.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNotes kept.")
    assert "old" not in text and "| query cq01-models-presented |" in text
    assert "plain pyoxigraph" in text
    assert "| view models | not run |" in text
    assert (
        "### 1m: 991,863 triples" in text
        and "Measured 2026-11-28 (commit unknown), median of up to 1 runs" in text
    )
    export_rows = [line for line in text.splitlines() if line.startswith("| full export |")]
    assert len(export_rows) == 1 and export_rows[0].endswith(" |  |  |")  # baselines: empty


def test_a_later_run_of_some_stores_joins_the_earlier_figures_of_the_others() -> None:
    from benchkit.report import keep_sizes

    def load(seconds: float) -> list[dict[str, object]]:
        return [{"step": "load", "status": "ok", "seconds": seconds, "peak_mib": 1}]

    earlier = {
        "sizes": [{"size": "1m", "targets": {"memory": load(15.0), "pyoxigraph": load(2.0)}}]
    }
    later = {"sizes": [{"size": "1m", "targets": {"oxigraph": load(2.2), "pyoxigraph": load(2.1)}}]}
    (merged,) = keep_sizes(later, earlier)["sizes"]
    assert list(merged["targets"]) == ["memory", "oxigraph", "pyoxigraph"]
    assert merged["targets"]["pyoxigraph"][0]["seconds"] == 2.1  # the later figure wins
    (row,) = merged["ratios"]
    assert row["oxigraph/pyoxigraph"] == "1.05×" and row["memory/pyoxigraph"] == "7.14×"
