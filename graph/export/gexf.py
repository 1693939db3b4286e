"""Write a network view as GEXF 1.3, streamed, with the maps' layout and colours.

Gephi opens the file laid out as the interactive maps are (no hairball): each node carries
the position :func:`graph.maps.layout.layout_positions` gives it (``viz:position``, with the
y axis turned up the way Gephi draws it, the map's y grows downwards), the colour of its class
from :func:`graph.maps.styling.class_styles` (``viz:color``) and a size growing with its number
of neighbours (``viz:size``, as in the maps).

- nodes are ``n0``, ``n1``, ... (as in the GraphML file), labelled, the IRI kept in the
  ``iri`` attribute; edges are ``e0``, ``e1``, ..., labelled with the property's label and
  weighted;
- every other attribute is declared once (``boolean``, ``long``, ``double`` or ``string``);
  empty strings are left out;
- nothing that changes from run to run (a date, a library version) is written.

Examples
--------
>>> import io, networkx as nx
>>> v = nx.MultiDiGraph(name="tiny", title="Tiny view")
>>> v.add_node("https://example.org/a", label="A", cls="hs:Organisation")
>>> v.add_node("https://example.org/b", label="B", cls="hs:Person")
>>> _ = v.add_edge("https://example.org/a", "https://example.org/b", label="knows", weight=1.0)
>>> out = io.BytesIO()
>>> write_gexf(v, out)
>>> back = nx.read_gexf(io.BytesIO(out.getvalue()))
>>> back.nodes["n0"]["label"], back.nodes["n0"]["iri"], back.nodes["n0"]["viz"]["color"]
('A', 'https://example.org/a', {'r': 51, 'g': 34, 'b': 136, 'a': 1.0})
>>> sorted(back.edges(data="label"))
[('n0', 'n1', 'knows')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from graph.atomic import write_pieces
from graph.export.graphml import attribute_columns, node_ids
from graph.export.xmltext import attribute, filled_values, number
from graph.network.edges import edge_count, edge_data

__all__ = ["GEXF_NAMESPACE", "VIZ_NAMESPACE", "map_positions", "node_looks", "write_gexf"]

#: The GEXF 1.3 namespace, and that of its visualisation module, as Gephi writes them.
GEXF_NAMESPACE = "http://gexf.net/1.3"
VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
_SCHEMA_LOCATION = f"{GEXF_NAMESPACE} http://gexf.net/1.3/gexf.xsd"
_EDGE_OWN = ("label", "weight")


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return red, green, blue


def map_positions(view: Any) -> dict[Any, tuple[float, float]]:
    """Where the map of ``view`` draws each node (y down, as on the page): the map's groups and
    the map's layout, worked out once per process (:func:`graph.maps.layout.map_layout`).

    An export calls it for each view before its maps are drawn in a second process, which
    then finds the layouts made: each view is laid out once, for its GEXF file and its map.

    >>> import networkx as nx
    >>> sorted(map_positions(nx.Graph([("a", "b")])))
    ['a', 'b']
    """
    from graph.maps.layout import map_layout  # lazy: numpy and the layout only here
    from graph.maps.render import map_groups  # lazy: with the layout
    from graph.maps.standard import COLLAPSED_VIEWS  # lazy: with the layout

    collapse = view.graph.get("name") in COLLAPSED_VIEWS
    return map_layout(view, map_groups(view, collapse=collapse)[0]).nodes


def node_looks(view: Any) -> dict[Any, tuple[float, float, tuple[int, int, int], float]]:
    """Position ``(x, y)`` (y up), colour ``(r, g, b)`` and size of each node of ``view``, as
    the maps draw it.

    >>> import networkx as nx
    >>> looks = node_looks(nx.Graph([("a", "b")]))
    >>> sorted(looks) == ["a", "b"] and looks["a"][2] == looks["b"][2]
    True
    """
    from graph.maps.styling import class_styles, node_size  # lazy: with the layout

    positions = map_positions(view)  # where the view's map draws each node
    styles = class_styles(str(c or "") for _, c in view.nodes(data="cls"))
    if view.is_directed():
        neighbours = {n: len(set(view.predecessors(n)) | set(view.successors(n))) for n in view}
    else:
        neighbours = {n: len(set(view.neighbors(n))) for n in view}
    largest = max(neighbours.values(), default=0)
    looks = {}
    for node, cls in view.nodes(data="cls"):
        x, y = positions[node]
        colour = _rgb(styles[str(cls or "")].colour)
        looks[node] = (x, -y + 0.0, colour, node_size(neighbours[node], largest=largest))
    return looks


def _gexf(view: Any) -> Iterator[str]:
    ids = node_ids(view)
    looks = node_looks(view)
    node_columns = attribute_columns((d for _, d in view.nodes(data=True)), skip=["iri", "label"])
    edge_columns = attribute_columns((d for *_, d in edge_data(view)), skip=_EDGE_OWN)
    title = str(view.graph.get("title") or view.graph.get("name") or "")
    about = ": ".join(p for p in (title, str(view.graph.get("description") or "")) if p)
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NAMESPACE}" xmlns:viz="{VIZ_NAMESPACE}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_SCHEMA_LOCATION}" version="1.3">\n'
        "  <meta>\n    <creator>hubspoke</creator>\n"
    )
    if about:
        yield f"    <description>{attribute(about)}</description>\n"
    direction = "directed" if view.is_directed() else "undirected"
    yield f'  </meta>\n  <graph defaultedgetype="{direction}" mode="static">\n'
    yield '    <attributes class="node" mode="static">\n'
    yield '      <attribute id="0" title="iri" type="string"/>\n'
    for index, (name, kind) in enumerate(node_columns, start=1):
        yield f'      <attribute id="{index}" title="{attribute(name)}" type="{kind}"/>\n'
    yield '    </attributes>\n    <attributes class="edge" mode="static">\n'
    for index, (name, kind) in enumerate(edge_columns):
        yield f'      <attribute id="{index}" title="{attribute(name)}" type="{kind}"/>\n'
    yield f'    </attributes>\n    <nodes count="{view.number_of_nodes()}">\n'
    node_values = [
        (name, f'          <attvalue for="{index}" value="', kind, '"/>\n')
        for index, (name, kind) in enumerate(node_columns, start=1)
    ]
    for node, data in view.nodes(data=True):
        label = attribute(str(data.get("label") or node))
        x, y, (red, green, blue), size = looks[node]
        yield "".join(
            (
                f'      <node id="{ids[node]}" label="{label}">\n        <attvalues>\n'
                f'          <attvalue for="0" value="{attribute(str(node))}"/>\n',
                *filled_values(data, node_values, attribute),
                "        </attvalues>\n"
                f'        <viz:color r="{red}" g="{green}" b="{blue}"/>\n'
                f'        <viz:position x="{number(float(x))}" y="{number(float(y))}" z="0.0"/>\n'
                f'        <viz:size value="{number(float(size))}"/>\n'
                "      </node>\n",
            )
        )
    yield f'    </nodes>\n    <edges count="{edge_count(view)}">\n'
    edge_values = [
        (name, f'            <attvalue for="{index}" value="', kind, '"/>\n')
        for index, (name, kind) in enumerate(edge_columns)
    ]
    for index, (source, target, data) in enumerate(edge_data(view)):
        own = f' id="e{index}" source="{ids[source]}" target="{ids[target]}"'
        if data.get("label"):
            own += f' label="{attribute(str(data["label"]))}"'
        weight = data.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            own += f' weight="{number(float(weight))}"'
        values = "".join(filled_values(data, edge_values, attribute))
        if values:
            yield f"      <edge{own}>\n        <attvalues>\n{values}        </attvalues>\n      </edge>\n"
        else:
            yield f"      <edge{own}/>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def write_gexf(view: Any, handle: IO[bytes]) -> None:
    """Write the networkx graph ``view`` as GEXF 1.3 onto the binary ``handle``."""
    write_pieces(_gexf(view), handle)
