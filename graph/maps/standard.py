"""Maps of the knowledge graph: one view, one entity's neighbourhood, or the standard set.

:func:`view_graph` prepares a view for a map, optionally cut down to the neighbourhood of one
entity: it adds each node's other names (so that the search box finds "CSEFA"), the
sentences that state its facts or name it (its ``statements``: ``hs:evidence``, and the
statements that name it, are about it or are addressed to it), and the text, document,
section and lines of every sentence a node or link cites (the graph's ``statements``);
:func:`write_standard_maps` writes one map per view and an ``index.html``; and
:func:`build_maps` is the ``hubspoke build`` step that puts them in ``<out>/maps/``.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> around = view_graph(kg, "partnership", focus="CSEFA", depth=1)
>>> around.graph["focus"]
'https://w3id.org/hubspoke/id/org/csefa'
>>> "CSEFA" in around.nodes[around.graph["focus"]]["aliases"]
True
>>> said = around.nodes[around.graph["focus"]]["statements"]
>>> all(around.graph["statements"][iri]["text"] for iri in said)
True
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.atomic import staged_directory
from graph.errors import ViewError
from graph.kg import KnowledgeGraph
from graph.maps.index import MapEntry, write_index
from graph.maps.render import build_page, write_page
from graph.network.naming import NAME_PROPERTIES
from graph.rdf.namespaces import HS

if TYPE_CHECKING:
    import networkx as nx


__all__ = [
    "MAPS_FOLDER",
    "STANDARD_VIEWS",
    "build_maps",
    "data_date",
    "default_map_name",
    "read_ahead",
    "view_graph",
    "write_standard_maps",
    "write_view_map",
]

#: The views ``hubspoke build`` draws, in the order the index lists them.
STANDARD_VIEWS = ("partnership", "learning", "topics", "models", "full")
#: Folder of the maps inside the build output.
MAPS_FOLDER = "maps"
#: Standard maps that open collapsed into their story groups (sections of the sources).
COLLAPSED_VIEWS = frozenset({"learning", "full"})
#: What a view's map says of what the sources leave unsaid, shown under its title.
VIEW_NOTES = {
    "partnership": (
        "The sources say where the programme's spokes are placed (with the police, in "
        "children's social care or a multi-agency team) but not which hub placed a spoke "
        "where, so those links start at the programme, not at a hub. No source says who paid "
        "for the hubs' services: the funders shown fund the evaluation and its strands, and "
        "CSEFA is thanked for its support."
    ),
}
#: Statements that mention a node without being its evidence: they name it, are about it, or
#: are addressed to it.
_MENTIONING = ("namesAgency", "about", "addressedTo")


def read_ahead(kg: KnowledgeGraph) -> None:
    """Read into ``kg``'s view session what its maps read of the graph besides the views:
    each name property, and how sentences support, mention and cite (each property once, as
    the maps would), with the display labels. A process forked to draw the maps then reads no
    store: reading an in-memory Oxigraph store writes to its pages, so a process that reads
    one it shares with its parent ends up holding a copy of what it read.

    >>> from graph.kg import load
    >>> kg = load()
    >>> read_ahead(kg)
    >>> HS.evidence in kg.view_session().facts.tables
    True
    """
    facts = kg.view_session().facts
    for prop in (*NAME_PROPERTIES, HS.evidence, HS.citesSource):
        facts.table(prop)
    for name in _MENTIONING:
        facts.table(HS[name])
    _ = kg.labels


def _aliases(facts: Any, iri: str, label: str) -> str:
    from rdflib import URIRef

    node = URIRef(iri)
    names = {str(v) for prop in NAME_PROPERTIES for v in facts.all(node, prop)}
    names.discard(label)
    return "; ".join(sorted(names, key=str.casefold))


def _statements(kg: KnowledgeGraph, graph: nx.Graph) -> None:
    """Give every node its ``statements`` and the graph the sentences they and the links cite."""
    from rdflib import URIRef

    facts = kg.view_session().facts  # each property read once for the whole graph
    wanted: set[str] = set()
    for node, attrs in graph.nodes(data=True):
        iri = URIRef(node)
        said = {str(s) for s in facts.all(iri, HS.evidence)}
        for name in _MENTIONING:
            said.update(str(s) for s in facts.subjects(HS[name], iri))
        said.discard(str(node))
        attrs["statements"] = sorted(said)
        wanted |= said
        if attrs.get("text"):
            wanted.add(str(node))
    for _, _, sources in graph.edges(data="sources", default=""):
        wanted.update(part.strip() for part in str(sources).split(";") if part.strip())
    table = {}
    for statement, described in kg.describe(sorted(wanted)).items():
        if described.get("text"):
            cites = facts.one(URIRef(statement), HS.citesSource)
            if cites is not None:
                described["cites"] = kg.label(str(cites))
            table[statement] = described
    for _, attrs in graph.nodes(data=True):
        attrs["statements"] = [s for s in attrs["statements"] if s in table]
    graph.graph["statements"] = table


def data_date(kg: KnowledgeGraph) -> str:
    """When the ontology and data were last changed (the ontology's ``dcterms:modified``).

    >>> from graph.kg import load
    >>> len(data_date(load())) == 10
    True
    """
    from rdflib.namespace import DCTERMS, OWL, RDF

    for ontology in kg.graph.subjects(RDF.type, OWL.Ontology):
        modified = kg.graph.value(ontology, DCTERMS.modified)
        if modified is not None:
            return str(modified)
    return ""


def view_graph(
    kg: KnowledgeGraph,
    view: str,
    *,
    focus: str | None = None,
    depth: int = 1,
    consume: bool = False,
) -> nx.Graph:
    """The view ``view`` ready for a map; with ``focus``, only nodes within ``depth`` links of it.

    ``focus`` is anything :meth:`KnowledgeGraph.resolve` accepts (IRI, CURIE, label, acronym).
    Links are followed in both directions. The view is a copy of the session's projection,
    or with ``consume`` the projection itself, changed for the map: only for a process that
    reads the session's views no more (an export's maps' process, which exits after drawing),
    where copying the full view of a national graph costs seconds and a gigabyte.

    Raises
    ------
    ViewError
        The view does not exist, ``depth`` is negative, or the entity is not in the view.
    EntityNotFound, AmbiguousEntity
        ``focus`` names no entity, or several.
    """
    import networkx as nx

    graph = kg.view_session().projected(view) if consume else kg.view(view)
    if focus is not None:
        if depth < 0:
            raise ViewError(f"--depth must be 0 or more, not {depth}")
        centre = str(kg.resolve(focus))
        if centre not in graph:
            from graph.network.paths import not_in_view  # lazy: as networkx above

            raise ViewError(f"{kg.label(centre)} ({focus}): {not_in_view(graph, centre)}")
        around = nx.ego_graph(graph, centre, radius=depth, undirected=True)
        steps = "link" if depth == 1 else "links"
        around.graph.update(graph.graph)
        around.graph["focus"] = centre
        around.graph["title"] = (
            f"{graph.graph.get('title', view)}: within {depth} {steps} of {kg.label(centre)}"
        )
        graph = around
    facts = kg.view_session().facts
    for node, attrs in graph.nodes(data=True):
        aliases = _aliases(facts, node, str(attrs.get("label", "")))
        if aliases:
            attrs["aliases"] = aliases
    _statements(kg, graph)
    graph.graph["collapse"] = view in COLLAPSED_VIEWS
    if view in VIEW_NOTES:
        graph.graph["note"] = VIEW_NOTES[view]
    return graph


def default_map_name(view: str, focus_label: str | None = None) -> str:
    """File name of a map: ``VIEW.html``, or ``VIEW-around-LABEL.html`` for a neighbourhood.

    >>> default_map_name("partnership", "Child Sexual Exploitation Funders' Alliance")
    'partnership-around-child-sexual-exploitation-funders-alliance.html'
    """
    if not focus_label:
        return f"{view}.html"
    slug = (
        re.sub(r"[^a-z0-9]+", "-", focus_label.lower().replace("'", "")).strip("-")[:60] or "entity"
    )
    return f"{view}-around-{slug}.html"


def write_view_map(
    kg: KnowledgeGraph,
    view: str,
    path: Path,
    *,
    focus: str | None = None,
    depth: int = 1,
    **options: Any,
) -> Path:
    """Write the map of ``view`` (or of ``focus``'s neighbourhood in it) to ``path``."""
    graph = view_graph(kg, view, focus=focus, depth=depth)
    options.setdefault("name", Path(path).stem)
    options.setdefault("built", data_date(kg))
    page = build_page(graph, focus=graph.graph.get("focus"), **options)
    return write_page(page, Path(path))


def write_standard_maps(kg: KnowledgeGraph, folder: Path, *, consume: bool = False) -> list[Path]:
    """Write one map per view in :data:`STANDARD_VIEWS` and ``index.html`` into ``folder``.

    ``consume``: the maps use the session's own projections and change them (see
    :func:`view_graph`), then empty each and make the session let go of it once its map is
    written (its memory freed for the next maps). Returns the files written, the index last.
    """
    folder = Path(folder)
    entries, written = [], []
    for view in STANDARD_VIEWS:
        graph = view_graph(kg, view, consume=consume)
        page = build_page(graph, name=view, index="index.html", built=data_date(kg))
        written.append(write_page(page, folder / f"{view}.html"))
        entries.append(
            MapEntry(
                f"{view}.html",
                page.title,
                page.description,
                page.node_count,
                page.edge_count,
                page.grouped_by,
            )
        )
        del page  # its data, before the next map's is made
        if consume:  # the session's own view, changed for this map: freed for the next maps
            kg.view_session().forget(view)
    written.append(write_index(folder / "index.html", entries))
    return written


def build_maps(kg: KnowledgeGraph, out: Path) -> list[Path]:
    """Build step: the standard maps in ``out/maps/``, replacing the old folder only when complete."""
    target = Path(out) / MAPS_FOLDER
    with staged_directory(target, replace=True) as staging:
        names = [p.name for p in write_standard_maps(kg, staging)]
    return [target / name for name in names]
