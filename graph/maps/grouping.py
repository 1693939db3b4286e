"""Summarise a graph too big to draw node by node: one node per class or per section.

A map with thousands of nodes is a hairball; beyond :data:`MAX_DRAWN_NODES` a map shows one
node per group instead, sized by how many nodes it stands for, with one link per pair of
groups that are linked, weighted by how many links it stands for.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="A", cls="hs:Person", class_label="person")
>>> g.add_node("b", label="B", cls="hs:Person", class_label="person")
>>> g.add_node("c", label="C", cls="hs:Organisation", class_label="organisation")
>>> g.add_edge("a", "c", label="member of")
0
>>> g.add_edge("b", "c", label="member of")
0
>>> groups = group_graph(g, by="class")
>>> sorted(groups.nodes(data="count"))
[('hs:Organisation', 1), ('hs:Person', 2)]
>>> groups.edges["hs:Person", "hs:Organisation"]["weight"]
2
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from graph.errors import ViewError

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "GROUP_KEYS",
    "MAX_DRAWN_NODES",
    "MAX_MEMBERS_LISTED",
    "MIN_GROUP_SIZE",
    "TOPICS_GROUP",
    "group_graph",
    "size_groups",
    "story_groups",
]

#: Largest graph a map draws node by node; larger ones are grouped.
MAX_DRAWN_NODES = 2000
#: What nodes can be grouped by, and the node attribute that says it.
GROUP_KEYS = {"class": "cls", "section": "section"}
#: How many member labels a group node keeps for the side panel.
MAX_MEMBERS_LISTED = 200

_NO_SECTION = "(not from a document section)"
#: Fewer members than this and a story group is not made: its members are drawn one by one.
MIN_GROUP_SIZE = 3
#: The group of topics, target groups and the like in a story grouping.
TOPICS_GROUP = "Topics and groups discussed"
_TOPIC_CLASSES = frozenset({"hs:Topic", "hs:TargetGroup"})
#: Other classes gathered into one group each in a story grouping, with the group's name.
_GATHERED = {
    "hs:Document": "Documents and their sections",
    "hs:WebPage": "Documents and their sections",
    "hs:Section": "Documents and their sections",
    "hs:Citation": "Documents and their sections",
    "hs:AgencyType": "Kinds of agency and roles",
    "hs:Role": "Kinds of agency and roles",
    "hs:Sector": "Kinds of agency and roles",
    "hs:Person": "People",
    "hs:RoleHolding": "People",
}


def _numbered_section(attrs: dict[str, object]) -> str:
    section, number = str(attrs.get("section") or ""), str(attrs.get("section_number") or "")
    if number and section and not section.startswith(number):
        return f"{number} {section}"
    return section


def story_groups(graph: nx.Graph) -> dict[str, str]:
    """Groups that tell a document's story: node -> group, for the nodes that have one.

    Every statement (a node with verbatim text) is grouped with the others of its section of
    the source, the topics and target groups are grouped together, and so are the documents
    and their sections, and the kinds of agency and roles; events, sessions,
    organisations, themes and the like stay on their own, so the collapsed map shows the
    skeleton (who met where, what was asked) with one node per section hanging from it.
    A statement whose section has fewer than :data:`MIN_GROUP_SIZE` statements joins the
    other such statements of its document; a would-be group of fewer than
    :data:`MIN_GROUP_SIZE` nodes is not made.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> for i in range(3):
    ...     g.add_node(i, text="a point", section="Roundtable", section_number="4a")
    >>> g.add_node("t", cls="hs:Topic")
    >>> story_groups(g)
    {0: '4a Roundtable', 1: '4a Roundtable', 2: '4a Roundtable'}
    """
    found: dict[str, str] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("text") and attrs.get("section"):
            found[node] = _numbered_section(attrs)
        elif attrs.get("cls") in _TOPIC_CLASSES:
            found[node] = TOPICS_GROUP
        elif attrs.get("cls") in _GATHERED:
            found[node] = _GATHERED[str(attrs["cls"])]
    sizes = Counter(found.values())
    # a statement whose section is too small for a group joins the others of its document
    for node, key in list(found.items()):
        document = str(graph.nodes[node].get("document") or "")
        if sizes[key] < MIN_GROUP_SIZE and document and graph.nodes[node].get("text"):
            found[node] = f"Other statements of {document}"
    sizes = Counter(found.values())
    return {node: key for node, key in found.items() if sizes[key] >= MIN_GROUP_SIZE}


def size_groups(graph: nx.Graph, *, by: str = "class") -> dict[str, str]:
    """Every node's group when a graph is too large to draw node by node: its class label
    (``by="class"``) or its source section (``by="section"``).

    Raises
    ------
    ViewError
        ``by`` is neither "class" nor "section".
    """
    if by not in GROUP_KEYS:
        raise ViewError(f"cannot group a map by {by!r}; choose one of: {', '.join(GROUP_KEYS)}")
    found = {}
    for node, attrs in graph.nodes(data=True):
        if by == "class":
            found[node] = str(attrs.get("class_label") or attrs.get("cls") or "(no class)")
        else:
            found[node] = _numbered_section(attrs) or _NO_SECTION
    return found


def _group_of(attrs: dict[str, object], by: str) -> str:
    value = str(attrs.get(GROUP_KEYS[by], "") or "")
    if by == "section" and not value:
        return _NO_SECTION
    return value or "(no class)"


def group_graph(graph: nx.Graph, *, by: str = "class") -> nx.Graph:
    """One node per class (``by="class"``) or per source section (``by="section"``).

    Each group node has ``label``, ``cls`` and ``class_label`` (its most common class),
    ``count`` (number of nodes), ``members`` (labels, at most :data:`MAX_MEMBERS_LISTED`)
    and ``internal`` (links inside the group).
    Each group link has ``weight`` (number of links) and ``label`` (their kinds, most
    common first).

    Raises
    ------
    ViewError
        ``by`` is neither "class" nor "section".
    """
    import networkx as nx

    if by not in GROUP_KEYS:
        raise ViewError(f"cannot group a map by {by!r}; choose one of: {', '.join(GROUP_KEYS)}")
    group_of = {node: _group_of(attrs, by) for node, attrs in graph.nodes(data=True)}
    members: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for node, attrs in graph.nodes(data=True):
        group = group_of[node]
        members[group].append(str(attrs.get("label") or node))
        classes[group][(str(attrs.get("cls", "")), str(attrs.get("class_label", "")))] += 1
    links: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    internal: Counter[str] = Counter()
    for source, target, label in graph.edges(data="label", default=""):
        a, b = group_of[source], group_of[target]
        if a == b:
            internal[a] += 1
        else:
            links[(a, b) if a <= b else (b, a)][str(label)] += 1
    result = nx.Graph(name=graph.graph.get("name", ""), grouped_by=by)
    for group in sorted(members):
        (cls, class_label), _ = classes[group].most_common(1)[0]
        names = sorted(members[group], key=str.casefold)
        result.add_node(
            group,
            label=class_label if by == "class" and class_label else group,
            cls=cls,
            class_label=class_label,
            count=len(names),
            members=names[:MAX_MEMBERS_LISTED],
            internal=internal[group],
        )
    for (a, b), kinds in sorted(links.items()):
        label = "; ".join(f"{kind} ({n})" for kind, n in kinds.most_common())
        result.add_edge(a, b, weight=sum(kinds.values()), label=label)
    return result
