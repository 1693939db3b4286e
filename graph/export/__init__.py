"""Snapshots: versioned, verifiable, comparable exports of the graph in every common format.

This package only re-exports: the audience policy (:mod:`graph.privacy`, redaction),
:mod:`~graph.export.rdf` (Turtle, N-Triples, JSON-LD), :mod:`~graph.export.networks`
(GraphML, GEXF, CSV), :mod:`~graph.export.manifest`, :mod:`~graph.export.snapshot`,
:mod:`~graph.export.verify` and :mod:`~graph.export.diff`
(:mod:`~graph.export.aside` runs parts of an export in processes of their own,
:mod:`~graph.export.withheld` searches what it wrote for anything withheld), and
:mod:`~graph.export.triples` (the triples an export writes).

Owns: snapshots and ``exports/latest``.
May import: :mod:`graph.maps`, :mod:`graph.kg` and every layer below them; never
:mod:`graph.build` or the CLI.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.kg import load
>>> folder = export_snapshot(load(), pathlib.Path(tempfile.mkdtemp()), views=["models"], maps=False)
>>> verify_snapshot(folder).ok
True
>>> diff(folder, "current").summary()
'0 entities changed, 0 added, 0 removed (0 triples added, 0 removed)'
"""

from graph.export.diff import FORMATS, GraphDiff, diff, diff_graphs
from graph.export.manifest import read_manifest
from graph.export.networks import write_view, write_views
from graph.export.rdf import RDF_FILES, canonical_graph, write_rdf
from graph.export.snapshot import (
    SNAPSHOTS_DIR,
    SnapshotInfo,
    export_snapshot,
    list_snapshots,
    write_export,
    write_latest,
)
from graph.export.verify import VerifyReport, verify_snapshot
from graph.privacy import AUDIENCES, DEFAULT_AUDIENCE, mask_contacts, redact

__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "FORMATS",
    "RDF_FILES",
    "SNAPSHOTS_DIR",
    "GraphDiff",
    "SnapshotInfo",
    "VerifyReport",
    "canonical_graph",
    "diff",
    "diff_graphs",
    "export_snapshot",
    "list_snapshots",
    "mask_contacts",
    "read_manifest",
    "redact",
    "verify_snapshot",
    "write_export",
    "write_latest",
    "write_rdf",
    "write_view",
    "write_views",
]
