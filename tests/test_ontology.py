"""Ontology hygiene: a proper header, every term labelled and commented, nothing fetched."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.rdf.namespaces import HS, ONTOLOGY_IRI
from graph.rdf.resources import data_files, ontology_files, shape_files
from graph.rdf.vocabulary import HS as GENERATED_HS

ROOT = Path(__file__).resolve().parent.parent
VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_files()[0])


def test_header_has_version_licence_and_prefix(ontology: Graph) -> None:
    for prop in (
        OWL.versionIRI,
        OWL.versionInfo,
        DCTERMS.license,
        DCTERMS.modified,
        URIRef(VANN + "preferredNamespacePrefix"),
    ):
        assert ontology.value(ONTOLOGY_IRI, prop) is not None, f"the header lacks {prop}"


def test_ontology_version_matches_the_package_version(ontology: Graph) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == project["version"]


def terms(ontology: Graph) -> list[URIRef]:
    """The ontology's own terms (terms of other vocabularies are only declared there)."""
    kinds = (
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.NamedIndividual,
    )
    return sorted(
        {
            s
            for k in kinds
            for s in ontology.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(str(HS))
        }
    )


def test_every_term_has_an_english_label_and_comment(ontology: Graph) -> None:
    assert len(terms(ontology)) > 50, "the classes and properties of the ontology"
    for term in terms(ontology):
        labels = [
            lab
            for lab in ontology.objects(term, RDFS.label)
            if getattr(lab, "language", None) == "en"
        ]
        comments = [
            c for c in ontology.objects(term, RDFS.comment) if getattr(c, "language", None) == "en"
        ]
        assert labels, f"{term} has no English rdfs:label"
        assert comments, f"{term} has no English rdfs:comment"


def test_generated_vocabulary_agrees_with_the_ontology(ontology: Graph) -> None:
    in_ontology = {
        str(t)[len(str(HS)) :]
        for t in ontology.subjects(RDF.type, None)
        if isinstance(t, URIRef) and str(t).startswith(str(HS)) and str(t) != str(HS)
    }
    generated = set(GENERATED_HS.__annotations__)
    assert in_ontology == generated, (
        "run scripts/generate_vocabulary.py: "
        f"missing {sorted(in_ontology - generated)}, stale {sorted(generated - in_ontology)}"
    )


@pytest.mark.parametrize(
    "path", [*ontology_files(), *data_files(), *shape_files()], ids=lambda p: p.name
)
def test_no_file_imports_anything_over_the_network(path: Path) -> None:
    g = Graph().parse(path)
    assert not list(g.objects(None, OWL.imports)), f"{path.name} has owl:imports"


def test_every_concept_is_in_a_scheme_with_a_definition() -> None:
    schemes = Graph().parse(ontology_files()[1])
    concepts = set(schemes.subjects(SKOS.inScheme, None))
    assert len(concepts) > 60
    for concept in concepts:
        assert schemes.value(concept, SKOS.prefLabel) is not None, concept
        assert schemes.value(concept, SKOS.definition) is not None, concept


def test_queries_use_no_service_clause() -> None:
    federated = re.compile(r"^\s*SERVICE\s+(SILENT\s+)?[<?$]", re.IGNORECASE | re.MULTILINE)
    queries = sorted((ROOT / "graph" / "queries").rglob("*.rq"))
    assert len(queries) > 30, "the named queries and the views"
    for rq in queries:
        code = "\n".join(
            line for line in rq.read_text().splitlines() if not line.lstrip().startswith("#")
        )
        assert not federated.search(code), f"{rq.name} sends a query to another endpoint"


def test_every_prefix_names_a_namespace_ending_in_a_slash_or_hash() -> None:
    # CURIEs are made by cutting an IRI at its last "/" or "#" (graph.rdf.namespaces.curie)
    from graph.rdf.namespaces import PREFIXES

    assert all(ns.endswith(("/", "#")) for ns in PREFIXES.values())
