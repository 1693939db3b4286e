"""hubspoke.db: the graph as a SQLite database that Datasette opens with facets and search.

A researcher runs ``datasette exports/latest/`` and browses statements faceted by type,
document, section and code, and searches their text. The test opens the database with
Datasette itself, in-process (its Python API), as the command would.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from graph.export.database import DATABASE, METADATA, write_database
from graph.export.snapshot import export_snapshot, prepare
from graph.kg import KnowledgeGraph

WHEN = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)
TABLES = {
    "statements", "documents", "sections", "codes", "statement_codes", "entities", "links",
    "claims",
}  # fmt: skip


@pytest.fixture(scope="module")
def folder(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("db")
    write_database(prepare(kg, "public"), out)
    return out


def _get(ds: Datasette, path: str) -> dict[str, Any]:
    async def fetch() -> dict[str, Any]:
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()  # type: ignore[no-any-return]

    return asyncio.run(fetch())


def _datasette(folder: Path) -> Datasette:
    metadata = json.loads((folder / METADATA).read_text(encoding="utf-8"))
    return Datasette([str(folder / DATABASE)], metadata=metadata)


def test_the_database_has_every_table_with_foreign_keys(folder: Path, kg: KnowledgeGraph) -> None:
    with closing(sqlite3.connect(folder / DATABASE)) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert TABLES <= names and "statements_fts" in names
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = {(t, r[2]) for t in TABLES for r in db.execute(f"PRAGMA foreign_key_list({t})")}
        assert {("statements", "documents"), ("statements", "sections"),
                ("statement_codes", "codes"), ("links", "entities"),
                ("claims", "statements")} <= keys  # fmt: skip
        count = db.execute("SELECT count(*) FROM statements").fetchone()[0]
        assert count == len(kg.statements()) >= 153
        row = db.execute(
            "SELECT text, lines, section_number, topics FROM statements WHERE id = ?",
            ("le2015:line-103",),
        ).fetchone()
        assert row[0].endswith("areas of low or no signal)") and row[1] == "103-106"
        assert row[2] == "4a" and "supervision" in row[3].split("; ")
        link = db.execute(
            "SELECT relation_label, object_label, source FROM links "
            "WHERE subject = 'le2015:line-103' AND relation = 'hs:concernsTopic' "
            "AND object = 'topic:supervision'"
        ).fetchone()
        assert link == ("concerns topic", "supervision", "le2015:line-103")
        claims = db.execute("SELECT count(*) FROM claims WHERE cited_source IS NOT NULL")
        assert claims.fetchone()[0] == len(kg.statements(type="claim"))


def test_datasette_gives_a_faceted_json_answer(folder: Path, kg: KnowledgeGraph) -> None:
    ds = _datasette(folder)
    answer = _get(ds, "/hubspoke/statements.json?_shape=objects&_size=max")
    facets = answer["facet_results"]
    facets = facets.get("results", facets)  # the shape of newer Datasettes
    assert {"type_label", "document_label", "section_number"} <= set(facets)
    types = {f["value"]: f["count"] for f in facets["type_label"]["results"]}
    expected = kg.statements()
    assert sum(types.values()) == len(expected)
    assert types["discussion point"] == sum(r["type_label"] == "discussion point" for r in expected)
    coded = _get(ds, "/hubspoke/statement_codes.json?_shape=objects&code=topic:supervision")
    assert {r["statement"] for r in coded["rows"]} >= {"le2015:line-103", "le2015:line-134"}
    assert "code_label" in (coded["facet_results"].get("results") or coded["facet_results"])
    title = _get(ds, "/hubspoke/statements.json?_shape=objects&_size=1")
    assert title.get("table") == "statements"


def test_datasette_searches_the_statements_full_text(folder: Path, kg: KnowledgeGraph) -> None:
    ds = _datasette(folder)
    found = _get(ds, "/hubspoke/statements.json?_search=supervise&_shape=objects&_size=max")
    ids = {r["id"] for r in found["rows"]}
    # stemmed: 'supervise' finds every statement that speaks of supervision
    expected = {r["id"] for r in kg.statements() if "supervis" in r["text"].lower()}
    assert ids == expected and {"le2015:line-103", "le2015:line-134"} <= ids


def test_datasette_reads_the_metadata_from_the_export_folder(folder: Path) -> None:
    ds = Datasette(config_dir=folder)  # what `datasette exports/latest/` does
    tables = _get(ds, "/hubspoke.json")
    names = {t["name"] for t in tables["tables"]}
    assert TABLES <= names
    meta = _get(ds, "/-/metadata.json")
    assert meta["databases"]["hubspoke"]["tables"]["statements"]["title"] == "Statements"


def test_every_snapshot_holds_the_database(kg: KnowledgeGraph, tmp_path: Path) -> None:
    snapshot = export_snapshot(kg, tmp_path, tag="db", views=["models"], maps=False, now=WHEN)
    assert (snapshot / DATABASE).is_file() and (snapshot / METADATA).is_file()
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert DATABASE in json.dumps(manifest["files"])
