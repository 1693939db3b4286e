"""A local HTTP listener for tests: records every connection and request it receives.

Used to check that a command makes no outbound request (nothing arrives) and to capture what
``hubspoke push`` sends (the body arrives here instead of at a SPARQL server).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Listener", "listening"]


@dataclass
class Listener:
    """What arrived: each request as (method, path, body)."""

    port: int
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)
    connections: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    record: Listener

    def verify_request(self, request: Any, client_address: Any) -> bool:
        self.record.connections += 1
        return True


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.record.requests.append((self.command, self.path, body))
        self.send_response(204)
        self.end_headers()

    do_GET = do_POST = do_PUT = _answer


@contextmanager
def listening() -> Iterator[Listener]:
    """A listener on a free loopback port for the duration of the ``with`` block."""
    server = _Server(("127.0.0.1", 0), _Handler)
    record = Listener(int(server.server_address[1]))
    server.record = record
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
