"""The harness of ``scripts/bench.py``: run each target's steps in a fresh process, time them
(median of several runs, fewer past a budget) and measure the peak memory each needed above
what the process held before it (peak resident set size from /proc, so memory held by
Oxigraph counts too). With ``--rounds`` the targets run in turn several times and each step's
runs are pooled (:func:`pooled`): this machine's speed drifts by a third within an hour, so a
ratio to a baseline measured minutes later can be the drift, not the code."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchkit.report import cell, ratios, step_order
from benchkit.steps import (
    BASELINE_STEPS,
    STORE_STEPS,
    STORES,
    Context,
    Skip,
    Step,
    drop,
    query_steps,
)

__all__ = ["ROOT", "measure", "run", "run_target", "worker"]

ROOT = Path(__file__).resolve().parents[2]


def _status(field_name: str) -> int:
    """A /proc/self/status field in bytes (0 where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


#: A program that prints, every 50 ms until it is stopped, the memory the machine's processes
#: use (MemTotal less free memory, buffers and page cache, from /proc/meminfo): what an export
#: needs with its second processes, which the process's own peak leaves out.
_MACHINE_MEMORY = """
import sys, time
while True:
    m = {}
    with open("/proc/meminfo") as handle:
        for line in handle:
            key, value = line.split(":", 1)
            m[key] = int(value.split()[0]) * 1024
    print(m["MemTotal"] - m["MemFree"] - m["Buffers"] - m["Cached"] - m["SReclaimable"], flush=True)
    time.sleep(0.05)
"""


class _MachineMemory:
    """The peak of the machine's used memory while a step runs, above what it was before
    (``None`` where /proc/meminfo cannot be read). A separate program samples it, so that the
    measured process keeps a single thread (an export forks only then)."""

    def __enter__(self) -> _MachineMemory:
        self.peak: int | None = None
        self.sampler: subprocess.Popen[str] | None = None
        if Path("/proc/meminfo").exists():
            self.sampler = subprocess.Popen(
                [sys.executable, "-c", _MACHINE_MEMORY], stdout=subprocess.PIPE, text=True
            )
            assert self.sampler.stdout is not None
            self.before = int(self.sampler.stdout.readline())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.sampler is None:
            return
        self.sampler.terminate()
        out = self.sampler.communicate()[0]
        used = [int(line) for line in out.split()]
        self.peak = max([0, *(value - self.before for value in used)])


def measure(step: Step, ctx: Context, runs: int, budget: float) -> dict[str, Any]:
    """Median seconds, every run, and peak memory above the start (MiB) of one step: the
    process's own and, for steps that may fork (``Step.processes``), the machine's."""
    times: list[float] = []
    peak = 0
    machine: int | None = None
    value: Any = None
    for _ in range(runs):
        if step.setup is not None:
            step.setup(ctx)
        gc.collect()
        before = _status("VmRSS")
        _reset_peak()
        watch = _MachineMemory() if step.processes else contextlib.nullcontext()
        with watch:
            started = time.perf_counter()
            try:
                value = step.run(ctx)
            except Skip:
                return {"step": step.name, "status": "n/a"}
            except Exception as exc:  # noqa: BLE001 - a failed step is a result, not a crash
                kind = "timeout" if "Timeout" in type(exc).__name__ else "error"
                return {"step": step.name, "status": kind, "detail": str(exc)[:300]}
            times.append(time.perf_counter() - started)
        peak = max(peak, _status("VmHWM") - before)
        if isinstance(watch, _MachineMemory) and watch.peak is not None:
            machine = max(machine or 0, watch.peak)
        if sum(times) > budget:
            break
    result = {
        "step": step.name,
        "status": "ok",
        "seconds": statistics.median(times),
        "runs": times,
        "peak_mib": round(peak / 2**20, 1),
        "value": value,
    }
    if machine is not None:
        result["machine_mib"] = round(machine / 2**20, 1)
    return result


def run_target(
    target: str,
    synthetic: Path,
    runs: int,
    budget: float,
    timeout: float,
    only: list[str] | None,
    skip: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Every step of one target, in this process; steps named in ``skip`` are "not run"."""
    steps = (STORE_STEPS if target in STORES else BASELINE_STEPS) + query_steps(only)
    with tempfile.TemporaryDirectory(prefix="hubspoke-bench-") as tmp:
        ctx = Context(target, synthetic, Path(tmp), timeout)
        results = []
        for step in steps:
            if skip and step.name in skip:
                result = {"step": step.name, "status": "not run"}
            else:
                result = measure(step, ctx, runs, budget)
            results.append(result)
            print(f"  {target:<13} {step.name:<40} {cell(result)}", file=sys.stderr, flush=True)
            if step.name == "load" and result["status"] != "ok":
                break
        drop(ctx)
    return results


def worker(args: argparse.Namespace) -> int:
    """Run one target's steps (the ``--worker`` process) and write the results to a file."""
    results = run_target(
        args.worker, Path(args.file), args.runs, args.budget, args.timeout, args.queries, args.skip
    )
    Path(args.worker_out).write_text(json.dumps(results), encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # do not wait for a timed-out query still running inside Oxigraph


def _synthetic(size: str, seed: int, data_dir: Path) -> Path:
    from benchkit.synthetic import config_for_size, write_synthetic

    path = data_dir / f"synthetic-{size}-seed{seed}.ttl"
    if not path.exists():
        print(f"writing {path}", file=sys.stderr, flush=True)
        write_synthetic(path, config_for_size(size, seed))
    return path


def _count(files: list[Path]) -> int:
    import pyoxigraph as ox

    store = ox.Store()
    for path in files:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return len(store)


def run(args: argparse.Namespace, script: Path) -> dict[str, Any]:
    """Measure every size and target of ``args``, each target in a fresh process running
    ``script --worker TARGET``; the report (see :mod:`benchkit.report`)."""
    from graph.rdf.loading import default_files

    rounds = max(1, args.rounds)
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "runs": args.runs * rounds,
        "commit": _commit(),
        "sizes": [],
    }
    for size in args.sizes:
        synthetic = _synthetic(size, args.seed, args.data_dir)
        entry: dict[str, Any] = {
            "size": size,
            "file": synthetic.name,
            "runs": args.runs * rounds,
            "rounds": rounds,
            "date": report["date"],
            "commit": report["commit"],
            "triples": _count([*default_files(), synthetic]),
            "targets": {},
            "steps": [],
        }
        print(f"{size}: {entry['triples']:,} triples", file=sys.stderr, flush=True)
        each: dict[str, list[list[dict[str, Any]]]] = {}
        for _ in range(rounds):
            for target in [*args.stores, *args.baselines]:
                each.setdefault(target, []).append(_run_worker(args, script, target, synthetic))
        entry["targets"] = {target: pooled(results) for target, results in each.items()}
        entry["steps"] = step_order(entry["targets"])
        entry["ratios"] = ratios(entry)
        report["sizes"].append(entry)
    return report


def pooled(rounds: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One target's results over several rounds as one: each step's runs together, its
    median over all of them, its peak memory the largest; a step that failed in any round
    keeps that round's failure.

    >>> a = [{"step": "q", "status": "ok", "seconds": 1.0, "runs": [1.0], "peak_mib": 2.0}]
    >>> b = [{"step": "q", "status": "ok", "seconds": 3.0, "runs": [3.0, 2.0], "peak_mib": 1.0}]
    >>> pooled([a, b])[0]["seconds"], pooled([a, b])[0]["runs"], pooled([a, b])[0]["peak_mib"]
    (2.0, [1.0, 3.0, 2.0], 2.0)
    >>> pooled([a, [{"step": "q", "status": "timeout", "detail": "300 s"}], b])[0]["status"]
    'timeout'
    """
    merged: dict[str, dict[str, Any]] = {}
    for results in rounds:
        for result in results:
            kept = merged.get(result["step"])
            if kept is None or (kept["status"] == "ok" and result["status"] != "ok"):
                merged[result["step"]] = dict(result)  # the first, or the first failure
                continue
            if kept["status"] != "ok" or result["status"] != "ok":
                continue
            kept["runs"] = [*kept["runs"], *result["runs"]]
            kept["seconds"] = statistics.median(kept["runs"])
            kept["peak_mib"] = max(kept["peak_mib"], result["peak_mib"])
            if "machine_mib" in result:
                kept["machine_mib"] = max(kept.get("machine_mib", 0), result["machine_mib"])
    return list(merged.values())


def _run_worker(
    args: argparse.Namespace, script: Path, target: str, synthetic: Path
) -> list[dict[str, Any]]:
    """One target's steps in a fresh process running ``script --worker TARGET``."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        out_path = Path(out.name)
    command = [
        sys.executable,
        str(script),
        "--worker",
        target,
        "--file",
        str(synthetic),
        "--worker-out",
        str(out_path),
        "--runs",
        str(args.runs),
        "--budget",
        str(args.budget),
        "--timeout",
        str(args.timeout),
    ]
    if args.queries:
        command += ["--queries", ",".join(args.queries)]
    if args.skip:
        command += ["--skip", ",".join(args.skip)]
    done = subprocess.run(command, check=False)
    results = (
        json.loads(out_path.read_text(encoding="utf-8"))
        if done.returncode == 0
        else [{"step": "load", "status": "error", "detail": f"exit {done.returncode}"}]
    )
    out_path.unlink(missing_ok=True)
    return results


def _commit() -> str:
    """The commit of the code measured (with ``+changes`` when the tree differs from it)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "graph", "scripts", "ontology"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty else "")
