"""Audiences: a public snapshot holds no contact detail and nothing marked team-only or
restricted, in any file, maps included; a team snapshot keeps contacts but never restricted items.

A contact, a statement with an e-mail address and a telephone number in its text, a
restricted organisation and a team-only person are planted in an extra Turtle file, linked
to the real event so that the views and maps would show them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import URIRef

import graph
from graph.export.snapshot import export_snapshot
from graph.kg import KnowledgeGraph
from graph.network.views import project
from graph.privacy import EMAIL_MARKER, TELEPHONE_MARKER

WHEN = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
HSD = "https://w3id.org/hubspoke/id/"
SECRET_ORG = f"{HSD}org/planted-secret-organisation"
TEAM_MEMBER = f"{HSD}person/planted-team-member"

PLANTED = f"""
@prefix hs:     <https://w3id.org/hubspoke/ontology#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix le2015: <{HSD}learning-exchange-2015-12-01/> .

<{HSD}person/planted-contact> a hs:Person ;
    rdfs:label "Planted Contact"@en ;
    hs:email "planted.contact@example.org" ;
    hs:telephone "01632 960777" .

<{SECRET_ORG}> a hs:Organisation ;
    rdfs:label "Zebra Safehouse Trust"@en ;
    hs:sensitivity hs:Restricted .

<{TEAM_MEMBER}> a hs:Person ;
    rdfs:label "Quentin Teamonly"@en ;
    hs:sensitivity hs:TeamOnly .

<{HSD}event/learning-exchange-2015-12-01>
    hs:attendedBy <{HSD}person/planted-contact> , <{SECRET_ORG}> , <{TEAM_MEMBER}> .

le2015:line-9001 a hs:DiscussionPoint ;
    rdfs:label "For the notes write to..."@en ;
    hs:text "For the notes write to planted.writer@example.org or ring 01632 960888 after 2pm" ;
    hs:sourceDocument le2015:document ;
    hs:inSection le2015:section-4a ;
    hs:startLine "9001"^^xsd:positiveInteger ; hs:endLine "9001"^^xsd:positiveInteger ;
    hs:position "99"^^xsd:positiveInteger ;
    hs:answers le2015:line-95 ;
    hs:concernsTopic <{HSD}topic/supervision> ;
    hs:namesAgency <{SECRET_ORG}> .
