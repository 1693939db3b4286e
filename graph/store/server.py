"""Run Oxigraph's SPARQL server (the ``oxigraph`` command of PyPI's ``oxigraph`` package).

The server always binds 127.0.0.1, serves read-only unless told otherwise, stops each query
after a time limit, and is stopped cleanly: terminated, waited for, killed if it does not
stop, and in any case when the Python process that started it exits. Oxigraph listens on a
private loopback port; the port users reach (a free one, or the one asked for) is a gate
(:mod:`graph.store.gate`) that checks the ``Host`` header, refuses cross-origin requests and
SPARQL that would reach out (``SERVICE``, ``LOAD``), and says so when the port is taken.

Its endpoints follow Oxigraph's layout: ``/query`` (SPARQL queries), ``/update`` (SPARQL
updates, read-write servers only) and ``/store`` (the Graph Store Protocol).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with start_server(folder / "db", read_only=False) as server:
...     server.url.startswith("http://127.0.0.1:"), server.running
(True, True)
>>> server.running
False
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from rdflib import Graph, URIRef

from graph.errors import StoreError
from graph.privacy.policy import DEFAULT_AUDIENCE, redact
from graph.rdf.fastparse import is_oxigraph
from graph.store.gate import Gate, open_gate

__all__ = [
    "DEFAULT_QUERY_TIMEOUT",
    "HOST",
    "OxigraphServer",
    "oxigraph_command",
    "free_port",
    "start_server",
    "write_database",
]

#: The only address a server binds.
HOST = "127.0.0.1"

#: Seconds a query may run on a server before Oxigraph stops it.
DEFAULT_QUERY_TIMEOUT = 30.0
# seconds past the limit after which the gate restarts a server whose query runs on
_GRACE = 5.0


def oxigraph_command() -> Path:
    """The ``oxigraph`` executable: beside this Python's own, else on ``PATH``.

    Raises
    ------
    StoreError
        It is not installed.
    """
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise StoreError(
        "the Oxigraph server is not installed - install it with 'pip install oxigraph' "
        "(PyPI's oxigraph package provides the 'oxigraph' command)"
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` process; use as a context manager or call :meth:`stop`."""

    location: Path
    port: int
    read_only: bool
    process: subprocess.Popen[bytes]
    log: Path
    _cleanup: list[Path] = field(default_factory=list, repr=False)
    #: The gate users reach (see :mod:`graph.store.gate`); ``port`` is its port.
    gate: Gate | None = field(default=None, repr=False)
    _restarting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def url(self) -> str:
        """The server's address, e.g. ``http://127.0.0.1:7878``."""
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint (what ``--store sparql:URL`` takes)."""
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint."""
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.url}/store"

    @property
    def running(self) -> bool:
        """True while the process is alive (a restart in progress counts as alive)."""
        with self._restarting:
            return self.process.poll() is None

    def log_text(self) -> str:
        """What the server printed so far."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> int:
        """Stop the server (terminate, then kill after ``timeout`` s); return its exit code."""
        with self._restarting:
            if self.gate is not None:
                self.gate.close()
                self.gate = None
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout)
            for path in self._cleanup:
                shutil.rmtree(path, ignore_errors=True)
            self._cleanup.clear()
            atexit.unregister(self.stop)
            return int(self.process.returncode or 0)

    def restart(self) -> None:
        """Kill Oxigraph and start it again on the same database (stops a runaway query)."""
        with self._restarting:
            if self.gate is None:
                return  # stopped meanwhile
            self.process.kill()
            self.process.wait()
            with open(self.log, "ab") as handle:
                self.process = subprocess.Popen(
                    list(self.process.args),  # type: ignore[arg-type]
                    stdin=subprocess.DEVNULL,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _answers(url: str) -> bool:
    probe = f"{url}/query?query=ASK%7B%7D"
    try:
        with urllib.request.urlopen(probe, timeout=1.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start_server(
    location: Path,
    *,
    port: int | None = None,
    read_only: bool = True,
    union_default_graph: bool = True,
    timeout: float = 30.0,
    cleanup: bool = False,
    query_timeout: float = DEFAULT_QUERY_TIMEOUT,
    allowed_hosts: tuple[str, ...] = (),
) -> OxigraphServer:
    """Start ``oxigraph serve`` on 127.0.0.1 over the database folder ``location``.

    Parameters
    ----------
    location : Path
        The database folder (created by a read-write server if missing; a read-only server
        needs an existing one, see :func:`write_database`).
    port : int, optional
        The port (default: a free one).
    read_only : bool
        Serve read-only (``oxigraph serve-read-only``): updates are refused.
    union_default_graph : bool
        Queries without ``GRAPH`` see every named graph (so plain SPARQL clients see the
        graph ``hubspoke push`` writes into its named graph).
    timeout : float
        Seconds to wait for the server to answer.
    cleanup : bool
        Remove ``location`` when the server stops.
    query_timeout : float
        Seconds a query may run before the server stops it.
    allowed_hosts : tuple of str
        Host names the server answers to besides the loopback names.

    Raises
    ------
    StoreError
        The port is taken, or the server is not installed, exits at once (its output is in
        the message) or does not answer in time.
    """
    command = oxigraph_command()
    location = Path(location)
    if read_only and not location.is_dir():
        raise StoreError(
            f"{location}: a read-only server needs an existing database folder - "
            "write one with graph.store.server.write_database"
        )
    location.parent.mkdir(parents=True, exist_ok=True)
    private = free_port()
    restart: list[Callable[[], None]] = []  # the server's restart, once it exists
    gate = open_gate(  # first: a taken port is said at once
        port or 0,
        private,
        allowed_hosts,
        limit=query_timeout + _GRACE,
        overrun=lambda: restart[0]() if restart else None,
    )
    chosen = gate.port
    args = [
        str(command),
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"{HOST}:{private}",
        "--timeout-s",
        str(max(1, round(query_timeout))),
    ]
    if union_default_graph:
        args.append("--union-default-graph")
    fd, name = tempfile.mkstemp(prefix="hubspoke-oxigraph-", suffix=".log")
    os.close(fd)
    log = Path(name)
    handle: IO[bytes]
    with open(log, "wb") as handle:
        # its own session: Ctrl-C at a terminal reaches this process, which stops the server
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = OxigraphServer(
        location, chosen, read_only, process, log, [location] if cleanup else [], gate
    )
    restart.append(server.restart)
    atexit.register(server.stop)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.running:
            text = server.log_text().strip()
            server.stop()
            raise StoreError(
                f"the Oxigraph server stopped at once (exit {process.returncode}): "
                f"{text[-500:] or 'no output'} - check that {location} is a database "
                "folder no other process has open"
            )
        if _answers(server.url):
            return server
        time.sleep(0.05)
    server.stop()
    raise StoreError(f"the Oxigraph server on port {chosen} did not answer within {timeout:g} s")


def write_database(
    graph: Graph,
    location: Path,
    *,
    graph_iri: URIRef | None = None,
    audience: str = DEFAULT_AUDIENCE,
) -> Path:
    """Write what ``audience`` may see of ``graph`` into a new Oxigraph database folder
    ``location``; return it.

    ``audience`` is ``"public"`` (default: no contact details, nothing team-only or
    restricted) or ``"team"`` (see :mod:`graph.privacy`). The triples go into the named graph
    ``graph_iri`` (or the default graph). The database is closed before this returns, so a
    server can open it.
    """
    import gc

    import pyoxigraph as ox

    location = Path(location)
    graph = redact(graph, audience)
    if location.exists() and any(location.iterdir()):
        raise StoreError(f"{location} is not empty - give a new folder for the database")
    with tempfile.TemporaryDirectory(prefix="hubspoke-dump-") as tmp:
        dump = Path(tmp) / "graph.nt"
        fmt = "ox-ntriples" if is_oxigraph(graph) else "nt"
        graph.serialize(destination=str(dump), format=fmt, encoding="utf-8")
        database: Any = ox.Store(str(location))
        target = ox.NamedNode(str(graph_iri)) if graph_iri is not None else ox.DefaultGraph()
        database.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES, to_graph=target)
        database.flush()
        del database
        gc.collect()
    return location
