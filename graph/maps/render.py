"""Render a networkx view as one self-contained, offline, interactive HTML map.

pyvis builds the network (nodes, edges and vis-network options); the page itself comes from
our own autoescaping Jinja2 template, ``templates/map.html.j2``, with vis-network inlined
from ``vendor/`` and every text from the data carried as JSON in a
``<script type="application/json">`` block, escaped so that no value can close it. The
page's script puts those texts on screen with ``textContent`` only, and a Content Security
Policy allows no script but the two inlined ones and no request to any address.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph(name="demo", title="A demo")
>>> g.add_node("urn:a", label="<b>Alpha</b>", cls="hs:Person", class_label="person")
>>> g.add_node("urn:b", label="Beta", cls="hs:Organisation", class_label="organisation")
>>> _ = g.add_edge("urn:a", "urn:b", label="member of", weight=1.0)
>>> page = build_page(g)
>>> page.node_count, page.edge_count, page.grouped_by
(2, 1, None)
>>> html = render_page(page)
>>> "<b>Alpha</b>" in html, r"\\u003cb\\u003eAlpha" in html
(False, True)
>>> script_json({"x": "</script>"})
'{"x":"\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.atomic import write_text
from graph.errors import ExportError
from graph.maps.grouping import GROUP_KEYS, MAX_DRAWN_NODES, group_graph
from graph.maps.layout import SEED, layout_positions
from graph.maps.styling import border_colour, class_styles, node_size
from graph.maps.templating import asset, template

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LABEL_LENGTH",
    "MapPage",
    "build_page",
    "render_page",
    "script_json",
    "write_map",
    "write_page",
]

#: Longest label drawn on the map; the full label is in the tooltip and the side panel.
LABEL_LENGTH = 40

_LIST_FIELDS = ("topics", "phase", "aliases")
_TEXT_FIELDS = ("iri", "text", "document", "lines", "sensitivity")
_DIGITS = re.compile(r"(\d+)")


@dataclass
class MapPage:
    """Everything a map page shows, ready for the template."""

    title: str
    description: str
    notice: str
    node_count: int
    edge_count: int
    drawn_nodes: int
    grouped_by: str | None
    payload: dict[str, Any] = field(repr=False)


def script_json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>``, ``&`` escaped.

    JSON has these characters only inside strings, where ``\\u003c`` means the same, so the
    text parses to the same value but can never contain ``</script>`` or ``<!--``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _natural(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text)]


def _split(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v)]
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1].rstrip() + "\u2026"


def _section(attrs: dict[str, Any]) -> str:
    section, number = str(attrs.get("section") or ""), str(attrs.get("section_number") or "")
    if number and section and not section.startswith(number):
        return f"{number} {section}"
    return section


def _collapsed_edges(graph: nx.Graph) -> list[tuple[Any, Any, list[str], float]]:
    """One link per pair of nodes (per direction when directed), with every relation's label."""
    merged: dict[tuple[Any, Any], tuple[list[str], float]] = {}
    for source, target, attrs in graph.edges(data=True):
        if not graph.is_directed() and str(target) < str(source):
            source, target = target, source
        labels, weight = merged.get((source, target), ([], 0.0))
        label = str(attrs.get("label") or "")
        if label and label not in labels:
            labels.append(label)
        merged[(source, target)] = (labels, weight + float(attrs.get("weight", 1.0) or 1.0))
    return [(s, t, labels, weight) for (s, t), (labels, weight) in merged.items()]


def _details(node: Any, attrs: dict[str, Any], grouped: bool) -> dict[str, Any]:
    label = str(attrs.get("label") or node)
    item: dict[str, Any] = {
        "label": label,
        "cls": str(attrs.get("cls") or ""),
        "class_label": str(attrs.get("class_label") or attrs.get("cls") or ""),
    }
    if grouped:
        item["count"] = int(attrs.get("count", 0))
        item["members"] = list(attrs.get("members", []))
        item["internal"] = int(attrs.get("internal", 0))
        return item
    for name in _TEXT_FIELDS:
        if attrs.get(name):
            item[name] = str(attrs[name])
    for name in _LIST_FIELDS:
        values = [v for v in _split(attrs.get(name)) if name != "aliases" or v != label]
        if values:
            item[name] = values
    section = _section(attrs)
    if section:
        item["section"] = section
    return item


