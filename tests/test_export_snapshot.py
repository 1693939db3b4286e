"""Snapshots: every format, deterministic, never overwritten, never half-written, verifiable.

One full public snapshot of the current data is exported (with the command line) once for
this module; the tests read it, copy it, and compare it with a second export.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.cli import main
from graph.errors import SnapshotError
from graph.export import networks
from graph.export.manifest import MANIFEST, sha256_file
from graph.export.rdf import RDF_FILES
from graph.export.snapshot import export_snapshot, list_snapshots, readme_text
from graph.export.verify import verify_snapshot
from graph.kg import KnowledgeGraph
from graph.network.views import VIEW_NAMES, project
from graph.privacy import redact
from graph.rdf.namespaces import HS
from graph.store.written import as_written

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "exports" / "snapshots"
WHEN = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _manifest(folder: Path) -> dict[str, object]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def _without(manifest: dict[str, object], *keys: str) -> dict[str, object]:
    return {k: v for k, v in manifest.items() if k not in keys}


@pytest.fixture(scope="module")
def snapshots_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("snapshots")


@pytest.fixture(scope="module")
def snapshot(snapshots_root: Path) -> Path:
    """``hubspoke export --tag fresh --out ROOT``: a public snapshot of the current data."""
    assert main(["export", "--tag", "fresh", "--out", str(snapshots_root), "--quiet"]) == 0
    (folder,) = [p for p in snapshots_root.iterdir() if p.name.endswith("-fresh")]
    return folder


@pytest.fixture(scope="module")
def public_graph(kg: KnowledgeGraph) -> Graph:
    """What the public may see of the graph as its sources state it (datatypes as written)."""
    return redact(as_written(kg.graph), "public")


# ---------------------------------------------------------------------------- what it holds


def test_the_snapshot_folder_is_named_by_its_utc_time_and_tag(snapshot: Path) -> None:
    stamp, tag = snapshot.name.split("-", 1)
    assert tag == "fresh"
    assert datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")


def test_the_snapshot_holds_the_graph_every_view_the_maps_and_a_readme(snapshot: Path) -> None:
    names = set(_files(snapshot))
    assert {
        "graph.ttl",
        "graph.nt",
        "graph.jsonld",
        "manifest.json",
        "SHA256SUMS",
        "README.md",
        "ontology.html",  # the ontology's documentation (pyLODE)
    } <= names
    for view in VIEW_NAMES:
        for name in (f"{view}.graphml", f"{view}.gexf", "nodes.csv", "edges.csv"):
            assert f"views/{view}/{name}" in names
    assert "maps/index.html" in names
    assert (
        len([n for n in names if n.startswith("maps/") and n.endswith(".html")])
        > len(VIEW_NAMES) - 1
    )
    readme = (snapshot / "README.md").read_text()
    assert (
        "public" in readme and "sha256sum -c SHA256SUMS" in readme and "maps/index.html" in readme
    )


def test_the_manifest_records_versions_audience_counts_and_a_hash_per_file(
    snapshot: Path, public_graph: Graph
) -> None:
    manifest = _manifest(snapshot)
    assert manifest["audience"] == "public" and manifest["tag"] == "fresh"
    assert manifest["tool"]["name"] == "hubspoke" and manifest["tool"]["version"]
    assert manifest["ontology"]["version"] == "0.1.0"
    if (ROOT / ".git").exists():
        assert len(str(manifest["commit"]).split("+")[0]) == 40
    counts = manifest["counts"]
    assert counts["triples"] == len(public_graph)
    assert counts["entities"]["hs:LearningExchange"] == 2
    view = project(public_graph, "models")
    assert counts["views"]["models"] == {
        "nodes": view.number_of_nodes(),
        "edges": view.number_of_edges(),
    }
    on_disk = set(_files(snapshot)) - {"manifest.json", "SHA256SUMS"}
    assert set(manifest["files"]) == on_disk
    for name, entry in manifest["files"].items():
        assert entry["sha256"] == sha256_file(snapshot / name)


def test_csv_tables_carry_labels(snapshot: Path) -> None:
    nodes = (snapshot / "views" / "models" / "nodes.csv").read_text("utf-8-sig").splitlines()
    edges = (snapshot / "views" / "models" / "edges.csv").read_text("utf-8-sig").splitlines()
    assert nodes[0].startswith("id,") and ",label," in nodes[0]
    assert any("Model 4" in row for row in nodes)
    assert edges[0] == "source,source_label,label,target,target_label,property,weight"
    assert any("Model 4" in row for row in edges)


def test_snapshots_lists_date_tag_audience_and_counts(
    snapshot: Path, snapshots_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["snapshots", "--dir", str(snapshots_root)]) == 0
    row = next(
        line for line in capsys.readouterr().out.splitlines() if line.startswith(snapshot.name)
    )
    manifest = _manifest(snapshot)
    assert manifest["created"] in row and "fresh" in row and "public" in row
    models = manifest["counts"]["views"]["models"]
    assert (
        str(manifest["counts"]["triples"]) in row
        and f"models {models['nodes']}/{models['edges']}" in row
    )


# ---------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_every_rdf_file_parses_back_to_the_as_written(
    snapshot: Path, public_graph: Graph, name: str
) -> None:
    parsed = Graph().parse(snapshot / name, format=RDF_FILES[name])
    assert isomorphic(parsed, public_graph)


def test_the_jsonld_context_is_embedded(snapshot: Path) -> None:
    document = json.loads((snapshot / "graph.jsonld").read_text())
    assert document["@context"]["hs"] == str(HS)  # prefixes inside the file, not a URL to fetch
    assert all(isinstance(node, dict) and "@id" in node for node in document["@graph"])


def test_ntriples_are_sorted(snapshot: Path) -> None:
    lines = (snapshot / "graph.nt").read_text().splitlines()
    assert lines == sorted(lines)


@pytest.mark.parametrize("view_name", sorted(VIEW_NAMES))
def test_every_graphml_and_gexf_loads_into_networkx_with_the_views_nodes_and_edges(
    snapshot: Path, public_graph: Graph, view_name: str
) -> None:
    view = project(public_graph, view_name)
    expected_edges = Counter(
        frozenset((u, v)) if not view.is_directed() else (u, v) for u, v in view.edges()
    )
    folder = snapshot / "views" / view_name
    loaded = [
        nx.read_graphml(folder / f"{view_name}.graphml", force_multigraph=view.is_multigraph()),
        nx.read_gexf(folder / f"{view_name}.gexf"),
    ]
    for graph in loaded:  # nodes are n0, n1... with the IRI kept in their "iri" attribute
        iri = dict(graph.nodes(data="iri"))
        assert set(iri.values()) == set(view.nodes)
        assert graph.is_directed() == view.is_directed()
        edges = Counter(
            frozenset((iri[u], iri[v])) if not graph.is_directed() else (iri[u], iri[v])
            for u, v in graph.edges()
        )
        assert edges == expected_edges
        some_node = next(iter(graph.nodes))
        assert graph.nodes[some_node]["label"] == view.nodes[iri[some_node]]["label"]


# ---------------------------------------------------------------------------- determinism


def test_two_exports_are_byte_identical_but_for_the_manifest_timestamp(
    snapshot: Path, tmp_path: Path
) -> None:
    # a second process with another hash seed: set and dict order must not leak into files
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "graph",
            "export",
            "--tag",
            "fresh",
            "--out",
            str(tmp_path),
            "--quiet",
        ],
        check=True,
        env=env,
        cwd=tmp_path,
        capture_output=True,
    )
    (again,) = list(tmp_path.iterdir())
    first, second = _files(snapshot), _files(again)
    assert set(first) == set(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing in ([], ["manifest.json"])
    assert _without(_manifest(snapshot), "created") == _without(_manifest(again), "created")


def test_the_committed_snapshot_is_what_the_current_data_exports(snapshot: Path) -> None:
    # Byte for byte: the committed snapshot changes only when the data or a writer does. It
    # was regenerated on 2026-12-03 when Turtle and N-Triples moved to Oxigraph's writers:
    # the same triples (graph.nt kept every byte), Turtle in Oxigraph's layout and JSON-LD's
    # node objects in N-Triples order (exports/README.md, "Written by Oxigraph").
    committed = sorted(p for p in COMMITTED.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert committed, "commit one public snapshot: hubspoke export --tag current-data"
    latest = committed[-1]
    old, new = _files(latest), _files(snapshot)
    assert set(old) == set(new), "regenerate the committed snapshot (see exports/README.md)"
    stale = [name for name in sorted(old) if name != MANIFEST and old[name] != new[name]]
    assert stale == [], "regenerate the committed snapshot (see exports/README.md)"
    ignore = ("created", "tag", "commit")
    assert _without(_manifest(latest), *ignore) == _without(_manifest(snapshot), *ignore)
    assert _manifest(latest)["audience"] == "public"
    assert verify_snapshot(latest).ok


# ---------------------------------------------------------------------------- safe to keep


def test_an_existing_snapshot_is_never_overwritten(kg: KnowledgeGraph, tmp_path: Path) -> None:
    first = export_snapshot(kg, tmp_path, tag="once", views=["models"], maps=False, now=WHEN)
    before = _files(first)
    with pytest.raises(SnapshotError, match="exists already.*never overwritten"):
        export_snapshot(kg, tmp_path, tag="once", views=["models"], maps=False, now=WHEN)
    assert _files(first) == before
    assert [p.name for p in tmp_path.iterdir()] == [first.name]


def test_two_exports_racing_for_one_name_leave_one_whole_snapshot(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def readme_while_another_export_finishes(*args: object, **kwargs: object) -> str:
        if not calls:  # the first export is half-way when a second one takes the same name
            calls.append("other")
            export_snapshot(kg, tmp_path, tag="race", views=["models"], maps=False, now=WHEN)
        return readme_text(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("graph.export.snapshot.readme_text", readme_while_another_export_finishes)
    with pytest.raises(SnapshotError, match="exists already"):
        export_snapshot(kg, tmp_path, tag="race", views=["partnership"], maps=False, now=WHEN)
    (winner,) = list(tmp_path.iterdir())
    assert verify_snapshot(winner).ok
    assert (winner / "views" / "models").is_dir() and not (
        winner / "views" / "partnership"
    ).exists()


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_an_interrupted_export_leaves_nothing_behind(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    written = []
    real = networks._write_gexf

    def fail_on_the_third_view(view: object, handle: object) -> None:
        written.append(view)
        if len(written) == 3:
            raise failure
        real(view, handle)  # type: ignore[arg-type]

    monkeypatch.setattr(networks, "_write_gexf", fail_on_the_third_view)
    root = tmp_path / "snapshots"
    with pytest.raises(type(failure)):
        export_snapshot(kg, root, tag="cut", maps=False, now=WHEN)
    assert len(written) == 3
    assert list(root.iterdir()) == []
    assert list_snapshots(root) == []


def test_export_refuses_a_tag_that_is_not_a_folder_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--tag", "../escape", "--out", str(tmp_path)]) == 1
    assert "tag '../escape' may hold only" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------- verify


@pytest.fixture
def copy(snapshot: Path, tmp_path: Path) -> Path:
    target = tmp_path / snapshot.name
    shutil.copytree(snapshot, target)
    return target


def test_verify_passes_an_untouched_snapshot(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(copy)]) == 0
    assert "match the manifest" in capsys.readouterr().out


def test_verify_names_each_altered_missing_and_extra_file(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open(copy / "graph.ttl", "a", encoding="utf-8") as handle:
        handle.write("# a harmless-looking comment\n")
    edges = copy / "views" / "partnership" / "edges.csv"
    edges.write_text(edges.read_text() + "x,X,knows,y,Y,https://example.org/knows,1.0\n")
    (copy / "views" / "models" / "models.gexf").unlink()
    (copy / "maps" / "extra.html").write_text("<p>added later</p>")
    assert main(["verify", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "altered: graph.ttl" in err
    assert "altered: views/partnership/edges.csv" in err
    assert "missing: views/models/models.gexf" in err
    assert "extra: maps/extra.html" in err
    assert "graph.nt" not in err


def test_verify_finds_a_checksums_file_that_disagrees_with_the_manifest(copy: Path) -> None:
    sums = copy / "SHA256SUMS"
    sums.write_text(sums.read_text().replace("graph.nt", "graph.n3"))
    assert verify_snapshot(copy).problems() == ["altered: SHA256SUMS"]


def test_verify_of_a_folder_without_manifest_is_a_clear_error(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (copy / MANIFEST).unlink()
    assert main(["verify", str(copy)]) == 1
    assert "manifest.json: missing" in capsys.readouterr().err


# ---------------------------------------------------------------------------- build


def test_build_keeps_latest_as_a_verifiable_public_export_of_the_newest_build(
    tmp_path: Path,
) -> None:
    out = tmp_path / "latest"
    assert main(["build", "--out", str(out), "--quiet"]) == 0
    manifest = _manifest(out)
    assert manifest["audience"] == "public"
    assert "lucie.shuker@beds.ac.uk" not in (out / "graph.ttl").read_text(encoding="utf-8")
    for name in (
        "graph.ttl",
        "graph.nt",
        "graph.jsonld",
        "views/full/full.graphml",
        "maps/index.html",
    ):
        assert name in manifest["files"]
    assert verify_snapshot(out).ok


def test_build_for_the_team_keeps_contact_details(tmp_path: Path) -> None:
    out = tmp_path / "latest"
    assert main(["build", "--out", str(out), "--quiet", "--audience", "team"]) == 0
    assert _manifest(out)["audience"] == "team"
    assert "lucie.shuker@beds.ac.uk" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_gephi_places_each_node_where_the_map_draws_it(snapshot: Path) -> None:
    # GEXF viz:position (y up) of every node equals its place on the view's map (y down),
    # grouped maps included: one layout, worked out once
    import xml.etree.ElementTree as ET

    from test_maps import data_block

    viz = "{http://gexf.net/1.3/viz}"
    for view in ("full", "learning", "partnership", "topics", "models"):
        tree = ET.parse(snapshot / "views" / view / f"{view}.gexf")
        placed = {}
        for node in tree.iter("{http://gexf.net/1.3}node"):
            iri = next(
                a.get("value")
                for a in node.iter("{http://gexf.net/1.3}attvalue")
                if a.get("for") == "0"
            )
            position = node.find(f"{viz}position")
            placed[iri] = (float(position.get("x")), -float(position.get("y")))
        data = data_block((snapshot / "maps" / f"{view}.html").read_text(encoding="utf-8"))
        details, nodes = data["details"], data["nodes"][: len(data["details"])]  # then groups
        drawn = {d["iri"]: (n["x"], n["y"]) for d, n in zip(details, nodes, strict=True)}
        assert drawn.keys() == placed.keys(), view
        assert all(placed[iri] == pytest.approx(drawn[iri]) for iri in drawn), view


def test_an_export_lets_go_of_each_view_once_its_files_are_written(
    tmp_path: Path, public_graph: Graph
) -> None:
    # the export frees a view's memory while its maps are drawn elsewhere: it is told when
    # each view's files are all written, in the order of the views' names
    views = {name: project(public_graph, name) for name in ("topics", "models")}
    seen: list[tuple[str, list[str]]] = []

    def done(name: str) -> None:
        folder = tmp_path / networks.VIEW_FOLDER / name
        seen.append((name, sorted(p.name for p in folder.iterdir())))

    networks.write_views(views, tmp_path, done=done)
    assert seen == [(name, sorted(networks.view_file_names(name))) for name in ("models", "topics")]
