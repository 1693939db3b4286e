"""Store specs: which store the graph lives in, as named by ``--store`` or ``HUBSPOKE_STORE``.

A store is named by a short spec:

``oxigraph``
    Oxigraph (through oxrdflib) in memory (the default): the same rdflib graph, with
    Oxigraph's SPARQL engine.
``memory``
    rdflib's own in-memory store.
``oxigraph:DIR``
    Oxigraph on disk in folder ``DIR``: built once, then reopened without parsing anything
    while the data files are unchanged (a fingerprint of them is kept in the folder).
``sparql:URL``
    Any SPARQL 1.1 endpoint: the graph is the named graph :data:`GRAPH_IRI` that
    ``hubspoke push`` wrote there.

Examples
--------
>>> parse_store("oxigraph:/tmp/hubspoke-store")
StoreSpec(kind='oxigraph', location='/tmp/hubspoke-store')
>>> str(parse_store("sparql:http://127.0.0.1:7878/query"))
'sparql:http://127.0.0.1:7878/query'
>>> parse_store("mongo")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.StoreError: unknown store 'mongo': use memory, oxigraph, oxigraph:DIR or sparql:URL
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from graph.errors import StoreError

__all__ = [
    "STORE_ENV",
    "DEFAULT_STORE",
    "GRAPH_IRI",
    "StoreSpec",
    "parse_store",
    "resolve_store",
    "using_store",
]

#: Environment variable naming the store when ``--store`` is not given.
STORE_ENV = "HUBSPOKE_STORE"

#: The store used when neither ``--store`` nor :data:`STORE_ENV` names one.
DEFAULT_STORE = "oxigraph"

#: The named graph ``hubspoke push`` writes and ``sparql:URL`` reads.
GRAPH_IRI = URIRef("https://w3id.org/hubspoke/graph")

_KINDS = "use memory, oxigraph, oxigraph:DIR or sparql:URL"
#: The Oxigraph database and the description of what it holds, inside a store folder.


@dataclass(frozen=True)
class StoreSpec:
    """A parsed store spec: ``kind`` is memory, oxigraph or sparql; ``location`` a folder or URL."""

    kind: str
    location: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.location}" if self.location else self.kind

    @property
    def persistent(self) -> bool:
        """True for an Oxigraph store on disk."""
        return self.kind == "oxigraph" and bool(self.location)


def parse_store(text: str) -> StoreSpec:
    """Parse a store spec (``memory``, ``oxigraph``, ``oxigraph:DIR``, ``sparql:URL``).

    >>> parse_store("sparql:ftp://x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.StoreError: store 'sparql:ftp://x': the endpoint must be an http:// or https:// URL...
    """
    raw = text.strip()
    kind, sep, rest = raw.partition(":")
    kind = kind.lower()
    if kind == "memory" and not sep:
        return StoreSpec("memory")
    if kind == "oxigraph":
        if sep and not rest.strip():
            raise StoreError(
                f"store {raw!r}: give the folder after 'oxigraph:', e.g. oxigraph:.hubspoke-store"
            )
        return StoreSpec("oxigraph", str(Path(rest.strip()).expanduser()) if rest.strip() else "")
    if kind == "sparql":
        if not rest.startswith(("http://", "https://")):
            raise StoreError(
                f"store {raw!r}: the endpoint must be an http:// or https:// URL, "
                "e.g. sparql:http://127.0.0.1:7878/query"
            )
        return StoreSpec("sparql", rest)
    raise StoreError(f"unknown store {raw!r}: {_KINDS}")


def resolve_store(spec: str | StoreSpec | None = None) -> StoreSpec:
    """The store to use: ``spec`` if given, else :data:`STORE_ENV`, else :data:`DEFAULT_STORE`.

    >>> resolve_store("oxigraph").kind
    'oxigraph'
    """
    if isinstance(spec, StoreSpec):
        return spec
    return parse_store(spec or os.environ.get(STORE_ENV) or DEFAULT_STORE)


@contextmanager
def using_store(spec: str | None) -> Iterator[StoreSpec | None]:
    """Within the block, :func:`resolve_store` (and so ``graph.load``) picks ``spec``.

    ``None`` changes nothing. The spec is checked first (:class:`StoreError` if wrong).

    >>> with using_store("oxigraph"):
    ...     resolve_store().kind
    'oxigraph'
    """
    if spec is None:
        yield None
        return
    store = parse_store(spec)
    before = os.environ.get(STORE_ENV)
    os.environ[STORE_ENV] = str(store)
    try:
        yield store
    finally:
        if before is None:
            os.environ.pop(STORE_ENV, None)
        else:
            os.environ[STORE_ENV] = before
