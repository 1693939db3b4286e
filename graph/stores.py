"""Where the graph lives: rdflib's memory, Oxigraph in memory or on disk, or a SPARQL endpoint.

A store is named by a short spec, given with ``--store`` or the ``HUBSPOKE_STORE``
environment variable:

``oxigraph``
    Oxigraph (through oxrdflib) in memory (the default): the same rdflib graph, with
    Oxigraph's SPARQL engine.
``memory``
    rdflib's own in-memory store.
``oxigraph:DIR``
    Oxigraph on disk in folder ``DIR``: built once, then reopened without parsing anything
    while the data files are unchanged (a fingerprint of them is kept in the folder).
``sparql:URL``
    Any SPARQL 1.1 endpoint: the graph is the named graph :data:`GRAPH_IRI` that
    ``hubspoke push`` wrote there.

Oxigraph keeps each literal in a canonical form of its value: ``"3"^^xsd:positiveInteger``
is stored, and read back, as ``"3"^^xsd:integer``. The SHACL shapes check datatypes as
written, so validation reads the source files into a store of its own that keeps them (see
:func:`validate_on_store`), and exports from an Oxigraph store are written from the source
files read again (:func:`exported_graph`).

Examples
--------
>>> parse_store("oxigraph:/tmp/hubspoke-store")
StoreSpec(kind='oxigraph', location='/tmp/hubspoke-store')
>>> str(parse_store("sparql:http://127.0.0.1:7878/query"))
'sparql:http://127.0.0.1:7878/query'
>>> parse_store("mongo")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.StoreError: unknown store 'mongo': use memory, oxigraph, oxigraph:DIR or sparql:URL
>>> g = load_on_store("oxigraph")
>>> type(g.store).__name__, len(g) > 1000
('OxigraphStore', True)
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from graph.errors import StoreError
from graph.loading import default_files, expand_paths, load_graph, parse_file
from graph.namespaces import bind_prefixes

__all__ = [
    "STORE_ENV",
    "DEFAULT_STORE",
    "GRAPH_IRI",
    "StoreSpec",
    "parse_store",
    "resolve_store",
    "using_store",
    "load_on_store",
    "release",
    "evaluates_sparql",
    "native_query",
    "fingerprint",
    "oxigraph_copy",
    "exported_graph",
    "validate_on_store",
]

#: Environment variable naming the store when ``--store`` is not given.
STORE_ENV = "HUBSPOKE_STORE"

#: The store used when neither ``--store`` nor :data:`STORE_ENV` names one.
DEFAULT_STORE = "oxigraph"

#: The named graph ``hubspoke push`` writes and ``sparql:URL`` reads.
GRAPH_IRI = URIRef("https://w3id.org/hubspoke/graph")

_KINDS = "use memory, oxigraph, oxigraph:DIR or sparql:URL"
#: The Oxigraph database and the description of what it holds, inside a store folder.
_DATABASE = "oxigraph"
_META = "hubspoke-store.json"
#: Bump when the way a store folder is built changes: old folders are then rebuilt.
_LAYOUT = 1


@dataclass(frozen=True)
class StoreSpec:
    """A parsed store spec: ``kind`` is memory, oxigraph or sparql; ``location`` a folder or URL."""

    kind: str
    location: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.location}" if self.location else self.kind

    @property
    def persistent(self) -> bool:
        """True for an Oxigraph store on disk."""
        return self.kind == "oxigraph" and bool(self.location)


def parse_store(text: str) -> StoreSpec:
    """Parse a store spec (``memory``, ``oxigraph``, ``oxigraph:DIR``, ``sparql:URL``).

    >>> parse_store("sparql:ftp://x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.StoreError: store 'sparql:ftp://x': the endpoint must be an http:// or https:// URL...
    """
    raw = text.strip()
    kind, sep, rest = raw.partition(":")
    kind = kind.lower()
    if kind == "memory" and not sep:
        return StoreSpec("memory")
    if kind == "oxigraph":
        if sep and not rest.strip():
            raise StoreError(f"store {raw!r}: give the folder after 'oxigraph:', e.g. oxigraph:.hubspoke-store")
        return StoreSpec("oxigraph", str(Path(rest.strip()).expanduser()) if rest.strip() else "")
    if kind == "sparql":
        if not rest.startswith(("http://", "https://")):
            raise StoreError(
                f"store {raw!r}: the endpoint must be an http:// or https:// URL, "
                "e.g. sparql:http://127.0.0.1:7878/query"
            )
        return StoreSpec("sparql", rest)
    raise StoreError(f"unknown store {raw!r}: {_KINDS}")


def resolve_store(spec: str | StoreSpec | None = None) -> StoreSpec:
    """The store to use: ``spec`` if given, else :data:`STORE_ENV`, else :data:`DEFAULT_STORE`.

    >>> resolve_store("oxigraph").kind
    'oxigraph'
    """
    if isinstance(spec, StoreSpec):
        return spec
    return parse_store(spec or os.environ.get(STORE_ENV) or DEFAULT_STORE)


@contextmanager
def using_store(spec: str | None) -> Iterator[StoreSpec | None]:
    """Within the block, :func:`resolve_store` (and so ``graph.load``) picks ``spec``.

    ``None`` changes nothing. The spec is checked first (:class:`StoreError` if wrong).

    >>> with using_store("oxigraph"):
    ...     resolve_store().kind
    'oxigraph'
    """
    if spec is None:
        yield None
        return
    store = parse_store(spec)
    before = os.environ.get(STORE_ENV)
    os.environ[STORE_ENV] = str(store)
    try:
        yield store
    finally:
        if before is None:
            os.environ.pop(STORE_ENV, None)
        else:
            os.environ[STORE_ENV] = before


def evaluates_sparql(graph: Graph) -> bool:
    """True when ``graph``'s store runs SPARQL itself (Oxigraph, a remote endpoint).

    >>> evaluates_sparql(Graph())
    False
    """
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from graph.fastparse import is_oxigraph

    return is_oxigraph(graph) or isinstance(graph.store, SPARQLStore)


# --------------------------------------------------------------------------- Oxigraph


def _oxigraph_graph(ox_store: Any = None) -> Graph:
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    # the default graph, so that the folder served by 'oxigraph serve' shows the same data
    store = OxigraphStore(store=ox_store) if ox_store is not None else OxigraphStore()
    return bind_prefixes(Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID))


def _sources(extra: Sequence[str | Path]) -> list[Path]:
    return [*default_files(), *expand_paths(extra)]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_records(paths: Sequence[Path], known: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Name, size, time and hash of each file; a hash is reused while size and time match."""
    records = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError as exc:
            raise StoreError(f"{path}: {exc.strerror or exc} - check the path") from None
        key = str(path.resolve())
        old = known.get(key)
        if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
            sha = old["sha256"]
        else:
            sha = _sha256(path)
        records.append({"path": key, "name": path.name, "size": stat.st_size,
                        "mtime_ns": stat.st_mtime_ns, "sha256": sha})
    return records


def _fingerprint_of(records: Sequence[dict[str, Any]]) -> str:
    import pyoxigraph

    digest = hashlib.sha256(f"layout {_LAYOUT} pyoxigraph {pyoxigraph.__version__}\n".encode())
    for record in records:
        digest.update(f"{record['name']} {record['sha256']}\n".encode())
    return digest.hexdigest()


def fingerprint(paths: Sequence[Path]) -> str:
    """A hash of the files' names and contents (and of the store layout): equal means unchanged.

    >>> fingerprint(default_files()) == fingerprint(default_files())
    True
    """
    return _fingerprint_of(_file_records(list(paths), {}))


def _read_meta(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check_replaceable(folder: Path, meta: dict[str, Any] | None) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"store folder {folder} is a file - give a folder for oxigraph:DIR")
    if folder.is_dir() and meta is None and any(folder.iterdir()):
        raise StoreError(
            f"store folder {folder} holds files that are not a hubspoke store - "
            "give an empty or new folder for oxigraph:DIR"
        )


#: Databases this process has open, by folder, with the fingerprint they were opened at: a
#: database folder can be opened once per process, so a second load shares the first.
_OPEN: dict[str, tuple[str, Any]] = {}


def release(spec: str | StoreSpec) -> None:
    """Let go of this process's open database of an ``oxigraph:DIR`` store.

    The database closes once no graph uses it any more; the next load opens it again.
    """
    store = resolve_store(spec)
    if store.persistent:
        _OPEN.pop(str(Path(store.location).resolve()), None)
        gc.collect()


def _open_database(folder: Path, wanted: str) -> Any:
    import pyoxigraph as ox

    key = str(folder.resolve())
    if key in _OPEN and _OPEN[key][0] == wanted:
        return _OPEN[key][1]
    path = str(folder / _DATABASE)
    try:
        database = ox.Store(path)
        _OPEN[key] = (wanted, database)
        return database
    except OSError as exc:
        if "lock" not in str(exc).lower():
            raise StoreError(f"store folder {folder}: cannot open the database ({exc})") from None
    # another process has it open for writing: share it read-only
    try:
        return ox.Store.read_only(path)
    except OSError as exc:
        raise StoreError(
            f"store folder {folder} is in use by another process and cannot be read ({exc}) - "
            "stop that process or use another folder"
        ) from None


def _build_database(staging: Path, sources: Sequence[Path]) -> dict[str, str]:
    """Load ``sources`` into a new database in ``staging``; return the prefixes they declare."""
    import pyoxigraph as ox

    database = ox.Store(str(staging / _DATABASE))
    graph = _oxigraph_graph(database)
    for path in sources:
        parse_file(graph, path, bulk=True)
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    database.flush()
    # close the database before its folder is renamed into place
    graph.close()
    del graph, database
    gc.collect()
    return prefixes


def _open_persistent(folder: Path, extra: Sequence[str | Path]) -> Graph:
    from graph.atomic import staged_directory, write_text

    sources = _sources(extra)
    meta = _read_meta(folder)
    known = {r["path"]: r for r in (meta or {}).get("files", [])}
    records = _file_records(sources, known)
    wanted = _fingerprint_of(records)
    if not (meta and meta.get("fingerprint") == wanted and (folder / _DATABASE).is_dir()):
        _check_replaceable(folder, meta)
        # a database of this folder open in this process is out of date: let it go
        _OPEN.pop(str(folder.resolve()), None)
        gc.collect()
        with staged_directory(folder, replace=True) as staging:
            prefixes = _build_database(staging, sources)
            meta = {"fingerprint": wanted, "files": records, "prefixes": prefixes}
            write_text(staging / _META, json.dumps(meta, indent=1, sort_keys=True))
    elif records != meta.get("files"):  # same contents, touched files: remember new times
        from graph.atomic import write_text

        meta["files"] = records
        write_text(folder / _META, json.dumps(meta, indent=1, sort_keys=True))
    graph = _oxigraph_graph(_open_database(folder, wanted))
    for prefix, ns in sorted(meta.get("prefixes", {}).items()):
        graph.bind(prefix, ns, override=False)
    return bind_prefixes(graph)


# --------------------------------------------------------------------------- any store


def load_on_store(spec: str | StoreSpec | None = None, extra: Sequence[str | Path] = ()) -> Graph:
    """The packaged ontology and data (plus ``extra``) as an rdflib graph on the given store.

    Parameters
    ----------
    spec : str or StoreSpec, optional
        The store (default: :data:`STORE_ENV`, else :data:`DEFAULT_STORE`).
    extra : sequence of paths
        More RDF files or folders. A ``sparql:URL`` store holds what ``hubspoke push`` wrote,
        so it takes none.

    Raises
    ------
    StoreError
        The spec is wrong, the folder cannot be used or the endpoint cannot be reached.
    DataFileError
        A data file cannot be parsed.
    """
    store = resolve_store(spec)
    if store.kind == "memory":
        return load_graph(extra)
    if store.kind == "oxigraph" and not store.location:
        return load_graph(extra, graph=_oxigraph_graph())
    if store.kind == "oxigraph":
        return _open_persistent(Path(store.location), extra)
    if extra:
        raise StoreError(
            f"store {store} holds the graph that 'hubspoke push' wrote there - push the extra "
            f"files with 'hubspoke push {store.location} PATH ...' and query without them"
        )
    from graph.remote import EndpointStore

    graph = Graph(store=EndpointStore(store.location), identifier=GRAPH_IRI)
    return bind_prefixes(graph)


def native_query(graph: Graph, text: str) -> Any:
    """Run the query ``text`` with the SPARQL engine of ``graph``'s store (Oxigraph, endpoint).

    On Oxigraph the query goes straight to pyoxigraph and each distinct term of the answer is
    turned into an rdflib term once (oxrdflib rebuilds every term of every row).
    Returns an rdflib :class:`~rdflib.query.Result`.
    """
    from graph.fastparse import is_oxigraph
    from graph.namespaces import PREFIXES

    if not is_oxigraph(graph):
        return graph.query(text, initNs=PREFIXES)
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.query import Result
    from rdflib.term import BNode, Variable

    from graph.oxterms import rdflib_converter

    ident = graph.identifier
    default = (ox.DefaultGraph() if ident == DATASET_DEFAULT_GRAPH_ID
               else ox.BlankNode(str(ident)) if isinstance(ident, BNode)
               else ox.NamedNode(str(ident)))
    answer = graph.store._inner.query(  # type: ignore[attr-defined]
        text, default_graph=default, prefixes=dict(PREFIXES)
    )
    term = rdflib_converter()
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        names = [Variable(v.value) for v in answer.variables]
        result.vars = names
        result.bindings = [
            {name: term(value) for name, value in zip(names, solution) if value is not None}
            for solution in answer
        ]
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        for triple in answer:
            result.graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return result


# --------------------------------------------------------------------------- validation


def oxigraph_copy(graph: Graph) -> Graph:
    """A copy of ``graph`` on a new in-memory Oxigraph store (for its SPARQL engine).

    >>> from graph.loading import load_graph
    >>> g = load_graph()
    >>> len(oxigraph_copy(g)) == len(g)
    True
    """
    import pyoxigraph as ox

    from graph.oxterms import oxigraph_converter

    term = oxigraph_converter()
    database = ox.Store()
    database.bulk_extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    return _oxigraph_graph(database)



def exported_graph(graph: Graph, store: str | StoreSpec, extra: Sequence[str | Path] = ()) -> Graph:
    """The graph an export writes: ``graph``, or on a local Oxigraph store its sources read
    into rdflib's memory, datatypes as written (unless the graph no longer has as many triples
    as its sources: then it was changed in memory, and is written as it is).

    >>> g = load_on_store("oxigraph")
    >>> len(exported_graph(g, "oxigraph")) == len(g), type(exported_graph(g, "oxigraph").store).__name__
    (True, 'Memory')
    """
    spec = resolve_store(store)
    if spec.kind != "oxigraph":
        return graph
    sources = load_graph(extra)
    # a graph changed in memory since it was loaded is written as it is now
    return sources if len(sources) == len(graph) else graph


def _validation_key(store: StoreSpec, extra: Sequence[str | Path], warnings: bool,
                    engine: str) -> str:
    from importlib.metadata import version

    from graph.resources import qc_query_files, shape_files

    checks = [*shape_files("all"), *qc_query_files()]
    parts = [fingerprint(_sources(extra)), fingerprint(checks), f"warnings={warnings}",
             f"engine={engine}"]
    parts += [f"{name} {version(name)}" for name in ("pyshacl", "pyoxigraph", "rdflib", "hubspoke")]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def validate_on_store(
    graph: Graph,
    store: str | StoreSpec,
    extra: Sequence[str | Path] = (),
    *,
    warnings: bool = True,
    engine: str = "sparql",
) -> Any:
    """Validate the graph on ``store`` (loaded from the packaged data and ``extra``).

    Validation runs on an in-memory Oxigraph copy of the data that keeps the datatypes as
    written (:mod:`graph.validation_store`): on ``memory`` a copy of ``graph``, on the other
    stores the source files read again (Oxigraph shows ``xsd:positiveInteger`` values as
    ``xsd:integer``, so the store itself cannot say what was written). With the ``pyshacl``
    engine the shapes run on rdflib's memory: ``graph`` itself on ``memory``, the source files
    read into it on the other stores. On ``oxigraph:DIR`` the report is kept in the folder and
    reused while the data, the shapes and the QC queries are unchanged. On ``sparql:URL`` the
    local files are validated: they are what ``hubspoke push`` sends, and push sends only a
    graph without violations.
    """
    from graph.errors import UnsupportedShape
    from graph.validation import ValidationReport, validate
    from graph.validation_store import store_from_files, store_from_graph

    spec = resolve_store(store)
    if spec.kind == "memory":
        return validate(graph, warnings=warnings, engine=engine,
                        database=store_from_graph(graph))
    cache: Path | None = None
    if spec.persistent:
        key = _validation_key(spec, extra, warnings, engine)
        cache = Path(spec.location) / f"validation-{key[:16]}.json"
        try:
            return _report_from_json(cache.read_text(encoding="utf-8"), ValidationReport)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    sources = _sources(extra)
    database = store_from_files(sources)
    data = load_graph(extra) if engine == "pyshacl" else None
    try:
        report = validate(data, warnings=warnings, engine=engine, database=database)
    except UnsupportedShape:  # pySHACL needs the data as an rdflib graph
        report = validate(load_graph(extra), warnings=warnings, engine=engine, database=database)
    if cache is not None:
        from graph.atomic import write_text

        for old in cache.parent.glob("validation-*.json"):
            old.unlink(missing_ok=True)
        write_text(cache, _report_to_json(report))
    return report


def _report_to_json(report: Any) -> str:
    from dataclasses import asdict

    return json.dumps({"violations": [asdict(p) for p in report.violations],
                       "warnings": [asdict(p) for p in report.warnings]}, indent=1)


def _report_from_json(text: str, report_class: Any) -> Any:
    from graph.validation import Problem

    data = json.loads(text)
    return report_class(violations=[Problem(**p) for p in data["violations"]],
                        warnings=[Problem(**p) for p in data["warnings"]])
