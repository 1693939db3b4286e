"""Project the RDF graph into networkx views, each defined by a SPARQL query.

A view's query (``graph/queries/views/<name>.rq``) returns edges ``?source ?property
?target`` (and optionally ``?weight``); this module only turns those rows into a networkx
graph and attaches the same node and edge attributes to every view:

- nodes: ``iri``, ``label``, ``cls`` (CURIE of the most specific hubspoke class),
  ``class_label``, ``text``, ``document``, ``section``, ``section_number``, ``lines``,
  ``topics`` (labels joined with "; "), ``phase``, ``sensitivity``, ``description`` (its
  ``rdfs:comment``), ``sector`` (the labels of its ``hs:sector``, or of a kind of agency's
  ``hs:agencySector``: a sector is an attribute of an organisation, never a node that would
  link every organisation of that sector) and
  ``evidence`` (the IRIs of the statements that state its facts, ``hs:evidence``);
- edges: ``property`` (IRI), ``label`` and ``inverse_label`` (the link in plain words, read
  forwards and backwards: :mod:`graph.network.wording`), ``sources`` (the IRIs of the
  statements the link is read from, joined with "; ") and ``weight``.

A view's query may word a link itself (columns ``?forward`` and ``?backward``), when the
property alone would read wrongly (an event "heard points naming" an organisation, through
the statements made there that name it). A link's sources are, in order: the statements the
view's query names for it (a column ``?statement``, or ``?statements`` separated by spaces); else the statement at either end (a point is its own source for the session
it was raised in); else the statements that are evidence for both ends; else those that are
evidence for its source. A link with none has ``sources`` empty, and a map says so.

Every attribute is a string or a number, so views write to GraphML and GEXF as they are.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> v = project(kg.graph, "models")
>>> v.nodes["https://w3id.org/hubspoke/id/model/4"]["label"]
'Model 4'
>>> sorted(VIEW_NAMES)
['full', 'learning', 'models', 'partnership', 'topics']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from graph.errors import ViewError
from graph.network.facts import GraphFacts, Lookups
from graph.network.naming import label_of
from graph.network.wording import link_words
from graph.query.catalogue import NamedQuery, parse_query_file
from graph.query.native import evaluates_sparql, oxigraph_answer, solution_columns
from graph.query.sparql import select
from graph.rdf.fastparse import is_oxigraph, subject_objects
from graph.rdf.namespaces import HS, curie
from graph.rdf.oxterms import rdflib_converter
from graph.rdf.resources import packaged_path
from graph.store.oxigraph import oxigraph_copy

__all__ = [
    "VIEW_NAMES",
    "View",
    "view_definitions",
    "project",
    "node_attributes",
    "describe_nodes",
    "Projector",
    "view_named",
    "BULK_LOOKUP_EDGES",
    "UNDIRECTED",
]

#: Views whose edges have no direction.
UNDIRECTED = frozenset({"topics"})


@dataclass(frozen=True)
class View:
    """A named view: its query and whether it is directed."""

    name: str
    query: NamedQuery

    @property
    def title(self) -> str:
        """The view's title, from its query header."""
        return self.query.title

    @property
    def description(self) -> str:
        """What the view shows, from its query header."""
        return self.query.description

    @property
    def directed(self) -> bool:
        """True unless the view is one of :data:`UNDIRECTED`."""
        return self.name not in UNDIRECTED


@cache
def view_definitions() -> dict[str, View]:
    """Every packaged view, by name."""
    folder = files("graph.queries.views")
    views = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            query = parse_query_file(packaged_path(entry))
            views[query.name] = View(query.name, query)
    return views


VIEW_NAMES = frozenset({"full", "partnership", "learning", "topics", "models"})


#: Above this many edges a view reads each property once for the whole graph
#: (:class:`GraphFacts`) instead of looking each node up.
BULK_LOOKUP_EDGES = 1000


def _class_depths(graph: Graph) -> dict[Node, int]:
    depths: dict[Node, int] = {}

    def depth(cls: Node, seen: frozenset[Node] = frozenset()) -> int:
        if cls in depths:
            return depths[cls]
        parents = [p for p in graph.objects(cls, RDFS.subClassOf) if p not in seen]
        value = 1 + max((depth(p, seen | {cls}) for p in parents), default=0)
        depths[cls] = value
        return value

    typed: set[Node] = set()
    for subject, cls in subject_objects(graph, RDF.type):  # on Oxigraph: the store read directly
        typed.update((subject, cls))
    for cls in typed:
        if isinstance(cls, URIRef) and str(cls).startswith(str(HS)):
            depth(cls)
    return depths


def _most_specific_class(lookups: Lookups, node: Node, depths: dict[Node, int]) -> Node | None:
    types = lookups.all(node, RDF.type)
    classes = [c for c in types if c in depths]
    if not classes:
        return sorted(types, key=str)[0] if types else None
    return max(classes, key=lambda c: (depths[c], str(c)))


