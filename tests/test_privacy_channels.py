"""One audience rule in every channel: a planted privacy file (a restricted person with a role
holding, a restricted organisation, a team-only person, e-mail addresses, telephone and fax
numbers in many forms) is loaded, and every output of every command that writes or serves data
is searched for what the audience may not see: the build folder, an export snapshot, maps, the
body ``push`` sends (to a local listener and into a real ``oxigraph serve``), the answers of
``serve``, and the register export.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from listener import listening

from graph.cli import main
from graph.store.remote import request
from graph.store.server import free_port, start_server

PLANTED = Path(__file__).parent / "data" / "privacy" / "planted.ttl"

#: What no public output may hold: restricted and team-only names and IRIs, and every
#: contact detail of the planted file (and the real one of the curated data).
NOT_PUBLIC = [
    "Ulrich Hiddenfield",
    "Hiddenfield",
    "planted-restricted",
    "ulrich.hiddenfield@example.org",
    "01632 960111",
    "Zebra Safehouse Trust",
    "planted-refuge",
    "Quentin Teamonly",
    "planted-team-member",
    "planted.contact@example.org",
    "planted.link@example.org",
    "planted.comment@example.org",
    "planted.writer@example.org",
    "0044 1632 960005",
    "00 44 1632 960 008",
    "01632 960999",
    "+44 (0)1632 960 999",
    "1632 960",
    "lucie.shuker@beds.ac.uk",
]
#: What no output at all may hold, the team's included: restricted items.
NEVER = [
    "Ulrich Hiddenfield",
    "Hiddenfield",
    "planted-restricted",
    "ulrich.hiddenfield@example.org",
    "Zebra Safehouse Trust",
    "planted-refuge",
]
#: Public items of the planted file that must still be there (so that an empty output fails).
PUBLIC_ITEM = "Planted Contact"


def leaks(text: str, secrets: list[str]) -> list[str]:
    return [secret for secret in secrets if secret in text]


def folder_text(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def folder_leaks(folder: Path, secrets: list[str]) -> dict[str, list[str]]:
    found = {name: leaks(text, secrets) for name, text in folder_text(folder).items()}
    return {name: secrets for name, secrets in found.items() if secrets}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("channels")
    out = {}
    for audience in ("public", "team"):
        folder = root / f"build-{audience}"
        assert (
            main(["build", "--out", str(folder), "--data", str(PLANTED), "--audience", audience])
            == 0
        )
        out[audience] = folder
    return out


AUDIENCE_CASES = [("public", NOT_PUBLIC), ("team", NEVER)]


@pytest.mark.parametrize("audience, secrets", AUDIENCE_CASES, ids=["public", "team"])
def test_build_output_holds_nothing_withheld(
    built: dict[str, Path], audience: str, secrets: list[str]
) -> None:
    files = folder_text(built[audience])
    assert any(name.startswith("maps/") for name in files), "the maps are searched too"
    assert folder_leaks(built[audience], secrets) == {}
    assert PUBLIC_ITEM in files["graph.ttl"]


def test_a_team_build_keeps_contacts_and_team_items(built: dict[str, Path]) -> None:
    turtle = folder_text(built["team"])["graph.ttl"]
    assert "planted.contact@example.org" in turtle and "Quentin Teamonly" in turtle


def test_the_restricted_persons_name_does_not_leak_through_texts_that_stay(
    built: dict[str, Path],
) -> None:
    turtle = folder_text(built["public"])["graph.ttl"]
    assert "[name withheld] asked that notes go to [e-mail withheld]" in turtle


@pytest.mark.parametrize("audience, secrets", AUDIENCE_CASES, ids=["public", "team"])
def test_export_snapshot_holds_nothing_withheld(
    tmp_path: Path, audience: str, secrets: list[str]
) -> None:
    args = [
        "export",
        "--out",
        str(tmp_path),
        "--data",
        str(PLANTED),
        "--audience",
        audience,
        "--quiet",
    ]
    assert main(args) == 0
    (snapshot,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert folder_leaks(snapshot, secrets) == {}
    assert PUBLIC_ITEM in (snapshot / "graph.nt").read_text(encoding="utf-8")


MAP_CASES = [
    (view, audience, secrets)
    for view in ("full", "partnership")
    for audience, secrets in AUDIENCE_CASES
]


@pytest.mark.parametrize("view, audience, secrets", MAP_CASES)
def test_map_holds_nothing_withheld(
    tmp_path: Path, view: str, audience: str, secrets: list[str]
) -> None:
    page = tmp_path / f"{view}.html"
    args = ["map", view, "--data", str(PLANTED), "--out", str(page), "--audience", audience]
    assert main(args) == 0
    html = page.read_text(encoding="utf-8")
    assert leaks(html, secrets) == []
    assert '"sensitivity":"restricted"' not in html.replace(" ", "")
    assert PUBLIC_ITEM in html


@pytest.mark.parametrize("audience, secrets", AUDIENCE_CASES, ids=["public", "team"])
def test_push_sends_nothing_withheld(audience: str, secrets: list[str]) -> None:
    with listening() as listener:
        args = ["push", listener.url, str(PLANTED), "--audience", audience]
        assert main(args) == 0
    ((method, path, body),) = listener.requests
    assert (method, path) == ("POST", "/update")
    text = body.decode("utf-8")
    assert leaks(text, secrets) == []
    assert PUBLIC_ITEM in text


def test_push_into_a_real_server_holds_nothing_withheld(tmp_path: Path) -> None:
    with start_server(tmp_path / "db", read_only=False) as server:
        assert main(["push", server.url, str(PLANTED)]) == 0
        _, body = request(server.store_url, None, method="GET", accept="application/n-quads")
    text = body.decode("utf-8")
    assert leaks(text, NOT_PUBLIC) == []
    assert PUBLIC_ITEM in text


def _serve(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("HUBSPOKE_STORE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--port", str(port), str(PLANTED), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert f"127.0.0.1:{port}" in first, process.stderr.read() if process.stderr else first
    return process, port


def _dump(port: int) -> str:
    query = b"CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/query",
        data=query,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    with urllib.request.urlopen(req, timeout=60) as answer:
        return str(answer.read().decode("utf-8"))


@pytest.mark.parametrize("audience, secrets", AUDIENCE_CASES, ids=["public", "team"])
def test_serve_answers_hold_nothing_withheld(
    tmp_path: Path, audience: str, secrets: list[str]
) -> None:
    process, port = _serve(tmp_path, "--audience", audience)
    try:
        text = _dump(port)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert leaks(text, secrets) == []
    assert PUBLIC_ITEM in text
