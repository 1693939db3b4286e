"""Graph questions on the views: neighbours, central entities, communities and bridging topics.

Every function takes a view from :mod:`graph.network.views` (a networkx graph whose nodes carry
``label``, ``cls``, ``class_label``, ``lines``...) and is deterministic: the same graph
gives the same answer, random choices are seeded. Hub nodes (documents, sections, concept
schemes, the ontology's terms; see :func:`graph.network.paths.hub_nodes`) are left out unless
``include_hubs`` is true, because nearly everything links to them.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> view = kg.view("learning")
>>> near = neighbours(view, str(kg.resolve("roundtable b")))
>>> [(n.relation, n.label) for n in near if n.cls == "hs:Topic"]
[('concerns topic', 'sustainability')]
>>> communities(view) == communities(view)
True
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

from graph.errors import ViewError
from graph.network.compiled import betweenness, louvain, pagerank
from graph.network.naming import label_of
from graph.network.paths import hub_nodes, not_in_view, phrase, relations_graph
from graph.query.catalogue import get_query
from graph.query.sparql import select
from graph.rdf.namespaces import document_id

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_SAMPLES",
    "SAMPLED_BETWEENNESS_WORK",
    "MIN_BETWEENNESS_SAMPLES",
    "betweenness",
    "betweenness_samples",
    "MEASURES",
    "BridgeLink",
    "Centrality",
    "Community",
    "Neighbour",
    "Score",
    "bridges",
    "centrality",
    "communities",
    "neighbours",
    "pagerank",
]

#: Centrality measures :func:`centrality` computes.
MEASURES = ("degree", "betweenness", "pagerank")

#: Above this many nodes betweenness is approximated from sampled sources.
EXACT_BETWEENNESS_LIMIT = 1000

#: Sampled betweenness draws at most this many sources, and fewer on large views: each source
#: costs a search over all nodes and links, so the count is cut to keep sources times
#: (nodes + links) under :data:`SAMPLED_BETWEENNESS_WORK`, but never below
#: :data:`MIN_BETWEENNESS_SAMPLES`.
BETWEENNESS_SAMPLES = 200
SAMPLED_BETWEENNESS_WORK = 500_000_000
MIN_BETWEENNESS_SAMPLES = 20


@dataclass(frozen=True)
class Neighbour:
    """An entity near the start: how far, through which entity and by which relation."""

    iri: str
    label: str
    cls: str
    class_label: str
    distance: int
    via: str
    via_label: str
    relation: str
    lines: str

    def as_record(self) -> dict[str, Any]:
        """The neighbour as a plain dictionary."""
        return {
            "distance": self.distance,
            "relation": self.relation,
            "label": self.label,
            "type": self.class_label,
            "document": document_id(self.iri) if self.lines else "",
            "lines": self.lines,
            "via": self.via_label,
            "iri": self.iri,
            "via_iri": self.via,
        }


@dataclass(frozen=True)
class Score:
    """One node's centrality."""

    rank: int
    iri: str
    label: str
    class_label: str
    score: float

    def as_record(self) -> dict[str, Any]:
        """The score as a plain dictionary."""
        return {
            "rank": self.rank,
            "label": self.label,
            "type": self.class_label,
            "score": round(self.score, 6),
            "iri": self.iri,
        }


@dataclass(frozen=True)
class Centrality:
    """The most central nodes of a view by one measure, and how the scores were computed."""

    measure: str
    method: str
    scores: tuple[Score, ...]


@dataclass(frozen=True)
class Community:
    """A community found by Louvain: its members, best connected first."""

    number: int
    members: tuple[str, ...]
    labels: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class BridgeLink:
    """A topic that is the only topic two sections share."""

    topic: str
    topic_label: str
    section_a: str
    section_a_label: str
    section_b: str
    section_b_label: str

    def as_record(self) -> dict[str, Any]:
        """The link as a plain dictionary."""
        return {
            "topic": self.topic_label,
            "section_a": self.section_a_label,
            "section_b": self.section_b_label,
            "topic_iri": self.topic,
            "section_a_iri": self.section_a,
            "section_b_iri": self.section_b,
        }


def _check_node(view: nx.Graph, node: str) -> None:
    if str(node) not in view:
        raise ViewError(not_in_view(view, str(node)))


