"""Oxigraph stores: in memory, and on disk in a folder kept in step with the source files.

The source files are read once (:func:`graph.store.written.load_sources`) into the store.
An ``oxigraph:DIR`` folder holds the database, the literals the store holds in another form
than written (``written.nt``) and a description of the files it was built from (names, sizes,
times, SHA-256): while they are unchanged it reopens in milliseconds, reading no source file;
otherwise it is rebuilt in a staging folder and renamed into place.

Oxigraph keeps each literal in a canonical form of its value: ``"3"^^xsd:positiveInteger``
is stored, and read back, as ``"3"^^xsd:integer``. Validation (:mod:`graph.validate.cache`)
and exports therefore read the graph as written (:func:`graph.store.written.as_written`).

Examples
--------
>>> g = oxigraph_graph()
>>> type(g.store).__name__, len(g)
('OxigraphStore', 0)
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.atomic import staged_directory, write_text
from graph.errors import StoreError
from graph.query.native import mark_on_disk
from graph.rdf.loading import default_files, expand_paths
from graph.rdf.namespaces import bind_prefixes
from graph.rdf.oxterms import oxigraph_converter
from graph.store.specs import StoreSpec, resolve_store
from graph.store.written import WrittenForms, load_sources, register

__all__ = [
    "load_oxigraph",
    "oxigraph_graph",
    "oxigraph_copy",
    "open_persistent",
    "source_files",
    "fingerprint",
    "release",
]

_DATABASE = "oxigraph"
_META = "hubspoke-store.json"
_WRITTEN = "written.nt"
#: Bump when the way a store folder is built changes: old folders are then rebuilt.
_LAYOUT = 2


def oxigraph_graph(ox_store: Any = None) -> Graph:
    """An rdflib graph on Oxigraph: a new in-memory database, or ``ox_store``."""

    # the default graph, so that the folder served by 'oxigraph serve' shows the same data
    store = OxigraphStore(store=ox_store) if ox_store is not None else OxigraphStore()
    return bind_prefixes(Graph(store=store, identifier=DATASET_DEFAULT_GRAPH_ID))


def load_oxigraph(paths: Sequence[Path], graph: Graph | None = None) -> Graph:
    """The RDF files ``paths``, each read once, on a new in-memory Oxigraph store (or into
    ``graph``'s default graph, on the Oxigraph store), with their literals as written kept
    (:func:`graph.store.written.written_forms`).

    >>> g = load_oxigraph(default_files())
    >>> from graph.store.written import written_forms
    >>> len(g) > 1000, len(written_forms(g)) > 0
    (True, True)
    """
    graph = graph if graph is not None else oxigraph_graph()
    forms, prefixes = load_sources(graph.store._inner, paths)  # type: ignore[attr-defined]
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=False)
    return register(graph, forms)


def source_files(extra: Sequence[str | Path] = ()) -> list[Path]:
    """The packaged ontology and data files, then ``extra`` (files or folders) expanded."""
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
        records.append(
            {
                "path": key,
                "name": path.name,
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "sha256": sha,
            }
        )
    return records


def _fingerprint_of(records: Sequence[dict[str, Any]]) -> str:

    digest = hashlib.sha256(f"layout {_LAYOUT} pyoxigraph {ox.__version__}\n".encode())
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
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


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
    """Load ``sources`` into a new database in ``staging``, keep their written forms beside
    it; return the prefixes they declare."""

    database = ox.Store(str(staging / _DATABASE))
    forms, prefixes = load_sources(database, sources, bulk=True)
    forms.save(staging / _WRITTEN)
    database.flush()
    # close the database before its folder is renamed into place
    del database
    gc.collect()
    return prefixes


def open_persistent(folder: Path, extra: Sequence[str | Path]) -> Graph:

    sources = source_files(extra)
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
        meta["files"] = records
        write_text(folder / _META, json.dumps(meta, indent=1, sort_keys=True))
    database = _open_database(folder, wanted)
    graph = oxigraph_graph(database)
    mark_on_disk(graph, str((folder / _DATABASE).resolve()))
    for prefix, ns in sorted(meta.get("prefixes", {}).items()):
        graph.bind(prefix, ns, override=False)
    return register(bind_prefixes(graph), WrittenForms.read(folder / _WRITTEN))


def oxigraph_copy(graph: Graph) -> Graph:
    """A copy of ``graph`` on a new in-memory Oxigraph store (for its SPARQL engine).

    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> len(oxigraph_copy(g)) == len(g)
    True
    """

    term = oxigraph_converter()
    database = ox.Store()
    database.bulk_extend(ox.Quad(term(s), term(p), term(o)) for s, p, o in graph)
    return oxigraph_graph(database)
