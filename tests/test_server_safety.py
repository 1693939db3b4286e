"""``hubspoke serve`` against a browser and a stranger: the Host header is checked (DNS
rebinding), cross-origin requests and form posts are refused, a query has a time limit, and a
taken port is a clear error."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from graph.errors import StoreError
from graph.kg import KnowledgeGraph
from graph.store.server import HOST, OxigraphServer, start_server, write_database

pytestmark = pytest.mark.server

ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(
    kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[OxigraphServer]:
    location = write_database(kg.graph, tmp_path_factory.mktemp("safety") / "db")
    running = start_server(location, read_only=True, query_timeout=2, allowed_hosts=("kg.lan",))
    try:
        yield running
    finally:
        running.stop()


def send(
    server: OxigraphServer,
    method: str = "GET",
    *,
    host: str | None = None,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    path: str | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=timeout)
    try:
        connection.putrequest(method, path or f"/query?{urlencode({'query': ASK})}", skip_host=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{server.port}")
        for key, value in (headers or {}).items():
            connection.putheader(key, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


# (the Host header, whether the server answers)
HOSTS = [
    ("127.0.0.1:{port}", True),
    ("localhost:{port}", True),
    ("LOCALHOST:{port}", True),
    ("[::1]:{port}", True),
    ("kg.lan:{port}", True),  # allowed when the server was started
    ("rebind.attacker.example:{port}", False),
    ("127.0.0.1.nip.io:{port}", False),
    ("localhost.:{port}", False),
    ("127.0.0.1:1", False),
    ("127.0.0.1", False),
    ("", False),
]


@pytest.mark.parametrize("host, answers", HOSTS, ids=[h for h, _ in HOSTS])
def test_only_loopback_names_are_answered(server: OxigraphServer, host: str, answers: bool) -> None:
    status, body = send(server, host=host.format(port=server.port))
    if answers:
        assert status == 200 and b"true" in body
    else:
        assert status == 403 and b"Host header" in body


# (extra request headers, content type and body of a request from a web page)
FOREIGN = [
    (
        "a form posted from another site",
        {"Origin": "http://attacker.example"},
        "application/x-www-form-urlencoded",
    ),
    ("a text/plain post from another site", {"Origin": "https://attacker.example"}, "text/plain"),
    ("a post with a null origin", {"Origin": "null"}, "application/x-www-form-urlencoded"),
    (
        "a form marked cross-site",
        {"Sec-Fetch-Site": "cross-site"},
        "application/x-www-form-urlencoded",
    ),
    ("a same-site page", {"Sec-Fetch-Site": "same-site"}, "application/sparql-query"),
]


@pytest.mark.parametrize("case, headers, kind", FOREIGN, ids=[f[0] for f in FOREIGN])
def test_cross_origin_requests_are_refused(
    server: OxigraphServer, case: str, headers: dict[str, str], kind: str
) -> None:
    body = urlencode({"query": ASK}).encode() if "form" in kind else ASK.encode()
    status, answer = send(
        server, "POST", headers={**headers, "Content-Type": kind}, body=body, path="/query"
    )
    assert status == 403 and b"another site" in answer


def test_a_same_origin_form_post_is_answered(server: OxigraphServer) -> None:
    body = urlencode({"query": ASK}).encode()
    headers = {
        "Origin": f"http://127.0.0.1:{server.port}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/sparql-results+json",
    }
    status, answer = send(server, "POST", headers=headers, body=body, path="/query")
    assert status == 200 and b"true" in answer


def test_a_preflight_is_refused(server: OxigraphServer) -> None:
    headers = {"Origin": "http://attacker.example", "Access-Control-Request-Method": "POST"}
    status, _ = send(server, "OPTIONS", headers=headers, path="/query")
    assert status == 403


def test_a_query_that_runs_too_long_is_stopped(server: OxigraphServer) -> None:
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    started = time.monotonic()
    status, _ = send(
        server,
        "POST",
        headers={"Content-Type": "application/sparql-query"},
        body=endless.encode(),
        path="/query",
        timeout=120,
    )
    assert status == 503
    assert time.monotonic() - started < 60  # the limit is 2 s; generous for a loaded machine
    deadline = time.monotonic() + 60  # Oxigraph was restarted: the core is free again
    while send(server)[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert server.running


def test_a_taken_port_is_a_clear_error(tmp_path: Path, kg: KnowledgeGraph) -> None:
    location = write_database(kg.graph, tmp_path / "db")
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(StoreError, match=f"port {port} .* already in use"):
            start_server(location, port=port)


def test_serve_on_a_taken_port_says_so_and_exits_1(tmp_path: Path) -> None:
    env = {**os.environ}
    env.pop("HUBSPOKE_STORE", None)
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "graph", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
        )
    assert done.returncode == 1
    assert f"port {port}" in done.stderr and "already in use" in done.stderr
    assert "serving" not in done.stdout and "Traceback" not in done.stderr
