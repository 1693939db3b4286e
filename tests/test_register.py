"""The services register: template, import with row-level problems, export back, joined up.

Every import here writes into a temporary copy of the data folder (``--data-dir``), never
into the packaged ``ontology/data``. The registers in ``tests/data/register`` are fictional.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

import graph
from graph.cli import main
from graph.rdf.namespaces import HS, HSD
from graph.register import (
    COLUMN_NAMES,
    default_data_dir,
    export_text,
    import_register,
    service_iri,
)
from graph.register.columns import markdown_table
from graph.register.identifiers import REGISTER_DOCUMENT
from graph.register.importing import REGISTER_FILE, curated_graph, shape_problems

REGISTERS = Path(__file__).parent / "data" / "register"
VALID = REGISTERS / "valid.csv"
MISTAKES = REGISTERS / "mistakes.csv"
DOCS = Path(__file__).parents[1] / "docs" / "register.md"


def copy_of_data(folder: Path) -> Path:
    """A private copy of the curated data folder to import into."""
    return Path(shutil.copytree(default_data_dir(), folder / "data"))


def folder_digest(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder``, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, graph.KnowledgeGraph]:
    """The valid sample register imported into a copy of the data, and the graph with it."""
    data = copy_of_data(tmp_path_factory.mktemp("register"))
    assert main(["register", "import", str(VALID), "--data-dir", str(data)]) == 0
    return data, graph.load(extra=[data / REGISTER_FILE])


def names(result: graph.QueryResult, column: str) -> set[str]:
    return {str(v) for v in result.column(column)}


# --------------------------------------------------------------------------- template


def test_template_writes_the_documented_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "template.csv"
    assert main(["register", "template", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").splitlines() == [",".join(COLUMN_NAMES)]
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert main(["register", "template"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ",".join(COLUMN_NAMES)


def test_docs_hold_the_column_table_of_the_code() -> None:
    assert markdown_table() in DOCS.read_text(encoding="utf-8")


def test_the_example_template_row_imports(tmp_path: Path) -> None:
    sheet = tmp_path / "example.csv"
    assert main(["register", "template", "--example", "--out", str(sheet)]) == 0
    assert main(["register", "import", str(sheet), "--data-dir", str(copy_of_data(tmp_path))]) == 0


# --------------------------------------------------------------------------- import, joined up


def test_ten_valid_rows_import_into_the_data_folder(
    imported: tuple[Path, graph.KnowledgeGraph],
) -> None:
    data, kg = imported
    text = (data / REGISTER_FILE).read_text(encoding="utf-8")
    assert text.startswith("# The Hub and Spoke services register")
    from_register = set(kg.graph.subjects(PROV.wasDerivedFrom, REGISTER_DOCUMENT))
    services = from_register & set(kg.graph.subjects(RDF.type, HS.Service))
    assert len(services) == 10
    assert service_iri("Testshire Spoke Service") in services
    assert kg.validate(warnings=False).conforms


def test_services_by_model(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    _, kg = imported
    result = kg.query("services-by-model", model="Model 3")
    assert names(result, "service") == {"Fenmarsh Hub and Spoke", "Mockford Spoke Service"}
    assert set(kg.query("services-by-model").column("number")) == {1, 2, 3, 4, 5}


def test_services_by_phase(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    _, kg = imported
    result = kg.query("services-by-phase", phase="phase:3")
    assert names(result, "service") == {
        "Llanffug Spoke Service",
        "Glen Imaginary Spoke",
        "Café Exemplar Spoke",
    }


def test_services_by_host_agency_type(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    _, kg = imported
    result = kg.query("services-by-host-agency-type", agencyType="agency:multi-agency-team")
    assert names(result, "service") == {"Wold Vale Spoke Service", "Mockford Spoke Service"}
    health = kg.query("services-by-host-agency-type", agencyType="health services")
    assert names(health, "host") == {
        "Fenmarsh Health Trust",
        "Testshire North Health Centre",
        "Exemplar Sexual Health Clinic",
    }


def test_services_by_local_authority(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    _, kg = imported
    result = kg.query("services-by-local-authority", authority="Wold Vale")
    assert names(result, "service") == {"Wold Vale Spoke Service", "Fenmarsh Hub and Spoke"}
    assert names(result, "gss") == {"E06000902"}


def test_hubs_and_their_spokes(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    _, kg = imported
    result = kg.query("hubs-and-spokes", hub="Testshire Children's Charity")
    assert names(result, "service") == {
        "Testshire Spoke Service",
        "Wold Vale Spoke Service",
        "Testshire North Spoke Service",
    }
    assert "Testshire Police" in names(result, "host")
    assert "police" in names(result, "hostType")


def test_services_join_the_models_and_partnership_views(
    imported: tuple[Path, graph.KnowledgeGraph],
) -> None:
    _, kg = imported
    service = str(service_iri("Fenmarsh Hub and Spoke"))
    models = kg.view("models")
    assert models.has_edge(service, str(HSD["model/3"]))
    assert models.has_edge(service, str(HSD["phase/2"]))
    partnership = kg.view("partnership")
    assert partnership.has_edge(service, str(HSD["org/fenmarsh-police"]))
    assert partnership.has_edge(service, str(HSD["local-authority/E06000903"]))
    assert partnership.has_edge(str(HSD["org/fenmarsh-police"]), str(HSD["agency-type/police"]))


def test_services_are_found_by_search_and_drawn_on_maps(
    imported: tuple[Path, graph.KnowledgeGraph], tmp_path: Path
) -> None:
    from graph.maps.standard import write_view_map

    _, kg = imported
    hits = kg.search("Llanffug spoke")
    assert hits[0].iri == str(service_iri("Llanffug Spoke Service"))
    page = write_view_map(kg, "partnership", tmp_path / "partnership.html")
    assert "Llanffug Spoke Service" in page.read_text(encoding="utf-8")


def test_contact_email_stays_out_of_public_exports(
    imported: tuple[Path, graph.KnowledgeGraph],
) -> None:
    from graph.privacy import redact

    _, kg = imported
    service = service_iri("Testshire Spoke Service")
    assert kg.graph.value(service, HS.email) is not None
    assert redact(kg.graph, "public").value(service, HS.email) is None
    assert redact(kg.graph, "team").value(service, HS.email) is not None
    assert redact(kg.graph, "public").value(service, HS.deliveryModel) is not None


# --------------------------------------------------------------------------- stable IRIs


def test_the_same_sheet_twice_changes_nothing(imported: tuple[Path, graph.KnowledgeGraph]) -> None:
    data, _ = imported
    before = (data / REGISTER_FILE).stat().st_mtime_ns, folder_digest(data)
    again = import_register(VALID, data)
    assert not again.written and again.unchanged == 10
    assert again.added == again.updated == again.removed == ()
    assert ((data / REGISTER_FILE).stat().st_mtime_ns, folder_digest(data)) == before


def test_an_edited_row_updates_its_service_and_a_removed_row_is_reported(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    import_register(VALID, data)
    lines = VALID.read_text(encoding="utf-8").splitlines(keepends=True)
    edited = [
        line.replace(",1,1,Testshire,", ",4,1,Testshire,")
        for line in lines
        if not line.startswith("Ballyfictional Spoke,")
    ]
    sheet = tmp_path / "edited.csv"
    sheet.write_text("".join(edited), encoding="utf-8")
    report = import_register(sheet, data)
    assert report.updated == ("Testshire Spoke Service",)
    assert report.removed == ("Ballyfictional Spoke",)
    assert report.added == () and report.unchanged == 8
    register = Graph().parse(data / REGISTER_FILE)
    service = service_iri("Testshire Spoke Service")
    assert list(register.objects(service, HS.deliveryModel)) == [HSD["model/4"]]
    assert list(register.subjects(RDFS.label, Literal("Testshire Spoke Service", lang="en"))) == [
        service
    ]
    assert service_iri("Ballyfictional Spoke") not in set(register.subjects(RDF.type, HS.Service))


def test_dry_run_checks_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_of_data(tmp_path)
    before = folder_digest(data)
    assert main(["register", "import", str(VALID), "--dry-run", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "10 added, 0 updated, 0 removed, 0 unchanged" in out
    assert "dry run: nothing written" in out
    assert folder_digest(data) == before


# --------------------------------------------------------------------------- mistakes

#: One line of the report per mistake in mistakes.csv: (row, column, what is wrong).
MISTAKES_REPORTED = [
    (1, "L (funder)", "unknown column name ('funder') - did you mean 'funders'?"),
    (1, "funders", "missing from the header"),
    (3, "model", "unknown model ('7')"),
    (4, "phase", "unknown phase ('Phase 4')"),
    (5, "gss_codes", "malformed GSS code ('E0600990')"),
    (6, "end_date", "the end is before the start, 2016-01-01, ('2015-12-31')"),
    (7, "start_date", "impossible date: February 2015 has no day 30 ('2015-02-30')"),
    (8, "host_agency_types", "unknown agency type ('fire brigade')"),
    (9, "service", "duplicate service, already in row 2 ('Mistaken Service A')"),
    (10, "hub_organisation", "missing required cell"),
    (12, "host_agency_types", "the cell gives 1 type(s) for 2 name(s) in host_agencies"),
    (13, "hub_org_id", "malformed org-id ('CHC 12345')"),
    (14, "website", "not a web address ('www.mistaken.example.org')"),
    (15, "contact_email", "not an e-mail address ('spoke at mistaken.example.org')"),
]


def test_a_dozen_mistakes_are_each_reported_by_row_and_column_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_of_data(tmp_path)
    import_register(VALID, data)  # an earlier register must survive a failed import
    before = folder_digest(data)
    code = main(["register", "import", str(MISTAKES), "--data-dir", str(data)])
    err = capsys.readouterr().err
    assert code == 1
    assert folder_digest(data) == before
    assert "15 problem(s); nothing was written" in err
    for row, column, what in MISTAKES_REPORTED:
        assert f"row {row}, column {column}: {what}" in err
    assert "row 11: stray blank line" in err
    kinds = {line.split(": ", 1)[1].split(" (")[0].split(",")[0] for line in err.splitlines()[1:]}
    assert len(kinds) >= 12


def test_a_missing_register_file_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "register",
            "import",
            str(tmp_path / "nope.csv"),
            "--data-dir",
            str(copy_of_data(tmp_path)),
        ]
    )
    assert code == 2
    assert "no such file" in capsys.readouterr().err


def test_the_shapes_are_the_last_check(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    register = Graph()
    service = service_iri("Testshire Spoke Service")
    register.add((service, RDF.type, HS.Service))
    register.add((service, RDFS.label, Literal("Testshire Spoke Service", lang="en")))
    register.add((service, HS.deliveryModel, URIRef(HSD["model/9"])))
    problems = shape_problems(curated_graph(data), register, {service: 2})
    assert problems and all(p.startswith("row 2: ") for p in problems)
    assert any("delivery model" in p for p in problems)


# --------------------------------------------------------------------------- export


def test_import_export_import_is_the_identity(
    imported: tuple[Path, graph.KnowledgeGraph], tmp_path: Path
) -> None:
    data, _ = imported
    first = (data / REGISTER_FILE).read_bytes()
    exported = tmp_path / "exported.csv"
    team = ["--audience", "team"]  # the team's register keeps the contact e-mails
    assert main(["register", "export", *team, "--out", str(exported), "--data-dir", str(data)]) == 0
    report = import_register(exported, data)
    assert not report.written and report.unchanged == 10
    assert (data / REGISTER_FILE).read_bytes() == first
    assert export_text(data, audience="team") == exported.read_bytes().decode("utf-8-sig")
    public = export_text(data)
    assert "@testshire-charity.example.org" not in public  # the public register has no e-mail
    assert "Testshire Spoke Service" in public


def test_export_before_any_import_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["register", "export", "--data-dir", str(copy_of_data(tmp_path))]) == 1
    assert "run 'hubspoke register import FILE' first" in capsys.readouterr().err


def test_an_organisation_already_in_the_graph_is_reused(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    sheet = tmp_path / "csefa.csv"
    row = VALID.read_text(encoding="utf-8").splitlines()[:2]
    sheet.write_text(
        "\n".join([row[0], row[1].replace("Testshire Community Trust", "CSEFA")]) + "\n",
        encoding="utf-8",
    )
    import_register(sheet, data)
    register = Graph().parse(data / REGISTER_FILE)
    csefa = HSD["org/csefa"]
    assert (service_iri("Testshire Spoke Service"), HS.fundedBy, csefa) in register
    assert register.value(csefa, RDFS.label) is None  # the curated label stays the only one
    assert "Child Sexual Exploitation Funders Alliance" in export_text(data)


def test_docs_list_every_agency_type() -> None:
    from graph.register.identifiers import agency_types

    text = DOCS.read_text(encoding="utf-8")
    assert all(f"| `{key}` |" in text for key in agency_types())
