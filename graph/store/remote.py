"""Talk to a SPARQL 1.1 endpoint over HTTP: the store behind ``--store sparql:URL``.

:class:`EndpointStore` is rdflib's ``SPARQLUpdateStore`` with three changes that the rest of
hubspoke relies on:

- bound parameters go into a ``VALUES`` block at the top of the query's ``WHERE`` clause
  (rdflib appends it after the whole query, where a parameter that is not projected, or one
  under ``GROUP BY``, would no longer restrict anything);
- every request has a time limit, and an HTTP or connection failure becomes a
  :class:`~graph.errors.StoreError` that names the endpoint, the status and the server's words;
- queries are sent with POST, so long queries are not cut by URL limits.

The URL of the update service is derived from the query URL the way servers name them
(:func:`endpoints`). The endpoint is whatever the user names: hubspoke itself never contacts
anything else.

Examples
--------
>>> endpoints("http://127.0.0.1:7878/query")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://127.0.0.1:7878")
('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
>>> endpoints("http://example.org/sparql")
('http://example.org/sparql', 'http://example.org/sparql')
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from io import BytesIO
from typing import Any
from urllib.parse import urlencode, urlsplit

from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import BNode, Identifier

from graph.errors import StoreError
from graph.query.binding import with_values

__all__ = ["DEFAULT_HTTP_TIMEOUT", "EndpointStore", "endpoints", "request"]

#: Seconds an HTTP request to an endpoint may take.
DEFAULT_HTTP_TIMEOUT = 120.0

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, application/rdf+xml;q=0.8"


def endpoints(url: str) -> tuple[str, str]:
    """The (query, update) URLs of the endpoint at ``url``.

    A URL ending in ``/query`` has its updates at ``/update`` (Oxigraph, Fuseki); a bare
    server address gets both (Oxigraph's layout); any other URL takes both (the SPARQL
    protocol lets one URL serve queries and updates).
    """
    url = url.rstrip("/") if urlsplit(url).path in ("", "/") else url
    if urlsplit(url).path in ("", "/"):
        return f"{url}/query", f"{url}/update"
    if url.endswith("/query"):
        return url, f"{url[: -len('query')]}update"
    return url, url


def request(
    url: str,
    body: bytes | Iterable[bytes] | None,
    *,
    method: str = "POST",
    content_type: str | None = None,
    accept: str = _ACCEPT,
    params: Mapping[str, str] | None = None,
    length: int | None = None,
    timeout: float = DEFAULT_HTTP_TIMEOUT,
) -> tuple[str, bytes]:
    """Send one HTTP request to an endpoint; return the response's content type and body.

    ``body`` may be an iterable of chunks, streamed, with its total ``length``.

    Raises
    ------
    StoreError
        The server answered with an error status, or could not be reached in time.
    """
    full = f"{url}?{urlencode(dict(params))}" if params else url
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    if length is not None:
        headers["Content-Length"] = str(length)
    req = urllib.request.Request(full, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        words = f": {detail[0][:300]}" if detail else ""
        raise StoreError(
            f"{url}: the server answered {exc.code} {exc.reason}{words} - check the URL and "
            "that the server accepts this request (a read-only server refuses updates)"
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise StoreError(
            f"{url}: cannot reach the SPARQL endpoint ({reason}) - is the server running? "
            "Start one with 'hubspoke serve'"
        ) from None


_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)


class EndpointStore(SPARQLUpdateStore):
    """rdflib's SPARQL store with bindings at the top, time limits and clear errors."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        timeout: float = DEFAULT_HTTP_TIMEOUT,
    ) -> None:
        query_endpoint, update_endpoint = endpoints(query_url)
        super().__init__(
            query_endpoint=query_endpoint,
            update_endpoint=update_url or update_endpoint,
            returnFormat="json",
            method="POST",
            autocommit=True,
        )
        self.timeout = timeout

    def query(  # type: ignore[override]
        self,
        query: Any,
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Identifier] | None = None,
        queryGraph: Any = None,
        DEBUG: bool = False,
    ) -> Result:
        if not isinstance(query, str):
            raise NotImplementedError("send the query text, not a parsed query")
        declared = set(_DECLARED.findall(query))
        prefixes = {**dict(self.nsBindings), **dict(initNs or {})}
        head = "".join(
            f"PREFIX {k}: <{v}>\n" for k, v in sorted(prefixes.items()) if k not in declared
        )
        text = with_values(head + query, initBindings or {})
        return self._query(
            text, default_graph=queryGraph if self._is_contextual(queryGraph) else None
        )

    def _query(self, query: str, default_graph: Any = None, named_graph: Any = None) -> Result:
        self._queries += 1
        params = {}
        if default_graph is not None and not isinstance(default_graph, BNode):
            params["default-graph-uri"] = str(default_graph)
        content_type, body = request(
            str(self.query_endpoint),
            query.encode("utf-8"),
            content_type="application/sparql-query",
            params=params,
            timeout=self.timeout,
        )
        mime = content_type.split(";")[0].strip()
        if mime in ("application/n-triples", "text/plain"):
            result = Result("CONSTRUCT")
            from rdflib import Graph

            result.graph = Graph().parse(data=body, format="nt")
            return result
        return Result.parse(BytesIO(body), content_type=mime)

    def _update(self, update: str) -> None:
        self._updates += 1
        request(
            str(self.update_endpoint),
            update.encode("utf-8"),
            content_type="application/sparql-update; charset=UTF-8",
            timeout=self.timeout,
        )