def node_attributes(
    graph: Graph, node: Node, depths: dict[Node, int] | None = None, facts: GraphFacts | None = None
) -> dict[str, object]:
    """The attributes every view gives ``node`` (strings and numbers only).

    ``facts`` (a :class:`GraphFacts` of ``graph``) answers the lookups when many nodes are
    described; the attributes are the same.

    >>> from graph.kg import load
    >>> g = load().graph
    >>> point = URIRef("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103")
    >>> node_attributes(g, point) == node_attributes(g, point, facts=GraphFacts(g))
    True
    """
    depths = depths if depths is not None else _class_depths(graph)
    lookups: Lookups = facts if facts is not None else Lookups(graph)
    cls = _most_specific_class(lookups, node, depths)
    attrs: dict[str, object] = {
        "iri": str(node),
        "label": lookups.label(node),
        "cls": curie(cls) if cls is not None else "",
        "class_label": lookups.label(cls) if cls is not None else "",
    }
    text = lookups.one(node, HS.text)
    attrs["text"] = str(text) if text is not None else ""
    section = lookups.one(node, HS.inSection)
    document = lookups.one(node, HS.sourceDocument)
    attrs["document"] = lookups.label(document) if document is not None else ""
    attrs["section"] = lookups.label(section) if section is not None else ""
    number = lookups.one(section, HS.sectionNumber) if section is not None else None
    attrs["section_number"] = str(number) if number is not None else ""
    start, end = lookups.one(node, HS.startLine), lookups.one(node, HS.endLine)
    if start is not None:
        attrs["lines"] = f"{start}" if end is None or end == start else f"{start}-{end}"
    else:
        attrs["lines"] = ""
    topics = sorted(lookups.label(t) for t in lookups.all(node, HS.concernsTopic))
    attrs["topics"] = "; ".join(topics)
    phases = set(lookups.all(node, HS.inPhase)) | set(lookups.all(node, HS.bringsTogetherPhase))
    attrs["phase"] = "; ".join(sorted(lookups.label(p) for p in phases))
    sensitivity = lookups.one(node, HS.sensitivity)
    attrs["sensitivity"] = lookups.label(sensitivity) if sensitivity is not None else "public"
    comment = lookups.one(node, RDFS.comment)
    attrs["description"] = " ".join(str(comment).split()) if comment is not None else ""
    sectors = set(lookups.all(node, HS.sector)) | set(lookups.all(node, HS.agencySector))
    attrs["sector"] = "; ".join(sorted(lookups.label(s) for s in sectors))
    attrs["evidence"] = "; ".join(sorted(str(e) for e in lookups.all(node, HS.evidence)))
    return attrs


def describe_nodes(graph: Graph, nodes: Iterable[Node]) -> dict[str, dict[str, object]]:
    """:func:`node_attributes` of each of ``nodes``, by IRI, reading the graph once.

    >>> from graph.kg import load
    >>> g = load().graph
    >>> point = URIRef("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103")
    >>> describe_nodes(g, [point])[str(point)]["lines"]
    '103-106'
    """
    wanted = list(nodes)
    depths = _class_depths(graph)
    facts = GraphFacts(graph) if len(wanted) > 20 else None
    return {str(node): node_attributes(graph, node, depths, facts) for node in wanted}


def _query_engine(graph: Graph) -> Graph:
    """``graph`` itself when its store has a SPARQL engine (Oxigraph, an endpoint), else a
    copy of it on an in-memory Oxigraph store.

    rdflib's own engine takes a second over the full view's FILTERs where Oxigraph takes
    milliseconds; the views' answers are IRIs and counts, the same on both.
    """

    return graph if evaluates_sparql(graph) else oxigraph_copy(graph)


_Edge = tuple[Node, Node, Node, float, str, tuple[str, str] | None]
#: The columns a view's query may have, in the order :func:`_view_rows` gives them.
_COLUMNS = (
    "source",
    "property",
    "target",
    "weight",
    "statement",
    "statements",
    "forward",
    "backward",
)