def _options(large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
        },
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3.5,
            "font": {
                "face": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                "color": "#1b1b1b",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {"label": {"drawThreshold": 9, "maxVisible": 20}},
            "shapeProperties": {"interpolation": False},
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 1.5,
            "hoverWidth": 1.5,
            "color": {
                "color": "#a3a9b1",
                "highlight": "#2b2b2b",
                "hover": "#2b2b2b",
                "inherit": False,
            },
            "font": {
                "size": 13,
                "align": "middle",
                "color": "#222222",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
        },
    }


def _hubs(weights: dict[Any, float]) -> list[Any]:
    """The nodes whose labels show at the overview: all in a small map (up to 50 nodes), else
    the best-linked (about one in fourteen, 5 to 18)."""
    if len(weights) <= 50:
        return list(weights)
    count = max(5, min(18, round(len(weights) / 14)))
    ranked = sorted(weights, key=lambda n: (-weights[n], str(n)))
    return [n for n in ranked[:count] if weights[n] > 0]


#: Label sizes in map pixels; the page hides labels smaller than 9 px on screen, so the
#: labels of ordinary nodes appear as one zooms in, and the page enlarges the hubs' labels to
#: stay readable at the overview (no label is drawn larger than 20 px on screen).
LABEL_SIZE, HUB_LABEL_SIZE = 11.0, 16.0


def _network(graph: nx.Graph, ids: dict[Any, int], grouped: bool, focus: Any) -> Any:
    """A pyvis Network with our nodes, edges and options (nothing rendered by pyvis)."""
    from pyvis.network import Network

    directed = graph.is_directed()
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    positions = layout_positions(graph)
    styles = class_styles(str(c or "") for _, c in graph.nodes(data="cls"))
    if grouped:
        weights = {n: float(c) for n, c in graph.nodes(data="count", default=1)}
    else:
        weights = {
            n: float(len(set(graph.predecessors(n)) | set(graph.successors(n))))
            if directed
            else float(len(set(graph.neighbors(n))))
            for n in graph
        }
    largest = max(weights.values(), default=0.0)
    hubs = set(_hubs(weights))
    for node, index in ids.items():
        attrs = graph.nodes[node]
        style = styles[str(attrs.get("cls") or "")]
        size = node_size(weights[node], largest=largest)
        label = _short(str(attrs.get("label") or node))
        if grouped:
            label = f"{label}\n{int(attrs.get('count', 0)):,} nodes"
        x, y = positions[node]
        fill, edge = style.colour, border_colour(style.colour)
        options: dict[str, Any] = {
            "size": size,
            "x": x,
            "y": y,
            "font": {"size": HUB_LABEL_SIZE if node in hubs else LABEL_SIZE},
            "color": {
                "background": fill,
                "border": edge,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            },
        }
        if node == focus:
            options["borderWidth"] = 4
        net.add_node(index, label=label, shape=style.shape, **options)
    edges = sorted(_collapsed_edges(graph), key=lambda e: (ids[e[0]], ids[e[1]]))
    relations = []
    for number, (source, target, labels, weight) in enumerate(edges):
        width = round(1 + min(5.0, math.log2(weight)) if weight > 1 else 1.0, 2)
        arrows = {"to": {"enabled": directed, "scaleFactor": 0.55}}
        net.add_edge(ids[source], ids[target], id=number, width=width, arrows=arrows)
        relations.append(labels)
    net.options = _merge(json.loads(net.options.to_json()), _options(graph.number_of_nodes() > 600))
    return net, relations, sorted(ids[n] for n in hubs)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = _merge(base[key], value)
        else:
            base[key] = value
    return base


def _notice(total: int, limit: int, by: str, groups: int) -> str:
    what = "class" if by == "class" else "source section"
    return (
        f"This graph has {total:,} nodes, more than the {limit:,} a map draws one by one, "
        f"so each of the {groups:,} shapes here stands for one {what}, sized by the number of "
        f"nodes in it. For a detailed map, pick one entity's neighbourhood "
        f"(hubspoke map VIEW --focus ENTITY)."
    )


