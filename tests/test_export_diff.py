"""``hubspoke diff``: what curators changed, grouped by entity and told with labels."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.cli import main
from graph.export.snapshot import export_snapshot
from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS, HSD, bind_prefixes
from graph.store.written import as_written

POINT = HSD["learning-exchange-2015-12-01/line-103"]
TOPIC = HSD["topic/funding"]
RENAMED = HSD["org/csefa"]


@pytest.fixture(scope="module")
def curated(kg: KnowledgeGraph) -> KnowledgeGraph:
    """A copy of the graph after a round of curation: one topic added, one label reworded."""
    assert (POINT, HS.concernsTopic, TOPIC) not in kg.graph
    copy = bind_prefixes(Graph())
    for triple in as_written(kg.graph):  # datatypes as written
        copy.add(triple)
    copy.add((POINT, HS.concernsTopic, TOPIC))
    old_label = copy.value(RENAMED, RDFS.label)
    copy.remove((RENAMED, RDFS.label, old_label))
    copy.add((RENAMED, RDFS.label, Literal(f"{old_label} (renamed)", lang="en")))
    return KnowledgeGraph(copy)


@pytest.fixture(scope="module")
def before_after(
    kg: KnowledgeGraph, curated: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("snapshots")
    options = {"views": ["models"], "maps": False}
    before = export_snapshot(
        kg, root, tag="before", now=datetime(2026, 11, 1, tzinfo=UTC), **options
    )
    after = export_snapshot(
        curated, root, tag="after", now=datetime(2026, 11, 2, tzinfo=UTC), **options
    )
    return before, after


def _label(kg: KnowledgeGraph, iri: URIRef) -> str:
    return str(kg.graph.value(iri, RDFS.label))


def test_diff_tells_a_curated_change_by_entity_and_label(
    kg: KnowledgeGraph, before_after: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = before_after
    assert main(["diff", str(before), str(after)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "2 entities changed, 0 added, 0 removed (2 triples added, 1 removed)" in lines[0]
    heading = f"Discussion point '{_label(kg, POINT)}' [le2015:line-103]"
    assert lines[lines.index(heading) + 1] == "  concerns topic added: funding"
    old = _label(kg, RENAMED)
    assert f"  label changed: '{old}' -> '{old} (renamed)'" in lines
    assert not any(line.startswith("<https") or "^^" in line for line in lines)  # not a triple dump


def test_diff_as_markdown_and_json(
    before_after: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = before_after
    assert main(["diff", str(before), str(after), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith(f"# Changes from `{before.name}` to `{after.name}`")
    assert "  - concerns topic added: funding" in markdown
    assert main(["diff", str(before), str(after), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["entities_changed"] == 2
    (point,) = [e for e in report["entities"] if e["iri"] == str(POINT)]
    assert point["class"] == "discussion point" and point["status"] == "changed"
    assert point["changes"] == [
        {
            "property": str(HS.concernsTopic),
            "property_label": "concerns topic",
            "change": "added",
            "old": None,
            "new": "funding",
            "text": "concerns topic added: funding",
        }
    ]


def test_diff_between_a_snapshot_and_the_current_graph(
    before_after: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = before_after
    assert main(["diff", str(before)]) == 0
    assert "0 entities changed, 0 added, 0 removed" in capsys.readouterr().out
    assert main(["diff", str(after), "current"]) == 0
    out = capsys.readouterr().out
    assert "to current graph (public)" in out.splitlines()[0]
    assert "  concerns topic removed: funding" in out


def test_diff_finds_snapshots_by_name_and_compares_rdf_files(
    before_after: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before, after = before_after
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "snapshots").symlink_to(before.parent)
    monkeypatch.chdir(tmp_path)  # names are looked up in ./exports/snapshots/
    assert main(["diff", before.name, str(after / "graph.ttl")]) == 0
    assert "concerns topic added: funding" in capsys.readouterr().out


def test_diff_of_something_that_is_not_a_snapshot_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(tmp_path / "nowhere")]) == 1
    assert "no snapshot folder, snapshot name or RDF file" in capsys.readouterr().err


def test_an_added_entity_is_listed_with_its_facts(
    before_after: tuple[Path, Path], tmp_path: Path
) -> None:
    from graph.export.diff import diff

    _, after = before_after
    extra = tmp_path / "new-point.ttl"
    extra.write_text(
        "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<{HSD}learning-exchange-2015-12-01/line-9002> a hs:DiscussionPoint ;\n"
        '    rdfs:label "Peer supervision helps..."@en ;\n'
        f"    hs:concernsTopic <{HSD}topic/supervision> .\n"
    )
    report = diff(after, "current", extra=[extra])
    (added,) = [e for e in report.entities if e.status == "added"]
    assert added.heading == "Discussion point 'Peer supervision helps...'"
    assert "concerns topic added: supervision" in [c.text() for c in added.changes]
