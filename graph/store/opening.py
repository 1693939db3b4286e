"""Open the graph on any store: rdflib's memory, Oxigraph in memory or on disk, an endpoint.

Examples
--------
>>> g = load_on_store("oxigraph")
>>> type(g.store).__name__, len(g) > 1000
('OxigraphStore', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from graph.errors import StoreError
from graph.rdf.loading import load_graph
from graph.rdf.namespaces import bind_prefixes
from graph.store.oxigraph import load_oxigraph, open_persistent, source_files
from graph.store.remote import EndpointStore
from graph.store.specs import GRAPH_IRI, StoreSpec, resolve_store

__all__ = ["load_on_store"]


def load_on_store(spec: str | StoreSpec | None = None, extra: Sequence[str | Path] = ()) -> Graph:
    """The packaged ontology and data (plus ``extra``) as an rdflib graph on the given store.

    Parameters
    ----------
    spec : str or StoreSpec, optional
        The store (default: :data:`STORE_ENV`, else :data:`DEFAULT_STORE`).
    extra : sequence of paths
        More RDF files or folders. A ``sparql:URL`` store holds what ``hubspoke push`` wrote,
        so it takes none.

    Raises
    ------
    StoreError
        The spec is wrong, the folder cannot be used or the endpoint cannot be reached.
    DataFileError
        A data file cannot be parsed.
    """
    store = resolve_store(spec)
    if store.kind == "memory":
        return load_graph(extra)
    if store.kind == "oxigraph" and not store.location:
        return load_oxigraph(source_files(extra))
    if store.kind == "oxigraph":
        return open_persistent(Path(store.location), extra)
    if extra:
        raise StoreError(
            f"store {store} holds the graph that 'hubspoke push' wrote there - push the extra "
            f"files with 'hubspoke push {store.location} PATH ...' and query without them"
        )
    graph = Graph(store=EndpointStore(store.location), identifier=GRAPH_IRI)
    return bind_prefixes(graph)
