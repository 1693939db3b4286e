"""Network exports open cleanly in other people's tools: Gephi, Cytoscape, igraph, Excel.

Every view of the public graph is written once for this module. GraphML must be valid
against the GraphML schema and GEXF against GEXF 1.3 (the schemas are shipped in
``tests/data/xsd``, read by lxml, nothing fetched); networkx and igraph must read back every
edge; Gephi skips an edge whose id it has seen, so ids must be unique; GEXF must carry the
maps' layout and colours; the CSV tables must open in Excel by double-click and in pandas.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
import pandas as pd
import pytest
from lxml import etree

from graph.export.gexf import GEXF_NAMESPACE, VIZ_NAMESPACE, write_gexf
from graph.export.graphml import GRAPHML_NAMESPACE, write_graphml
from graph.export.networks import write_view
from graph.kg import KnowledgeGraph
from graph.maps.layout import layout_positions
from graph.maps.styling import class_styles
from graph.network.views import VIEW_NAMES, project
from graph.privacy import redact
from graph.store.written import as_written

XSD = Path(__file__).parent / "data" / "xsd"
NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
G = f"{{{GRAPHML_NAMESPACE}}}"
X = f"{{{GEXF_NAMESPACE}}}"
V = f"{{{VIZ_NAMESPACE}}}"


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


@pytest.fixture(scope="module")
def graphml_schema() -> etree.XMLSchema:
    return _schema("graphml.xsd")


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return _schema("gexf.xsd")


@pytest.fixture(scope="module")
def views(kg: KnowledgeGraph) -> dict[str, nx.Graph]:
    """Every view of what the public may see, as ``hubspoke export`` projects it."""
    public = redact(as_written(kg.graph), "public")
    return {name: project(public, name) for name in sorted(VIEW_NAMES)}


@pytest.fixture(scope="module")
def written(views: dict[str, nx.Graph], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("views")
    for name, view in views.items():
        write_view(view, root / name)
    return root


def _edges(graph: nx.Graph | igraph.Graph, iri: dict[str, str] | None = None) -> Counter:
    if isinstance(graph, igraph.Graph):
        names = graph.vs["iri"]
        pairs = [(names[e.source], names[e.target]) for e in graph.es]
        directed = graph.is_directed()
    else:
        lookup = iri or {n: n for n in graph}
        pairs = [(lookup[u], lookup[v]) for u, v in graph.edges()]
        directed = graph.is_directed()
    return Counter(pairs if directed else (frozenset(p) for p in pairs))


@pytest.mark.parametrize("name", sorted(VIEW_NAMES))
def test_graphml_is_valid_against_the_graphml_schema(
    written: Path, graphml_schema: etree.XMLSchema, name: str
) -> None:
    document = etree.parse(str(written / name / f"{name}.graphml"))
    assert graphml_schema.validate(document), graphml_schema.error_log


@pytest.mark.parametrize("name", sorted(VIEW_NAMES))
def test_gexf_is_valid_against_gexf_1_3(
    written: Path, gexf_schema: etree.XMLSchema, name: str
) -> None:
    document = etree.parse(str(written / name / f"{name}.gexf"))
    assert gexf_schema.validate(document), gexf_schema.error_log


@pytest.mark.parametrize("name", sorted(VIEW_NAMES))
def test_every_edge_has_its_own_id_and_every_node_id_is_an_nmtoken(
    written: Path, views: dict[str, nx.Graph], name: str
) -> None:
    view = views[name]
    for suffix, prefix in (("graphml", G), ("gexf", X)):
        root = etree.parse(str(written / name / f"{name}.{suffix}")).getroot()
        edge_ids = [e.get("id") for e in root.iter(f"{prefix}edge")]
        node_ids = [n.get("id") for n in root.iter(f"{prefix}node")]
        assert len(edge_ids) == len(set(edge_ids)) == view.number_of_edges()
        assert len(node_ids) == len(set(node_ids)) == view.number_of_nodes()
        assert all(NMTOKEN.fullmatch(i) for i in node_ids + edge_ids)


@pytest.mark.parametrize("name", sorted(VIEW_NAMES))
def test_networkx_and_igraph_read_back_every_node_and_edge(
    written: Path, views: dict[str, nx.Graph], name: str
) -> None:
    view = views[name]
    expected = _edges(view)
    graphml = written / name / f"{name}.graphml"
    from_graphml = nx.read_graphml(graphml, force_multigraph=view.is_multigraph())
    from_gexf = nx.read_gexf(written / name / f"{name}.gexf")
    for graph in (from_graphml, from_gexf):
        iri = dict(graph.nodes(data="iri"))
        assert sorted(iri.values()) == sorted(view.nodes)
        assert _edges(graph, iri) == expected
        assert graph.is_directed() == view.is_directed()
        for node, label in graph.nodes(data="label"):
            assert label == view.nodes[iri[node]]["label"]
    read_by_igraph = igraph.Graph.Read_GraphML(str(graphml))
    assert read_by_igraph.vcount() == view.number_of_nodes()
    assert read_by_igraph.ecount() == view.number_of_edges()
    assert _edges(read_by_igraph) == expected


def test_gexf_nodes_sit_where_the_map_draws_them_in_their_class_colour(
    written: Path, views: dict[str, nx.Graph]
) -> None:
    view = views["partnership"]
    positions = layout_positions(view)
    styles = class_styles(str(c or "") for _, c in view.nodes(data="cls"))
    root = etree.parse(str(written / "partnership" / "partnership.gexf")).getroot()
    for node in root.iter(f"{X}node"):
        iri = next(a.get("value") for a in node.iter(f"{X}attvalue") if a.get("for") == "0")
        position, colour = node.find(f"{V}position"), node.find(f"{V}color")
        x, y = positions[iri]
        assert (float(position.get("x")), float(position.get("y"))) == pytest.approx((x, -y))
        hex_colour = "#{:02X}{:02X}{:02X}".format(*(int(colour.get(c)) for c in "rgb"))
        assert hex_colour == styles[view.nodes[iri]["cls"]].colour.upper()
        assert float(node.find(f"{V}size").get("value")) > 0


def test_the_schemas_reject_what_networkx_writes_repeated_edge_ids_and_iri_node_ids(
    views: dict[str, nx.Graph], graphml_schema: etree.XMLSchema
) -> None:
    """The check can fail: networkx's own GraphML of the full view is what the issue found."""
    buffer = io.BytesIO()
    nx.write_graphml_xml(views["full"], buffer)
    assert not graphml_schema.validate(etree.fromstring(buffer.getvalue()))
    messages = " ".join(e.message for e in graphml_schema.error_log)
    assert "NMTOKEN" in messages or "edge_id_unique" in messages


