"""How are X and Y connected: the k shortest chains between two entities of a view, in words.

A view (see :mod:`graph.network.views`) is walked without regard to the direction of its edges, but
each step is written with the relation's label in the direction it holds::

    Child Sexual Exploitation Funders Alliance (organisation) is addressed by 'Facilitate
    debate about the future of the sector, work...' (support request,
    learning-exchange-2015-12-01 line 178), which concerns topic 'sustainability'.

A statement is cited with the short id of its document beside its lines: the id of the
source's namespace, which its statements share (:func:`graph.rdf.namespaces.document_id`, the
name of its file in ``ontology/sources/``).

Hub nodes that would make every chain trivial are left out unless they are an end of the
chain: the source documents and their sections (every statement is in one), concept schemes
and the ontology's own terms (see :data:`HUB_CLASSES` and :func:`hub_nodes`).

Examples
--------
>>> from graph.kg import load
>>> from graph.rdf.namespaces import HSD
>>> view = load().view("full")
>>> chains = k_shortest_paths(view, HSD["org/csefa"], HSD["topic/sustainability"], k=1)
>>> print(chains[0].sentence)  # doctest: +NORMALIZE_WHITESPACE
Child Sexual Exploitation Funders Alliance (organisation) is addressed by 'Facilitate debate
about the future of the sector, work...' (support request, learning-exchange-2015-12-01 line
178), which concerns topic 'sustainability'.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from graph.errors import ViewError
from graph.rdf.namespaces import HS, curie, document_id

__all__ = [
    "HUB_CLASSES",
    "PHRASES",
    "Chain",
    "Step",
    "describe_node",
    "hub_nodes",
    "k_shortest_paths",
    "not_in_view",
    "phrase",
    "relations_graph",
]

#: Classes (as CURIEs) whose members are hubs: nearly everything links to them.
HUB_CLASSES = frozenset({"hs:Document", "hs:Section", "skos:ConceptScheme", "owl:Ontology"})

#: How each relation reads forwards (subject to object) and backwards (object to subject).
#: Relations not listed read "has <label>" and "is the <label> of".
PHRASES: Mapping[str, tuple[str, str]] = {
    "hs:partOfProgramme": ("is part of", "has as a part"),
    "hs:hubOrganisation": ("has as hub organisation", "is the hub organisation of"),
    "hs:spokeHost": ("has as spoke host", "hosts a spoke of"),
    "hs:deliveryModel": ("follows", "is the delivery model of"),
    "hs:inPhase": ("is in", "includes"),
    "hs:servesArea": ("serves", "is served by"),
    "hs:fundedBy": ("is funded by", "funds"),
    "hs:sector": ("is in sector", "is the sector of"),
    "hs:agencyType": ("is of agency type", "is the agency type of"),
    "hs:holder": ("is held by", "holds"),
    "hs:role": ("has role", "is the role of"),
    "hs:within": ("is within", "has within it"),
    "hs:inSeries": ("is in series", "includes"),
    "hs:bringsTogetherPhase": ("brought together", "was brought together at"),
    "hs:attendedBy": ("was attended by", "attended"),
    "hs:organisedBy": ("was organised by", "organised"),
    "hs:involves": ("involves", "was involved in"),
    "hs:sessionOf": ("is a session of", "has session"),
    "hs:presentedByRole": ("was presented by", "presented"),
    "hs:presentsModel": ("presents", "was presented at"),
    "hs:dateStatus": ("has date status", "is the date status of"),
    "hs:evaluates": ("evaluates", "is evaluated by"),
    "hs:conductedBy": ("is conducted by", "conducts"),
    "hs:aimOf": ("is an aim of", "has aim"),
    "hs:objectiveOf": ("is an objective of", "has objective"),
    "hs:underObjective": ("is under objective", "has under it"),
    "hs:underTheme": ("is under theme", "has under it"),
    "hs:discussedAt": ("was discussed at", "discussed"),
    "hs:answers": ("answers", "is answered by"),
    "hs:raisedIn": ("was raised in", "raised"),
    "hs:addressedTo": ("is addressed to", "is addressed by"),
    "hs:partOfStatement": ("is part of", "has part"),
    "hs:concernsTopic": ("concerns topic", "is a topic of"),
    "hs:concernsGroup": ("concerns group", "is a group concerned by"),
    "hs:concernsRole": ("concerns role", "is a role concerned by"),
    "hs:namesAgency": ("names", "is named in"),
    "hs:inSection": ("is in section", "contains"),
    "hs:sourceDocument": ("comes from", "is the source of"),
    "hs:sectionOf": ("is a section of", "has section"),
    "hs:parentSection": ("is a subsection of", "has subsection"),
    "hs:describesSession": ("describes", "is described in"),
    "hs:reportsOn": ("reports on", "is reported on by"),
    "hs:publishedBy": ("is published by", "published"),
    "hs:author": ("has author", "is an author of"),
    "hs:cites": ("cites", "is cited by"),
    "hs:citedDocument": ("cites", "is cited by"),
    "hs:citesSource": ("cites source", "is the source cited by"),
    "hs:about": ("is about", "is the subject of"),
    "hs:developedBy": ("is developed by", "develops"),
    "hs:availableFrom": ("is available from", "makes available"),
    "hs:evidence": ("is evidenced by", "is evidence for"),
    "org:subOrganizationOf": ("is part of", "has as a part"),
    "skos:broader": ("is narrower than", "is broader than"),
    "skos:related": ("is raised together with", "is raised together with"),
}

_EVIDENCE = str(HS.evidence)


@dataclass(frozen=True)
class Step:
    """One step of a chain, walked from ``source`` to ``target``.

    ``forward`` is true when the data says ``source property target``; ``phrase`` is the
    relation read in the walking direction.
    """

    source: str
    target: str
    property: str
    label: str
    forward: bool
    phrase: str


@dataclass(frozen=True)
class Chain:
    """A chain of entities from one end to the other, with its steps and its sentence.

    ``documents`` and ``lines`` say where each node that is a statement stands in its source
    (the document's short id and the lines; empty for other nodes).
    """

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    steps: tuple[Step, ...]
    sentence: str
    documents: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.steps)

    def as_record(self) -> dict[str, Any]:
        """The chain as plain data (for JSON)."""
        return {
            "length": len(self.steps),
            "sentence": self.sentence,
            "nodes": [
                {"iri": n, "label": lab, "document": doc, "lines": at}
                for n, lab, doc, at in zip(
                    self.nodes,
                    self.labels,
                    self.documents or ("",) * len(self.nodes),
                    self.lines or ("",) * len(self.nodes),
                )
            ],
            "steps": [
                {
                    "from": s.source,
                    "to": s.target,
                    "property": s.property,
                    "label": s.label,
                    "forward": s.forward,
                    "phrase": s.phrase,
                }
                for s in self.steps
            ],
        }


def not_in_view(view: nx.Graph, node: str) -> str:
    """Why ``node`` cannot be walked from in ``view``, and what to try instead.

    >>> full, topics = nx.Graph(name="full"), nx.Graph(name="topics")
    >>> not_in_view(topics, "https://w3id.org/hubspoke/id/org/csefa")
    'hsorg:csefa is not in the topics view: try the full view, which has every entity that links to another'
    >>> not_in_view(full, "https://w3id.org/hubspoke/ontology#Evaluation")
    'hs:Evaluation links to no other entity of the data (it is a term of the ontology), so no view has it: give an entity of the data'
    """
    name = view.graph.get("name", "this")
    if name != "full":
        return (
            f"{curie(node)} is not in the {name} view: try the full view, which has every entity "
            "that links to another"
        )
    what = " (it is a term of the ontology)" if str(node).startswith(str(HS)) else ""
    return (
        f"{curie(node)} links to no other entity of the data{what}, so no view has it: "
        "give an entity of the data"
    )


def hub_nodes(view: nx.Graph, classes: Collection[str] = HUB_CLASSES) -> set[str]:
    """Nodes of ``view`` that are hubs: members of ``classes`` and the ontology's own terms."""
    return {
        n
        for n, attrs in view.nodes(data=True)
        if attrs.get("cls") in classes or str(n).startswith(str(HS))
    }


def relations_graph(view: nx.Graph, exclude: Iterable[str] = ()) -> nx.Graph:
    """``view`` as a simple undirected graph; each edge keeps every relation between its ends.

    An edge's ``relations`` attribute is a tuple of ``(subject, object, property IRI, label)``
    in a fixed order (evidence links last); its ``weight`` is the sum of the views' weights.
    """
    dropped = set(exclude)
    result = nx.Graph()
    result.graph.update(view.graph)
    for node in sorted(view.nodes):
        if node not in dropped:
            result.add_node(node, **view.nodes[node])
    gathered: dict[tuple[str, str], list[tuple[str, str, str, str, float]]] = {}
    for u, v, data in view.edges(data=True):
        if u in dropped or v in dropped or u == v:
            continue
        key = (u, v) if u <= v else (v, u)
        gathered.setdefault(key, []).append(
            (u, v, data.get("property", ""), data.get("label", ""), float(data.get("weight", 1.0)))
        )
    for a, b in sorted(gathered):
        rels = sorted(gathered[(a, b)], key=lambda r: (r[2] == _EVIDENCE, curie(r[2]), r[0] != a))
        result.add_edge(
            a,
            b,
            relations=tuple(r[:4] for r in rels),
            weight=sum(r[4] for r in rels),
        )
    return result


def phrase(property_iri: str, label: str, forward: bool) -> str:
    """The relation read forwards or backwards.

    >>> phrase(str(HS.addressedTo), "addressed to", False)
    'is addressed by'
    >>> phrase("urn:x#colour", "colour", True), phrase("urn:x#colour", "colour", False)
    ('has colour', 'is the colour of')
    """
    known = PHRASES.get(curie(property_iri))
    if known is not None:
        return known[0] if forward else known[1]
    return f"has {label}" if forward else f"is the {label} of"


def _last_word(text: str) -> str:
    words = text.lower().split()
    return words[-1] if words else ""


def describe_node(attrs: Mapping[str, Any], *, after: str | None = None) -> str:
    """How a node is named in a sentence: its label with its class, document and source lines.

    ``after`` is the phrase that leads to the node; the class is left out when the phrase
    already names it ("concerns topic 'funding'"). The first node of a chain is not quoted
    unless it is a statement.

    >>> describe_node({"label": "funding", "class_label": "topic"}, after="concerns topic")
    "'funding'"
    >>> describe_node({"label": "Offer advice", "class_label": "support request", "lines": "176",
    ...                "text": "Offer advice",
    ...                "iri": "https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-176"},
    ...               after="is addressed by")
    "'Offer advice' (support request, learning-exchange-2015-12-01 line 176)"
    """
    label = str(attrs.get("label", ""))
    class_label = str(attrs.get("class_label", ""))
    lines = str(attrs.get("lines", ""))
    quoted = after is not None or bool(attrs.get("text"))
    name = f"'{label}'" if quoted else label
    parts = []
    if class_label and (after is None or _last_word(after) != _last_word(class_label)):
        parts.append(class_label)
    if lines and attrs.get("text"):
        where = f"line {lines}" if "-" not in lines else f"lines {lines}"
        document = document_id(str(attrs.get("iri", "")))
        parts.append(f"{document} {where}" if document else where)
    return f"{name} ({', '.join(parts)})" if parts else name


def _chain(graph: nx.Graph, nodes: list[str]) -> Chain:
    steps: list[Step] = []
    words: list[str] = [describe_node(graph.nodes[nodes[0]])]
    for i, (a, b) in enumerate(pairwise(nodes)):
        subject, _obj, prop, label = graph.edges[a, b]["relations"][0]
        forward = subject == a
        said = phrase(prop, label, forward)
        steps.append(Step(a, b, prop, label, forward, said))
        lead = " " if i == 0 else ", which "
        words.append(f"{lead}{said} {describe_node(graph.nodes[b], after=said)}")
    sentence = "".join(words) + "."
    labels = tuple(str(graph.nodes[n].get("label", n)) for n in nodes)
    cited = [graph.nodes[n] if graph.nodes[n].get("text") else {} for n in nodes]
    documents = tuple(document_id(str(c["iri"])) if c.get("lines") else "" for c in cited)
    lines = tuple(str(c.get("lines") or "") for c in cited)
    return Chain(tuple(nodes), labels, tuple(steps), sentence, documents, lines)


def k_shortest_paths(
    view: nx.Graph,
    source: str,
    target: str,
    k: int = 3,
    *,
    exclude: Iterable[str] | None = None,
) -> list[Chain]:
    """The ``k`` shortest chains from ``source`` to ``target`` in ``view``, shortest first.

    Parameters
    ----------
    view : networkx.Graph
        A view from :func:`graph.network.views.project`.
    source, target : str
        Node IRIs.
    k : int
        How many chains at most.
    exclude : iterable of str, optional
        Nodes the chains must not pass through; by default :func:`hub_nodes`. The two ends
        are never excluded.

    Returns
    -------
    list of Chain
        Empty when the two are not connected.

    Raises
    ------
    ViewError
        An end is not in the view, both ends are the same, or ``k`` is not positive.
    """
    for end in (source, target):
        if str(end) not in view:
            raise ViewError(not_in_view(view, str(end)))
    if str(source) == str(target):
        raise ViewError(f"both ends are {curie(source)}: give two different entities")
    if k < 1:
        raise ViewError(f"k must be at least 1, not {k}")
    excluded = set(hub_nodes(view) if exclude is None else exclude) - {str(source), str(target)}
    graph = relations_graph(view, excluded)
    try:
        found = list(islice(nx.shortest_simple_paths(graph, str(source), str(target)), k))
    except nx.NetworkXNoPath:
        return []
    return [_chain(graph, nodes) for nodes in found]
