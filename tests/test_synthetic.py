"""National-scale synthetic data: deterministic for a seed, realistic, and valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from benchkit.synthetic import SIZES, SyntheticConfig, config_for_size, synthesize, write_synthetic
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

import graph
from graph.rdf.namespaces import HS

ROOT = Path(__file__).resolve().parents[1]
SMALL = SyntheticConfig(services=12, reports=2, seed=3, local_authorities=20)


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("synthetic") / "small.ttl", SMALL)


@pytest.fixture(scope="module")
def small(small_file: Path) -> Graph:
    return Graph().parse(small_file, format="turtle")


def test_the_same_seed_writes_the_same_bytes(small_file: Path, tmp_path: Path) -> None:
    again = write_synthetic(tmp_path / "again.ttl", SMALL)
    assert again.read_bytes() == small_file.read_bytes()


def test_another_seed_writes_another_graph(small_file: Path, tmp_path: Path) -> None:
    other = SyntheticConfig(
        SMALL.services, SMALL.reports, seed=4, local_authorities=SMALL.local_authorities
    )
    assert write_synthetic(tmp_path / "other.ttl", other).read_bytes() != small_file.read_bytes()


def test_the_file_holds_the_graph_the_library_builds(small: Graph) -> None:
    assert sorted(small) == sorted(synthesize(SMALL))


def test_a_small_synthetic_graph_conforms_to_the_shapes(small_file: Path) -> None:
    report = graph.load([small_file]).validate()
    assert report.conforms, report.text()
    assert not report.warnings, report.text()


def test_services_have_hubs_spoke_hosts_and_areas_with_gss_codes(small: Graph) -> None:
    services = set(small.subjects(RDF.type, HS.Service))
    assert len(services) == SMALL.services
    for service in services:
        assert small.value(service, HS.hubOrganisation) is not None
        assert set(small.objects(service, HS.spokeHost))
        for area in small.objects(service, HS.servesArea):
            assert re.fullmatch(r"E(06|08|09|10)\d{6}", str(small.value(area, HS.gssCode)))
    assert len(set(small.subjects(RDF.type, HS.LocalAuthority))) == SMALL.local_authorities


def test_statements_are_tagged_with_topics_of_the_scheme(small: Graph) -> None:
    schemes = Graph().parse(ROOT / "ontology" / "schemes.ttl")
    topics = set(schemes.subjects(RDF.type, HS.Topic))
    tagged = set(small.objects(None, HS.concernsTopic))
    assert tagged and tagged <= topics
    assert all(schemes.value(t, SKOS.inScheme) is not None for t in tagged)


def test_reports_hold_events_sections_findings_and_recommendations(small: Graph) -> None:
    for cls in (
        HS.Document,
        HS.LearningExchange,
        HS.Section,
        HS.Finding,
        HS.DiscussionQuestion,
        HS.DiscussionPoint,
        HS.Recommendation,
        HS.SupportRequest,
    ):
        assert set(small.subjects(RDF.type, cls)), cls
    assert len(set(small.subjects(RDF.type, HS.Document))) == SMALL.reports


def test_the_presets_aim_at_ten_thousand_to_a_million_triples() -> None:
    assert set(SIZES) == {"10k", "100k", "1m"}
    total = len(graph.load().graph) + len(synthesize(config_for_size("10k")))
    assert 9_000 <= total <= 13_000


def test_the_script_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "s.ttl"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "synthesize.py"),
            "--services",
            "3",
            "--reports",
            "1",
            "--seed",
            "9",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0 and "wrote" in done.stdout
