"""The steps ``scripts/bench.py`` measures: on our stores, on the two baselines, one per query.

Steps are lists of :class:`Step` (a name and a callable taking the :class:`Context`):
:data:`STORE_STEPS` for our stores and :data:`BASELINE_STEPS` for the baselines, each followed
by one step per named query (:func:`query_steps`). A step that does not apply to a target
raises :class:`Skip`; a step missing from a list leaves an empty cell in the table.

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
"""

from __future__ import annotations

import gc
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "BASELINES",
    "BASELINE_STEPS",
    "Context",
    "STORES",
    "STORE_STEPS",
    "Skip",
    "Step",
    "drop",
    "query_steps",
]

STORES = ("memory", "oxigraph", "oxigraph-dir")
BASELINES = ("rdflib", "pyoxigraph")
#: Values for query parameters that have no default.
REQUIRED = {"statement": "le2015:line-103", "phrase": "supervision"}
#: The views projected, one step each (graph/network/views.py:VIEW_NAMES; the smoke test checks).
VIEWS = ("full", "partnership", "learning", "topics", "models")
#: Ends of the path step, in the full view, relative to the synthetic and the data namespace:
#: the first hub organisation (benchkit/synthetic.py writes it at every size) and a packaged topic.
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
    #: The text of each named query as our stores run it (subclass paths in place).
    texts: dict[str, str] = field(default_factory=dict)
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
    """A named piece of work; ``setup`` runs before each run, outside the timing.
    ``processes``: it may fork (the machine's memory is measured too)."""

    name: str
    run: Callable[[Context], object]
    setup: Callable[[Context], object] | None = None
    processes: bool = False


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
        # the graph's view session keeps each projection: a new session projects it again
        # (the first run of each view, as a notebook's first call, is what is measured)
        ctx.kg._views = None

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
    Step("full export", _export, _fresh_export, processes=True),
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
        # the same SPARQL our stores run: "a <class>" takes the subclass path where we do
        from graph.query.subclasses import include_subclasses

        ctx.texts[name] = include_subclasses(query.text, ctx.reference.superclasses)

    def run(ctx: Context) -> int:
        from graph.query.catalogue import get_query
        from graph.rdf.namespaces import PREFIXES

        query = get_query(name)
        params = _params(query)
        if any(p.default is None and p.name not in params for p in query.parameters):
            raise Skip
        if ctx.target in STORES:
            # the same thread and time limit as the baselines get (a limit given to the query
            # itself would run it in a worker process, which the baselines do not pay for)
            return int(_with_timeout(lambda: len(ctx.kg.query(name, **params).rows), ctx.timeout))
        bindings = ctx.bindings[name]
        if ctx.target == "rdflib":

            def evaluate() -> int:
                result = ctx.graph.query(ctx.texts[name], initNs=PREFIXES, initBindings=bindings)
                return len(list(result))

            return int(_with_timeout(evaluate, ctx.timeout))
        from graph.query.binding import with_values

        def evaluate_natively() -> int:
            solutions = ctx.store.query(with_values(ctx.texts[name], bindings), prefixes=PREFIXES)
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


def drop(ctx: Context) -> None:
    """Let go of everything the steps of ``ctx``'s target hold."""
    if ctx.target in STORES:
        _drop(ctx)
    else:
        _baseline_drop(ctx)
