"""The maps in a real browser: Debian's Chromium, headless, with every request off file:// blocked.

A networking lead opens a map from disk with no network; these tests do the same and check
what that person would see and do. A test that cannot start the browser fails: there is no
skip.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from benchkit.chromium import CHROMIUM, CHROMIUM_ARGS
from benchkit.maps import benchmark_map, synthetic_graph

from graph.kg import KnowledgeGraph
from graph.maps import (
    STANDARD_VIEWS,
    build_page,
    write_map,
    write_page,
    write_view_map,
)
from graph.maps.grouping import story_groups
from graph.maps.standard import COLLAPSED_VIEWS

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
PNG = b"\x89PNG\r\n\x1a\n"


@dataclass
class Opened:
    """A map open in a page, with what went wrong while it was open."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: object = None) -> Any:
        return self.page.evaluate(expression, arg)

    def node_point(self, node_id: int) -> tuple[float, float]:
        """Where node ``node_id`` is drawn, in page coordinates."""
        point = self.js(
            "id => hubspokeMap.network.canvasToDOM(hubspokeMap.network.getPositions([id])[id])",
            node_id,
        )
        box = self.page.locator("#network").bounding_box()
        return box["x"] + point["x"], box["y"] + point["y"]

    def assert_clean(self) -> None:
        assert self.errors == [], "console errors or page errors"
        assert self.blocked == [], "requests to addresses outside file://"
        assert self.dialogs == [], "dialogs opened"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the module; failing to start it fails the tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as exc:  # noqa: BLE001 - any launch failure is a test failure
            pytest.fail(
                f"cannot start Chromium at {CHROMIUM}: {exc}. Install it: apt-get install chromium"
            )
        yield browser
        browser.close()


