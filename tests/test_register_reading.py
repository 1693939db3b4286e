"""Reading a register: encodings, headers, blank lines, .xlsx, dates and agency types."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from graph.cli import main
from graph.rdf.namespaces import HS
from graph.register import (
    COLUMN_NAMES,
    KnownEntities,
    check_rows,
    default_data_dir,
    import_register,
    service_iri,
)
from graph.register.checking import agency_type_key, parse_date
from graph.register.importing import REGISTER_FILE
from graph.register.reading import read_sheet, sheet_from_bytes

VALID = Path(__file__).parent / "data" / "register" / "valid.csv"


def problems_of(data: bytes) -> list[str]:
    return [str(p) for p in sheet_from_bytes(data, "sheet.csv").problems]


def test_utf8_with_a_byte_order_mark_is_accepted() -> None:
    data = VALID.read_bytes()
    with_bom = sheet_from_bytes(b"\xef\xbb\xbf" + data, "bom.csv")
    without = sheet_from_bytes(data, "plain.csv")
    assert with_bom.problems == [] and without.problems == []
    assert with_bom.rows == without.rows
    assert with_bom.rows[8].cells["service"] == "Café Exemplar Spoke"


def test_latin1_is_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "latin1.csv"
    sheet.write_bytes(VALID.read_text(encoding="utf-8").encode("latin-1"))
    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    assert main(["register", "import", str(sheet), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "row 10: the file is not UTF-8 text: byte 0xe9 cannot be read" in err
    assert "Latin-1 or Windows-1252" in err
    assert "save the sheet as 'CSV UTF-8 (Comma delimited)'" in err
    assert not (data / REGISTER_FILE).exists()


def test_utf16_is_refused() -> None:
    assert "UTF-16" in problems_of("service\n".encode("utf-16"))[0]


def test_columns_separated_by_semicolons_are_refused() -> None:
    text = ";".join(COLUMN_NAMES) + "\n"
    assert "separated by ';', not by commas" in problems_of(text.encode())[0]


def test_a_first_row_that_is_not_the_header_is_reported() -> None:
    text = VALID.read_text(encoding="utf-8").split("\n", 1)[1]
    assert problems_of(text.encode())[0].startswith("row 1: the first row is not the header row")


def test_a_repeated_column_and_cells_beyond_the_header_are_reported() -> None:
    header = ",".join([*COLUMN_NAMES, "model"])
    row = VALID.read_text(encoding="utf-8").splitlines()[1]
    found = problems_of(f"{header}\n{row},,extra\n".encode())
    assert any(p.startswith("row 1, column P (model): the column appears twice") for p in found)
    assert any(
        p.startswith("row 2, column Q: the row has cells beyond the 16 header columns ('extra')")
        for p in found
    )


def test_stray_blank_lines_are_reported_wherever_they_are() -> None:
    lines = VALID.read_text(encoding="utf-8").splitlines()
    text = "\n".join([lines[0], "", lines[1], ",,,", lines[2], ""]) + "\n"
    found = [p for p in problems_of(text.encode()) if "stray blank line" in p]
    assert [p.split(":")[0] for p in found] == ["row 2", "row 4", "row 6"]


def test_header_names_are_read_loosely() -> None:
    header = ",".join(n.replace("_", " ").title() for n in COLUMN_NAMES)
    row = VALID.read_text(encoding="utf-8").splitlines()[1]
    assert problems_of(f"{header}\n{row}\n".encode()) == []


def test_an_xlsx_register_imports(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "register"
    sheet.append(list(COLUMN_NAMES))
    values = {
        "service": "Testshire Workbook Service",
        "hub_organisation": "Testshire Children's Charity",
        "host_agencies": "Testshire Police",
        "host_agency_types": "police",
        "model": 2,
        "phase": 3.0,
        "local_authorities": "Testshire",
        "gss_codes": "E06000901",
        "start_date": dt.datetime(2016, 5, 1),
        "end_date": dt.date(2018, 4, 30),
    }
    sheet.append([values.get(name) for name in COLUMN_NAMES])
    sheet.append([None] * len(COLUMN_NAMES))  # trailing empty rows of a workbook are not shown
    path = tmp_path / "register.xlsx"
    book.save(path)
    assert read_sheet(path).problems == []
    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    report = import_register(path, data)
    assert report.added == ("Testshire Workbook Service",)
    register = Graph().parse(data / REGISTER_FILE)
    service = service_iri("Testshire Workbook Service")
    assert register.value(service, HS.startDate) == Literal("2016-05-01", datatype=XSD.date)
    assert register.value(service, HS.endDate) == Literal("2018-04-30", datatype=XSD.date)


def test_an_xlsx_with_a_mistake_reports_row_and_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    rows = list(csv.reader(VALID.read_text(encoding="utf-8").splitlines()[:4]))
    rows[2][COLUMN_NAMES.index("gss_codes")] = "E6"
    for row in rows:
        book.active.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    _, found = check_rows(read_sheet(path), KnownEntities())
    assert [str(p).split(":")[0] for p in found] == ["row 3, column gss_codes"]


def test_a_file_that_is_not_a_workbook_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_text("not a workbook")
    assert "not a readable .xlsx workbook" in str(read_sheet(path).problems[0])
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save it as .xlsx" in str(read_sheet(old).problems[0])


@pytest.mark.parametrize(
    ("text", "lexical", "kind"),
    [
        ("2015-04-01", "2015-04-01", "date"),
        ("2015-4", "2015-04", "gYearMonth"),
        ("2015", "2015", "gYear"),
        ("1/4/2015", "2015-04-01", "date"),
        ("2016-02-29", "2016-02-29", "date"),
    ],
)
def test_dates_are_read_as_precisely_as_written(text: str, lexical: str, kind: str) -> None:
    parsed = parse_date(text)
    assert (parsed.lexical, parsed.kind) == (lexical, kind)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015-02-29", "February 2015 has no day 29"),
        ("31/04/2016", "April 2016 has no day 31"),
        ("2015-13", "no month 13"),
        ("April 2015", "unreadable date"),
        ("2015-04-01T10:00", "unreadable date"),
    ],
)
def test_impossible_and_unreadable_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("police", "police"),
        ("Police", "police"),
        ("children's social care", "childrens-social-care"),
        ("multi-agency team", "multi-agency-team"),
        ("multi-agency", "multi-agency-team"),
        ("health", "health-services"),
        ("Local Safeguarding Children Board", "lscb"),
        ("social care", None),
        ("fire brigade", None),
        ("", None),
    ],
)
def test_agency_types_by_key_label_or_first_words(text: str, key: str | None) -> None:
    assert agency_type_key(text) == key
