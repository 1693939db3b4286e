"""``hubspoke ingest``: a report becomes a source copy, Turtle that the shapes accept, and a
coding sheet; the same source gives the same files; bad sources get a clear error and nothing
is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph

from graph.cli import main
from graph.errors import IngestError
from graph.ingest import ingest
from graph.rdf.loading import load_graph
from graph.rdf.resources import data_files, ontology_files, source_file
from graph.validate.validation import validate

REPORT = source_file("learning-exchange-2015-12-01.md")


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_ingest_writes_the_source_the_turtle_and_the_coding_sheet(tmp_path: Path) -> None:
    report = ingest(REPORT, "le-copy", "Learning Exchange copy", date="2015-12", out=tmp_path)
    assert sorted(files_of(tmp_path)) == [
        "coding/le-copy.csv",
        "coding/le-copy.xlsx",
        "le-copy.ttl",
        "sources/le-copy.md",
    ]
    assert (tmp_path / "sources" / "le-copy.md").read_bytes() == REPORT.read_bytes()
    assert (report.sections, report.statements) == (21, 118)
    sheet = load_workbook(tmp_path / "coding" / "le-copy.xlsx", read_only=True)["coding"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("document", "statement", "lines", "section", "kind", "text")
    by_id = {r[1]: r for r in rows[1:]}
    assert by_id["line-103"][2:5] == ("103-106", "4a", "bullet")
    assert by_id["line-128"][4] == "lead-in"
    assert by_id["line-129"][4:6] == (
        "sub-bullet",
        "Recognise the demands of the role and the need for support and supervision",
    )
    assert "topic:supervision (suggested)" in by_id["line-134"][6]


def test_running_ingest_twice_gives_the_same_files(tmp_path: Path) -> None:
    ingest(REPORT, "le-copy", "Learning Exchange copy", out=tmp_path / "a")
    ingest(REPORT, "le-copy", "Learning Exchange copy", out=tmp_path / "b")
    first, second = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert first == second and len(first) == 4


def test_the_ingested_turtle_conforms_to_the_shapes_beside_the_curated_data(tmp_path: Path) -> None:
    ingest(REPORT, "le-copy", "Learning Exchange copy", date="2015-12-01", out=tmp_path)
    combined = load_graph(
        [*ontology_files(), *data_files(), tmp_path / "le-copy.ttl"], include_defaults=False
    )
    report = validate(combined, warnings=False)
    assert report.conforms, report.text if hasattr(report, "text") else report


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Caf\xe9 report\n".encode("latin-1"), "line 1: the file is not UTF-8 text: byte 0xe9"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"# Title\n\n## 1. Nothing here\n", "no statement found: the file holds only headings"),
    ],
    ids=["latin-1", "empty", "blank", "headings-only"],
)
def test_a_bad_source_gets_a_clear_error_and_nothing_is_written(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "bad.md"
    source.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        ingest(source, "bad", "Bad", out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_bad_document_id_or_date_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="not a usable document id: 'Year 2'"):
        ingest(REPORT, "Year 2", "Year 2", out=tmp_path)
    with pytest.raises(IngestError, match="not a date: '2015-13-01'"):
        ingest(REPORT, "year-2", "Year 2", date="2015-13-01", out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_command_prints_what_it_wrote_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["ingest", str(REPORT), "--document", "le-copy", "--title", "Copy", "--out", str(tmp_path)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "le-copy: 21 section(s), 118 statement(s)" in out
    assert "line 3: heading with nothing under it, not a section" in out
    assert f"wrote {tmp_path / 'le-copy.ttl'}" in out


def test_the_command_exits_1_on_an_empty_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.md").write_text("")
    code = main(
        [
            "ingest",
            str(tmp_path / "empty.md"),
            "--document",
            "x",
            "--title",
            "X",
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 1
    assert (
        "empty.md: the file is empty - give the report's text in Markdown"
        in capsys.readouterr().err
    )


def test_the_turtle_reads_back_with_every_statement_verbatim(tmp_path: Path) -> None:
    from graph.rdf.namespaces import HS

    ingest(REPORT, "le-copy", "Copy", out=tmp_path)
    g = Graph().parse(tmp_path / "le-copy.ttl")
    statements = set(g.subjects(HS.text, None))
    assert len(statements) == 118
    by_line = {int(g.value(s, HS.startLine)): str(g.value(s, HS.text)) for s in statements}
    assert by_line[11].startswith("December 1st 2015 saw the second Learning Exchange")
    assert by_line[103].endswith(
        "(including use of 'Guardian 24' and other automated reporting systems in areas of low or no signal)"
    )