@pytest.fixture
def open_map(chromium: Any) -> Iterator[Callable[..., Opened]]:
    """Open a map file in a fresh page that records errors, dialogs and blocked requests.

    ``size`` is the window (width, height); ``fragment`` is put after ``#`` in the address.
    """
    contexts = []

    def opener(path: Path, size: tuple[int, int] = (1400, 900), fragment: str = "") -> Opened:
        context = chromium.new_context(
            viewport={"width": size[0], "height": size[1]}, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(request_route: Any) -> None:
            if request_route.request.url.startswith("file://"):
                request_route.continue_()
            else:
                opened.blocked.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return opened

    yield opener
    for context in contexts:
        context.close()


Open = Callable[..., Opened]


@pytest.fixture(scope="module")
def xss_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = nx.MultiDiGraph(name="xss", title=f"{XSS} heading", description=XSS)
    graph.add_node(
        XSS,
        iri=XSS,
        label=XSS,
        cls="hs:Organisation",
        class_label=XSS,
        topics=XSS,
        phase=XSS,
        section=XSS,
        document=XSS,
        lines="1",
        aliases=XSS,
        sector=XSS,
        description=XSS,
        statements=[XSS],
        text=f"{XSS}</script><script>window.__xss=1</script>",
    )
    graph.add_node("urn:b", label="Plain", cls="hs:Person", class_label="person")
    graph.add_edge(XSS, "urn:b", label=XSS, inverse_label=XSS, sources=XSS, weight=1.0)
    graph.graph["statements"] = {XSS: {"text": XSS, "document": XSS, "lines": "2"}}
    return write_map(graph, tmp_path_factory.mktemp("xss") / "xss.html")


@pytest.fixture(scope="module")
def names_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Names with accents and curly apostrophes, as funders' names have."""
    graph = nx.MultiDiGraph(name="names", title="Names")
    graph.add_node("urn:e", iri="urn:e", label="Esmée Fairbairn Foundation", cls="hs:Organisation")
    graph.add_node("urn:b", iri="urn:b", label="Barnardo\u2019s", cls="hs:Organisation")
    graph.add_edge("urn:e", "urn:b", label="works with", inverse_label="works with")
    return write_map(graph, tmp_path_factory.mktemp("names") / "names.html")


def node_of(opened: Opened, label: str) -> int:
    """The id of the node labelled ``label`` in the open map."""
    found = opened.js(
        "l => { for (let i = 0; i < hubspokeMap.totalNodes(); i++) "
        "if (hubspokeMap.detailsOf(i).label === l) return i; return null; }",
        label,
    )
    assert found is not None, label
    return int(found)


def expected_drawn(kg: KnowledgeGraph, view: str) -> int:
    projected = kg.view(view)
    if view not in COLLAPSED_VIEWS:
        return projected.number_of_nodes()
    groups = story_groups(projected)
    return projected.number_of_nodes() - len(groups) + len(set(groups.values()))


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit RGBA PNG (what a canvas saves)."""
    assert data.startswith(PNG)
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 6, 0)
        elif kind == b"IDAT":
            idat += body
    raw, stride, rows = zlib.decompress(idat), width * 4, []
    previous = bytearray(stride)
    for y in range(height):
        kind_of_filter = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - 4] if x >= 4 else 0
            b = previous[x]
            c = previous[x - 4] if x >= 4 else 0
            if kind_of_filter == 1:
                line[x] = (line[x] + a) & 255
            elif kind_of_filter == 2:
                line[x] = (line[x] + b) & 255
            elif kind_of_filter == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind_of_filter == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours_in(rows: list[bytes], x0: int, x1: int) -> set[str]:
    found = set()
    for row in rows:
        for x in range(x0, x1):
            r, g, b, _ = row[4 * x : 4 * x + 4]
            found.add(f"#{r:02X}{g:02X}{b:02X}")
    return found


# ------------------------------------------------------------------ opening, offline
@pytest.mark.parametrize("view", STANDARD_VIEWS)
def test_each_standard_map_opens_offline_with_its_groups_closed(
    kg: KnowledgeGraph, maps: Path, open_map: Open, view: str
) -> None:
    opened = open_map(maps / f"{view}.html")
    assert opened.js("hubspokeMap.nodeCount()") == expected_drawn(kg, view)
    assert opened.js("hubspokeMap.totalNodes()") == kg.view(view).number_of_nodes()
    legend = opened.page.locator("#legend li").count()
    assert 1 <= legend <= (15 if view == "full" else 12)
    assert opened.page.locator("#back-to-index").get_attribute("href") == "index.html"
    assert (maps / "index.html").exists()
    assert opened.js("hubspokeMap.labelled().length") > 0
    opened.assert_clean()


def test_labels_drawn_at_the_opening_zoom_do_not_overlap(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "learning.html")
    opened.page.wait_for_timeout(200)
    boxes = opened.js(
        """() => { const net = hubspokeMap.network, scale = net.getScale(), out = [];
        for (const id of hubspokeMap.labelled()) {
          const s = net.body.nodes[id].labelModule.size;
          const up = hubspokeMap.nodes.get(id).font.vadjust || 0;
          out.push([id, s.left, s.top + up, s.left + s.width, s.top + up + s.height, s.height * scale]); }
        return out; }"""
    )
    assert len(boxes) >= 10
    lines = {
        b[0]: opened.js("i => hubspokeMap.nodes.get(i).label.split('\\n').length", b[0])
        for b in boxes
    }
    assert all(b[5] / lines[b[0]] >= 11 for b in boxes), "labels are readable at the zoom shown"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (a, b)
    opened.assert_clean()


# ------------------------------------------------------------------ panel
def test_searching_csefa_selects_it_and_the_panel_says_what_the_sources_say(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    opened.page.fill("#search", "CSEFA")
    first = opened.page.locator("#suggestions li").first
    assert "Child Sexual Exploitation Funders Alliance" in first.text_content()
    opened.page.press("#search", "Enter")
    label = kg.label(kg.resolve("CSEFA"))
    assert opened.js("hubspokeMap.selected()")["label"] == label
    assert opened.page.locator("#panel-title").text_content() == label
    panel = opened.page.locator("#panel")
    assert "CSEFA" in panel.locator("p.aliases").text_content()
    assert panel.locator("p.description").text_content()
    quotes = panel.locator("figure.said")
    assert quotes.count() >= 1
    caption = quotes.first.locator("figcaption").text_content()
    assert "line" in caption and "section" in caption
    neighbours = panel.locator("ul.neighbours button.node-link")
    assert neighbours.count() == len(
        set(nx.all_neighbors(kg.view("partnership"), str(kg.resolve("CSEFA"))))
    )
    technical = panel.locator("details.technical")
    assert not technical.get_attribute("open") and "w3id.org" in technical.text_content()
    assert "w3id.org" not in panel.locator("#panel-body > :not(details)").all_text_contents()[0]
    opened.assert_clean()


def test_the_panel_shows_a_statements_verbatim_text_and_source(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    view = kg.view("learning")
    iri, attrs = next((n, a) for n, a in sorted(view.nodes(data=True)) if a["text"] and a["lines"])
    opened = open_map(maps / "learning.html")
    node_id = opened.js(
        "iri => { for (let i = 0; i < hubspokeMap.totalNodes(); i++) "
        "if (hubspokeMap.detailsOf(i).iri === iri) return i; }",
        iri,
    )
    opened.js("id => hubspokeMap.select(id)", node_id)
    assert node_id in opened.js("hubspokeMap.drawnIds()"), "its group opened"
    assert opened.page.locator("#panel blockquote.verbatim").text_content() == attrs["text"]
    source = opened.page.locator("#panel p.source-line").text_content()
    assert attrs["document"] in source and attrs["lines"] in source
    opened.assert_clean()


def test_each_link_in_the_panel_reads_in_plain_words_with_its_sentence(
    maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    opened.js("id => hubspokeMap.select(id)", node_of(opened, "WISE"))
    name = opened.page.locator(".name", has_text="Sussex Central YMCA")
    item = opened.page.locator("#panel ul.neighbours li").filter(has=name)
    assert item.locator(".relation").text_content().strip() == "is run by"
    assert item.locator(".name").text_content() == "Sussex Central YMCA"
    item.locator("details.sources summary").click()
    assert item.locator("figure.said blockquote").first.is_visible()
    assert "programme" in item.locator("figcaption").first.text_content().lower()
    panel_text = opened.page.locator("#panel-body").text_content()
    for jargon in ("hs:", "skos:", "org:", "<-", "->"):
        assert jargon not in panel_text.split("Technical details")[0], jargon
    opened.assert_clean()


# ------------------------------------------------------------------ search
def test_search_finds_statements_by_their_text(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    view = kg.view("learning")
    saying = {a["label"] for _, a in view.nodes(data=True) if "police" in a["text"].lower()}
    assert len(saying) >= 2
    opened = open_map(maps / "learning.html")
    found = opened.js("hubspokeMap.results('POLICE').map(r => hubspokeMap.detailsOf(r.id).label)")
    assert saying <= set(found)
    opened.page.fill("#search", "police")
    assert opened.page.locator("#suggestions li .note").count() >= 1
    assert "police" in opened.page.locator("#suggestions li .note").first.text_content().lower()
    opened.page.press("#search", "Enter")
    assert opened.js("hubspokeMap.selected()") is not None
    opened.assert_clean()


def test_search_ignores_case_accents_and_apostrophes(
    maps: Path, names_map: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    first = opened.js("hubspokeMap.find('barnardos')[0]")
    assert opened.js("id => hubspokeMap.detailsOf(id).label", first) == "Barnardo's"
    opened.assert_clean()
    names = open_map(names_map)
    for typed, label in [
        ("esmee", "Esmée Fairbairn Foundation"),
        ("ESMÉE", "Esmée Fairbairn Foundation"),
        ("barnardos", "Barnardo\u2019s"),
        ("barnardo's", "Barnardo\u2019s"),
    ]:
        assert names.js("t => hubspokeMap.detailsOf(hubspokeMap.find(t)[0]).label", typed) == label
    names.assert_clean()


# ------------------------------------------------------------------ highlight, legend, groups
def test_a_filter_fades_the_rest_and_keeps_the_links_among_what_matches(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    drawn = opened.js("hubspokeMap.nodeCount()")
    opened.page.select_option("#filter-kind", "organisation")
    assert opened.js("hubspokeMap.nodeCount()") == drawn, "nothing is deleted"
    kinds = opened.js("hubspokeMap.drawnIds().map(i => [i, hubspokeMap.detailsOf(i).kind])")
    organisations = {i for i, kind in kinds if kind == "organisation"}
    assert set(opened.js("hubspokeMap.faded()")) == {i for i, _ in kinds} - organisations
    among = {
        e["id"]
        for e in opened.js("hubspokeMap.edges.get()")
        if e["from"] in organisations and e["to"] in organisations
    }
    assert among, "organisations are linked to one another"
    assert set(opened.js("hubspokeMap.litEdges()")) == among
    colours = dict(opened.js("hubspokeMap.nodes.get().map(n => [n.id, n.color.background])"))
    assert all(colours[i] == "#eceef0" for i in opened.js("hubspokeMap.faded()"))
    opened.page.click("#reset")
    assert opened.js("hubspokeMap.faded()") == []
    opened.assert_clean()


def test_the_phase_control_highlights_one_phase(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "models.html")
    opened.page.click("#phase-control button[data-phase='Phase 1']")
    phases = opened.js("hubspokeMap.drawnIds().map(i => [i, hubspokeMap.detailsOf(i).phase || []])")
    assert set(opened.js("hubspokeMap.faded()")) == {i for i, p in phases if "Phase 1" not in p}
    assert (
        opened.page.locator("#phase-control button[data-phase='Phase 1']").get_attribute(
            "aria-pressed"
        )
        == "true"
    )
    opened.assert_clean()


def test_the_legend_hides_and_shows_what_it_names(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "partnership.html")
    drawn = opened.js("hubspokeMap.nodeCount()")
    people = opened.js(
        "hubspokeMap.drawnIds().filter(i => hubspokeMap.detailsOf(i).kind === 'person').length"
    )
    entry = opened.page.locator("#legend button", has_text="person or role")
    entry.click()
    assert entry.get_attribute("aria-pressed") == "false"
    assert opened.js("hubspokeMap.nodeCount()") == drawn - people > 0
    entry.click()
    assert opened.js("hubspokeMap.nodeCount()") == drawn
    opened.assert_clean()


def test_clicking_a_group_opens_it_where_it_was(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "learning.html")
    groups = opened.js("hubspokeMap.groups()")
    group = next(g for g in groups if g["label"].startswith("4c)"))
    drawn = opened.js("hubspokeMap.nodeCount()")
    opened.js(
        "id => hubspokeMap.network.moveTo({position: hubspokeMap.network.getPositions([id])[id], scale: 1})",
        group["node"],
    )
    opened.page.mouse.click(*opened.node_point(group["node"]))
    assert opened.js("hubspokeMap.nodeCount()") == drawn - 1 + len(group["members"])
    assert set(group["members"]) <= set(opened.js("hubspokeMap.drawnIds()"))
    assert group["node"] not in opened.js("hubspokeMap.drawnIds()")
    assert opened.js("hubspokeMap.groups()")[groups.index(group)]["open"]
    opened.page.click("#panel button.quiet")
    assert opened.js("hubspokeMap.nodeCount()") == drawn
    opened.assert_clean()


def test_clicking_a_node_highlights_its_neighbourhood_and_plus_widens_it(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    csefa = opened.js("hubspokeMap.find('CSEFA')[0]")
    opened.page.mouse.click(*opened.node_point(csefa))
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    view = kg.view("partnership").to_undirected(as_view=True)
    iri = str(kg.resolve("CSEFA"))

    def lit_labels() -> set[str]:
        faded = set(opened.js("hubspokeMap.faded()"))
        return {
            opened.js("i => hubspokeMap.detailsOf(i).iri", i)
            for i in opened.js("hubspokeMap.drawnIds()")
            if i not in faded
        }

    assert lit_labels() == set(nx.ego_graph(view, iri, radius=1))
    opened.page.click("#depth-more")
    assert lit_labels() == set(nx.ego_graph(view, iri, radius=2))
    opened.page.click("#depth-less")
    assert lit_labels() == set(nx.ego_graph(view, iri, radius=1))
    opened.page.click("#reset")
    assert opened.js("hubspokeMap.faded()") == []
    opened.assert_clean()


def test_how_are_these_two_connected_draws_the_path(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    view = kg.view("partnership").to_undirected(as_view=True)
    a, b = "Lucie Shuker", "University of Bedfordshire"
    iris = {kg.label(n): n for n in view}
    expected = nx.shortest_path_length(view, iris[a], iris[b])
    opened = open_map(maps / "partnership.html")
    page = opened.page
    page.click("#connect summary")
    page.fill("#path-from", "lucie")
    page.press("#path-from", "Enter")
    page.fill("#path-to", "bedfordshire")
    page.press("#path-to", "Enter")
    page.click("#path-go")
    path = opened.js("hubspokeMap.path()")
    assert len(path["nodes"]) == expected + 1
    assert opened.js("i => hubspokeMap.detailsOf(i).label", path["nodes"][0]) == a
    assert opened.js("i => hubspokeMap.detailsOf(i).label", path["nodes"][-1]) == b
    assert len(opened.js("hubspokeMap.litEdges()")) == expected
    steps = page.locator("#panel ol.path-steps > li")
    assert steps.count() == expected + 1
    assert "connected" in page.locator("#panel-title").text_content()
    opened.assert_clean()


# ------------------------------------------------------------------ sharing
def test_the_address_holds_the_view_and_reopens_it(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "learning.html")
    group = next(g for g in opened.js("hubspokeMap.groups()") if g["label"].startswith("4a)"))
    opened.js("i => hubspokeMap.expand(i)", opened.js("hubspokeMap.groups()").index(group))
    opened.page.select_option("#filter-kind", "finding")
    member = group["members"][0]
    opened.js("id => hubspokeMap.select(id)", member)
    opened.page.click("#depth-more")
    fragment = opened.js("location.hash").lstrip("#")
    assert "node=" in fragment and "depth=2" in fragment and "kind=finding" in fragment
    again = open_map(maps / "learning.html", fragment=fragment)
    assert again.js("hubspokeMap.selected()")["label"] == opened.js(
        "i => hubspokeMap.detailsOf(i).label", member
    )
    assert again.page.locator("#filter-kind").input_value() == "finding"
    assert again.js("hubspokeMap.groups()") == opened.js("hubspokeMap.groups()")
    assert sorted(again.js("hubspokeMap.faded()")) == sorted(opened.js("hubspokeMap.faded()"))
    assert again.js("hubspokeMap.hash()") == fragment
    opened.assert_clean()
    again.assert_clean()


def test_save_as_png_holds_the_title_legend_and_source(
    maps: Path, open_map: Open, tmp_path: Path
) -> None:
    opened = open_map(maps / "partnership.html", size=(900, 640))
    with opened.page.expect_download() as download:
        opened.page.click("#save-png")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "partnership.png"
    width, height, rows = png_pixels(saved.read_bytes())
    canvas = opened.js("document.querySelector('#network canvas').width")
    assert width > canvas + 200 and height > opened.js(
        "document.querySelector('#network canvas').height"
    )
    sectors = opened.js("JSON.parse(document.getElementById('map-data').textContent).sectors")
    legend_colours = colours_in(rows, canvas + 20, width)
    assert {s["colour"].upper() for s in sectors} <= legend_colours, "the legend is in the picture"
    exported = opened.js("hubspokeMap.lastExport()")
    assert "person or role" in exported["legend"]
    assert len(colours_in(rows[: int(height * 0.04)], 0, width // 3)) > 3, "a title is drawn"
    opened.assert_clean()


def test_save_as_svg_is_a_picture_with_title_legend_and_source(
    maps: Path, open_map: Open, tmp_path: Path
) -> None:
    opened = open_map(maps / "partnership.html")
    with opened.page.expect_download() as download:
        opened.page.click("#save-svg")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "partnership.svg"
    root = ET.parse(saved).getroot()
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Partnership view" in texts[0]
    assert "Legend" in texts and "person or role" in texts
    assert any(t.startswith("Source: the hubspoke knowledge graph") for t in texts)
    assert len(list(root.iter("{http://www.w3.org/2000/svg}line"))) == opened.js(
        "hubspokeMap.edges.get().length"
    )
    opened.assert_clean()


def test_printing_keeps_the_map_and_its_legend(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "learning.html")
    opened.page.emulate_media(media="print")
    assert opened.page.locator("#legend-box").is_visible()
    assert opened.page.locator("#network").is_visible()
    assert not opened.page.locator("#search").is_visible()
    assert not opened.page.locator("#save-png").is_visible()
    pdf = opened.page.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    opened.assert_clean()


# ------------------------------------------------------------------ screens and keyboard
@pytest.mark.parametrize("view", ["partnership", "learning"])
def test_on_a_phone_the_panels_are_drawers_and_nothing_overflows(
    maps: Path, open_map: Open, view: str
) -> None:
    opened = open_map(maps / f"{view}.html", size=(390, 844))
    page = opened.page
    assert opened.js("document.documentElement.scrollWidth") <= 390
    network = page.locator("#network").bounding_box()
    assert network["width"] >= 380 and network["height"] >= 420
    assert not page.locator("#search").is_visible()
    page.click("#toggle-controls")
    page.wait_for_timeout(300)  # the drawer slides in
    assert page.locator("#search").is_visible()
    box = page.locator("#controls").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.fill("#search", "csefa" if view == "partnership" else "police")
    page.press("#search", "Enter")
    page.wait_for_timeout(300)  # the drawers slide
    assert page.locator("#panel").bounding_box()["width"] <= 390
    assert page.locator("#panel-title").is_visible()
    assert not page.locator("#search").is_visible(), "one drawer at a time"
    assert opened.js("document.documentElement.scrollWidth") <= 390
    page.locator("#panel .drawer-close").click()
    page.wait_for_timeout(300)
    assert not page.locator("#panel-title").is_visible()
    opened.assert_clean()


def test_at_1024_the_map_has_most_of_the_width(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "partnership.html", size=(1024, 768))
    assert opened.page.locator("#network").bounding_box()["width"] >= 700
    assert opened.js("document.documentElement.scrollWidth") <= 1024
    opened.assert_clean()


def test_the_keyboard_zooms_and_pans_the_map_with_a_visible_focus(
    maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    page = opened.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if opened.js("document.activeElement.id") == "network":
            break
    assert opened.js("document.activeElement.id") == "network"
    ring = opened.js(
        "getComputedStyle(document.getElementById('network'), '::after').borderTopWidth"
    )
    assert ring == "3px"
    scale = opened.js("hubspokeMap.network.getScale()")
    page.keyboard.press("+")
    page.wait_for_timeout(300)
    assert opened.js("hubspokeMap.network.getScale()") > scale
    x = opened.js("hubspokeMap.network.getViewPosition().x")
    page.keyboard.press("ArrowRight")
    assert opened.js("hubspokeMap.network.getViewPosition().x") > x
    opened.assert_clean()


def test_everything_works_from_the_keyboard(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "partnership.html")
    page = opened.page
    page.focus("#search")
    page.keyboard.type("csefa")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    for _ in range(60):  # tab on until a neighbour button in the side panel has the focus
        page.keyboard.press("Tab")
        if opened.js("document.activeElement.closest('ul.neighbours') !== null"):
            break
    target = opened.js("hubspokeMap.detailsOf(Number(document.activeElement.dataset.node)).label")
    page.keyboard.press("Enter")
    assert (
        opened.js("hubspokeMap.selected()")["label"]
        == target
        != "Child Sexual Exploitation Funders Alliance"
    )
    opened.assert_clean()


CONTRAST = """() => {
  function rgb(text) { return text.match(/[\\d.]+/g).map(Number); }
  function lum(c) { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
  function background(el) { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; }
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    if (el.closest('#network')) continue;
    const fg = rgb(getComputedStyle(el).color), bg = background(el);
    const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) worst.push([el.tagName, el.className, el.textContent.slice(0, 30), ratio]);
  }
  return worst; }"""


def test_text_meets_wcag_aa_contrast(maps: Path, open_map: Open) -> None:
    opened = open_map(maps / "partnership.html")
    opened.js("id => hubspokeMap.select(id)", opened.js("hubspokeMap.find('CSEFA')[0]"))
    assert opened.js(CONTRAST) == []
    opened.assert_clean()


# ------------------------------------------------------------------ safety and size
def test_markup_in_labels_shows_as_text_and_runs_nowhere(xss_map: Path, open_map: Open) -> None:
    opened = open_map(xss_map)
    page = opened.page
    assert page.locator("#map-title").text_content() == f"{XSS} heading"
    assert page.title() == f"{XSS} heading"
    # search suggestions
    page.fill("#search", "<img")
    assert page.locator("#suggestions li .name").first.text_content() == XSS
    # side panel: label, class, text, description, sentences, source, identifier, links
    page.press("#search", "Enter")
    assert page.locator("#panel-title").text_content() == XSS
    assert (
        page.locator("#panel blockquote.verbatim")
        .text_content()
        .endswith("<script>window.__xss=1</script>")
    )
    page.locator("#panel details.technical summary").click()
    assert page.locator("#panel").text_content().count(XSS) >= 6
    # filter menus and legend built from the data
    for menu in ("#filter-topics", "#filter-section"):
        options = page.locator(f"{menu} option").all_text_contents()
        assert any(text.startswith(XSS) for text in options), menu
    assert XSS in page.locator("#sectors").text_content()
    # node tooltip, SVG export
    page.click("#reset")
    page.mouse.move(*opened.node_point(0))
    tooltip = page.locator("#tip")
    tooltip.wait_for(state="visible")
    assert XSS in tooltip.text_content()
    assert XSS in opened.js("hubspokeMap.exportSvg()").replace("&lt;", "<").replace("&gt;", ">")
    assert "<img" not in opened.js("hubspokeMap.exportSvg()")
    assert opened.js("document.querySelectorAll('img, script[src], iframe').length") == 0
    assert opened.js("window.__xss === undefined")
    opened.assert_clean()


def test_pointing_at_a_link_shows_what_it_says_and_its_sentence(
    kg: KnowledgeGraph, maps: Path, open_map: Open
) -> None:
    opened = open_map(maps / "partnership.html")
    wise = node_of(opened, "WISE")
    opened.js("id => hubspokeMap.select(id)", wise)
    edge = opened.js("id => hubspokeMap.edges.get().find(e => e.from === id || e.to === id)", wise)
    (ax, ay), (bx, by) = opened.node_point(edge["from"]), opened.node_point(edge["to"])
    opened.page.mouse.move((ax + bx) / 2, (ay + by) / 2)
    opened.page.wait_for_function("() => hubspokeMap.pointedLink()")
    assert opened.js("hubspokeMap.pointedLink()") == "is run by", "the words drawn on the link"
    tooltip = opened.page.locator("#tip")
    tooltip.wait_for(state="visible")
    assert "WISE is run by Sussex Central YMCA" in tooltip.text_content()
    assert "\u201c" in tooltip.text_content()
    opened.assert_clean()


def test_a_map_opened_on_an_entity_starts_with_it_selected(
    kg: KnowledgeGraph, open_map: Open, tmp_path: Path
) -> None:
    path = write_view_map(kg, "partnership", tmp_path / "around.html", focus="CSEFA", depth=2)
    opened = open_map(path)
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    assert opened.page.locator("#panel-title").text_content() == kg.label(kg.resolve("CSEFA"))
    assert opened.page.locator("#back-to-index").count() == 0, "a map of its own has no index"
    opened.assert_clean()


def test_a_300_node_synthetic_map_opens(open_map: Open, tmp_path: Path) -> None:
    timing = benchmark_map(300, tmp_path / "synthetic-300.html", seed=0)
    label = synthetic_graph(300, seed=0).nodes["urn:synthetic:17"]["label"]
    opened = open_map(timing.path)
    assert opened.js("hubspokeMap.nodeCount()") == 300
    opened.page.fill("#search", label)
    opened.page.press("#search", "Enter")
    assert opened.js("hubspokeMap.selected()")["label"] == label
    opened.assert_clean()


def test_a_3000_node_map_drawn_whole_finds_selects_and_shows_arrowheads_when_zoomed_in(
    open_map: Open, tmp_path: Path
) -> None:
    """A large map drawn node by node opens, answers a search and selects what it found. Its
    arrowheads, under a pixel long at the zoom that shows it whole, are drawn once the reader
    is zoomed in, and so is the selected node's label."""
    graph = synthetic_graph(3000, seed=3)
    page = build_page(graph, max_nodes=3000, name="large")
    opened = open_map(write_page(page, tmp_path / "large.html"))
    assert opened.js("hubspokeMap.nodeCount()") == 3000 and page.grouped_by is None
    assert opened.js("hubspokeMap.labelled().length") > 0
    assert opened.js("hubspokeMap.arrowheads()") is False
    label = graph.nodes["urn:synthetic:2024"]["label"]
    opened.page.fill("#search", label)
    opened.page.press("#search", "Enter")
    assert opened.js("hubspokeMap.selected()")["label"] == label
    chosen, node = opened.js("text => hubspokeMap.find(text)[0]", label), "urn:synthetic:2024"
    links = {(a, b) for a, b in [*graph.in_edges(node), *graph.out_edges(node)] if a != b}
    assert len(opened.js("hubspokeMap.litEdges()")) == len(links), "its links, highlighted"
    opened.page.wait_for_function(
        "() => hubspokeMap.arrowheads()", timeout=10_000
    )  # once the focus animation ends
    assert opened.js("hubspokeMap.network.getScale()") >= 0.8
    assert chosen in opened.js("hubspokeMap.labelled()")
    opened.assert_clean()


