#!/usr/bin/env python
"""Benchmark hubspoke on synthetic data of about 10k, 100k and 1M triples.

    python scripts/bench.py                          # 10k and 100k, every store, 3 runs
    python scripts/bench.py --sizes 1m --runs 3      # the national-scale figures
    python scripts/bench.py --sizes 10k --runs 1 --out /tmp/b.md --json /tmp/b.json

For each size it writes the synthetic graph once (graph/synthetic.py, cached in --data-dir),
then measures, each in a fresh Python process so that figures do not mix, every step on each
local store (memory, oxigraph, oxigraph:DIR) and the same work on two baselines over the same
files: plain rdflib (its own parser and SPARQL engine) and plain pyoxigraph (its store and
SPARQL engine, no rdflib). A figure is the median of several runs (fewer when a step takes
longer than --budget seconds) with the peak memory the step needed above what the process
held before it (peak resident set size from /proc, so memory held by Oxigraph counts too).

Steps are lists of :class:`Step` (a name and a callable taking the :class:`Context`):
``STORE_STEPS`` for our stores and ``BASELINE_STEPS`` for the baselines, each followed by one
step per named query. A step that does not apply to a target raises :class:`Skip`; a step
missing from a list leaves an empty cell in the table. What is measured:

- our stores and the baselines: ``load`` (the packaged graph and the synthetic file),
  ``validate`` (SHACL; not on plain pyoxigraph) and every named query with its default
  parameters;
- our stores only: ``reopen`` and ``validate unchanged`` (``oxigraph:DIR``), the display
  labels and name index, the projection of each view (``view full``, ``partnership``,
  ``learning``, ``topics``, ``models``), the three shortest chains from a synthetic hub to a
  topic in the full view (``path hub to topic``), betweenness centrality of the full view
  (exact or sampled; the choice is the step's value), the map of the full view (grouped
  above 2000 nodes; the value says whether), building the full-text search index and one
  search in it, and a full export (every RDF format, every view, the maps and the manifest,
  into a fresh folder). Path, centrality and map work on the view the ``view full`` step
  projected, so their figures leave the projection out.

Results go to a table in --out (between the bench markers; the rest of the page is kept) and
to --json. Benchmarks run on demand; tests/test_bench_smoke.py runs the smallest size.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STORES = ("memory", "oxigraph", "oxigraph-dir")
BASELINES = ("rdflib", "pyoxigraph")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
#: Values for query parameters that have no default.
REQUIRED = {"statement": "le2015:line-103", "phrase": "supervision"}
#: The views projected, one step each (graph/network/views.py:VIEW_NAMES; the smoke test checks).
VIEWS = ("full", "partnership", "learning", "topics", "models")
#: Ends of the path step, in the full view, relative to the synthetic and the data namespace:
#: the first hub organisation (graph/synthetic.py writes it at every size) and a packaged topic.
PATH_ENDS = ("org/hub-0001", "topic/sustainability")
#: What the search step looks for: a word of the synthetic discussion points
#: ("Some services hold joint supervision with ...") and of the packaged report.
SEARCH_WORDS = "supervision"


class Skip(Exception):
    """The step does not apply to this target."""


@dataclass
class Context:
    """What a step works on: the target, the files and what earlier steps left."""

    target: str
    synthetic: Path
    workdir: Path
    timeout: float
    kg: Any = None
    graph: Any = None
    store: Any = None
    reference: Any = None
    bindings: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Views projected by the ``view NAME`` steps, by name (the later steps use ``full``).
    views: dict[str, Any] = field(default_factory=dict)
    #: The search index the ``search index`` step built.
    search: Any = None

    @property
    def spec(self) -> str:
        if self.target == "oxigraph-dir":
            return f"oxigraph:{self.workdir / 'store'}"
        return self.target

    def files(self) -> list[Path]:
        from graph.rdf.loading import default_files

        return [*default_files(), self.synthetic]


@dataclass
class Step:
    """A named piece of work; ``setup`` runs before each run, outside the timing."""

    name: str
    run: Callable[[Context], object]
    setup: Callable[[Context], object] | None = None


# --------------------------------------------------------------------------- our stores


def _drop(ctx: Context) -> None:
    from graph.store.oxigraph import release

    ctx.kg = None
    _forget_graph_work(ctx)
    if ctx.target == "oxigraph-dir":
        release(ctx.spec)
    gc.collect()


def _fresh(ctx: Context) -> None:
    _drop(ctx)
    shutil.rmtree(ctx.workdir / "store", ignore_errors=True)


def _load(ctx: Context) -> None:
    import graph

    ctx.kg = graph.load([ctx.synthetic], store=ctx.spec)


def _close_for_reopen(ctx: Context) -> None:
    if ctx.target == "oxigraph-dir":
        _drop(ctx)


def _reopen(ctx: Context) -> None:
    if ctx.target != "oxigraph-dir":
        raise Skip
    _load(ctx)


def _validate(ctx: Context) -> int:
    report = ctx.kg.validate()
    if not report.conforms:
        raise RuntimeError(f"the synthetic graph does not conform: {report.text()[:500]}")
    return len(report.violations)


def _forget_report(ctx: Context) -> None:
    for old in (ctx.workdir / "store").glob("validation-*.json"):
        old.unlink()


def _validate_unchanged(ctx: Context) -> int:
    if ctx.target != "oxigraph-dir":
        raise Skip
    return _validate(ctx)


def _name_index(ctx: Context) -> int:
    ctx.kg.invalidate()
    labels = ctx.kg.labels
    ctx.kg.resolve("CSEFA")
    return len(labels)


# --------------------------------------------------------------------------- graph work


def _forget_graph_work(ctx: Context) -> None:
    """Let go of the views and the search index earlier steps kept."""
    ctx.views.clear()
    _forget_search(ctx)


def _view_step(name: str) -> Step:
    """Project the view ``name`` (kept in the context for the steps after it)."""

    def forget(ctx: Context) -> None:
        ctx.views.pop(name, None)

    def project(ctx: Context) -> dict[str, int]:
        view = ctx.kg.view(name)
        ctx.views[name] = view
        return {"nodes": view.number_of_nodes(), "edges": view.number_of_edges()}

    return Step(f"view {name}", project, forget)


def _full_view(ctx: Context) -> Any:
    if "full" not in ctx.views:
        raise RuntimeError("no full view: the 'view full' step did not succeed")
    return ctx.views["full"]


def _path_ends() -> tuple[str, str]:
    from benchkit.synthetic import SYNTHETIC

    from graph.rdf.namespaces import HSD

    hub, topic = PATH_ENDS
    return f"{SYNTHETIC}{hub}", str(HSD[topic])


def _path(ctx: Context) -> list[int]:
    """The three shortest chains between :data:`PATH_ENDS` in the full view; their lengths."""
    from graph.network.paths import k_shortest_paths

    source, target = _path_ends()
    chains = k_shortest_paths(_full_view(ctx), source, target, k=3)
    if not chains:
        raise RuntimeError(f"no chain from {source} to {target} in the full view")
    return [len(chain) for chain in chains]


def _centrality(ctx: Context) -> str:
    """Betweenness of the full view; how it was computed (exact or sampled)."""
    from graph.network.analysis import centrality

    return centrality(_full_view(ctx), "betweenness", top=10).method


def _forget_map(ctx: Context) -> None:
    shutil.rmtree(ctx.workdir / "map", ignore_errors=True)


def _map(ctx: Context) -> dict[str, Any]:
    """Lay out and write the map of the full view; its size and whether it was grouped."""
    from graph.maps import build_page, write_page

    page = build_page(_full_view(ctx), name="full")
    write_page(page, ctx.workdir / "map" / "full.html")
    return {"nodes": page.node_count, "drawn": page.drawn_nodes, "grouped_by": page.grouped_by}


def _forget_search(ctx: Context) -> None:
    if ctx.search is not None:
        ctx.search.close()
        ctx.search = None


def _search_index(ctx: Context) -> int:
    """Build the full-text search index in memory; the number of entities in it."""
    from graph.search.fulltext import SearchIndex

    ctx.search = SearchIndex.in_memory(ctx.kg.graph)
    return len(ctx.search)


def _search(ctx: Context) -> int:
    """Search :data:`SEARCH_WORDS` in the index the step before built; the number of hits."""
    if ctx.search is None:
        raise RuntimeError("no search index: the 'search index' step did not succeed")
    hits = ctx.search.search(SEARCH_WORDS, limit=10)
    if not hits:
        raise RuntimeError(f"searching {SEARCH_WORDS!r} found nothing")
    return len(hits)


def _fresh_export(ctx: Context) -> None:
    """An empty export folder; the views and index kept so far are let go (the export
    projects its own, and the named queries after it run as they did before)."""
    _forget_graph_work(ctx)
    folder = ctx.workdir / "export"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()


def _export(ctx: Context) -> int:
    """Everything a snapshot holds (all formats, views, maps, manifest); the files written."""
    from graph.export.snapshot import write_export

    return len(write_export(ctx.kg, ctx.workdir / "export"))


STORE_STEPS: list[Step] = [
    Step("load", _load, _fresh),
    Step("reopen", _reopen, _close_for_reopen),
    Step("validate", _validate, _forget_report),
    Step("validate unchanged", _validate_unchanged),
    Step("label and name index", _name_index),
    *(_view_step(name) for name in VIEWS),
    Step("path hub to topic", _path),
    Step("centrality betweenness", _centrality),
    Step("map full", _map, _forget_map),
    Step("search index", _search_index, _forget_search),
    Step(f"search {SEARCH_WORDS}", _search),
    Step("full export", _export, _fresh_export),
]


# --------------------------------------------------------------------------- baselines


def _baseline_load(ctx: Context) -> None:
    if ctx.target == "rdflib":
        from rdflib import Graph

        ctx.graph = Graph()
        for path in ctx.files():
            ctx.graph.parse(path, format="turtle")
        return
    import pyoxigraph as ox

    ctx.store = ox.Store()
    for path in ctx.files():
        ctx.store.load(path=str(path), format=ox.RdfFormat.TURTLE)


def _baseline_drop(ctx: Context) -> None:
    ctx.graph = ctx.store = None
    gc.collect()


def _baseline_validate(ctx: Context) -> int:
    if ctx.target != "rdflib":
        raise Skip
    from pyshacl import validate

    from graph.validate.validation import shapes_graph

    conforms, _, _ = validate(
        ctx.graph,
        shacl_graph=shapes_graph("all"),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return int(conforms)


BASELINE_STEPS: list[Step] = [
    Step("load", _baseline_load, _baseline_drop),
    Step("validate", _baseline_validate),
]


# --------------------------------------------------------------------------- queries


def _params(query: Any) -> dict[str, str]:
    return {
        p.name: REQUIRED[p.name]
        for p in query.parameters
        if p.default is None and p.name in REQUIRED
    }


def _with_timeout(work: Callable[[], Any], seconds: float) -> Any:
    """Run ``work`` in a thread; stop Python code that runs past ``seconds``."""
    import ctypes

    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread.ident or 0), ctypes.py_object(TimeoutError)
        )
        thread.join(5)
        raise TimeoutError(f"stopped after {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _query_step(name: str) -> Step:
    def bind(ctx: Context) -> None:
        # the baselines get the same RDF terms our stores bind, resolved once, untimed
        from graph.query.catalogue import get_query

        if ctx.target in STORES or name in ctx.bindings:
            return
        if ctx.reference is None:
            import graph

            ctx.reference = graph.load(store="memory")
        query = get_query(name)
        params = _params(query)
        if not any(p.default is None and p.name not in params for p in query.parameters):
            ctx.bindings[name] = ctx.reference.bind(query, params)

    def run(ctx: Context) -> int:
        from graph.query.catalogue import get_query
        from graph.rdf.namespaces import PREFIXES

        query = get_query(name)
        params = _params(query)
        if any(p.default is None and p.name not in params for p in query.parameters):
            raise Skip
        if ctx.target in STORES:
            return len(ctx.kg.query(name, timeout=ctx.timeout, **params).rows)
        bindings = ctx.bindings[name]
        if ctx.target == "rdflib":

            def evaluate() -> int:
                result = ctx.graph.query(query.text, initNs=PREFIXES, initBindings=bindings)
                return len(list(result))

            return int(_with_timeout(evaluate, ctx.timeout))
        from graph.query.binding import with_values

        def evaluate_natively() -> int:
            solutions = ctx.store.query(with_values(query.text, bindings), prefixes=PREFIXES)
            return len([[term for term in solution] for solution in solutions])

        # a query inside Oxigraph cannot be interrupted: past the time limit it is left to
        # finish in its thread and reported as a timeout
        return int(_with_timeout(evaluate_natively, ctx.timeout))

    return Step(f"query {name}", run, bind)


def query_steps(only: list[str] | None = None) -> list[Step]:
    """One step per named query (or per name in ``only``)."""
    from graph.kg import KnowledgeGraph

    names = [q.name for q in KnowledgeGraph.queries()]
    return [_query_step(n) for n in names if not only or n in only]


# --------------------------------------------------------------------------- measuring


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


def measure(step: Step, ctx: Context, runs: int, budget: float) -> dict[str, Any]:
    """Median seconds, every run, and peak memory above the start (MiB) of one step."""
    times: list[float] = []
    peak = 0
    value: Any = None
    for _ in range(runs):
        if step.setup is not None:
            step.setup(ctx)
        gc.collect()
        before = _status("VmRSS")
        _reset_peak()
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
        if sum(times) > budget:
            break
    return {
        "step": step.name,
        "status": "ok",
        "seconds": statistics.median(times),
        "runs": times,
        "peak_mib": round(peak / 2**20, 1),
        "value": value,
    }


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
            print(f"  {target:<13} {step.name:<40} {_cell(result)}", file=sys.stderr, flush=True)
            if step.name == "load" and result["status"] != "ok":
                break
        _drop(ctx) if target in STORES else _baseline_drop(ctx)
    return results


def _worker(args: argparse.Namespace) -> int:
    results = run_target(
        args.worker, Path(args.file), args.runs, args.budget, args.timeout, args.queries, args.skip
    )
    Path(args.worker_out).write_text(json.dumps(results), encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # do not wait for a timed-out query still running inside Oxigraph


# --------------------------------------------------------------------------- reporting


def _cell(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    if result["status"] != "ok":
        return result["status"]
    seconds = result["seconds"]
    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    return f"{text} ({result['peak_mib']:.0f} MiB)"


def _ratio(ours: dict[str, Any] | None, base: dict[str, Any] | None) -> str:
    if not ours or not base or ours["status"] != "ok" or base["status"] != "ok":
        return ""
    if base["seconds"] <= 0:
        return ""
    return f"{ours['seconds'] / base['seconds']:.2f}×"


def ratios(size: dict[str, Any]) -> list[dict[str, Any]]:
    """Each store's median as a ratio to each baseline, step by step.

    A cell is empty unless both sides have a figure: steps only our stores take (views,
    search, export...) have a row of empty cells.
    """
    rows = []
    by = {t: {r["step"]: r for r in results} for t, results in size["targets"].items()}
    for step in size["steps"]:
        row = {"step": step}
        for store in STORES:
            for base in BASELINES:
                row[f"{store}/{base}"] = _ratio(
                    by.get(store, {}).get(step), by.get(base, {}).get(step)
                )
        rows.append(row)
    return rows


def markdown(report: dict[str, Any]) -> str:
    """The tables of ``report`` between the bench markers: one row per step, one column per
    target (empty where a target has no such step), then the ratios of the steps that have any."""
    head = (
        f"Measured {report['date']} on {report['machine']} (Python {report['python']}, "
        f"commit {report.get('commit', 'unknown')}, median of up to {report['runs']} runs; "
        "peak memory above the process's size before the step)."
    )
    lines = [START, "", head, ""]
    names = {
        "memory": "memory",
        "oxigraph": "oxigraph",
        "oxigraph-dir": "oxigraph:DIR",
        "rdflib": "plain rdflib",
        "pyoxigraph": "plain pyoxigraph",
    }
    for size in report["sizes"]:
        targets = [t for t in (*STORES, *BASELINES) if t in size["targets"]]
        by = {t: {r["step"]: r for r in size["targets"][t]} for t in targets}
        own = (size.get("date"), size.get("runs"), size.get("commit"))
        lines += [f"### {size['size']}: {size['triples']:,} triples", ""]
        if "date" in size and own != (report["date"], report["runs"], report.get("commit")):
            lines += [
                f"Measured {size['date']} (commit {size.get('commit', 'unknown')}), median "
                f"of up to {size['runs']} runs.",
                "",
            ]
        lines += [
            "| step | " + " | ".join(names[t] for t in targets) + " |",
            "|---|" + "---|" * len(targets),
        ]
        for step in size["steps"]:
            lines.append(
                f"| {step} | " + " | ".join(_cell(by[t].get(step)) for t in targets) + " |"
            )
        stores = [s for s in STORES if s in targets]
        bases = [b for b in BASELINES if b in targets]
        if stores and bases:
            pairs = [(s, b) for s in stores for b in bases]
            lines += [
                "",
                f"Ratios at {size['size']} (ours ÷ baseline; below 1 is faster):",
                "",
                "| step | " + " | ".join(f"{names[s]} ÷ {names[b]}" for s, b in pairs) + " |",
                "|---|" + "---|" * len(pairs),
            ]
            for row in ratios(size):
                cells = [row[f"{s}/{b}"] for s, b in pairs]
                if any(cells):
                    lines.append(f"| {row['step']} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_markdown(path: Path, report: dict[str, Any]) -> Path:
    """Put the tables between the bench markers of ``path``, keeping the rest of the page."""
    from graph.atomic import write_text

    table = markdown(report)
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            tail = rest.split(END, 1)[1]
            return write_text(path, head + table + tail)
        return write_text(path, text.rstrip() + "\n\n" + table + "\n")
    return write_text(path, "# Benchmarks\n\n" + table + "\n")


# --------------------------------------------------------------------------- main


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


def run(args: argparse.Namespace) -> dict[str, Any]:
    from graph.rdf.loading import default_files

    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "runs": args.runs,
        "commit": _commit(),
        "sizes": [],
    }
    for size in args.sizes:
        synthetic = _synthetic(size, args.seed, args.data_dir)
        entry: dict[str, Any] = {
            "size": size,
            "file": synthetic.name,
            "runs": args.runs,
            "date": report["date"],
            "commit": report["commit"],
            "triples": _count([*default_files(), synthetic]),
            "targets": {},
            "steps": [],
        }
        print(f"{size}: {entry['triples']:,} triples", file=sys.stderr, flush=True)
        for target in [*args.stores, *args.baselines]:
            with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
                out_path = Path(out.name)
            command = [
                sys.executable,
                __file__,
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
            entry["targets"][target] = results
        entry["steps"] = _step_order(entry["targets"])
        entry["ratios"] = ratios(entry)
        report["sizes"].append(entry)
    return report


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


def keep_sizes(report: dict[str, Any], earlier: dict[str, Any]) -> dict[str, Any]:
    """``report`` with what ``earlier`` measured and it did not: whole sizes, or targets of a
    size both measured (this run's figures win), in size order.

    >>> keep_sizes({"sizes": [{"size": "1m", "targets": {"oxigraph": []}}]},
    ...            {"sizes": [{"size": "10k"}, {"size": "1m", "targets": {"memory": []}}]})
    {'sizes': [{'size': '10k'}, {'size': '1m', 'targets': {'memory': [], 'oxigraph': []}, 'steps': [], 'ratios': []}]}
    """
    sizes = {entry["size"]: entry for entry in earlier.get("sizes", [])}
    for entry in report["sizes"]:
        before = sizes.get(entry["size"])
        if before is not None and "targets" in before:
            targets = {**before["targets"], **entry["targets"]}
            order = [t for t in (*STORES, *BASELINES) if t in targets]
            entry = {**entry, "targets": {t: targets[t] for t in order}}
            entry["steps"] = _step_order(entry["targets"])
            entry["ratios"] = ratios(entry)
        sizes[entry["size"]] = entry
    rank = {"10k": 0, "100k": 1, "1m": 2}
    return {**report, "sizes": sorted(sizes.values(), key=lambda e: rank.get(e["size"], 3))}


def _step_order(targets: dict[str, list[dict[str, Any]]]) -> list[str]:
    steps: list[str] = []
    for results in targets.values():
        steps += [r["step"] for r in results if r["step"] not in steps]
    return steps


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
        return _worker(args)
    report = run(args)
    if args.keep is not None:
        report = keep_sizes(report, json.loads(args.keep.read_text(encoding="utf-8")))
    from graph.atomic import write_text

    write_text(args.json, json.dumps(report, indent=1))
    write_markdown(args.out, report)
    print(f"wrote {args.out} and {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
