"""``hubspoke coding import``: a coder's sheet becomes links with coder and day (PROV),
proposed codes go into a pending scheme, memos are attached; a sheet with mistakes is refused
row by row and nothing is written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from graph.cli import main
from graph.errors import CodingError
from graph.ingest import ingest
from graph.ingest.coding import PENDING_SCHEME, import_coding
from graph.rdf.namespaces import HS, HSD

SOURCE = Path(__file__).parent / "data" / "ingest" / "spoke-workers-forum-2016.md"
DOC = "spoke-workers-forum-2016"
NS = f"{HSD}{DOC}/"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    ingest(SOURCE, DOC, "Spoke workers forum (test report)", date="2016", out=tmp_path / "data")
    return tmp_path / "data"


def read_rows(sheet: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))))


def write_rows(sheet: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    return sheet


def coded(data: Path, edits: dict[str, dict[str, str]]) -> Path:
    """The ingested sheet with ``edits`` (statement id -> cells) applied."""
    sheet = data / "coding" / f"{DOC}.csv"
    rows = read_rows(sheet)
    for row in rows:
        row.update(edits.get(row["statement"], {}))
    return write_rows(data.parent / "coded.csv", rows)


def statement(line: int) -> URIRef:
    return URIRef(f"{NS}line-{line}")


def test_confirmed_codes_become_links_with_coder_and_day(data: Path) -> None:
    rows = {r["statement"]: r for r in read_rows(data / "coding" / f"{DOC}.csv")}
    assert "topic:supervision (suggested)" in rows["line-20"]["codes"]
    sheet = coded(
        data,
        {
            "line-20": {
                "codes": "topic:supervision; topic:worker-wellbeing (suggested)",
                "memo": "Safety and supervision go together here.",
            },
            "line-21": {"codes": "role:manager", "proposed": "topic: home visits"},
        },
    )
    report = import_coding(sheet, data, coder="Ann Coder", date="2026-12-03")
    assert (report.links, report.proposals, report.memos) == (2, 1, 1)
    assert report.target == data / f"{DOC}.coding.ann-coder.ttl"
    g = Graph().parse(report.target)
    assert (statement(20), HS.concernsTopic, HSD["topic/supervision"]) in g
    assert (
        statement(20),
        HS.concernsTopic,
        HSD["topic/worker-wellbeing"],
    ) not in g  # not confirmed
    assert (statement(21), HS.concernsRole, HSD["role/manager"]) in g
    [assignment] = g.subjects(HS.assignedCode, HSD["topic/supervision"])
    assert g.value(assignment, HS.codedStatement) == statement(20)
    assert g.value(assignment, HS.codedBy) == HSD["coder/ann-coder"]
    assert g.value(assignment, HS.codedOn) == Literal("2026-12-03", datatype=XSD.date)
    [memo] = g.subjects(HS.memoAbout, statement(20))
    assert str(g.value(memo, HS.memoText)) == "Safety and supervision go together here."
    [proposed] = g.subjects(SKOS.inScheme, PENDING_SCHEME)
    assert str(g.value(proposed, SKOS.prefLabel)) == "home visits"
    assert (proposed, RDF.type, HS.Topic) not in g  # pending, not in the codebook
    assert g.value(proposed, HS.proposedFor) == HSD["scheme/topics"]
    assert not list(g.subject_objects(HS.concernsTopic)) or proposed not in set(
        g.objects(None, HS.concernsTopic)
    )


def test_importing_the_same_sheet_again_changes_nothing_and_keeps_the_first_day(data: Path) -> None:
    sheet = coded(data, {"line-20": {"codes": "topic:supervision"}})
    first = import_coding(sheet, data, coder="Ann", date="2026-12-01")
    text = first.target.read_bytes()
    again = import_coding(sheet, data, coder="Ann", date="2026-12-05")
    assert (first.written, again.written) == (True, False)
    assert first.target.read_bytes() == text


def test_a_sheet_with_mistakes_is_refused_row_by_row_and_nothing_is_written(data: Path) -> None:
    sheet = coded(
        data,
        {
            "line-20": {"codes": "topic:supervison"},  # unknown code (misspelt)
            "line-21": {"codes": "topic:police"},  # a code in the wrong scheme
            "line-27": {"text": "Joint training with the police built trust"},  # changed text
            "line-28": {"memo": '=HYPERLINK("http://example.org")'},  # a formula
        },
    )
    rows = read_rows(sheet)
    rows.append({**rows[-1], "statement": "line-99"})  # a row whose id does not exist
    write_rows(sheet, rows)
    before = sorted(p.name for p in data.iterdir())
    with pytest.raises(CodingError) as caught:
        import_coding(sheet, data, coder="Ann", date="2026-12-03")
    problems = caught.value.problems
    print("\n" + "\n".join(problems))
    rows_of = {i + 2: r["statement"] for i, r in enumerate(rows)}
    row = {v: k for k, v in rows_of.items()}
    assert any(
        p.startswith(f"row {row['line-20']}, column codes: unknown code ('topic:supervison')")
        and "topic:supervision" in p
        for p in problems
    )
    assert (
        f"row {row['line-21']}, column codes: a code in the wrong scheme ('topic:police') - police is an agency type: write agency:police"
        in problems
    )
    assert any(
        p.startswith(f"row {row['line-27']}, column text: the text is not the statement's")
        for p in problems
    )
    assert any(
        p.startswith(f"row {row['line-28']}, column memo: the cell starts like a formula")
        for p in problems
    )
    assert any(
        p.startswith(
            f"row {len(rows) + 1}, column statement: no such statement in {DOC} ('line-99')"
        )
        for p in problems
    )
    assert len(problems) == 5
    assert sorted(p.name for p in data.iterdir()) == before


def test_a_formula_in_a_workbook_is_reported_not_run(data: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(data / "coding" / f"{DOC}.xlsx")
    sheet = book["coding"]
    sheet["G2"] = "=1+1"  # a formula typed in the codes column of the first row
    sheet["I3"] = "fine memo"
    book.save(data.parent / "coded.xlsx")
    with pytest.raises(CodingError) as caught:
        import_coding(data.parent / "coded.xlsx", data, coder="Ann", date="2026-12-03")
    assert caught.value.problems == [
        "row 2, column G: the cell holds a formula; formulas are not run ('=1+1') - type the "
        "value itself (a leading ' keeps text that starts with '=' as text)",
    ]


def test_a_workbook_filled_in_imports_like_the_csv(data: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(data / "coding" / f"{DOC}.xlsx")
    sheet = book["coding"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        if cells["statement"].value == "line-27":
            cells["codes"].value = "agency:police; topic:multi-agency-working"
    book.save(data.parent / "coded.xlsx")
    report = import_coding(data.parent / "coded.xlsx", data, coder="Bo", date="2026-12-03")
    g = Graph().parse(report.target)
    assert (statement(27), HS.namesAgency, HSD["agency-type/police"]) in g


def test_dry_run_checks_and_writes_nothing(data: Path) -> None:
    sheet = coded(data, {"line-20": {"codes": "topic:supervision"}})
    report = import_coding(sheet, data, coder="Ann", date="2026-12-03", dry_run=True)
    assert report.dry_run and not report.written and not report.target.exists()


def test_the_command_reports_every_problem_and_exits_1(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = coded(
        data, {"line-20": {"codes": "topic:nonsense"}, "line-21": {"codes": "group:police"}}
    )
    code = main(
        [
            "coding",
            "import",
            str(sheet),
            "--coder",
            "Ann",
            "--date",
            "2026-12-03",
            "--data-dir",
            str(data),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "2 problem(s); nothing was written" in err
    assert "column codes: unknown code ('topic:nonsense')" in err
    assert "write agency:police" in err


def test_the_command_imports_and_says_what_it_did(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = coded(data, {"line-20": {"codes": "topic:supervision; role:spoke-worker"}})
    code = main(
        [
            "coding",
            "import",
            str(sheet),
            "--coder",
            "Ann",
            "--date",
            "2026-12-03",
            "--data-dir",
            str(data),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "coder Ann: 2 code(s) confirmed" in out
    assert f"wrote {data / f'{DOC}.coding.ann.ttl'}" in out


def test_a_row_with_an_unknown_statement_still_has_its_codes_checked(data: Path) -> None:
    sheet = coded(data, {})
    rows = read_rows(sheet)
    rows.append({**rows[-1], "statement": "line-999", "codes": "topic:nonsense"})
    write_rows(sheet, rows)
    with pytest.raises(CodingError) as caught:
        import_coding(sheet, data, coder="Ann", date="2026-12-03")
    row = len(rows) + 1
    assert [p.split(":")[0] for p in caught.value.problems] == [
        f"row {row}, column statement",
        f"row {row}, column codes",
    ]