"""

#: Strings of the planted data that no file of a public snapshot may hold.
NOT_PUBLIC = [
    "planted.contact@example.org",
    "01632 960777",
    "planted.writer@example.org",
    "01632 960888",
    "lucie.shuker@beds.ac.uk",  # the real contact of the curated data
    "Zebra Safehouse Trust",
    SECRET_ORG,
    "planted-secret-organisation",
    "Quentin Teamonly",
    TEAM_MEMBER,
    "planted-team-member",
]


@pytest.fixture(scope="module")
def planted_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    path = tmp_path_factory.mktemp("planted") / "planted.ttl"
    path.write_text(PLANTED, encoding="utf-8")
    return graph.load(extra=[path])


@pytest.fixture(scope="module")
def public(planted_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_snapshot(planted_kg, tmp_path_factory.mktemp("public"), now=WHEN)


@pytest.fixture(scope="module")
def team(planted_kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_snapshot(planted_kg, tmp_path_factory.mktemp("team"), audience="team", now=WHEN)


def _texts(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_planted_items_would_show_if_nothing_were_withheld(planted_kg: KnowledgeGraph) -> None:
    partnership = project(planted_kg.graph, "partnership")
    assert SECRET_ORG in partnership and TEAM_MEMBER in partnership
    full = project(planted_kg.graph, "full")
    assert (
        "planted.writer@example.org"
        in full.nodes[f"{HSD}learning-exchange-2015-12-01/line-9001"]["text"]
    )


def test_no_file_of_a_public_snapshot_holds_contacts_or_items_not_public(public: Path) -> None:
    files = _texts(public)
    assert any(name.startswith("maps/") for name in files), "the maps must be checked too"
    leaks = [
        (name, secret) for name, text in files.items() for secret in NOT_PUBLIC if secret in text
    ]
    assert leaks == []


def test_a_public_snapshot_keeps_the_public_part_of_what_it_redacts(public: Path) -> None:
    files = _texts(public)
    turtle = files["graph.ttl"]
    assert "Planted Contact" in turtle  # the person stays, without contact details
    masked = f"For the notes write to {EMAIL_MARKER} or ring {TELEPHONE_MARKER} after 2pm"
    assert masked in turtle and masked in files["graph.jsonld"]
    assert masked in files["views/full/nodes.csv"]
    assert f"{HSD}learning-exchange-2015-12-01/line-9001" in files["views/full/nodes.csv"]


def test_a_team_snapshot_keeps_contacts_but_never_restricted_items(team: Path) -> None:
    files = _texts(team)
    assert "planted.contact@example.org" in files["graph.nt"]
    assert "01632 960888" in files["graph.ttl"]
    assert "Quentin Teamonly" in files["views/partnership/nodes.csv"]
    for secret in ("Zebra Safehouse Trust", SECRET_ORG, "planted-secret-organisation"):
        assert [name for name, text in files.items() if secret in text] == []


def test_restricted_nodes_leave_no_dangling_links(public: Path) -> None:
    from rdflib import Graph

    parsed = Graph().parse(public / "graph.nt", format="nt")
    assert (None, None, URIRef(SECRET_ORG)) not in parsed
    assert (URIRef(SECRET_ORG), None, None) not in parsed


def test_the_manifest_names_the_audience(public: Path, team: Path) -> None:
    assert '"audience": "public"' in (public / "manifest.json").read_text()
    assert '"audience": "team"' in (team / "manifest.json").read_text()
    assert "Do not pass it on" in (team / "README.md").read_text()


def test_a_writer_that_leaks_is_caught_before_the_snapshot_is_published(
    planted_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.atomic import write_text

    def careless_maps(kg: KnowledgeGraph, folder: Path, **_: object) -> list[Path]:
        return [write_text(folder / "index.html", "<p>call planted.contact@example.org</p>")]

    monkeypatch.setattr("graph.export.snapshot.write_maps", careless_maps)
    with pytest.raises(graph.HubspokeError, match=r"maps/index.html .*withheld from the public"):
        export_snapshot(planted_kg, tmp_path, views=["models"], now=WHEN)
    assert list(tmp_path.iterdir()) == []


def _database_values(folder: Path) -> str:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(folder / "hubspoke.db")) as db:
        return "\n".join(db.iterdump())


def test_the_database_of_a_public_snapshot_follows_the_same_rule(public: Path, team: Path) -> None:
    values = _database_values(public)
    assert [secret for secret in NOT_PUBLIC if secret in values] == []
    masked = f"For the notes write to {EMAIL_MARKER} or ring {TELEPHONE_MARKER} after 2pm"
    assert masked in values and "Planted Contact" in values
    team_values = _database_values(team)
    assert "01632 960888" in team_values and "Quentin Teamonly" in team_values
    assert "Zebra Safehouse Trust" not in team_values


def test_a_database_that_leaks_is_caught_before_the_snapshot_is_published(
    planted_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph.export.database import write_database

    def careless_database(kg: KnowledgeGraph, folder: Path) -> list[Path]:
        return write_database(planted_kg, folder)  # the graph before redaction

    monkeypatch.setattr("graph.export.snapshot.write_database", careless_database)
    with pytest.raises(graph.HubspokeError, match=r"hubspoke.db.*withheld from the public"):
        export_snapshot(planted_kg, tmp_path, views=["models"], maps=False, now=WHEN)
    assert list(tmp_path.iterdir()) == []


def test_a_withheld_text_cut_across_two_pieces_of_a_large_file_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from graph.export import withheld

    # large files are searched a piece at a time; a match across the cut must not slip by
    monkeypatch.setattr(withheld, "_SEARCH_PIECE", 64)
    monkeypatch.setattr(withheld, "_SEARCH_OVERLAP", 32)
    secret = "planted.contact@example.org"
    for start in range(40, 70):
        path = tmp_path / f"at-{start}.txt"
        path.write_text("x" * start + secret + "y" * 200, encoding="utf-8")
    files = sorted(tmp_path.iterdir())
    found = withheld.find_leaks(files, re.compile(re.escape(secret)), tmp_path)
    assert found == [p.name for p in files]
    clean = tmp_path / "clean.txt"
    clean.write_text("x" * 500, encoding="utf-8")
    assert withheld.find_leaks([clean], re.compile(re.escape(secret)), tmp_path) == []
