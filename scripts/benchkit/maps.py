"""Synthetic graphs of any size, for measuring how maps scale (used by benchmark scripts).

Examples
--------
>>> g = synthetic_graph(50, seed=1)
>>> g.number_of_nodes(), g.number_of_edges() >= 49
(50, True)
>>> sorted(g.nodes["urn:synthetic:0"])[:4]
['class_label', 'cls', 'document', 'iri']
>>> import tempfile, pathlib
>>> timing = benchmark_map(40, pathlib.Path(tempfile.mkdtemp()) / "m.html")
>>> timing.nodes, timing.path.exists(), timing.grouped_by
(40, True, None)
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.maps.grouping import MAX_DRAWN_NODES
from graph.maps.render import build_page, write_page
from graph.maps.styling import CLASS_STYLES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["MapTiming", "benchmark_map", "synthetic_graph"]

_RELATIONS = ("concerns topic", "raised at", "member of", "works with", "funded by", "cites")


def synthetic_graph(
    n: int, *, seed: int = 0, classes: int = 12, links_per_node: int = 2
) -> nx.MultiDiGraph:
    """A directed graph of ``n`` nodes with the attributes of a view, hubs included.

    Each new node links to ``links_per_node`` earlier ones chosen by preferential attachment,
    so a few nodes have many links, as in the real views. Classes are the first ``classes``
    hubspoke classes; a third of the nodes carry verbatim text, a section and topics.
    """
    import networkx as nx

    rng = random.Random(seed)
    kinds = list(CLASS_STYLES)[:classes]
    topics = [f"topic {i}" for i in range(15)]
    graph = nx.MultiDiGraph(
        name=f"synthetic-{n}",
        title=f"Synthetic graph of {n:,} nodes",
        description="Random graph with the attributes of a view, for benchmarks.",
    )
    targets: list[int] = []
    for i in range(n):
        cls = kinds[rng.randrange(len(kinds))]
        has_text = rng.random() < 0.33
        graph.add_node(
            f"urn:synthetic:{i}",
            iri=f"urn:synthetic:{i}",
            label=f"{cls.split(':')[1]} {i}",
            cls=cls,
            class_label=cls.split(":")[1].lower(),
            text=f"Verbatim text of node {i}." if has_text else "",
            document="Synthetic report" if has_text else "",
            section=f"{1 + i % 9}. Section {1 + i % 9}" if has_text else "",
            section_number=str(1 + i % 9) if has_text else "",
            lines=str(10 + i) if has_text else "",
            topics="; ".join(sorted(rng.sample(topics, 2))) if has_text else "",
            phase=rng.choice(["Phase 1", "Phase 2", ""]),
            sensitivity="public",
        )
        for _ in range(min(i, links_per_node)):
            j = rng.choice(targets) if targets and rng.random() < 0.7 else rng.randrange(i)
            label = rng.choice(_RELATIONS)
            graph.add_edge(
                f"urn:synthetic:{i}",
                f"urn:synthetic:{j}",
                key=label,
                label=label,
                property=f"urn:synthetic:{label.replace(' ', '-')}",
                weight=1.0,
            )
            targets.extend((i, j))
    return graph


@dataclass(frozen=True)
class MapTiming:
    """What :func:`benchmark_map` measured (seconds, bytes) and where the map is."""

    nodes: int
    edges: int
    seconds_graph: float
    seconds_page: float
    seconds_write: float
    size_bytes: int
    grouped_by: str | None
    path: Path


def benchmark_map(
    n: int, path: Path, *, seed: int = 0, max_nodes: int = MAX_DRAWN_NODES
) -> MapTiming:
    """Build a synthetic graph of ``n`` nodes, render its map to ``path`` and time each part.

    Opening the map in a browser is timed by the caller (e.g. with Playwright).
    """
    started = time.perf_counter()
    graph = synthetic_graph(n, seed=seed)
    built = time.perf_counter()
    page = build_page(graph, max_nodes=max_nodes, name=Path(path).stem)
    laid_out = time.perf_counter()
    write_page(page, Path(path))
    done = time.perf_counter()
    return MapTiming(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        seconds_graph=built - started,
        seconds_page=laid_out - built,
        seconds_write=done - laid_out,
        size_bytes=Path(path).stat().st_size,
        grouped_by=page.grouped_by,
        path=Path(path),
    )
