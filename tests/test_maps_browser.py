"""The maps in a real browser: Debian's Chromium, headless, with every request off file:// blocked.

A networking lead opens a map from disk with no network; these tests do the same and check
what that person would see and do. A test that cannot start the browser fails: there is no
skip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from benchkit.maps import benchmark_map, synthetic_graph

from graph.kg import KnowledgeGraph
from graph.maps import (
    STANDARD_VIEWS,
    build_page,
    write_map,
    write_page,
    write_view_map,
)

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure is a test failure
            pytest.fail(
                f"cannot start Chromium at {CHROMIUM}: {exc}. Install it: apt-get install chromium"
            )
        yield browser
        browser.close()


@pytest.fixture
def open_map(chromium: Any) -> Iterator[Callable[[Path], Opened]]:
    """Open a map file in a fresh page that records errors, dialogs and blocked requests."""
    contexts = []

    def opener(path: Path) -> Opened:
        context = chromium.new_context(
            viewport={"width": 1400, "height": 900}, accept_downloads=True
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
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return opened

    yield opener
    for context in contexts:
        context.close()


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
        text=f"{XSS}</script><script>window.__xss=1</script>",
    )
    graph.add_node("urn:b", label="Plain", cls="hs:Person", class_label="person")
    graph.add_edge(XSS, "urn:b", label=XSS, weight=1.0)
    return write_map(graph, tmp_path_factory.mktemp("xss") / "xss.html")


def _select_by_search(opened: Opened, text: str) -> dict[str, Any]:
    opened.page.fill("#search", text)
    opened.page.press("#search", "Enter")
    return opened.js("hubspokeMap.selected()")


@pytest.mark.parametrize("view", STANDARD_VIEWS)
def test_each_standard_map_opens_offline_and_draws_every_node(
    kg: KnowledgeGraph, maps: Path, open_map: Callable[[Path], Opened], view: str
) -> None:
    projected = kg.view(view)
    opened = open_map(maps / f"{view}.html")
    assert opened.js("hubspokeMap.nodeCount()") == projected.number_of_nodes()
    assert opened.page.locator("#legend li").count() == len(
        {c for _, c in projected.nodes(data="cls")}
    )
    opened.assert_clean()


def test_searching_csefa_selects_it_and_the_panel_shows_it(
    kg: KnowledgeGraph, maps: Path, open_map: Callable[[Path], Opened]
) -> None:
    opened = open_map(maps / "partnership.html")
    opened.page.fill("#search", "CSEFA")
    first = opened.page.locator("#suggestions li").first
    assert "Child Sexual Exploitation Funders Alliance" in first.text_content()
    opened.page.press("#search", "Enter")
    label = kg.label(kg.resolve("CSEFA"))
    assert opened.js("hubspokeMap.selected()")["label"] == label
    assert opened.page.locator("#panel-title").text_content() == label
    panel = opened.page.locator("#panel").text_content()
    assert "CSEFA" in panel and "organisation" in panel
    neighbours = opened.page.locator("#panel ul.neighbours button")
    assert neighbours.count() == len(
        set(nx.all_neighbors(kg.view("partnership"), str(kg.resolve("CSEFA"))))
    )
    opened.assert_clean()


def test_the_panel_shows_a_statements_verbatim_text_and_source(
    kg: KnowledgeGraph, maps: Path, open_map: Callable[[Path], Opened]
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
    assert opened.page.locator("#panel blockquote").text_content() == attrs["text"]
    facts = opened.page.locator("#panel dl").text_content()
    assert attrs["document"] in facts and attrs["lines"] in facts
    opened.assert_clean()


def test_a_class_filter_hides_the_other_classes_and_reset_brings_them_back(
    kg: KnowledgeGraph, maps: Path, open_map: Callable[[Path], Opened]
) -> None:
    view = kg.view("partnership")
    organisations = sum(1 for _, c in view.nodes(data="cls") if c == "hs:Organisation")
    opened = open_map(maps / "partnership.html")
    opened.page.select_option("#filter-cls", "hs:Organisation")
    assert opened.js("hubspokeMap.nodeCount()") == organisations < view.number_of_nodes()
    assert set(opened.js("hubspokeMap.drawnIds().map(i => hubspokeMap.detailsOf(i).cls)")) == {
        "hs:Organisation"
    }
    opened.page.click("#reset")
    assert opened.js("hubspokeMap.nodeCount()") == view.number_of_nodes()
    opened.assert_clean()


def test_clicking_a_node_highlights_its_neighbourhood_and_dims_the_rest(
    maps: Path, open_map: Callable[[Path], Opened]
) -> None:
    opened = open_map(maps / "partnership.html")
    csefa = opened.js("hubspokeMap.find('CSEFA')[0]")
    opened.page.mouse.click(*opened.node_point(csefa))
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    neighbours = set(opened.js("id => hubspokeMap.network.getConnectedNodes(id)", csefa))
    colours = opened.js("hubspokeMap.nodes.get().map(n => [n.id, n.color.background])")
    dimmed = {i for i, colour in colours if colour == "#eceef0"}
    assert dimmed == {i for i, _ in colours} - neighbours - {csefa}
    opened.page.click("#reset")
    assert (
        opened.js("hubspokeMap.nodes.get().filter(n => n.color.background === '#eceef0').length")
        == 0
    )
    opened.assert_clean()


def test_pointing_at_a_link_shows_what_it_says(
    kg: KnowledgeGraph, maps: Path, open_map: Callable[[Path], Opened]
) -> None:
    view = kg.view("partnership")
    opened = open_map(maps / "partnership.html")
    csefa = opened.js("hubspokeMap.find('CSEFA')[0]")
    opened.js("id => hubspokeMap.select(id)", csefa)
    edge = opened.js("id => hubspokeMap.edges.get().find(e => e.from === id || e.to === id)", csefa)
    (ax, ay), (bx, by) = opened.node_point(edge["from"]), opened.node_point(edge["to"])
    opened.page.mouse.move((ax + bx) / 2, (ay + by) / 2)
    opened.page.wait_for_function("id => hubspokeMap.edges.get(id).label", arg=edge["id"])
    label = opened.js("id => hubspokeMap.edges.get(id).label", edge["id"])
    source, target = (
        opened.js("i => hubspokeMap.detailsOf(i).iri", edge[end]) for end in ("from", "to")
    )
    assert label.split("; ") == [
        attrs["label"] for attrs in view.get_edge_data(source, target).values()
    ]
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert label in tooltip.text_content()
    opened.assert_clean()


def test_everything_works_from_the_keyboard(maps: Path, open_map: Callable[[Path], Opened]) -> None:
    opened = open_map(maps / "partnership.html")
    page = opened.page
    page.focus("#search")
    page.keyboard.type("csefa")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    for _ in range(40):  # tab on until a neighbour button in the side panel has the focus
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


def test_markup_in_labels_shows_as_text_and_runs_nowhere(
    xss_map: Path, open_map: Callable[[Path], Opened]
) -> None:
    opened = open_map(xss_map)
    page = opened.page
    assert page.locator("#map-title").text_content() == f"{XSS} heading"
    assert page.title() == f"{XSS} heading"
    # search suggestions
    page.fill("#search", "<img")
    assert page.locator("#suggestions li").first.text_content().startswith(XSS)
    # side panel: label, class, text, source, identifier, links
    page.press("#search", "Enter")
    assert page.locator("#panel-title").text_content() == XSS
    assert (
        page.locator("#panel blockquote").text_content().endswith("<script>window.__xss=1</script>")
    )
    assert page.locator("#panel").text_content().count(XSS) >= 6
    # filter menus built from the data
    for menu in ("#filter-cls", "#filter-topics", "#filter-phase", "#filter-section"):
        options = page.locator(f"{menu} option").all_text_contents()
        assert any(text.startswith(XSS) for text in options), menu
    # node and link tooltips
    page.click("#reset")
    page.mouse.move(*opened.node_point(0))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert XSS in tooltip.text_content()
    assert opened.js("document.querySelectorAll('img, script[src], iframe').length") == 0
    assert opened.js("window.__xss === undefined")
    opened.assert_clean()


def test_a_map_opened_on_an_entity_starts_with_it_selected(
    kg: KnowledgeGraph, open_map: Callable[[Path], Opened], tmp_path: Path
) -> None:
    path = write_view_map(kg, "partnership", tmp_path / "around.html", focus="CSEFA", depth=2)
    opened = open_map(path)
    assert "CSEFA" in opened.js("hubspokeMap.selected()")["aliases"]
    assert opened.page.locator("#panel-title").text_content() == kg.label(kg.resolve("CSEFA"))
    opened.assert_clean()


def test_screenshot_and_save_as_png(
    maps: Path, open_map: Callable[[Path], Opened], tmp_path: Path
) -> None:
    opened = open_map(maps / "learning.html")
    shot = tmp_path / "learning.png"
    opened.page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(PNG) and shot.stat().st_size > 10_000
    with opened.page.expect_download() as download:
        opened.page.click("#save-png")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "learning.png"
    assert saved.read_bytes().startswith(PNG) and saved.stat().st_size > 10_000
    opened.assert_clean()


def test_a_300_node_synthetic_map_opens(open_map: Callable[[Path], Opened], tmp_path: Path) -> None:
    timing = benchmark_map(300, tmp_path / "synthetic-300.html", seed=0)
    label = synthetic_graph(300, seed=0).nodes["urn:synthetic:17"]["label"]
    opened = open_map(timing.path)
    assert opened.js("hubspokeMap.nodeCount()") == 300
    opened.page.fill("#search", label)
    opened.page.press("#search", "Enter")
    assert opened.js("hubspokeMap.selected()")["label"] == label
    opened.assert_clean()


def test_a_graph_beyond_the_limit_opens_grouped_and_says_so(
    open_map: Callable[[Path], Opened], tmp_path: Path
) -> None:
    graph = synthetic_graph(300, seed=5)
    page = build_page(graph, max_nodes=100, name="grouped")
    opened = open_map(write_page(page, tmp_path / "grouped.html"))
    classes = {c for _, c in graph.nodes(data="cls")}
    assert opened.js("hubspokeMap.nodeCount()") == len(classes)
    assert opened.page.locator("#grouping-notice").is_visible()
    assert "300 nodes" in opened.page.locator("#grouping-notice").text_content()
    opened.assert_clean()
