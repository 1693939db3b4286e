"""Write a network view as GraphML, streamed: valid against the GraphML schema at any size.

Written by hand rather than with networkx's writer, for three reasons: node ids must be
``xs:NMTOKEN`` s (an IRI is not one), edge ids must be unique (networkx writes each edge's key,
so ids repeat and Gephi skips every edge whose id it has already seen), and networkx builds
the whole document as an element tree first (slow and memory-hungry for a million-edge view).

- nodes are ``n0``, ``n1``, ... in the view's order, each node's IRI kept in the ``iri``
  attribute; edges are ``e0``, ``e1``, ...;
- every other node and edge attribute is a ``<key>`` (``boolean``, ``long``, ``double`` or
  ``string``, the narrowest that holds every value); empty strings are left out;
- the graph's ``name``, ``title`` and ``description`` are graph data.

Examples
--------
>>> import io, networkx as nx
>>> v = nx.MultiDiGraph(name="tiny")
>>> v.add_node("https://example.org/a", label="A")
>>> v.add_node("https://example.org/b", label="B")
>>> _ = v.add_edge("https://example.org/a", "https://example.org/b", key="p", label="p", weight=1.0)
>>> _ = v.add_edge("https://example.org/a", "https://example.org/b", key="q", label="q", weight=1.0)
>>> out = io.BytesIO()
>>> write_graphml(v, out)
>>> back = nx.read_graphml(io.BytesIO(out.getvalue()), force_multigraph=True)
>>> sorted(back.edges(keys=True))
[('n0', 'n1', 'e0'), ('n0', 'n1', 'e1')]
>>> back.nodes["n1"]["iri"], back.nodes["n1"]["label"]
('https://example.org/b', 'B')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from graph.atomic import write_pieces
from graph.export.xmltext import filled_values, nmtoken, text, type_name
from graph.network.edges import edge_data

__all__ = ["GRAPHML_NAMESPACE", "attribute_columns", "node_ids", "write_graphml"]

#: The GraphML namespace.
GRAPHML_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_SCHEMA_LOCATION = f"{GRAPHML_NAMESPACE} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
_GRAPH_DATA = ("name", "title", "description")


def node_ids(view: Any) -> dict[Any, str]:
    """``n0``, ``n1``, ... for the nodes of ``view``, in its order.

    >>> import networkx as nx
    >>> node_ids(nx.path_graph(["x", "y"]))
    {'x': 'n0', 'y': 'n1'}
    """
    return {node: f"n{index}" for index, node in enumerate(view)}


def attribute_columns(
    records: Iterable[dict[str, Any]], *, skip: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """``(name, type)`` of each attribute in ``records``, in the order first met, typed with
    :func:`graph.export.xmltext.type_name`; ``None`` and empty strings do not count.

    >>> attribute_columns([{"label": "A", "weight": 1.0}, {"weight": 2, "note": ""}])
    [('label', 'string'), ('weight', 'double')]
    """
    left_out = set(skip)
    kinds: dict[str, set[type]] = {}
    for record in records:
        for name, value in record.items():
            if value is None or value == "" or name in left_out:
                continue
            found = kinds.get(name)
            if found is None:
                kinds[name] = {type(value)}
            else:
                found.add(type(value))
    return [(name, type_name(found)) for name, found in kinds.items()]


def _graphml(view: Any) -> Iterator[str]:
    ids = node_ids(view)
    node_columns = attribute_columns((d for _, d in view.nodes(data=True)), skip=["iri"])
    edge_columns = attribute_columns(d for *_, d in edge_data(view))
    graph_data = [(k, str(view.graph[k])) for k in _GRAPH_DATA if view.graph.get(k)]
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<graphml xmlns="{GRAPHML_NAMESPACE}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{_SCHEMA_LOCATION}">\n'
    )
    keys: dict[tuple[str, str], str] = {}
    declared = [("graph", k, "string") for k, _ in graph_data]
    declared += [("node", "iri", "string")] + [("node", n, t) for n, t in node_columns]
    declared += [("edge", n, t) for n, t in edge_columns]
    for index, (domain, name, kind) in enumerate(declared):
        keys[domain, name] = key = f"d{index}"
        yield (
            f'  <key id="{key}" for="{domain}" attr.name="{nmtoken(name)}" attr.type="{kind}"/>\n'
        )
    direction = "directed" if view.is_directed() else "undirected"
    graph_id = nmtoken(str(view.graph.get("name") or "G"))
    yield f'  <graph id="{graph_id}" edgedefault="{direction}">\n'
    for name, value in graph_data:
        yield f'    <data key="{keys["graph", name]}">{text(value)}</data>\n'
    iri_key = keys["node", "iri"]
    node_keys = [
        (n, f'      <data key="{keys["node", n]}">', t, "</data>\n") for n, t in node_columns
    ]
    for node, data in view.nodes(data=True):
        yield "".join(
            (
                f'    <node id="{ids[node]}">\n      <data key="{iri_key}">{text(str(node))}</data>\n',
                *filled_values(data, node_keys, text),
                "    </node>\n",
            )
        )
    edge_keys = [
        (n, f'      <data key="{keys["edge", n]}">', t, "</data>\n") for n, t in edge_columns
    ]
    for index, (source, target, data) in enumerate(edge_data(view)):
        yield "".join(
            (
                f'    <edge id="e{index}" source="{ids[source]}" target="{ids[target]}">\n',
                *filled_values(data, edge_keys, text),
                "    </edge>\n",
            )
        )
    yield "  </graph>\n</graphml>\n"


def write_graphml(view: Any, handle: IO[bytes]) -> None:
    """Write the networkx graph ``view`` as GraphML onto the binary ``handle``."""
    write_pieces(_graphml(view), handle)