def _excluded(view: nx.Graph, include_hubs: bool, keep: tuple[str, ...] = ()) -> set[str]:
    return set() if include_hubs else hub_nodes(view) - set(keep)


def neighbours(
    view: nx.Graph, node: str, depth: int = 1, *, include_hubs: bool = False
) -> list[Neighbour]:
    """The entities within ``depth`` links of ``node``, nearest first.

    Hubs next to an entity are listed but, unless ``include_hubs``, not walked through:
    the neighbours of a statement include its section, not every statement of that section.

    Raises
    ------
    ViewError
        ``node`` is not in the view or ``depth`` is not positive.
    """
    _check_node(view, node)
    if depth < 1:
        raise ViewError(f"depth must be at least 1, not {depth}")
    graph = relations_graph(view)
    hubs = _excluded(view, include_hubs, (str(node),))
    found: dict[str, tuple[int, str, str]] = {str(node): (0, "", "")}
    queue = deque([str(node)])
    while queue:
        current = queue.popleft()
        distance = found[current][0]
        if distance >= depth or (current in hubs and current != str(node)):
            continue
        for other in sorted(graph.neighbors(current)):
            if other in found:
                continue
            subject, _obj, prop, label = graph.edges[current, other]["relations"][0]
            found[other] = (distance + 1, current, phrase(prop, label, subject == current))
            queue.append(other)
    result = []
    for iri, (distance, via, relation) in found.items():
        if distance == 0:
            continue
        attrs = graph.nodes[iri]
        result.append(
            Neighbour(
                iri=iri,
                label=str(attrs.get("label", iri)),
                cls=str(attrs.get("cls", "")),
                class_label=str(attrs.get("class_label", "")),
                distance=distance,
                via=via,
                via_label=str(graph.nodes[via].get("label", via)),
                relation=relation,
                lines=str(attrs.get("lines", "")),
            )
        )
    return sorted(result, key=lambda n: (n.distance, n.relation, n.class_label, n.label, n.iri))


def _directed(view: nx.Graph, excluded: set[str]) -> nx.DiGraph:
    """The relations of ``view`` between nodes not ``excluded`` as a weighted directed graph:
    parallel links add their weights, an undirected link counts both ways, loops are left out."""
    weights: dict[tuple[str, str], float] = {}
    both_ways = not view.is_directed()
    for u, v, weight in view.edges(data="weight", default=1.0):
        if u in excluded or v in excluded or u == v:
            continue
        for pair in ((u, v), (v, u)) if both_ways else ((u, v),):
            weights[pair] = weights.get(pair, 0.0) + float(weight)
    result = nx.DiGraph()
    result.add_nodes_from(sorted(n for n in view.nodes if n not in excluded))
    result.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return result


def betweenness_samples(nodes: int, links: int) -> int:
    """How many sources sampled betweenness draws for a view of this size.

    >>> betweenness_samples(2_000, 8_000), betweenness_samples(85_000, 470_000)
    (200, 200)
    >>> betweenness_samples(5_000_000, 20_000_000)
    20
    """
    affordable = SAMPLED_BETWEENNESS_WORK // max(1, nodes + links)
    return max(MIN_BETWEENNESS_SAMPLES, min(BETWEENNESS_SAMPLES, affordable))