def test_a_graph_beyond_the_limit_opens_grouped_says_so_and_opens_a_group(
    open_map: Open, tmp_path: Path
) -> None:
    graph = synthetic_graph(300, seed=5)
    page = build_page(graph, max_nodes=100, name="grouped")
    opened = open_map(write_page(page, tmp_path / "grouped.html"))
    classes = {c for _, c in graph.nodes(data="class_label")}
    assert opened.js("hubspokeMap.nodeCount()") == len(classes)
    assert opened.page.locator("#grouping-notice").is_visible()
    assert "300 nodes" in opened.page.locator("#grouping-notice").text_content()
    labels = opened.js("hubspokeMap.drawnIds().map(i => hubspokeMap.nodes.get(i).label)")
    assert not any(" 1 nodes" in str(label) for label in labels)
    first = opened.js("hubspokeMap.groups()")[0]
    opened.js(
        "id => hubspokeMap.network.moveTo({position: hubspokeMap.network.getPositions([id])[id], scale: 1})",
        first["node"],
    )
    opened.page.mouse.click(*opened.node_point(first["node"]))
    assert opened.js("hubspokeMap.nodeCount()") == len(classes) - 1 + len(first["members"])
    draws = opened.js(
        """() => {
          let draws = 0;
          const count = () => { draws += 1; };
          hubspokeMap.network.on("afterDrawing", count);
          hubspokeMap.expand(1);
          hubspokeMap.network.off("afterDrawing", count);
          return draws;
        }"""
    )
    assert draws == 1, "opening a group draws the map once, not once for each change"
    opened.assert_clean()