def test_labels_with_markup_quotes_and_control_characters_still_make_valid_files(
    graphml_schema: etree.XMLSchema, gexf_schema: etree.XMLSchema
) -> None:
    view = nx.MultiDiGraph(name="odd view", title='Odd "view" <b>&')
    view.add_node("urn:a", label='A & <B> "C"\nnext line', cls="hs:Person", count=3)
    view.add_node("urn:b", label="bell \x07 and \ufffe", cls="", flag=True)
    view.add_edge("urn:a", "urn:b", label="p\tq", weight=2.5)
    view.add_edge("urn:a", "urn:b", label="p\tq", weight=1.0)
    graphml, gexf = io.BytesIO(), io.BytesIO()
    write_graphml(view, graphml)
    write_gexf(view, gexf)
    assert graphml_schema.validate(etree.fromstring(graphml.getvalue())), graphml_schema.error_log
    assert gexf_schema.validate(etree.fromstring(gexf.getvalue())), gexf_schema.error_log
    back = nx.read_graphml(io.BytesIO(graphml.getvalue()), force_multigraph=True)
    assert back.nodes["n0"]["label"] == 'A & <B> "C"\nnext line'
    assert back.nodes["n1"]["label"] == "bell \ufffd and \ufffd"
    assert back.nodes["n0"]["count"] == 3 and back.nodes["n1"]["flag"] is True
    assert back.number_of_edges() == 2


@pytest.mark.parametrize("table", ["nodes.csv", "edges.csv"])
def test_view_tables_open_in_excel_by_double_click_and_in_pandas(
    written: Path, views: dict[str, nx.Graph], table: str
) -> None:
    path = written / "full" / table
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark that tells Excel "UTF-8"
    assert b"\r\n" in raw
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    view = views["full"]
    expected_rows = view.number_of_nodes() if table == "nodes.csv" else view.number_of_edges()
    assert len(frame) == expected_rows
    assert frame.columns[0] in {"id", "source"}
    text = raw.decode("utf-8-sig")
    assert any(ch in text for ch in "£…–’")  # non-ASCII text survives as written
    first_cells = [line.split(",", 1)[0] for line in text.splitlines()]
    assert not any(cell.startswith(("=", "+", "@")) for cell in first_cells)


@pytest.mark.parametrize("table", ["nodes.csv", "edges.csv"])
def test_a_view_table_written_a_few_rows_at_a_time_is_the_table_written_whole(
    tmp_path: Path, views: dict[str, nx.Graph], table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national graph's tables are written a piece at a time; the bytes are the same as
    one text of the whole table (here in pieces of seven rows, beside one piece)."""
    import graph.tabular

    view = views["full"]
    write_view(view, tmp_path / "whole", formats=["csv"])
    monkeypatch.setattr(graph.tabular, "PIECE_ROWS", 7)
    write_view(view, tmp_path / "pieces", formats=["csv"])
    whole = (tmp_path / "whole" / table).read_bytes()
    assert (tmp_path / "pieces" / table).read_bytes() == whole
    assert whole.count(b"\r\n") > 7 * 3
