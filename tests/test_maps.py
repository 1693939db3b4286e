"""Maps are single offline HTML files that escape every text from the data (no browser here).

The browser tests are in ``test_maps_browser.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from benchkit.maps import synthetic_graph
from hypothesis import given
from hypothesis import strategies as st

from graph.build import BUILD_STEPS
from graph.cli import main
from graph.kg import KnowledgeGraph
from graph.maps import (
    STANDARD_VIEWS,
    build_page,
    render_page,
    script_json,
    write_map,
)

XSS = "<img src=x onerror=alert(1)>"
VENDOR = Path(__file__).resolve().parent.parent / "graph" / "maps" / "vendor"
#: Attributes with which an element makes the browser fetch something.
FETCHING = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "manifest",
    "icon",
    "ping",
    "xlink:href",
}


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []
        self.texts: dict[str, str] = {}
        self._id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open, self._text = (tag, dict(attrs)), []
        self._id = dict(attrs).get("id")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)
        elif self._id:
            self.texts[self._id] = self.texts.get(self._id, "") + data

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self.raw.append((tag, self._open[1], "".join(self._text)))
            self._open = None
        self._id = None


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def data_block(html: str) -> dict[str, object]:
    (text,) = [t for tag, attrs, t in parse(html).raw if attrs.get("id") == "map-data"]
    return json.loads(text)


def assert_offline(html: str) -> None:
    """Nothing in the page makes the browser fetch from an address: no src/href/url() to one."""
    page = parse(html)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            if name in FETCHING and value:
                assert not re.match(r"\s*(https?:|//|ftp:)", value, re.IGNORECASE), (
                    f"<{tag} {name}={value!r}>"
                )
        assert tag not in {"link", "iframe", "object", "embed", "base", "img", "video", "audio"}, (
            tag
        )
        if tag == "script":
            assert "src" not in attrs, "every script is inlined"
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            pytest.fail("a meta refresh would load another address")
    for tag, _, text in page.raw:
        if tag == "style":
            assert "@import" not in text
            for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", text):
                assert url.startswith(("data:", "#")), url
    (policy,) = [
        a["content"]
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in policy and "http" not in policy and "*" not in policy


@pytest.fixture(scope="module")
def xss_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    graph = nx.MultiDiGraph(name="xss", title=f"{XSS} heading", description=XSS)
    graph.add_node(
        XSS,
        label=XSS,
        cls="hs:Organisation",
        class_label=XSS,
        topics=XSS,
        phase=XSS,
        text=f"{XSS}</script><script>window.__xss=1</script>",
        section=XSS,
        document=XSS,
    )
    graph.add_node("urn:b", label="Plain", cls="hs:Person", class_label="person")
    graph.add_edge(XSS, "urn:b", label=XSS, weight=1.0)
    path = write_map(graph, tmp_path_factory.mktemp("xss") / "xss.html")
    return path.read_text(encoding="utf-8")


def test_build_writes_one_map_per_view_and_an_index_linking_them(maps: Path) -> None:
    links = [a["href"] for t, a in parse((maps / "index.html").read_text()).tags if t == "a"]
    assert links == [f"{view}.html" for view in STANDARD_VIEWS]
    for view in STANDARD_VIEWS:
        assert (maps / f"{view}.html").stat().st_size > 100_000


def test_hubspoke_build_writes_the_maps_into_out_maps(kg: KnowledgeGraph, tmp_path: Path) -> None:
    written = [p for step in BUILD_STEPS for p in step(kg, tmp_path, "public")]
    maps = [p for p in written if p.parent == tmp_path / "maps"]
    assert sorted(p.name for p in maps) == sorted(
        [f"{v}.html" for v in STANDARD_VIEWS] + ["index.html"]
    )
    assert all(p.exists() for p in maps)


@pytest.mark.parametrize("name", [*STANDARD_VIEWS, "index"])
def test_no_map_loads_anything_from_an_address(maps: Path, name: str) -> None:
    assert_offline((maps / f"{name}.html").read_text(encoding="utf-8"))


def test_each_map_carries_every_node_of_its_view(kg: KnowledgeGraph, maps: Path) -> None:
    for view in STANDARD_VIEWS:
        data = data_block((maps / f"{view}.html").read_text(encoding="utf-8"))
        projected = kg.view(view)
        assert len(data["details"]) == projected.number_of_nodes()
        assert len(data["nodes"]) == projected.number_of_nodes() + len(data["groups"])
        assert {d["iri"] for d in data["details"]} == set(projected)


_RENDER_MODELS_MAP = """
import hashlib
from graph.kg import load
from graph.maps import build_page, render_page
page = render_page(build_page(load().view("models")))
print(hashlib.sha256(page.encode("utf-8")).hexdigest())
"""


def test_the_learning_and_full_maps_open_collapsed_into_the_sections_of_their_sources(
    maps: Path,
) -> None:
    for view in ("learning", "full"):
        data = data_block((maps / f"{view}.html").read_text(encoding="utf-8"))
        assert data["grouped"] == "story"
        labels = {g["label"] for g in data["groups"]}
        assert "4c) What do Spoke workers need to do/know/have?" in labels
        assert "Topics and groups discussed" in labels
        assert all(len(g["members"]) >= 3 for g in data["groups"])
        drawn = len(data["details"]) - sum(len(g["members"]) for g in data["groups"])
        assert drawn + len(data["groups"]) < len(data["details"]) / 2


def test_a_legend_names_at_most_about_a_dozen_kinds_each_with_its_own_look(maps: Path) -> None:
    for view in STANDARD_VIEWS:
        data = data_block((maps / f"{view}.html").read_text(encoding="utf-8"))
        looks = [(k["colour"], k["shape"]) for k in data["kinds"]]
        assert len(looks) <= (15 if view == "full" else 12), view
        assert len(set(looks)) == len(looks), view


def test_links_are_in_plain_words_and_carry_the_sentence_they_come_from(
    maps: Path,
) -> None:
    for view in STANDARD_VIEWS:
        data = data_block((maps / f"{view}.html").read_text(encoding="utf-8"))
        for link in data["links"]:
            assert re.fullmatch(r"[a-z][a-z ,':]*", link["label"]), link
            assert link["inverse"], link
        with_source = [link for link in data["links"] if link.get("sources")]
        assert len(with_source) >= 0.9 * len(data["links"]), view
        for link in with_source:
            assert all(data["statements"][s]["text"] for s in link["sources"])


def test_sectors_are_colours_of_organisations_not_nodes(kg: KnowledgeGraph, maps: Path) -> None:
    data = data_block((maps / "partnership.html").read_text(encoding="utf-8"))
    assert not any(d["cls"] == "hs:Sector" for d in data["details"])
    barnardos = next(d for d in data["details"] if d["label"] == "Barnardo's")
    assert barnardos["sector"] == "voluntary sector"
    assert "voluntary sector" in {s["label"] for s in data["sectors"]}


def test_a_kind_of_agency_with_no_sector_is_grey_not_a_sectors_colour(maps: Path) -> None:
    from graph.maps.styling import NO_SECTOR_COLOUR, SECTOR_COLOURS

    data = data_block((maps / "partnership.html").read_text(encoding="utf-8"))
    fills = {
        d["label"]: n["color"]["background"]
        for d, n in zip(data["details"], data["nodes"], strict=True)
    }
    assert fills["commissioners"] == NO_SECTOR_COLOUR  # the sources state no sector for it
    assert fills["police"] == SECTOR_COLOURS["statutory"]
    assert NO_SECTOR_COLOUR not in SECTOR_COLOURS.values()


# ------------------------------------------------------------------ the partnership shown
def _partnership(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    from graph.maps import view_graph

    return view_graph(kg, "partnership")


def test_the_partnership_is_one_connected_picture(kg: KnowledgeGraph) -> None:
    view = _partnership(kg)
    assert nx.is_weakly_connected(view)
    labels = {attrs["label"]: node for node, attrs in view.nodes(data=True)}
    around = view.to_undirected(as_view=True)
    for hub in ("Barnardo's", "Children's Society", "Sussex Central YMCA"):
        funder = labels["Child Sexual Exploitation Funders Alliance"]
        path = nx.shortest_path(around, labels[hub], funder)
        steps = []
        for a, b in zip(path, path[1:]):
            links = view.get_edge_data(a, b) or view.get_edge_data(b, a)
            steps.append(sorted(links)[0])
        assert steps == ["hs:hubOrganisation", "hs:partOfProgramme", "hs:supportedBy"], hub


def test_police_and_childrens_social_care_are_statutory_kinds_of_agency_linked_to_what_is_said(
    kg: KnowledgeGraph,
) -> None:
    view = _partnership(kg)
    for name in ("police", "children's social care"):
        (node,) = [n for n, a in view.nodes(data=True) if a["label"] == name]
        attrs = view.nodes[node]
        assert attrs["cls"] == "hs:AgencyType" and attrs["sector"] == "statutory sector"
        said = {kg.label(s) for s in attrs["statements"]}
        assert said, name
        incoming = {
            (view.nodes[s]["label"], a["label"]) for s, _, a in view.in_edges(node, data=True)
        }
        assert ("CSE Hub and Spoke programme", "places spokes in") in incoming


def test_the_evaluation_is_linked_to_its_funders_and_strands(kg: KnowledgeGraph) -> None:
    view = _partnership(kg)
    (evaluation,) = [n for n, a in view.nodes(data=True) if a["cls"] == "hs:Evaluation"]
    funders = {
        view.nodes[t]["label"]
        for _, t, a in view.out_edges(evaluation, data=True)
        if a["label"] == "is funded by"
    }
    assert {"Comic Relief", "Trust for London", "City Bridge Trust"} <= funders
    strands = [
        s for s, _, a in view.in_edges(evaluation, data=True) if a["label"] == "is a strand of"
    ]
    assert len(strands) == 2
    for strand in strands:
        assert any(a["label"] == "is funded by" for _, _, a in view.out_edges(strand, data=True))


def test_every_partnership_link_carries_its_sentence_and_none_is_a_guess(
    kg: KnowledgeGraph,
) -> None:
    view = _partnership(kg)
    table = view.graph["statements"]
    for source, target, attrs in view.edges(data=True):
        sources = [s.strip() for s in attrs["sources"].split(";") if s.strip()]
        assert sources and all(table[s]["text"] for s in sources), (source, target, attrs)
    hubs_and_services = {
        n
        for n, a in view.nodes(data=True)
        if a["cls"] == "hs:Service" or a["sector"] == "voluntary sector"
    }
    settings = {
        n for n, a in view.nodes(data=True) if a["label"] in ("police", "children's social care")
    }
    assert not any(s in hubs_and_services and t in settings for s, t in view.edges())
    assert not any(a["cls"] == "hs:Sector" for _, a in view.nodes(data=True))


def test_the_partnership_map_says_what_the_sources_leave_unsaid(maps: Path) -> None:
    note = parse((maps / "partnership.html").read_text(encoding="utf-8")).texts["view-note"]
    assert "not which hub placed a spoke" in note


def test_maps_are_reproducible(kg: KnowledgeGraph) -> None:
    # two separate processes, with different string hashing (so set and dict orders may
    # differ), draw the same page byte for byte; and so does this one
    digests = {
        subprocess.run(
            [sys.executable, "-c", _RENDER_MODELS_MAP],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    here = hashlib.sha256(render_page(build_page(kg.view("models"))).encode("utf-8")).hexdigest()
    assert digests == {here}


def test_markup_in_the_data_is_never_markup_in_the_page(xss_html: str) -> None:
    assert "<img" not in xss_html.lower()
    assert xss_html.lower().count("</script") == 3  # the data block and the two inlined scripts
    page = parse(xss_html)
    assert page.texts["map-title"] == f"{XSS} heading"
    assert next(text for tag, _, text in page.raw if tag == "script").count("<") == 0
    data = data_block(xss_html)
    assert data["details"][0]["label"] == XSS
    assert data["details"][0]["text"].endswith("</script><script>window.__xss=1</script>")


def test_the_page_script_puts_no_data_into_html() -> None:
    script = (VENDOR.parent / "templates" / "map.js").read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)


@given(st.text())
def test_script_json_never_contains_a_tag_and_parses_back(text: str) -> None:
    encoded = script_json({"label": text, "list": [text]})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"label": text, "list": [text]}


def test_a_large_map_s_data_written_in_pieces_is_the_json_of_the_whole() -> None:
    # the data of a large map is encoded a list slice or a dict member at a time: the text
    # is the one escaped JSON text of the whole, whatever the number of items
    for items in (0, 1, 1999, 2000, 2001, 4000, 4001):
        payload = {
            "links": [{"label": f"a < b & {i}", "n": i} for i in range(items)],
            "nested": {"x": ["\u2028", None, 1.5]},
            "numbers": {1: "key not text"},
        }
        whole = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        for char in "&<>\u2028\u2029":
            whole = whole.replace(char, f"\\u{ord(char):04x}")
        assert script_json(payload) == whole
        assert "<" not in whole and "&" not in whole and "\u2028" not in whole


def test_a_graph_beyond_the_limit_is_grouped_by_class_and_the_page_says_so() -> None:
    graph = synthetic_graph(300, seed=3)
    page = build_page(graph, max_nodes=100)
    classes = {c for _, c in graph.nodes(data="cls")}
    assert page.grouped_by == "class"
    assert len(page.payload["groups"]) == len(classes) == page.drawn_nodes
    assert sorted(m for g in page.payload["groups"] for m in g["members"]) == list(range(300))
    assert "300 nodes, more than the 100" in page.notice
    assert parse(render_page(page)).texts["grouping-notice"] == page.notice


def test_a_graph_can_be_grouped_by_section() -> None:
    page = build_page(synthetic_graph(300, seed=3), max_nodes=100, group_by="section")
    labels = {g["label"] for g in page.payload["groups"]}
    assert "(not from a document section)" in labels and "1. Section 1" in labels


def test_vendored_vis_network_is_the_recorded_version() -> None:
    record = (VENDOR / "VENDORED.md").read_text()
    assert "9.1.2" in record and "Apache" in record and "MIT" in record
    for name in ("vis-network.min.js", "vis-network.css"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in record
    assert "@version 9.1.2" in (VENDOR / "vis-network.min.js").read_text()[:400]


# ------------------------------------------------------------------ command line
def test_map_command_writes_a_view(
    kg: KnowledgeGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.html"
    assert main(["map", "partnership", "--out", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    html = out.read_text()
    assert len(data_block(html)["details"]) == kg.view("partnership").number_of_nodes()
    assert_offline(html)


def test_map_command_draws_the_neighbourhood_of_one_entity(
    kg: KnowledgeGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "around.html"
    assert main(["map", "partnership", "--focus", "CSEFA", "--depth", "1", "--out", str(out)]) == 0
    data = data_block(out.read_text())
    csefa = str(kg.resolve("CSEFA"))
    expected = set(nx.ego_graph(kg.view("partnership"), csefa, radius=1, undirected=True))
    assert {d["iri"] for d in data["details"]} == expected
    assert data["details"][data["focus"]]["iri"] == csefa


def test_map_command_default_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["map", "models", "--focus", "Model 4"]) == 0
    assert (tmp_path / "models-around-model-4.html").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "nosuchview"], "no view 'nosuchview'"),
        (["map", "partnership", "--focus", "no such entity at all"], "no entity is called"),
        (["map", "partnership", "--depth", "2"], "--depth needs --focus"),
        (["map", "models", "--focus", "CSEFA"], "is not in the models view"),
    ],
)
def test_map_command_bad_input_exits_1_and_says_why(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--out", str(tmp_path / "x.html")]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_drawing_a_map_does_not_import_ipython(tmp_path) -> None:
    # pyvis imports IPython (0.4 s) for notebooks only; a map is drawn without it
    import subprocess
    import sys

    code = (
        "import sys, networkx as nx\n"
        "from graph.maps.render import write_map\n"
        "g = nx.MultiDiGraph(name='t')\n"
        "g.add_node('urn:a', label='A', cls='hs:Person', class_label='person')\n"
        "g.add_node('urn:b', label='B', cls='hs:Person', class_label='person')\n"
        "g.add_edge('urn:a', 'urn:b', label='knows', weight=1.0)\n"
        f"write_map(g, {str(tmp_path / 'm.html')!r})\n"
        "print(any(m.split('.')[0] == 'IPython' for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert (tmp_path / "m.html").stat().st_size > 0


def test_maps_drawn_from_the_sessions_own_views_equal_maps_drawn_from_copies(
    tmp_path: Path,
) -> None:
    # an export's second process lets the maps change the session's views instead of
    # copying them (consume=True), then empties each and lets go of it once its map is
    # written (its memory freed for the next maps): the pages are the same; without it the
    # views stay as they were projected
    from graph.kg import load
    from graph.maps.standard import write_standard_maps

    copying, consuming = load(), load()
    before = {
        name: dict(copying.view_session().projected(name).nodes(data=True))
        for name in ("models", "topics")
    }
    held = consuming.view_session().projected("models")
    copied = write_standard_maps(copying, tmp_path / "copied")
    consumed = write_standard_maps(consuming, tmp_path / "consumed", consume=True)
    assert [p.name for p in copied] == [p.name for p in consumed]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(copied, consumed, strict=True))
    for name, nodes in before.items():
        assert dict(copying.view_session().projected(name).nodes(data=True)) == nodes
    assert held.number_of_nodes() == 0  # emptied once its map was written, and let go
    assert consuming.view_session().projected("models") is not held
