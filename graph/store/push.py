"""Load the graph into a SPARQL endpoint, replacing one named graph in one request.

Two ways, both atomic on servers that run a request as one transaction (Oxigraph does):

``update`` (default)
    One SPARQL Update request, ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``,
    sent to the update endpoint. The triples are written by Oxigraph's N-Triples serializer,
    so every IRI and literal is escaped by the serializer, never by hand.
``gsp``
    One Graph Store Protocol ``PUT`` of the N-Triples to ``STORE?graph=<g>``.

The body is streamed from a temporary file, never built as one string. What is pushed follows
the audience policy (:mod:`graph.privacy`): the public part of the graph unless the team's
part is asked for; restricted items never leave.

Examples
--------
>>> push_targets("http://127.0.0.1:7878/query")
('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, URIRef

from graph.errors import StoreError
from graph.privacy.policy import DEFAULT_AUDIENCE, redact
from graph.store.remote import DEFAULT_HTTP_TIMEOUT, endpoints, request
from graph.store.specs import GRAPH_IRI

__all__ = ["METHODS", "PushResult", "push", "push_targets"]

#: Ways to push: a SPARQL Update request or a Graph Store Protocol PUT.
METHODS = ("update", "gsp")


@dataclass(frozen=True)
class PushResult:
    """What was pushed: how many triples, into which named graph, where, and how."""

    triples: int
    graph_iri: str
    target: str
    method: str


def push_targets(url: str) -> tuple[str, str | None]:
    """The update URL and, for Oxigraph's layout, the Graph Store URL of the endpoint ``url``."""
    _, update = endpoints(url)
    path = urlsplit(update).path
    store = f"{update[: -len('update')]}store" if path.endswith("/update") else None
    return update, store


def _chunks(head: bytes, body: Path, tail: bytes) -> Iterator[bytes]:
    yield head
    with open(body, "rb") as handle:
        while block := handle.read(1 << 20):
            yield block
    yield tail


def push(
    graph: Graph,
    url: str,
    *,
    graph_iri: str | URIRef = GRAPH_IRI,
    method: str = "update",
    update_url: str | None = None,
    store_url: str | None = None,
    timeout: float = DEFAULT_HTTP_TIMEOUT,
    audience: str = DEFAULT_AUDIENCE,
) -> PushResult:
    """Replace the named graph ``graph_iri`` at the endpoint ``url`` with ``graph``.

    Parameters
    ----------
    graph : rdflib.Graph
        What to push (on any local store).
    url : str
        The endpoint: its query URL or the server's address (``http://127.0.0.1:7878``).
    graph_iri : str
        The named graph to replace (what ``--store sparql:URL`` reads).
    method : str
        ``"update"`` or ``"gsp"`` (see the module's description).
    update_url, store_url : str, optional
        The update or Graph Store endpoint when the server names them otherwise.
    audience : str
        ``"public"`` (default) or ``"team"``: what of ``graph`` may be pushed.

    Raises
    ------
    StoreError
        The endpoint refused the request or cannot be reached; the named graph is unchanged.
    """
    if method not in METHODS:
        raise StoreError(f"unknown push method {method!r}: use {' or '.join(METHODS)}")
    if not url.startswith(("http://", "https://")):
        raise StoreError(f"{url!r} is not an endpoint address - give an http:// URL")
    iri = URIRef(str(graph_iri))
    graph = redact(graph, audience)
    default_update, default_store = push_targets(url)
    target = (update_url or default_update) if method == "update" else (store_url or default_store)
    if target is None:
        raise StoreError(
            f"{url}: this server's Graph Store endpoint is not known - give it with --store-url, "
            "or push with --method update"
        )
    with tempfile.TemporaryDirectory(prefix="hubspoke-push-") as tmp:
        dump = Path(tmp) / "graph.nt"
        # Oxigraph's serializer: natively from an Oxigraph store, term by term from others
        graph.serialize(destination=str(dump), format="ox-ntriples", encoding="utf-8")
        size = dump.stat().st_size
        if method == "update":
            head = f"DROP SILENT GRAPH {iri.n3()} ;\nINSERT DATA {{ GRAPH {iri.n3()} {{\n".encode()
            tail = b"} }\n"
            body = _chunks(head, dump, tail)
            request(
                target,
                body,
                content_type="application/sparql-update; charset=UTF-8",
                length=len(head) + size + len(tail),
                timeout=timeout,
            )
        else:
            request(
                target,
                _chunks(b"", dump, b""),
                method="PUT",
                content_type="application/n-triples",
                params={"graph": str(iri)},
                length=size,
                timeout=timeout,
            )
    return PushResult(len(graph), str(iri), target, method)
