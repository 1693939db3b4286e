"""The views of one graph for a session: each projected once, sharing what they read.

A notebook, a map and an export ask for the same views of one graph again and again; a
:class:`ViewSession` projects each once (:mod:`graph.network.views`), keeps what the views
have read of the graph (:class:`~graph.network.facts.GraphFacts`, each node's attributes) and
answers the maps' questions about nodes from it (:meth:`ViewSession.describe`).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from rdflib import Graph
from rdflib.term import Node

from graph.heap import give_back
from graph.network.facts import GraphFacts
from graph.network.views import VIEW_NAMES, Projector, view_named
from graph.progress import task

__all__ = ["ViewSession"]


class ViewSession:
    """The views of one graph for a session: each projected once, then handed out as copies.

    The views share one query engine, one reading of each property (:class:`GraphFacts`)
    and each node's attributes, so a second view costs only its own query and edges. The
    graph must not change while the session is used (make a new one after a change).
    ``labels``: the graph's display labels, read already (a knowledge graph's), used instead
    of reading them again.

    >>> from graph.kg import load
    >>> session = ViewSession(load().graph)
    >>> first, again = session.view("models"), session.view("models")
    >>> first is not again and sorted(first.nodes) == sorted(again.nodes)
    True
    """

    def __init__(self, graph: Graph, labels: dict[str, str] | None = None) -> None:
        self.graph = graph
        self._labels = labels  # the graph's display labels, if read already: shared, not read again
        self._projector: Projector | None = None
        self._views: dict[str, nx.MultiDiGraph | nx.Graph] = {}

    def _shared(self) -> Projector:
        if self._projector is None:
            self._projector = Projector(self.graph, self._labels)
        return self._projector

    def read_labels(self) -> dict[str, str] | None:
        """The display label of every typed IRI (:func:`~graph.network.naming.display_labels`),
        if the session's reading of the graph has them already (else None), so that a
        knowledge graph and its session hold one table of them.

        >>> from graph.kg import load
        >>> session = ViewSession(load().graph)
        >>> session.read_labels() is None
        True
        >>> session.facts.labels is session.read_labels()
        True
        """
        facts = self._projector.facts if self._projector is not None else None
        return facts.labels if facts is not None else None

    @property
    def facts(self) -> GraphFacts:
        """The session's reading of the graph, each property read once (:class:`GraphFacts`)."""
        return self._shared().bulk_facts()

    def describe(self, nodes: Iterable[Node]) -> dict[str, dict[str, object]]:
        """:func:`describe_nodes` of ``nodes``, from what the session has read already (the
        attributes of a node in any view are worked out once); each a copy, free to change."""
        projector = self._shared()
        projector.bulk_facts()  # many nodes: read each property once
        return {str(node): dict(projector.attributes(node)) for node in nodes}

    def view(self, name: str) -> nx.MultiDiGraph | nx.Graph:
        """The view ``name``: a copy of its one projection, free to change.

        Raises
        ------
        ViewError
            No view has that name.
        """
        return self.projected(name).copy()

    def projected_views(
        self, names: Iterable[str] | None = None
    ) -> dict[str, nx.MultiDiGraph | nx.Graph]:
        """:meth:`projected` of each of ``names`` (default: every view), by name, sorted.

        Raises
        ------
        ViewError
            A name is not a view's; nothing is projected.
        """
        chosen = [
            view_named(name).name for name in sorted(VIEW_NAMES if names is None else set(names))
        ]
        return {name: self.projected(name) for name in chosen}

    def projected(self, name: str) -> nx.MultiDiGraph | nx.Graph:
        """The session's own projection of the view ``name``, shared: read it, never change it
        (writers of files use it to save a copy; anything else takes :meth:`view`), unless
        nothing reads the session again (the maps of an export, in a process of their own:
        :func:`graph.maps.standard.view_graph`'s ``consume``).

        Raises
        ------
        ViewError
            No view has that name.
        """
        if name not in self._views:
            definition = view_named(name)
            with task(f"Projecting the {name} view") as step:
                step("reading the graph")
                self._views[name] = self._shared().project(definition)
        return self._views[name]

    def forget(self, name: str) -> None:
        """Let go of the session's projection of the view ``name`` (if it has one) and empty
        it, its memory given back (:func:`graph.heap.give_back`): only for a caller that is
        the last to read that projection (an export, once the view is written or drawn). A
        later call of :meth:`projected` or :meth:`view` projects it again; the session's
        reading of the graph and its nodes' attributes are kept for the other views.

        Emptied rather than only dropped: networkx keeps views of a graph (``G.edges``) that
        refer back to it, a cycle that only the collector would free, and an export pauses it.

        >>> from graph.kg import load
        >>> session = ViewSession(load().graph)
        >>> first = session.projected("models")
        >>> session.forget("models")
        >>> session.projected("models") is first, len(first)
        (False, 0)
        """
        view = self._views.pop(name, None)
        if view is not None:
            view.clear()
            give_back()