def _view_rows(engine: Graph, view: View, term: Callable[[Any], Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``view``'s query, one tuple of :data:`_COLUMNS` each (``None`` unbound).

    On Oxigraph the solutions are read as they come, each term converted by ``term`` (the
    projector's, shared with its reading of the graph); elsewhere through :func:`select`.
    """
    if not is_oxigraph(engine):
        for row in select(engine, view.query.text, timeout=None, source=f"view {view.name}"):
            yield tuple(row.get(column) for column in _COLUMNS)
        return
    for terms in solution_columns(oxigraph_answer(engine, view.query.text), _COLUMNS):
        yield tuple(None if value is None else term(value) for value in terms)


def _edges(engine: Graph, view: View, term: Callable[[Any], Any]) -> Iterable[_Edge]:
    named: dict[tuple[Node, Node, Node], set[str]] = {}
    weights: dict[tuple[Node, Node, Node], float] = {}
    words: dict[tuple[Node, Node, Node], tuple[str, str]] = {}
    for source, prop, target, given, *cited, forward, backward in _view_rows(engine, view, term):
        if source is None or prop is None or target is None:
            continue
        key = (source, prop, target)
        weights[key] = float(given.toPython()) if isinstance(given, Literal) else 1.0
        statements = named.setdefault(key, set())
        if forward is not None and backward is not None:
            words[key] = (str(forward), str(backward))
        for column in cited:
            if column is not None:
                statements.update(v for v in str(column).split() if v)
    for key, weight in weights.items():
        source, prop, target = key
        yield source, prop, target, weight, " ".join(sorted(named[key])), words.get(key)


class Projector:
    """Projects one graph into views, sharing the query engine, node attributes and labels."""

    def __init__(self, graph: Graph, labels: dict[str, str] | None = None) -> None:
        self.graph = graph
        self.given_labels = labels  # the graph's display labels, if read already
        self.engine = _query_engine(graph)
        self.depths = _class_depths(graph)
        self.nodes: dict[Node, dict[str, object]] = {}
        self.labels: dict[Node, str] = {}
        self.texts: dict[Node, str] = {}
        self.facts: GraphFacts | None = None
        self.term = rdflib_converter(keep_blank_ids=True)  # the views' and the facts' terms

    def bulk_facts(self) -> GraphFacts:
        """The graph read one property at a time, from now on used for every node described
        (read on first call)."""
        if self.facts is None:
            self.facts = GraphFacts(self.graph, self.term, self.given_labels)
        return self.facts

    def attributes(self, node: Node) -> dict[str, object]:
        if node not in self.nodes:
            self.nodes[node] = node_attributes(self.graph, node, self.depths, self.facts)
        return self.nodes[node]

    def sources(self, source: Node, target: Node) -> str:
        """The statements a link between ``source`` and ``target`` is read from, "; "-joined."""
        ends = [self.attributes(source), self.attributes(target)]
        for attrs in ends:
            if attrs.get("text") and attrs.get("lines"):
                return str(attrs["iri"])
        first, second = (set(filter(None, str(a["evidence"]).split("; "))) for a in ends)
        return "; ".join(sorted(first & second or first))

    def label(self, prop: Node) -> str:
        if prop not in self.labels:
            self.labels[prop] = label_of(self.graph, prop)
        return self.labels[prop]

    def text(self, term: Node) -> str:
        """``str(term)``, one string object per term for every view and link: a national
        graph's views have 730,000 links between 100,000 nodes with a few dozen properties,
        and a string made per link (its property, and each end's name as networkx keeps it
        in both directions) took a fifth of their memory."""
        found = self.texts.get(term)
        if found is None:
            found = self.texts[term] = str(term)
        return found

    def project(self, view: View) -> nx.MultiDiGraph | nx.Graph:
        result: nx.MultiDiGraph | nx.Graph = nx.MultiDiGraph() if view.directed else nx.Graph()
        result.graph.update(name=view.name, title=view.title, description=view.description)
        edges = sorted(
            _edges(self.engine, view, self.term), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))
        )
        if len(edges) > BULK_LOOKUP_EDGES:
            self.bulk_facts()  # many nodes: read each property once
        # what the session keeps (node attributes, one string per term) before the view's own
        # objects, in pages apart: a view let go (ViewSession.forget) gives its memory back
        for source, prop, target, *_ in edges:
            _ = [self.attributes(source), self.attributes(target), self.label(prop)]
            _ = [self.text(source), self.text(target), self.text(prop)]
        for source, prop, target, weight, named, worded in edges:
            start, end = self.text(source), self.text(target)
            for node, name in ((source, start), (target, end)):
                if name not in result:
                    result.add_node(name, **self.attributes(node))
            forward, backward = worded or link_words(str(prop), label=self.label(prop))
            attrs = {
                "property": self.text(prop),
                "label": forward,
                "inverse_label": backward,
                "sources": named.replace(" ", "; ") or self.sources(source, target),
                "weight": weight,
            }
            if view.directed:
                result.add_edge(start, end, key=curie(prop), **attrs)
            else:
                result.add_edge(start, end, **attrs)
        return result


def view_named(name: str) -> View:
    """The definition of the view ``name`` (raises :class:`ViewError` naming the views)."""
    views = view_definitions()
    if name not in views:
        raise ViewError(f"no view {name!r}; the views are: {', '.join(sorted(views))}")
    return views[name]


def project(graph: Graph, name: str) -> nx.MultiDiGraph | nx.Graph:
    """Project ``graph`` into the view ``name`` (see :data:`VIEW_NAMES`).

    Directed views are :class:`networkx.MultiDiGraph` (one edge per property); undirected
    ones (topics) are weighted :class:`networkx.Graph`. To project one graph into several
    views, a :class:`~graph.network.session.ViewSession` is faster.

    Raises
    ------
    ViewError
        No view has that name.
    """
    return Projector(graph).project(view_named(name))
