"""Write network views as GraphML, GEXF and CSV tables, the same bytes for the same view.

Each view goes into its own folder ``views/<name>/``:

- ``<name>.graphml``: GraphML (Gephi, Cytoscape, yEd, networkx, igraph), valid against the
  GraphML schema: nodes ``n0``, ``n1``... with the IRI in their ``iri`` attribute, one unique
  id per edge, every node and edge attribute kept (:mod:`graph.export.graphml`);
- ``<name>.gexf``: GEXF 1.3 (Gephi), with the same ids, and the maps' layout positions,
  colours and sizes, so that Gephi opens the view laid out (:mod:`graph.export.gexf`);
- ``nodes.csv``: one row per node, ``id`` (the IRI) then the view's node attributes;
- ``edges.csv``: one row per edge with the labels of both ends and of the property.

The CSV tables are written by :func:`graph.tabular.csv_pieces`, a few thousand rows at a time: UTF-8 with a byte-order mark
and CRLF line ends, so that Excel opens them by double-click with ``£``, ``…`` and ``–``
intact (pandas reads them with ``encoding="utf-8-sig"``), and no cell starting like a
formula. The order of nodes and edges is the view's own (sorted when projected), and
nothing that changes from run to run (dates, library versions) is written.

Examples
--------
>>> import tempfile, pathlib, networkx as nx
>>> v = nx.MultiDiGraph(name="tiny")
>>> v.add_node("https://example.org/a", label="A")
>>> v.add_node("https://example.org/b", label="B")
>>> _ = v.add_edge("https://example.org/a", "https://example.org/b", key="ex:p", label="p", property="https://example.org/p", weight=1.0)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_view(v, folder)]
['tiny.graphml', 'tiny.gexf', 'nodes.csv', 'edges.csv']
>>> print((folder / "edges.csv").read_text(encoding="utf-8-sig"), end="")
source,source_label,label,target,target_label,property,weight
https://example.org/a,A,p,https://example.org/b,B,https://example.org/p,1.0
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from graph.atomic import write_text_pieces, write_with
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.network.edges import edge_count, edge_data
from graph.tabular import csv_pieces

__all__ = [
    "VIEW_FOLDER",
    "VIEW_FORMATS",
    "view_counts",
    "view_file_names",
    "write_view",
    "write_views",
]

#: The folder, inside a snapshot, holding one sub-folder per view.
VIEW_FOLDER = "views"

#: The formats each view is written in: GraphML, GEXF and two CSV tables (nodes, edges).
VIEW_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")

_EDGE_COLUMNS = ["source", "source_label", "label", "target", "target_label", "property", "weight"]


def view_file_names(name: str) -> list[str]:
    """The files written for the view ``name``, in the order :func:`write_view` writes them."""
    return [f"{name}.graphml", f"{name}.gexf", "nodes.csv", "edges.csv"]


def _write_graphml(view: Any, handle: IO[bytes]) -> None:
    write_graphml(view, handle)


def _write_gexf(view: Any, handle: IO[bytes]) -> None:
    write_gexf(view, handle)


def _node_columns(view: Any) -> list[str]:
    columns: dict[str, None] = {}
    for _, data in view.nodes(data=True):
        columns.update(dict.fromkeys(data))
    return ["id", *(c for c in columns if c != "id")]


def _nodes_csv(view: Any) -> Iterator[str]:
    columns = _node_columns(view)
    rows = ([node, *(data.get(c, "") for c in columns[1:])] for node, data in view.nodes(data=True))
    return csv_pieces(columns, rows)


def _edges_csv(view: Any) -> Iterator[str]:
    labels = {node: data.get("label", node) for node, data in view.nodes(data=True)}
    rows = (
        (
            u,
            labels[u],
            data.get("label", ""),
            v,
            labels[v],
            data.get("property", ""),
            data.get("weight", ""),
        )
        for u, v, data in edge_data(view)
    )
    return csv_pieces(_EDGE_COLUMNS, rows)


def view_counts(views: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """The number of nodes and edges of each of ``views``, by name, sorted (as a snapshot's
    manifest gives them).

    >>> import networkx as nx
    >>> view_counts({"b": nx.MultiDiGraph([(1, 2), (1, 2)]), "a": nx.Graph()})
    {'a': {'nodes': 0, 'edges': 0}, 'b': {'nodes': 2, 'edges': 2}}
    """
    return {
        name: {"nodes": view.number_of_nodes(), "edges": edge_count(view)}
        for name, view in sorted(views.items())
    }


def write_view(view: Any, folder: Path, formats: Collection[str] = VIEW_FORMATS) -> list[Path]:
    """Write the networkx ``view`` (named by its ``name`` graph attribute) into ``folder``, in
    each of ``formats`` (default: all of :data:`VIEW_FORMATS`).

    Returns the paths written, in the order :func:`view_file_names` lists them.
    """
    folder = Path(folder)
    graphml, gexf, nodes, edges = (folder / n for n in view_file_names(view.graph["name"]))
    written = []
    if "graphml" in formats:
        written.append(write_with(graphml, lambda handle: _write_graphml(view, handle)))
    if "gexf" in formats:
        written.append(write_with(gexf, lambda handle: _write_gexf(view, handle)))
    if "csv" in formats:
        written += [
            write_text_pieces(nodes, _nodes_csv(view)),
            write_text_pieces(edges, _edges_csv(view)),
        ]
    return written


def write_views(
    views: Mapping[str, Any],
    folder: Path,
    formats: Collection[str] = VIEW_FORMATS,
    *,
    done: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write each view of ``views`` into ``folder/views/<name>/`` in each of ``formats``, in
    the order of their names; return the paths written.

    ``done`` is called with each view's name once its files are written (an export lets go
    of the view there: :func:`graph.export.snapshot.write_export`).
    """
    written: list[Path] = []
    for name in sorted(views):
        written.extend(write_view(views[name], Path(folder) / VIEW_FOLDER / name, formats))
        if done is not None:
            done(name)
    return written
