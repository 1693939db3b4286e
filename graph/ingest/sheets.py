"""The coding sheet: one row per statement, written as CSV and ``.xlsx``, read back by
:mod:`graph.ingest.coding`.

Columns (``docs/curation.md``):

=============== =========================================================================
``document``    the document id (the same on every row)
``statement``   the statement id, the last part of its IRI (``line-103``)
``lines``       its source lines (``103`` or ``103-106``)
``section``     the number or title of its section
``kind``        ``paragraph``, ``bullet``, ``lead-in`` or ``sub-bullet``
``text``        its verbatim text (read back to check that the row is the statement's)
``codes``       codes as CURIEs separated by ``;``; a code still marked ``(suggested)`` is
                not confirmed; remove the mark to confirm it, delete the code to reject it
``proposed``    new codes proposed for the codebook, as ``scheme: label`` (``topic: lone
                working``), separated by ``;``; they go into a pending scheme
``memo``        a coder's memo on the statement
=============== =========================================================================

Both files are the same from the same input, byte for byte: the workbook's timestamps are
fixed. Every CSV cell goes through :func:`graph.tabular.csv_text` (formula-like cells made
inert); in the workbook every cell is a text cell, never a formula.

Examples
--------
>>> rows = [SheetLine("demo", "line-3", "3", "1", "bullet", "=1+1 is not run", ["topic:risk"])]
>>> print(csv_sheet(rows).splitlines()[1])
demo,line-3,3,1,bullet,'=1+1 is not run,topic:risk (suggested),,
>>> parse_codes("topic:risk (suggested); role:manager")
[('topic:risk', False), ('role:manager', True)]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.atomic import write_bytes
from graph.register.reading import SheetLayout
from graph.tabular import csv_text

__all__ = [
    "COLUMNS",
    "CODING_LAYOUT",
    "SUGGESTED",
    "SheetLine",
    "csv_sheet",
    "parse_codes",
    "write_sheets",
    "xlsx_sheet",
]

#: The coding sheet's columns, in order.
COLUMNS = ("document", "statement", "lines", "section", "kind", "text", "codes", "proposed", "memo")

#: The mark of a code suggested by ``hubspoke ingest`` and not yet confirmed by a coder.
SUGGESTED = "(suggested)"

#: How the coding sheet is read back (formulas in a workbook are reported, never run).
CODING_LAYOUT = SheetLayout(
    COLUMNS, "coding", "'hubspoke ingest'", "statement", report_formulas=True
)

_FIXED_TIME = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_WIDTHS = {"text": 80, "codes": 50, "proposed": 30, "memo": 40, "section": 12}


@dataclass
class SheetLine:
    """One row of a coding sheet as ``hubspoke ingest`` writes it."""

    document: str
    statement: str
    lines: str
    section: str
    kind: str
    text: str
    suggested: list[str] = field(default_factory=list)

    def cells(self) -> list[str]:
        codes = "; ".join(f"{c} {SUGGESTED}" for c in self.suggested)
        return [
            self.document,
            self.statement,
            self.lines,
            self.section,
            self.kind,
            self.text,
            codes,
            "",
            "",
        ]


def parse_codes(cell: str) -> list[tuple[str, bool]]:
    """The codes of a ``codes`` cell, each with whether it is confirmed (not marked
    ``(suggested)``)."""
    found = []
    for part in re.split(r"[;\n]", cell):
        part = part.strip()
        if not part:
            continue
        confirmed = not part.lower().endswith(SUGGESTED)
        code = part[: -len(SUGGESTED)].strip() if not confirmed else part
        found.append((code, confirmed))
    return found


def csv_sheet(rows: Sequence[SheetLine]) -> str:
    """The coding sheet as CSV text (UTF-8 with BOM, CRLF, formula-like cells made inert)."""
    return csv_text(COLUMNS, [r.cells() for r in rows])


def _fixed_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with every entry dated 1980-01-01 and the workbook's
    "modified" time (which openpyxl sets to the time of saving) fixed, so the same workbook
    gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


def xlsx_sheet(rows: Sequence[SheetLine]) -> bytes:
    """The coding sheet as an ``.xlsx`` workbook (sheet ``coding``); every cell is text."""
    from openpyxl import Workbook  # lazy: openpyxl is the optional 'xlsx' extra
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = CODING_LAYOUT.sheet
    for row_index, cells in enumerate([list(COLUMNS), *(r.cells() for r in rows)], start=1):
        for col_index, value in enumerate(cells, start=1):
            cell = sheet.cell(row=row_index, column=col_index, value=value)
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            if row_index == 1:
                cell.font = Font(bold=True)
            elif COLUMNS[col_index - 1] in ("text", "codes", "memo"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(COLUMNS):
        letter = chr(ord("A") + index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    book.properties.creator = "hubspoke ingest"
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def write_sheets(rows: Sequence[SheetLine], stem: Path) -> tuple[Path, Path | None]:
    """Write ``<stem>.csv`` and, when openpyxl is installed, ``<stem>.xlsx``; return both."""
    csv_path = write_bytes(stem.with_suffix(".csv"), csv_sheet(rows).encode("utf-8"))
    try:
        data = xlsx_sheet(rows)
    except ImportError:
        return csv_path, None
    return csv_path, write_bytes(stem.with_suffix(".xlsx"), data)
