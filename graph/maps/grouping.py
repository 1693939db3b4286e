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

__all__ = ["GROUP_KEYS", "MAX_DRAWN_NODES", "MAX_MEMBERS_LISTED", "group_graph"]

#: Largest graph a map draws node by node; larger ones are grouped.
MAX_DRAWN_NODES = 2000
#: What nodes can be grouped by, and the node attribute that says it.
GROUP_KEYS = {"class": "cls", "section": "section"}
#: How many member labels a group node keeps for the side panel.
MAX_MEMBERS_LISTED = 200

_NO_SECTION = "(not from a document section)"


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
