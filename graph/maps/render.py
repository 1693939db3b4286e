"""Render a networkx view as one self-contained, offline, interactive HTML map.

:mod:`~graph.maps.payload` lays the view out and gathers what the page shows; the page
itself comes from our own autoescaping Jinja2 template, ``templates/map.html.j2``, with
vis-network inlined from ``vendor/`` and every text from the data carried as JSON in a
``<script type="application/json">`` block, escaped so that no value can close it. The
page's script puts those texts on screen with ``textContent`` only, and a Content Security
Policy allows no script but the two inlined ones and no request to any address.

A map opens *collapsed* when it has groups: a view too large to draw node by node (more
than ``max_nodes``) is grouped by class or section, and a standard map may ask for its
story groups (:func:`~graph.maps.grouping.story_groups`); the reader opens a group with a
click.

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
>>> page.payload["links"][0]["label"]
'member of'

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
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.atomic import write_text_pieces
from graph.errors import ExportError
from graph.maps.grouping import GROUP_KEYS, MAX_DRAWN_NODES, size_groups, story_groups
from graph.maps.layout import SEED
from graph.maps.payload import LABEL_LENGTH, map_payload
from graph.maps.templating import asset, template
from graph.network.edges import edge_count

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LABEL_LENGTH",
    "MapPage",
    "build_page",
    "map_groups",
    "page_pieces",
    "render_page",
    "script_json",
    "script_json_pieces",
    "write_map",
    "write_page",
]

#: Where a map says its data comes from (the PNG, SVG and print carry it too).
SOURCE_NOTE = (
    "Source: the hubspoke knowledge graph of the CSE Hub and Spoke programme, built from the "
    "programme's reports and public pages; every link cites the sentence it comes from."
)


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
    index: str | None = None
    note: str = ""


#: What :func:`script_json` escapes, and how.
_SCRIPT_ESCAPES = str.maketrans(
    {
        "&": "\\u0026",
        "<": "\\u003c",
        ">": "\\u003e",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)
#: Items of a list encoded at a time by :func:`script_json_pieces`.
_ITEMS_A_PIECE = 2000


def script_json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>``, ``&`` escaped.

    JSON has these characters only inside strings, where ``\\u003c`` means the same, so the
    text parses to the same value but can never contain ``</script>`` or ``<!--``.
    """
    return "".join(script_json_pieces(value))


