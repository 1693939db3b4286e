"""Write a snapshot: the graph in every format, its views, its maps and a manifest, kept safe.

A snapshot is a folder ``<root>/<UTC timestamp>[-tag]/`` (``20261128T103000Z-after-curation``)
written into a temporary sibling folder and renamed into place only when complete:

- an existing snapshot is never overwritten (:class:`SnapshotError`, nothing written);
- an export that fails or is interrupted part-way leaves nothing behind;
- two exports at once write into separate temporary folders; if both want the same name,
  the rename lets one win and the other fails with :class:`SnapshotError`.

Everything, the SQLite database ``hubspoke.db`` included (:mod:`graph.export.database`), is
made from the graph after redaction for the audience
(:func:`graph.privacy.redact`), and the written files are searched for anything
withheld (:mod:`graph.export.withheld`) before the folder is renamed into place.

Examples
--------
>>> import tempfile, pathlib
>>> from datetime import datetime, timezone
>>> from graph.kg import load
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> when = datetime(2026, 11, 28, 10, 30, tzinfo=timezone.utc)
>>> folder = export_snapshot(load(), root, tag="demo", views=["models"], maps=False, now=when)
>>> folder.name
'20261128T103000Z-demo'
>>> sorted(p.name for p in folder.iterdir())  # doctest: +NORMALIZE_WHITESPACE
['README.md', 'SHA256SUMS', 'graph.jsonld', 'graph.nt', 'graph.ttl', 'hubspoke.db',
 'manifest.json', 'metadata.json', 'ontology.html', 'views']
>>> [s.tag for s in list_snapshots(root)]
['demo']
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.atomic import staged_directory, write_text
from graph.errors import SnapshotError
from graph.export.aside import discard, forked, start
from graph.export.database import write_database
from graph.export.gexf import map_positions
from graph.export.manifest import (
    README,
    hash_files,
    make_manifest,
    read_manifest,
    readme_text,
    repository_commit,
    write_manifest,
)
from graph.export.networks import view_counts, write_views
from graph.export.ontology_docs import ONTOLOGY_DOCS, write_ontology_docs
from graph.export.rdf import NTRIPLES, RDF_FILES, write_rdf, write_rdf_from_ntriples
from graph.export.triples import canonical_triples, source_triples
from graph.export.withheld import refuse_leaks
from graph.kg import KnowledgeGraph
from graph.maps import read_ahead, write_standard_maps
from graph.network.session import ViewSession
from graph.privacy.policy import DEFAULT_AUDIENCE, AudiencePolicy, check_audience
from graph.privacy.triples import redact_triples
from graph.progress import task
from graph.query.native import on_disk
from graph.store.oxigraph import oxigraph_graph
from graph.store.written import fill

__all__ = [
    "MAPS_FOLDER",
    "SNAPSHOTS_DIR",
    "SnapshotInfo",
    "check_tag",
    "export_snapshot",
    "list_snapshots",
    "prepare",
    "snapshot_name",
    "visible_triples",
    "write_export",
    "write_latest",
    "write_maps",
]

#: Where ``hubspoke export`` writes snapshots, relative to the working directory.
SNAPSHOTS_DIR = Path("exports") / "snapshots"

#: The folder of a snapshot holding the maps and their index.
MAPS_FOLDER = "maps"

_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_NAME = re.compile(r"(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<tag>.+))?")


def check_tag(tag: str | None) -> str | None:
    """Return ``tag`` if it can be part of a folder name, else raise :class:`SnapshotError`.

    >>> check_tag("after curation")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.SnapshotError: tag 'after curation' may hold only letters, digits, ...
    """
    if tag is not None and not _TAG.fullmatch(tag):
        raise SnapshotError(
            f"tag {tag!r} may hold only letters, digits, '.', '_' and '-', start with a letter "
            "or digit and be at most 64 characters - e.g. 'after-curation'"
        )
    return tag


def snapshot_name(created: datetime, tag: str | None = None) -> str:
    """The folder name of a snapshot made at ``created`` (converted to UTC) with ``tag``.

    >>> snapshot_name(datetime(2026, 11, 28, 10, 30, tzinfo=UTC), "before")
    '20261128T103000Z-before'
    """
    stamp = created.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{check_tag(tag)}" if tag else stamp


def visible_triples(
    kg: KnowledgeGraph, audience: str = DEFAULT_AUDIENCE, policy: AudiencePolicy | None = None
) -> list[Any]:
    """The triples ``audience`` may see, canonical (Oxigraph triples, sorted).

    The audience rule is :class:`graph.privacy.policy.AudiencePolicy` worked out on
    ``kg.graph`` (or ``policy``, worked out already). A graph on an Oxigraph store is exported
    as it is now, each literal as the sources wrote it
    (:func:`graph.export.triples.source_triples`): Oxigraph keeps literals in canonical form
    (``"3"^^xsd:positiveInteger`` reads back as an ``xsd:integer``), and an export says what
    the sources say.
    """
    policy = policy or AudiencePolicy.of(kg.graph, audience)
    return canonical_triples(redact_triples(source_triples(kg.graph), policy))


def prepare(kg: KnowledgeGraph, audience: str = DEFAULT_AUDIENCE) -> KnowledgeGraph:
    """The graph ``audience`` may see, with canonical blank nodes, as a new knowledge graph
    on an in-memory Oxigraph store (views and maps are projected from it)."""
    return _visible_graph(kg, visible_triples(kg, audience))


def _visible_graph(kg: KnowledgeGraph, triples: Sequence[Any]) -> KnowledgeGraph:
    import pyoxigraph as ox

    database = ox.Store()
    fill(database, (ox.Quad(t.subject, t.predicate, t.object) for t in triples))
    return KnowledgeGraph(oxigraph_graph(database), list(kg.extra), "oxigraph")


def write_maps(kg: KnowledgeGraph, folder: Path, *, consume: bool = False) -> list[Path]:
    """Integration point with the maps: write every standard map and the index into ``folder``.

    Calls :func:`graph.maps.write_standard_maps` with the (already redacted) graph (and
    ``consume``: the maps may change the session's views) and returns the files written.
    """

    return list(write_standard_maps(kg, Path(folder), consume=consume))


def _tabulate(
    visible: KnowledgeGraph, folder: Path, withheld: re.Pattern[str] | None, audience: str
) -> list[Path]:
    """The export's database (of ``visible``), searched for ``withheld`` (what no file may
    hold); returns the files written."""
    written = write_database(visible, folder)
    refuse_leaks(written, withheld, folder, audience)
    return written


def _withheld_meanwhile(
    source: Graph, policy: AudiencePolicy
) -> Callable[[], re.Pattern[str] | None]:
    """What no file of the export may hold (:meth:`AudiencePolicy.leak_pattern` of the
    ``source`` graph), worked out in a second process (where there is one to fork) while this
    one reads the graph for the export, its other core idle: the function returned waits
    for it. A graph on disk is read here (never in a fork).

    Only this short-lived process reads the source graph besides this one: reading an
    in-memory Oxigraph store writes to its pages, so a process forked from one that reads it
    holds a copy of what was read (a scan of a 1M-triple store, 250 MB), and the export's
    longer-lived processes (the database's, the maps') are never handed it.
    """
    if on_disk(source):
        pattern = policy.leak_pattern(source)
        return lambda: pattern
    return start(partial(policy.leak_pattern, source))


def _letting_go(session: ViewSession, projected: dict[str, Any]) -> Callable[[str], None]:
    """What the export does once a view's files are written: it lets go of the view (from
    ``projected`` and ``session``), and its memory is freed while the maps are drawn in
    another process. A view both processes read is held twice (each writes to the pages it
    reads); the export's process needs only the views' counts afterwards."""

    def let_go(name: str) -> None:
        projected.pop(name, None)
        session.forget(name)  # emptied, its memory given back

    return let_go


def _draw(visible: KnowledgeGraph, folder: Path) -> list[Path]:
    """The export's maps, drawn in a process of their own. In a forked process they may
    change the session's views for themselves instead of copying them
    (:func:`graph.export.aside.forked`); run in this process, they copy."""
    return write_maps(visible, folder / MAPS_FOLDER, consume=forked())


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while an export builds millions of small objects.

    Each view, row and triple is a new object; every so many the collector walks all objects
    alive, and a national-scale export spent a third of its time there (views at 1M triples:
    48 s with it, 28 s without). What an export makes is freed by reference counting; the
    collector runs again, as before, once the export ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_export(
    kg: KnowledgeGraph,
    folder: Path,
    *,
    audience: str = DEFAULT_AUDIENCE,
    tag: str | None = None,
    created: datetime | None = None,
    views: Sequence[str] | None = None,
    maps: bool = True,
    hash_also: Iterable[Path] = (),
) -> list[Path]:
    """Write everything a snapshot holds for ``audience`` into the existing ``folder``.

    ``views`` limits the network views (default: all) and ``maps=False`` leaves the maps
    out. ``hash_also`` names files already in ``folder`` that the manifest should cover too
    (they are not searched for withheld items: their writer answers for them). Returns the
    paths written, manifest last.

    Raises
    ------
    SnapshotError
        A written file holds something withheld from ``audience`` (a bug in a writer); the
        caller must not publish ``folder``.
    """
    check_audience(audience)
    check_tag(tag)
    folder = Path(folder)
    with _cycle_collector_paused(), task("Exporting", total=9) as progress:
        policy = AudiencePolicy.of(kg.graph, audience)
        withholding = _withheld_meanwhile(kg.graph, policy)
        try:
            progress("reading the graph")
            triples = visible_triples(kg, audience, policy)
            withheld = withholding()
        except BaseException:
            discard(withholding)
            raise
        visible = _visible_graph(kg, triples)
        progress("writing N-Triples")
        written = write_rdf(triples, folder, canonical=True, names=[NTRIPLES])
        count = len(triples)
        del triples  # held once (and before any fork, which would keep them): the store has them
        # the display labels, read here once: the database's process, the views and the
        # maps' process share this table (each process would otherwise read its own)
        _ = visible.labels
        # the database needs only the visible store: written in a second process (where
        # there is one to fork), started as soon as the triples are dropped, so that it ends
        # before this one holds every view
        tabling = start(partial(_tabulate, visible, folder, withheld, audience))
        drawing: Callable[[], list[Path]] = list  # no maps: nothing to wait for
        try:
            progress("writing Turtle and JSON-LD")  # from graph.nt, read back a triple at a time
            written += write_rdf_from_ntriples(folder, RDF_FILES)
            written.sort(key=lambda path: list(RDF_FILES).index(path.name))
            progress("projecting the views")
            # one session: the maps and the GEXF files share what the views read
            session = visible.view_session()
            projected = session.projected_views(views)
            counts = view_counts(projected)
            # read before the maps' process is forked, which then reads the store no more
            # (what either process reads of it after the fork is held twice)
            entities = visible.counts()
            if maps:  # drawn in a second process (where there is one to fork) meanwhile
                for view in projected.values():
                    map_positions(view)  # laid out once, here: for the GEXF files and the maps
                read_ahead(visible)
                drawing = start(partial(_draw, visible, folder))
            progress("writing GraphML, GEXF and CSV")
            written += write_views(projected, folder, done=_letting_go(session, projected))
            progress("writing the ontology's documentation")
            written.append(write_ontology_docs(folder / ONTOLOGY_DOCS))
            progress("writing the database")
            tables = tabling()  # searched in its own process
            # checked and hashed while the maps are drawn; the maps when they are done
            progress("checking what was written")
            refuse_leaks(written, withheld, folder, audience)
            written += tables
            hashes = hash_files(folder, written)
        except BaseException:
            discard(tabling)
            discard(drawing)
            raise
        progress("drawing the maps" if maps else "done")
        drawn = drawing()
    has_maps = (folder / MAPS_FOLDER).is_dir()
    drawn.append(write_text(folder / README, readme_text(audience, counts, has_maps)))
    refuse_leaks(drawn, withheld, folder, audience)
    written += drawn
    hashes.update(hash_files(folder, {Path(p) for p in hash_also if Path(p).is_file()}))
    hashes.update(hash_files(folder, drawn))
    manifest = make_manifest(
        created=created or datetime.now(UTC),
        audience=audience,
        tag=tag,
        graph=visible.graph,
        triples=count,
        entities=entities,
        views=counts,
        files=dict(sorted(hashes.items())),
        commit=repository_commit(),
    )
    return written + write_manifest(folder, manifest)


def export_snapshot(
    kg: KnowledgeGraph,
    root: Path = SNAPSHOTS_DIR,
    *,
    audience: str = DEFAULT_AUDIENCE,
    tag: str | None = None,
    views: Sequence[str] | None = None,
    maps: bool = True,
    now: datetime | None = None,
) -> Path:
    """Write a new snapshot of ``kg`` for ``audience`` into ``root`` and return its folder.

    Raises
    ------
    SnapshotError
        The tag or audience is not valid, or a snapshot of that name exists already (it is
        left untouched and nothing is written).
    """
    check_audience(audience)
    created = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    target = Path(root) / snapshot_name(created, tag)
    exists = SnapshotError(
        f"{target}: a snapshot of that name exists already and snapshots are never "
        "overwritten - export again a second later, or give another --tag"
    )
    try:
        with staged_directory(target) as staging:
            write_export(
                kg, staging, audience=audience, tag=tag, created=created, views=views, maps=maps
            )
    except FileExistsError:
        raise exists from None
    except OSError:
        if target.exists():  # another export took the name while this one was writing
            raise exists from None
        raise
    return target


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot as ``hubspoke snapshots`` lists it."""

    path: Path
    created: str = ""
    tag: str | None = None
    audience: str = ""
    triples: int | None = None
    entities: int | None = None
    views: dict[str, dict[str, int]] = field(default_factory=dict)
    problem: str | None = None

    @property
    def name(self) -> str:
        """The snapshot's folder name."""
        return self.path.name


