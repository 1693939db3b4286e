"""The ontology opens in OWL tools: OWL 2 DL, consistent with its data under HermiT, documented.

The files are checked as they are, unmodified: the ontology, its concept schemes and the
curated data, merged into one document. py-horned-owl checks the OWL 2 DL profile; HermiT
(the reasoner bundled with owlready2, run on Java from Debian) checks that the whole is
consistent and that no class is unsatisfiable, once for the module. xsd:date, xsd:gYear and
xsd:gYearMonth are outside OWL 2's datatype map; the ontology keeps them and says (in its
comment) that a reasoner accepts them with HermiT's documented option
``--ignoreUnsupportedDatatypes``, the option owlready2's ``ignore_unsupported_datatypes``
passes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from graph.export.ontology_docs import generated_html, ontology_html, packaged_docs
from graph.rdf.namespaces import HS, ONTOLOGY_IRI
from graph.rdf.resources import data_files, ontology_files

ROOT = Path(__file__).resolve().parent.parent
JAVA = shutil.which("java")
needs_java = pytest.mark.skipif(
    JAVA is None, reason="Java is missing: bash scripts/setup.sh --test installs it"
)


def _merged(*extra: str) -> Graph:
    graph = Graph()
    for path in [*ontology_files(), *data_files()]:
        graph.parse(path)
    for turtle in extra:
        graph.parse(data=turtle, format="turtle")
    return graph


def _profile_violations(graph: Graph, folder: Path) -> list[str]:
    import pyhornedowl
    from pyhornedowl.profile import check_profile

    path = folder / "merged.owl"
    graph.serialize(path, format="xml")
    report = check_profile(pyhornedowl.open_ontology_from_file(str(path), "rdf"), "DL")
    return [f"{v.message}: {getattr(v, 'iri', '')}" for v in report.violations]


def _hermit(graph: Graph, folder: Path) -> str:
    """Load ``graph`` into owlready2, save it as owlready2 hands it to HermiT, and ask HermiT
    (owlready2's copy) whether it is consistent (-k) and which classes are unsatisfiable (-U)."""
    import owlready2

    source = folder / "merged.nt"
    graph.serialize(source, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(source.as_uri()).load(format="ntriples")
    saved = folder / "owlready2.nt"
    world.save(str(saved), format="ntriples")
    hermit = files("owlready2") / "hermit"
    classpath = f"{hermit}:{hermit / 'HermiT.jar'}"
    command = [JAVA or "java", "-Xmx1500M", "-cp", classpath]
    command += ["org.semanticweb.HermiT.cli.CommandLine", "-k", "-U"]
    command += ["--ignoreUnsupportedDatatypes", saved.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return done.stdout + done.stderr


def _unsatisfiable(output: str) -> list[str]:
    block = output.split("Classes equivalent to 'owl:Nothing':", 1)[-1]
    return [c for c in re.findall(r"^\s+(\S+)$", block, re.MULTILINE) if c != "owl:Nothing"]


@pytest.fixture(scope="module")
def merged() -> Graph:
    return _merged()


@pytest.fixture(scope="module")
def hermit_output(merged: Graph, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _hermit(merged, tmp_path_factory.mktemp("hermit"))


# ---------------------------------------------------------------------------- OWL 2 DL


def test_ontology_schemes_and_data_are_in_the_owl_2_dl_profile(
    merged: Graph, tmp_path: Path
) -> None:
    violations = _profile_violations(merged, tmp_path)
    assert violations == [], (
        "not OWL 2 DL; declare a term of another vocabulary with its kind in the block "
        f"'Terms of other vocabularies' of ontology/hubspoke.ttl: {Counter(violations)}"
    )


def test_the_profile_check_finds_owl_full_when_there_is_some(tmp_path: Path) -> None:
    """The check can fail: the kinds of punning the ontology used to have."""
    owl_full = """
        @prefix hs: <https://w3id.org/hubspoke/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        hs:ContactDetailProperty a owl:Class ; rdfs:subClassOf owl:DatatypeProperty .
        hs:text rdfs:subPropertyOf <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> .
    """
    violations = _profile_violations(_merged(owl_full), tmp_path)
    assert any("DatatypeProperty" in v for v in violations), violations
    assert any("22-rdf-syntax-ns#value" in v for v in violations), violations


@needs_java
def test_hermit_finds_ontology_schemes_and_data_consistent(hermit_output: str) -> None:
    assert "owl#Thing is satisfiable" in hermit_output, hermit_output[-2000:]


@needs_java
def test_hermit_finds_no_unsatisfiable_class(hermit_output: str) -> None:
    assert "Classes equivalent to 'owl:Nothing':" in hermit_output, hermit_output[-2000:]
    assert _unsatisfiable(hermit_output) == []


@needs_java
def test_hermit_finds_an_inconsistency_when_there_is_one(tmp_path: Path) -> None:
    """The check can fail: a date status that is neither confirmed nor provisional."""
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    ontology.parse(
        data="""
        @prefix hs: <https://w3id.org/hubspoke/ontology#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        <urn:x:status> a hs:DateStatus , owl:NamedIndividual ;
            owl:differentFrom hs:Confirmed , hs:Provisional .
        hs:Confirmed owl:differentFrom hs:Provisional .
        """,
        format="turtle",
    )
    output = _hermit(ontology, tmp_path)
    assert "Inconsistent ontology" in output or "is not satisfiable" in output, output[-2000:]


# ---------------------------------------------------------------------------- hygiene


def _our_terms(graph: Graph) -> set[URIRef]:
    return {
        t
        for t in graph.subjects(RDF.type, None)
        if isinstance(t, URIRef) and str(t).startswith(str(HS)) and str(t) != str(HS)
    }


def test_every_term_is_defined_by_the_ontology() -> None:
    ontology = Graph().parse(ontology_files()[0])
    missing = sorted(
        str(t) for t in _our_terms(ontology) if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology
    )
    assert missing == [], f"add rdfs:isDefinedBy <{ONTOLOGY_IRI}> to {missing}"


def test_a_class_and_a_property_never_share_a_label() -> None:
    ontology = Graph().parse(ontology_files()[0])
    kinds = {
        OWL.Class: "class",
        OWL.ObjectProperty: "property",
        OWL.DatatypeProperty: "property",
        OWL.AnnotationProperty: "property",
    }
    seen: dict[str, set[str]] = {}
    for kind, name in kinds.items():
        for term in ontology.subjects(RDF.type, kind):
            if str(term).startswith(str(HS)):
                for label in ontology.objects(term, RDFS.label):
                    seen.setdefault(str(label).casefold(), set()).add(name)
    assert [label for label, names in seen.items() if len(names) > 1] == []


def test_no_term_of_owl_or_rdf_is_used_as_a_class_or_property_of_ours() -> None:
    ontology = Graph().parse(ontology_files()[0])
    reserved = (str(OWL), str(RDF), str(RDFS))
    for prop in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.range, RDFS.domain):
        for subject, value in ontology.subject_objects(prop):
            if str(subject).startswith(str(HS)) and str(value).startswith(reserved):
                assert value in {RDFS.Literal}, f"{subject} {prop} {value}"


# ---------------------------------------------------------------------------- documentation


@pytest.fixture(scope="module")
def documentation() -> str:
    return ontology_html()


def test_the_documentation_describes_every_class_and_property(documentation: str) -> None:
    ontology = Graph().parse(ontology_files()[0])
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            if str(term).startswith(str(HS)):
                assert str(term) in documentation, f"{term} is not in the documentation"
                label = str(ontology.value(term, RDFS.label))
                assert label.replace("'", "&#x27;") in documentation or label in documentation


def test_the_documentation_loads_nothing_from_the_web(documentation: str) -> None:
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet[^>]+http", documentation)


def test_the_packaged_page_is_what_pylode_writes_for_the_current_ontology() -> None:
    # builds copy the packaged page: it must be pyLODE's page of this very ontology
    turtle = ontology_files()[0].read_text(encoding="utf-8")
    committed = packaged_docs().read_text(encoding="utf-8")
    assert committed == generated_html(turtle), "run: python scripts/generate_ontology_docs.py"


def test_a_changed_ontology_gets_its_page_generated_not_the_packaged_one(tmp_path) -> None:
    changed = tmp_path / "hubspoke.ttl"
    turtle = ontology_files()[0].read_text(encoding="utf-8")
    changed.write_text(turtle.replace("Statement", "Utterance", 1), encoding="utf-8")
    page = ontology_html(changed)
    assert page == generated_html(changed.read_text(encoding="utf-8"))
    assert page != packaged_docs().read_text(encoding="utf-8")