def build_page(
    graph: nx.Graph,
    *,
    title: str | None = None,
    description: str | None = None,
    focus: str | None = None,
    max_nodes: int = MAX_DRAWN_NODES,
    group_by: str = "class",
    name: str | None = None,
) -> MapPage:
    """Lay out ``graph`` and gather all a map page shows (nothing is written).

    Parameters
    ----------
    graph
        A view (see :mod:`graph.network.views`): nodes with ``label``, ``cls``, ``class_label`` and
        optionally ``text``, ``document``, ``section``, ``section_number``, ``lines``,
        ``topics``, ``phase``, ``aliases``; edges with ``label`` and ``weight``.
    title, description
        Page heading and subtitle (default: the graph's ``title`` and ``description``).
    focus
        A node to select when the page opens.
    max_nodes
        Beyond this many nodes the map shows one node per group (``group_by``: "class" or
        "section") and says so.
    name
        File name stem for "Save as PNG" (default: the graph's ``name``).
    """
    if group_by not in GROUP_KEYS:
        raise ExportError(
            f"cannot group a map by {group_by!r}; choose one of: {', '.join(GROUP_KEYS)}"
        )
    total_nodes, total_edges = graph.number_of_nodes(), graph.number_of_edges()
    title = (
        title
        if title is not None
        else str(graph.graph.get("title") or graph.graph.get("name") or "Network map")
    )
    description = (
        description if description is not None else str(graph.graph.get("description") or "")
    )
    notice, grouped_by = "", None
    drawn = graph
    if total_nodes > max_nodes:
        drawn = group_graph(graph, by=group_by)
        grouped_by = group_by
        notice = _notice(total_nodes, max_nodes, group_by, drawn.number_of_nodes())
        focus = None
    order = sorted(drawn, key=lambda n: _natural(str(n)))
    ids = {node: index for index, node in enumerate(order)}
    focus_id = ids.get(focus) if focus is not None else None
    net, relations, hubs = _network(drawn, ids, grouped_by is not None, focus)
    nodes, edges, _, _, _, options = net.get_network_data()
    details = [_details(node, drawn.nodes[node], grouped_by is not None) for node in order]
    styles = class_styles(d["cls"] for d in details)
    class_counts: Counter[str] = Counter()
    for d in details:
        class_counts[d["cls"]] += d.get("count", 1)
    labels = {d["cls"]: d["class_label"] for d in details}
    payload = {
        "title": title,
        "name": name or str(graph.graph.get("name") or "map"),
        "directed": drawn.is_directed(),
        "grouped": grouped_by,
        "focus": focus_id,
        "nodes": nodes,
        "edges": edges,
        "relations": relations,
        "hubs": hubs,
        "details": details,
        "options": json.loads(options),
        "classes": [
            {
                "cls": cls,
                "label": labels[cls] or cls or "(no class)",
                "colour": styles[cls].colour,
                "shape": styles[cls].shape,
                "count": class_counts[cls],
            }
            for cls in sorted(class_counts, key=lambda c: (labels[c].casefold(), c))
        ],
        "filters": {
            "topics": sorted({t for d in details for t in d.get("topics", [])}, key=str.casefold),
            "phase": sorted({p for d in details for p in d.get("phase", [])}, key=_natural),
            "section": sorted({d["section"] for d in details if d.get("section")}, key=_natural),
        },
    }
    return MapPage(
        title, description, notice, total_nodes, total_edges, len(order), grouped_by, payload
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(page: MapPage) -> str:
    """The HTML of ``page``: one file, everything inlined, every data text escaped."""
    from markupsafe import Markup

    vis_js, map_js = asset("vendor", "vis-network.min.js"), asset("templates", "map.js")
    vis_css, map_css = asset("vendor", "vis-network.css"), asset("templates", "map.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(map_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return template("map.html.j2").render(
        page=page,
        csp=csp,
        payload=Markup(script_json(page.payload)),
        vis_js=Markup(vis_js),
        map_js=Markup(map_js),
        vis_css=Markup(vis_css),
        map_css=Markup(map_css),
    )


def write_page(page: MapPage, path: Path) -> Path:
    """Write the HTML of ``page`` to ``path`` atomically and return ``path``."""
    return write_text(Path(path), render_page(page))


def write_map(graph: nx.Graph, path: Path, **options: Any) -> Path:
    """Lay out and write ``graph`` as a map at ``path``; ``options`` go to :func:`build_page`."""
    options.setdefault("name", Path(path).stem)
    return write_page(build_page(graph, **options), path)
