"""The benchmark runs end to end at its smallest size and reports ratios to both baselines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out, table = tmp_path / "bench.json", tmp_path / "bench.md"
    table.write_text("# Benchmarks\n\nNotes kept.\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n",
                     encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--sizes", "10k", "--runs", "1",
         "--stores", "memory,oxigraph-dir", "--queries", "cq01-models-presented,cq18-provenance",
         "--data-dir", str(tmp_path / "data"), "--out", str(table), "--json", str(out)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    (size,) = report["sizes"]
    assert size["size"] == "10k" and 9_000 <= size["triples"] <= 13_000
    assert set(size["targets"]) == {"memory", "oxigraph-dir", "rdflib", "pyoxigraph"}
    steps = {r["step"]: r for r in size["targets"]["oxigraph-dir"]}
    for name in ("load", "reopen", "validate", "validate unchanged",
                 "query cq01-models-presented", "query cq18-provenance"):
        assert steps[name]["status"] == "ok", steps[name]
        assert steps[name]["seconds"] >= 0 and steps[name]["peak_mib"] >= 0
    ratios = {r["step"]: r for r in size["ratios"]}
    assert ratios["load"]["oxigraph-dir/pyoxigraph"].endswith("×")
    assert ratios["query cq01-models-presented"]["memory/rdflib"].endswith("×")
    text = table.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNotes kept.")
    assert "old" not in text and "| query cq01-models-presented |" in text
    assert "plain pyoxigraph" in text