def script_json_pieces(value: object) -> Iterator[str]:
    """:func:`script_json` of ``value`` in pieces: a dict with text keys member by member, a
    list some thousands of items at a time, so that the JSON of a large map (over a hundred
    megabytes at national scale) is never held whole, nor copied to be escaped.

    >>> "".join(script_json_pieces({"a": [1, "<", {"b": None}], "c": []}))
    '{"a":[1,"\\\\u003c",{"b":null}],"c":[]}'
    """
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        yield "{"
        for index, (key, member) in enumerate(value.items()):
            yield ("," if index else "") + _json(key) + ":"
            yield from script_json_pieces(member)
        yield "}"
    elif isinstance(value, list) and len(value) > _ITEMS_A_PIECE:
        yield "["
        for start in range(0, len(value), _ITEMS_A_PIECE):
            yield ("," if start else "") + _json(value[start : start + _ITEMS_A_PIECE])[1:-1]
        yield "]"
    else:
        yield _json(value)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def _options(large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": SEED},
        "interaction": {
            "hover": True,
            "tooltipDelay": 3600000,
            "keyboard": {"enabled": False},
            "multiselect": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "zoomSpeed": 0.6,
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
            "shapeProperties": {"interpolation": False},
        },
        "edges": {
            "smooth": False,
            "width": 1,
            "selectionWidth": 1.5,
            "hoverWidth": 1.5,
            "color": {
                "color": "#9aa1a9",
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


def _notice(total: int, limit: int, by: str, groups: int) -> str:
    what = "class" if by == "class" else "source section"
    return (
        f"This graph has {total:,} nodes, more than the {limit:,} a map draws one by one, "
        f"so it opens as {groups:,} groups, one per {what}, sized by the number of nodes in "
        f"each. Click a group to open it, or search for a node to go straight to it."
    )


def map_groups(
    graph: nx.Graph,
    *,
    max_nodes: int = MAX_DRAWN_NODES,
    group_by: str = "class",
    collapse: bool | Mapping[Hashable, str] = False,
) -> tuple[dict[Hashable, str], str | None]:
    """The groups a map of ``graph`` opens with (node -> group) and what they group by
    ("class", "section", "story" or ``None``), as :func:`build_page` chooses them: by
    ``group_by`` beyond ``max_nodes`` nodes, else the story groups when ``collapse`` is true
    (or the groups ``collapse`` maps), else none.
    """
    groups: dict[Hashable, str] = {}
    if graph.number_of_nodes() > max_nodes:
        groups.update(size_groups(graph, by=group_by))
        return groups, group_by
    if collapse is True:
        groups.update(story_groups(graph))
    elif collapse:
        groups.update(collapse)
    return groups, ("story" if groups else None)


def build_page(
    graph: nx.Graph,
    *,
    title: str | None = None,
    description: str | None = None,
    focus: str | None = None,
    max_nodes: int = MAX_DRAWN_NODES,
    group_by: str = "class",
    name: str | None = None,
    collapse: bool | Mapping[Hashable, str] | None = None,
    statements: Mapping[str, Mapping[str, Any]] | None = None,
    index: str | None = None,
    built: str | None = None,
) -> MapPage:
    """Lay out ``graph`` and gather all a map page shows (nothing is written).

    Parameters
    ----------
    graph
        A view (see :mod:`graph.network.views` and :func:`~graph.maps.payload.map_payload`).
    title, description
        Page heading and subtitle (default: the graph's ``title`` and ``description``).
    focus
        A node to select when the page opens.
    max_nodes
        Beyond this many nodes the map opens with one node per group (``group_by``: "class"
        or "section"), says so, and opens a group on a click.
    name
        File name stem for the saved PNG and SVG (default: the graph's ``name``).
    collapse
        ``True``: open with the story groups of :func:`~graph.maps.grouping.story_groups`
        collapsed; a mapping node -> group: open with those groups collapsed (default: the
        graph's ``collapse`` attribute, which :func:`~graph.maps.standard.view_graph` sets
        for the views that open collapsed).
    statements
        The sentences the nodes and links cite, by IRI (default: the graph's
        ``statements`` attribute).
    index
        Relative address of the index of maps, for a link back to it.
    built
        The date of the data the map shows (ISO 8601), said in its source note; none by
        default, so that the same data gives the same page on any day (a saved picture
        carries the date it was saved).
    """
    if group_by not in GROUP_KEYS:
        raise ExportError(
            f"cannot group a map by {group_by!r}; choose one of: {', '.join(GROUP_KEYS)}"
        )
    total_nodes, total_edges = graph.number_of_nodes(), edge_count(graph)
    title = (
        title
        if title is not None
        else str(graph.graph.get("title") or graph.graph.get("name") or "Network map")
    )
    description = (
        description if description is not None else str(graph.graph.get("description") or "")
    )
    if collapse is None:
        collapse = bool(graph.graph.get("collapse"))
    notice = ""
    groups, grouped_by = map_groups(
        graph, max_nodes=max_nodes, group_by=group_by, collapse=collapse
    )
    payload = map_payload(
        graph,
        groups=groups,
        statements=statements if statements is not None else graph.graph.get("statements"),
    )
    if grouped_by in GROUP_KEYS:
        notice = _notice(total_nodes, max_nodes, group_by, len(payload["groups"]))
    order = payload.pop("order")
    focus_id = order.index(focus) if focus is not None and focus in order else None
    payload.update(
        {
            "title": title,
            "name": name or str(graph.graph.get("name") or "map"),
            "grouped": grouped_by,
            "focus": focus_id,
            "index": index,
            "built": built or "",
            "source": SOURCE_NOTE,
            "options": _options(total_nodes > 600),
        }
    )
    drawn = total_nodes - sum(len(g["members"]) for g in payload["groups"]) + len(payload["groups"])
    note = str(graph.graph.get("note") or "")
    return MapPage(
        title,
        description,
        notice,
        total_nodes,
        total_edges,
        drawn,
        grouped_by,
        payload,
        index,
        note,
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(page: MapPage) -> str:
    """The HTML of ``page``: one file, everything inlined, every data text escaped."""
    return "".join(page_pieces(page))


#: Where the page's data goes in the rendered template (:func:`page_pieces`).
_PAYLOAD_MARK = "\x00hubspoke map data\x00"


def page_pieces(page: MapPage) -> Iterator[str]:
    """:func:`render_page` in pieces: the template around the data, rendered once, and the
    data as :func:`script_json_pieces` gives it."""
    from markupsafe import Markup

    vis_js, map_js = asset("vendor", "vis-network.min.js"), asset("templates", "map.js")
    vis_css, map_css = asset("vendor", "vis-network.css"), asset("templates", "map.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(map_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'"
    )
    html = template("map.html.j2").render(
        page=page,
        csp=csp,
        payload=Markup(_PAYLOAD_MARK),
        vis_js=Markup(vis_js),
        map_js=Markup(map_js),
        vis_css=Markup(vis_css),
        map_css=Markup(map_css),
    )
    before, mark, after = html.partition(_PAYLOAD_MARK)
    if not mark or _PAYLOAD_MARK in after:
        raise ValueError("map.html.j2 must place the map's data exactly once")
    yield before
    yield from script_json_pieces(page.payload)
    yield after


def write_page(page: MapPage, path: Path) -> Path:
    """Write the HTML of ``page`` to ``path`` atomically, a piece at a time, and return
    ``path``."""
    return write_text_pieces(Path(path), page_pieces(page))


def write_map(graph: nx.Graph, path: Path, **options: Any) -> Path:
    """Lay out and write ``graph`` as a map at ``path``; ``options`` go to :func:`build_page`."""
    options.setdefault("name", Path(path).stem)
    return write_page(build_page(graph, **options), path)