def _info(folder: Path) -> SnapshotInfo:
    try:
        manifest: dict[str, Any] = read_manifest(folder)
    except SnapshotError as exc:
        match = _NAME.fullmatch(folder.name)
        return SnapshotInfo(folder, tag=match["tag"] if match else None, problem=str(exc))
    counts = manifest.get("counts", {})
    return SnapshotInfo(
        folder,
        created=str(manifest.get("created", "")),
        tag=manifest.get("tag"),
        audience=str(manifest.get("audience", "")),
        triples=counts.get("triples"),
        entities=sum(counts.get("entities", {}).values()),
        views=counts.get("views", {}),
    )


def list_snapshots(root: Path = SNAPSHOTS_DIR) -> list[SnapshotInfo]:
    """Every snapshot folder in ``root``, oldest first (unfinished temporary folders skipped)."""
    root = Path(root)
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return [_info(folder) for folder in sorted(folders, key=lambda p: p.name)]


def write_latest(kg: KnowledgeGraph, out: Path) -> list[Path]:
    """Build step: keep ``out`` (``exports/latest/``) a team snapshot of the newest build.

    Writes the RDF formats, the views, a README and a manifest covering them, the build's
    ``graph.ttl`` and the maps under ``out/maps/`` written by earlier build steps. Returns
    the paths written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    maps = out / MAPS_FOLDER
    earlier = sorted(p for p in maps.rglob("*") if p.is_file()) if maps.is_dir() else []
    return write_export(kg, out, audience="team", maps=False, hash_also=earlier)
