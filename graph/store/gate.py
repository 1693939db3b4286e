"""The gate in front of a SPARQL server: what a browser or a stranger may not make it do.

``hubspoke serve`` runs Oxigraph on a private loopback port and this gate on the public one.
The gate passes a request on only when

- its ``Host`` header names this machine's loopback (``127.0.0.1``, ``localhost``, ``[::1]``,
  or a name the user allowed) and this port: a web page whose name resolves to 127.0.0.1 (DNS
  rebinding) gets 403;
- it does not come from another site: a request carrying an ``Origin`` other than the
  server's own, or ``Sec-Fetch-Site: cross-site``/``same-site`` (a form posted from a web
  page), gets 403;
- its SPARQL makes no outbound request: ``SERVICE`` or ``LOAD`` gets 400
  (:func:`graph.query.outbound.refuse_outbound`);
- it says how long its body is (411 otherwise).

Each refusal is a plain-text answer that says why. Oxigraph stops a query after the time
limit it is started with, but not every query checks it (a sort runs on); a query or update
that has not answered a few seconds after the limit is stopped by the gate: it answers 503 and
asks the server to restart (:attr:`Gate.overrun`), which frees the core.

Examples
--------
>>> host_allowed("127.0.0.1:7878", 7878), host_allowed("evil.example:7878", 7878)
(True, False)
>>> host_allowed("LOCALHOST:7878", 7878), host_allowed("localhost:8080", 7878)
(True, False)
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from graph.errors import OutboundRequestRefused, StoreError
from graph.query.outbound import refuse_outbound

__all__ = ["LOOPBACK_NAMES", "Gate", "host_allowed", "open_gate"]

#: Host names a server answers to unless the user allows more.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
}
_SPARQL_PATHS = ("/query", "/update")
_BLOCK = 1 << 16


def host_allowed(host: str | None, port: int, names: Iterable[str] = LOOPBACK_NAMES) -> bool:
    """True when the ``Host`` header ``host`` names one of ``names`` (any case) and ``port``."""
    if not host:
        return False
    host = host.strip().lower()
    name, _, given = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not name:  # no port given: the default port of http, which is never ours
        name, given = host, "80"
    return name in {n.lower() for n in names} and given == str(port)


class _Handler(BaseHTTPRequestHandler):
    server: _GateServer
    protocol_version = "HTTP/1.0"  # one request a connection: bodies end when it closes

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # quiet: the terminal shows the address and Ctrl-C only

    def _refuse(self, status: int, why: str) -> None:
        body = f"hubspoke serve refused this request: {why}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _foreign(self) -> str | None:
        gate = self.server
        if not host_allowed(self.headers.get("Host"), gate.port, gate.names):
            return (
                f"the Host header {self.headers.get('Host')!r} is not this server's name "
                f"({', '.join(gate.names)} on port {gate.port}); start it with --allow-host "
                "NAME to answer to another name"
            )
        origin = self.headers.get("Origin")
        own = {f"http://{name.lower()}:{gate.port}" for name in gate.names}
        if origin is not None and origin.lower() not in own:
            return f"a request from another site ({origin}) is refused (no cross-origin requests)"
        if self.headers.get("Sec-Fetch-Site", "").lower() in ("cross-site", "same-site"):
            return "a request sent by another site's page is refused (no cross-origin requests)"
        return None

    def _sparql_texts(self, body: bytes) -> list[str]:
        target = urlsplit(self.path)
        if target.path not in _SPARQL_PATHS:
            return []
        texts = [v for key in ("query", "update") for v in parse_qs(target.query).get(key, [])]
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", errors="replace"))
            texts += [v for key in ("query", "update") for v in form.get(key, [])]
        elif kind in ("application/sparql-query", "application/sparql-update"):
            texts.append(body.decode("utf-8", errors="replace"))
        return texts

    def _pass(self) -> None:
        why = self._foreign()
        if why:
            self._refuse(403, why)
            return
        length_text = self.headers.get("Content-Length")
        if self.command in ("POST", "PUT") and length_text is None:
            self._refuse(411, "give the Content-Length of the body (chunked bodies are refused)")
            return
        length = int(length_text or 0)
        sparql = urlsplit(self.path).path in _SPARQL_PATHS
        body: Any = self.rfile.read(length) if sparql else _Limited(self.rfile, length)
        try:
            for text in self._sparql_texts(body if sparql else b""):
                refuse_outbound(text, source="query")
        except OutboundRequestRefused as exc:
            self._refuse(400, str(exc))
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        limit = self.server.limit if sparql else None
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream, timeout=limit)
        begun = False  # once the answer has begun, a failure can only cut it short
        try:
            upstream.request(
                self.command, self.path, body=body if length else None, headers=headers
            )
            answer = upstream.getresponse()
            begun = True
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.end_headers()
            while block := answer.read(_BLOCK):
                self.wfile.write(block)
        except TimeoutError:
            upstream.close()
            self.server.overrun()
            if not begun:
                self._answer_quietly(
                    503, f"the query ran longer than {self.server.limit:g} s and was stopped"
                )
        except (OSError, http.client.HTTPException) as exc:
            if not begun:
                self._answer_quietly(502, f"the SPARQL server behind the gate failed: {exc}")
        finally:
            upstream.close()

    def _answer_quietly(self, status: int, why: str) -> None:
        try:
            self._refuse(status, why)
        except OSError:  # the client left, or the answer had begun: nothing more to say
            pass

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _pass

    def do_OPTIONS(self) -> None:  # noqa: N802 - the base's naming
        why = self._foreign()
        self._refuse(403, why or "cross-origin requests are not answered (no CORS)")


class _Limited:
    """At most ``length`` bytes of a stream, read in blocks (a request body passed on)."""

    def __init__(self, stream: Any, length: int) -> None:
        self.stream, self.left = stream, length

    def read(self, size: int = _BLOCK) -> bytes:
        if self.left <= 0:
            return b""
        block: bytes = self.stream.read(min(size if size > 0 else _BLOCK, self.left))
        self.left -= len(block)
        return block


class _GateServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        port: int,
        upstream: int,
        names: tuple[str, ...],
        limit: float | None,
        overrun: Callable[[], None],
    ) -> None:
        self.upstream, self.names, self.limit, self.overrun = upstream, names, limit, overrun
        super().__init__(("127.0.0.1", port), _Handler)
        self.port = int(self.server_address[1])


class Gate:
    """A running gate (see the module notes): :meth:`close` stops it."""

    def __init__(self, server: _GateServer) -> None:
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="hubspoke-gate", daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        """The public port."""
        return self._server.port

    def close(self) -> None:
        """Stop answering and free the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def _nothing() -> None:
    pass


def open_gate(
    port: int,
    upstream: int,
    allowed_hosts: Iterable[str] = (),
    *,
    limit: float | None = None,
    overrun: Callable[[], None] = _nothing,
) -> Gate:
    """Start a gate on 127.0.0.1:``port`` (0: a free port) in front of 127.0.0.1:``upstream``.

    A SPARQL request that gets no answer within ``limit`` seconds is answered 503 and
    ``overrun`` is called (the server restarts Oxigraph, which stops the query).

    Raises
    ------
    StoreError
        The port is taken by another process, or cannot be used.
    """
    names = tuple(dict.fromkeys([*LOOPBACK_NAMES, *(h.strip() for h in allowed_hosts)]))
    try:
        server = _GateServer(port, upstream, names, limit, overrun)
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise StoreError(
                f"port {port} on 127.0.0.1 is already in use by another program - "
                "choose another with --port, or leave --port out to take a free one"
            ) from None
        raise StoreError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    return Gate(server)
