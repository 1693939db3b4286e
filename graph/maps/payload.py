"""What a map page carries: nodes and their places, details, groups, links with their sources.

:func:`map_payload` turns a view (a networkx graph with the attributes of
:mod:`graph.network.views`) into the JSON-ready dictionary the page's script reads. Nodes are
numbered in natural order of their keys; a group's collapsed node comes after every member.
The sentences that support nodes and links are kept once, in ``statements``, and referred to
by number.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph(name="demo")
>>> g.add_node("urn:a", label="Alpha", cls="hs:Organisation", sector="voluntary sector")
>>> g.add_node("urn:b", label="Beta", cls="hs:Service")
>>> _ = g.add_edge("urn:b", "urn:a", label="is run by", inverse_label="runs")
>>> data = map_payload(g)
>>> [d["label"] for d in data["details"]], data["edges"]
(['Alpha', 'Beta'], [[1, 0, 1.0, [0]]])
>>> data["links"][0]["label"], data["sectors"][0]["label"]
('is run by', 'voluntary sector')
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from graph.maps.layout import SEED, map_layout
from graph.maps.styling import (
    KINDS,
    MIN_NODE_SIZE,
    NO_SECTOR_COLOUR,
    SECTOR_KINDS,
    border_colour,
    kind_of,
    node_size,
    sector_colour,
)
from graph.network.edges import edge_data

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["LABEL_LENGTH", "map_payload", "natural_key", "split_values"]

#: Longest label drawn on the map; the full label is in the tooltip and the side panel.
LABEL_LENGTH = 40
#: Label sizes in map pixels; the page decides which labels to draw at the zoom shown.
LABEL_SIZE, GROUP_LABEL_SIZE = 12.0, 15.0

_DIGITS = re.compile(r"(\d+)")
_LIST_FIELDS = ("topics", "phase", "aliases")
_TEXT_FIELDS = ("iri", "text", "document", "lines", "description")


def natural_key(text: str) -> list[object]:
    """Sort key that puts "item 2" before "item 10".

    >>> sorted(["b10", "b2", "a"], key=natural_key)
    ['a', 'b2', 'b10']
    """
    return [int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text)]


def split_values(value: object) -> list[str]:
    """A list attribute, given as a list or as text joined with "; ".

    >>> split_values("a; b;"), split_values(["x", ""])
    (['a', 'b'], ['x'])
    """
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v)]
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "\u2026"


def _section(attrs: Mapping[str, Any]) -> str:
    section, number = str(attrs.get("section") or ""), str(attrs.get("section_number") or "")
    if number and section and not section.startswith(number):
        return f"{number} {section}"
    return section


class _Statements:
    """The sentences a map cites, numbered in order of first use."""

    def __init__(self, table: Mapping[str, Mapping[str, Any]]) -> None:
        self.table = table
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, str]] = []

    def refer(self, iris: list[str]) -> list[int]:
        found = []
        for iri in iris:
            if iri not in self.index:
                attrs = self.table.get(iri)
                if not attrs or not attrs.get("text"):
                    continue
                self.index[iri] = len(self.rows)
                row = {"text": str(attrs["text"]), "iri": iri}
                for name in ("document", "lines", "class_label", "cites"):
                    if attrs.get(name):
                        row[name] = str(attrs[name])
                section = _section(attrs)
                if section:
                    row["section"] = section
                self.rows.append(row)
            found.append(self.index[iri])
        return sorted(set(found))


def _colour(kind: str, sector: str, by_sector: bool) -> str:
    """A node's fill: its sector's colour on a map coloured by sector (grey where no sector is
    stated, so that no kind's own colour reads as a sector), else its kind's colour."""
    if kind in SECTOR_KINDS and by_sector:
        return sector_colour(sector.split(";")[0].strip()) if sector else NO_SECTOR_COLOUR
    return KINDS[kind].colour


class _Shared:
    """One object for each distinct style and link a map's data repeats: the same JSON, less
    memory (the full map of a national graph has 93,000 nodes in a dozen colours and 474,000
    links, a third of them alike). Nothing changes them once made.

    >>> shared = _Shared()
    >>> shared.colour("#123456") is shared.colour("#123456")
    True
    >>> shared.link("runs", "is run by", [3]) is shared.link("runs", "is run by", [3])
    True
    """

    def __init__(self) -> None:
        self.colours: dict[str, dict[str, Any]] = {}
        self.fonts: dict[float, dict[str, float]] = {}
        self.links: dict[tuple[Any, ...], dict[str, Any]] = {}

    def colour(self, colour: str) -> dict[str, Any]:
        found = self.colours.get(colour)
        if found is None:
            hover = {"background": colour, "border": "#000000"}
            found = self.colours[colour] = {
                "background": colour,
                "border": border_colour(colour),
                "highlight": hover,
                "hover": dict(hover),
            }
        return found

    def font(self, size: float) -> dict[str, float]:
        found = self.fonts.get(size)
        if found is None:
            found = self.fonts[size] = {"size": size}
        return found

    def link(self, label: str, inverse: str, sources: list[int]) -> dict[str, Any]:
        key = (label, inverse, *sources)
        found = self.links.get(key)
        if found is None:
            found = self.links[key] = {"label": label, "inverse": inverse}
            if sources:
                found["sources"] = sources
        return found


def _vis_node(
    index: int,
    label: str,
    kind: str,
    colour: str,
    size: float,
    x: float,
    y: float,
    font: float,
    shared: _Shared,
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": index,
        "label": label,
        "shape": KINDS[kind].shape,
        "size": size,
        "x": x,
        "y": y,
        "font": shared.font(font),
        "color": shared.colour(colour),
    }
    if kind == "agency":
        node["shapeProperties"] = {"borderDashes": [5, 3]}
        node["borderWidth"] = 2.5
    return node


def _noun(count: int, members: list[Mapping[str, Any]], key: str) -> str:
    if all(m.get("text") for m in members):
        word = "statement"
    elif all(kind_of(str(m.get("cls") or "")) == "topic" for m in members):
        word = "topic"
    else:
        word = "item"
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _merged_links(graph: nx.Graph) -> dict[tuple[Hashable, Hashable], list[dict[str, Any]]]:
    merged: dict[tuple[Hashable, Hashable], list[dict[str, Any]]] = {}
    for source, target, attrs in edge_data(graph):
        if not graph.is_directed() and natural_key(str(target)) < natural_key(str(source)):
            source, target = target, source
        merged.setdefault((source, target), []).append(attrs)
    return merged


def map_payload(
    graph: nx.Graph,
    *,
    groups: Mapping[Hashable, str] | None = None,
    statements: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The nodes, groups, links, sentences and legend of a map of ``graph``.

    Parameters
    ----------
    graph
        A view: nodes with ``label``, ``cls`` and optionally ``class_label``, ``text``,
        ``document``, ``section``, ``section_number``, ``lines``, ``topics``, ``phase``,
        ``aliases``, ``description``, ``sector``, ``statements`` (IRIs of sentences that
        support or mention it); edges with ``label``, ``inverse_label``, ``sources`` (IRIs)
        and ``weight``.
    groups
        Node -> group key, for the nodes drawn collapsed into a group when the page opens.
    statements
        The sentences by IRI (``text``, ``document``, ``section``, ``lines``...), for the
        IRIs that nodes and links cite.
    """
    groups = dict(groups or {})
    cited = _Statements(statements or {})
    shared = _Shared()
    order = sorted(graph, key=lambda n: natural_key(str(n)))
    ids = {node: index for index, node in enumerate(order)}
    directed = graph.is_directed()
    degree = {
        n: len(set(graph.predecessors(n)) | set(graph.successors(n)))
        if directed
        else len(set(graph.neighbors(n)))
        for n in graph
    }
    largest = max(degree.values(), default=0)
    laid = map_layout(graph, groups, seed=SEED)
    positions, places = laid.nodes, laid.groups
    group_keys = sorted(places, key=natural_key)
    group_ids = {key: len(order) + i for i, key in enumerate(group_keys)}
    nodes, details = [], []
    kinds: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    by_sector = any(
        graph.nodes[n].get("sector")
        and kind_of(str(graph.nodes[n].get("cls") or "")) in SECTOR_KINDS
        for n in order
    )
    for node in order:
        attrs = graph.nodes[node]
        kind = kind_of(str(attrs.get("cls") or ""))
        sector = str(attrs.get("sector") or "")
        kinds[kind] += 1
        for name in split_values(sector) if kind in SECTOR_KINDS else []:
            sectors[name] += 1
        label = str(attrs.get("label") or node)
        x, y = positions[node]
        size = node_size(degree[node], largest=largest)
        nodes.append(
            _vis_node(
                ids[node],
                _short(label),
                kind,
                _colour(kind, sector, by_sector),
                size,
                x,
                y,
                LABEL_SIZE,
                shared,
            )
        )
        item: dict[str, Any] = {
            "label": label,
            "kind": kind,
            "cls": str(attrs.get("cls") or ""),
            "class_label": str(attrs.get("class_label") or attrs.get("cls") or ""),
        }
        for name in _TEXT_FIELDS:
            if attrs.get(name):
                item[name] = str(attrs[name])
        for name in _LIST_FIELDS:
            values = [v for v in split_values(attrs.get(name)) if name != "aliases" or v != label]
            if values:
                item[name] = values
        if sector:
            item["sector"] = sector
        section = _section(attrs)
        if section:
            item["section"] = section
        own = str(attrs.get("iri") or "")
        said = [s for s in split_values(attrs.get("statements")) if s != own]
        if said:
            item["statements"] = cited.refer(said)
        if node in groups and groups[node] in group_ids:
            item["group"] = group_keys.index(groups[node])
        details.append(item)
    group_rows = []
    grouped: dict[str, list[Hashable]] = {key: [] for key in group_keys}
    for node in order:
        if node in groups and groups[node] in grouped:
            grouped[groups[node]].append(node)
    largest_group = max((len(m) for m in grouped.values()), default=1)
    for key in group_keys:
        members = [ids[n] for n in grouped[key]]
        member_attrs = [graph.nodes[n] for n in grouped[key]]
        kind = Counter(details[m]["kind"] for m in members).most_common(1)[0][0]
        (x, y), _ = places[key]
        size = round(24.0 + 30.0 * math.sqrt(len(members) / max(1, largest_group)), 1)
        count = _noun(len(members), member_attrs, key)
        label = f"{_short(key)}\n+ {count}"
        node = _vis_node(
            group_ids[key], label, kind, KINDS[kind].colour, size, x, y, GROUP_LABEL_SIZE, shared
        )
        node["borderWidth"] = 3
        nodes.append(node)
        group_rows.append(
            {"node": group_ids[key], "label": key, "kind": kind, "count": count, "members": members}
        )
    edges: list[list[Any]] = []
    links: list[dict[str, Any]] = []
    for (source, target), relations in sorted(
        _merged_links(graph).items(), key=lambda item: (ids[item[0][0]], ids[item[0][1]])
    ):
        numbers = []
        weight = 0.0
        for attrs in relations:
            weight += float(attrs.get("weight", 1.0) or 1.0)
            numbers.append(len(links))
            forward = str(attrs.get("label") or "")
            inverse = str(attrs.get("inverse_label") or "")
            sources = cited.refer(split_values(attrs.get("sources")))
            links.append(shared.link(forward, inverse, sources))
        width = round(1 + min(5.0, math.log2(weight)) if weight > 1 else 1.0, 2)
        edges.append([ids[source], ids[target], width, numbers])
    return {
        "order": order,
        "directed": directed,
        "nodes": nodes,
        "details": details,
        "groups": group_rows,
        "edges": edges,
        "links": links,
        "statements": cited.rows,
        "kinds": [
            {
                "kind": k,
                "label": KINDS[k].label,
                "colour": KINDS[k].colour,
                "shape": KINDS[k].shape,
                "count": kinds[k],
            }
            for k in KINDS
            if kinds[k]
        ],
        "noSectorColour": NO_SECTOR_COLOUR,
        "sectors": [
            {"label": s, "colour": sector_colour(s), "count": n}
            for s, n in sorted(sectors.items(), key=lambda item: item[0].casefold())
        ],
        "filters": {
            "topics": sorted({t for d in details for t in d.get("topics", [])}, key=str.casefold),
            "phase": sorted({p for d in details for p in d.get("phase", [])}, key=natural_key),
            "section": sorted({d["section"] for d in details if d.get("section")}, key=natural_key),
        },
        "min_size": MIN_NODE_SIZE,
    }