def centrality(
    view: nx.Graph,
    measure: str = "degree",
    top: int = 10,
    *,
    include_hubs: bool = False,
    seed: int = 42,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    samples: int | None = None,
) -> Centrality:
    """The ``top`` most central nodes of ``view`` by ``measure`` (see :data:`MEASURES`).

    ``degree`` and ``betweenness`` treat the view as undirected; ``pagerank`` follows the
    direction of the relations. Betweenness is exact up to ``exact_limit`` nodes; above it,
    it is estimated from ``samples`` source nodes drawn with ``seed`` (by default as many as
    :func:`betweenness_samples` allows for the view's size). ``method`` says which.

    >>> from graph.kg import load
    >>> result = centrality(load().view("partnership"), "betweenness", top=1)
    >>> result.method  # doctest: +ELLIPSIS
    'exact betweenness over ... nodes'
    """
    if measure not in MEASURES:
        raise ViewError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    if top < 1:
        raise ViewError(f"--top must be at least 1, not {top}")
    excluded = _excluded(view, include_hubs)
    graph = relations_graph(view, excluded)
    n = graph.number_of_nodes()
    scores: dict[str, float]
    if measure == "degree":
        scores = nx.degree_centrality(graph) if n > 1 else dict.fromkeys(graph.nodes, 0.0)
        method = f"degree centrality over {n} nodes (share of the other nodes each links to)"
    elif measure == "betweenness":
        if n > exact_limit:
            k = min(samples or betweenness_samples(n, graph.number_of_edges()), n)
            scores = betweenness(graph, k=k, seed=seed)
            method = f"approximate betweenness: {k} sampled sources of {n} nodes, seed {seed}"
        else:
            scores = betweenness(graph)
            method = f"exact betweenness over {n} nodes"
    else:
        scores = pagerank(_directed(view, excluded))
        method = f"pagerank over {n} nodes, damping 0.85"
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    return Centrality(
        measure,
        method,
        tuple(
            Score(
                rank=i,
                iri=node,
                label=str(graph.nodes[node].get("label", node)),
                class_label=str(graph.nodes[node].get("class_label", "")),
                score=float(value),
            )
            for i, (node, value) in enumerate(ordered, start=1)
        ),
    )


def communities(
    view: nx.Graph,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    include_hubs: bool = False,
) -> list[Community]:
    """Louvain communities of ``view`` (undirected, weighted), largest first; seeded.

    Members of each community are listed best connected first. Nodes left without links
    once the hubs are removed form communities of their own.
    """
    graph = relations_graph(view, _excluded(view, include_hubs))
    found = louvain(graph, seed=seed, resolution=resolution)
    degree = dict(graph.degree(weight="weight"))

    def order(members: set[str]) -> list[str]:
        return sorted(members, key=lambda m: (-degree[m], str(graph.nodes[m].get("label", m)), m))

    ordered = sorted((order(c) for c in found), key=lambda ms: (-len(ms), ms[0]))
    return [
        Community(
            number=i,
            members=tuple(ms),
            labels=tuple(str(graph.nodes[m].get("label", m)) for m in ms),
        )
        for i, ms in enumerate(ordered, start=1)
    ]


def _section_name(graph: Graph, section: URIRef, numbers: Mapping[str, str]) -> str:
    number = numbers.get(str(section))
    return f"section {number}" if number else label_of(graph, section)


def bridges(graph: Graph) -> list[BridgeLink]:
    """Topics that are the only topic two sections share, one link per pair of sections.

    Sections are those the statements are in (subsections count on their own); the topics
    are those the statements concern (query ``section-topics``). Sorted by topic, most
    links first.

    >>> from graph.rdf.loading import load_graph
    >>> links = bridges(load_graph())
    >>> all(link.section_a != link.section_b for link in links)
    True
    """
    query = get_query("section-topics")
    topics_of: dict[str, set[str]] = {}
    numbers: dict[str, str] = {}
    for row in select(graph, query.text, timeout=None, source=query.name):
        section, topic = str(row["section"]), str(row["topic"])
        topics_of.setdefault(section, set()).add(topic)
        if row.get("sectionNumber") is not None:
            numbers[section] = str(row["sectionNumber"])
    links: list[tuple[str, str, str]] = []
    for a, b in combinations(sorted(topics_of), 2):
        shared = topics_of[a] & topics_of[b]
        if len(shared) == 1:
            links.append((next(iter(shared)), a, b))
    per_topic: dict[str, int] = {}
    for topic, _a, _b in links:
        per_topic[topic] = per_topic.get(topic, 0) + 1
    labels = {t: label_of(graph, URIRef(t)) for t in per_topic}
    result = [
        BridgeLink(
            topic=t,
            topic_label=labels[t],
            section_a=a,
            section_a_label=_section_name(graph, URIRef(a), numbers),
            section_b=b,
            section_b_label=_section_name(graph, URIRef(b), numbers),
        )
        for t, a, b in links
    ]
    return sorted(
        result,
        key=lambda x: (-per_topic[x.topic], x.topic_label, x.section_a_label, x.section_b_label),
    )
