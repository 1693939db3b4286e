"""A second, small report goes the whole way: ingest, coding import, validate, build, search
and maps."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import graph
from graph.build import build
from graph.ingest import ingest
from graph.ingest.coding import import_coding

SOURCE = Path(__file__).parent / "data" / "ingest" / "spoke-workers-forum-2016.md"
DOC = "spoke-workers-forum-2016"


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The test report ingested and coded; the files to load beside the packaged data."""
    data = tmp_path_factory.mktemp("grown") / "data"
    ingest(SOURCE, DOC, "Spoke workers forum (test report)", date="2016-11", out=data)
    sheet = data / "coding" / f"{DOC}.csv"
    rows = list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))))
    for row in rows:  # the coder confirms every suggestion
        row["codes"] = row["codes"].replace(" (suggested)", "")
    rows[0]["memo"] = "The forum's own summary of its purpose."
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    coded = data.parent / "coded.csv"
    coded.write_text(buffer.getvalue(), encoding="utf-8")
    report = import_coding(coded, data, coder="Ann Coder", date="2026-12-03")
    assert report.links >= 10
    return [data / f"{DOC}.ttl", report.target]


def test_the_grown_graph_conforms_to_the_shapes(grown: list[Path]) -> None:
    kg = graph.load(grown)
    report = kg.validate()
    assert report.conforms, [str(v) for v in report.violations][:5]
    assert kg.counts()["hs:Document"] >= graph.load().counts()["hs:Document"] + 1


def test_search_finds_the_new_statements(grown: list[Path]) -> None:
    kg = graph.load(grown)
    hits = kg.search("lone-worker policies")
    assert any(h.iri.endswith(f"{DOC}/line-20") for h in hits), [h.iri for h in hits]


def test_the_build_writes_exports_and_maps_that_hold_the_new_report(
    grown: list[Path], tmp_path: Path
) -> None:
    result = build(tmp_path / "out", extra=grown)
    assert result.report.conforms
    turtle = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "Joint training with the police built trust between agencies" in turtle
    assert "The forum's own summary of its purpose." not in turtle  # a memo is team-only
    maps = sorted((tmp_path / "out" / "maps").glob("*.html"))
    assert maps
    learning = (tmp_path / "out" / "maps" / "learning.html").read_text(encoding="utf-8")
    assert "Lone-worker policies and regular supervision" in learning
