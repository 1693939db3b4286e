"""Read a register from CSV (UTF-8, with or without BOM) or ``.xlsx`` into rows of cell text.

Reading checks the file itself: its encoding, its header row and stray blank lines. Every
problem is collected (nothing is raised for bad content); the cells of each row are given by
column name, stripped of surrounding spaces. Checking what the cells say is
:mod:`graph.register.checking`'s job.

Examples
--------
>>> sheet = sheet_from_bytes(b"service,model\\nA,1\\n", "demo.csv")
>>> sheet.columns, sheet.rows[0].number, sheet.rows[0].cells["model"]
(['service', 'model'], 2, '1')
>>> [str(p) for p in sheet.problems][:1]  # doctest: +ELLIPSIS
["row 1, column hub_organisation: missing from the header - add a column named 'hub_organisation'..."]
>>> str(sheet_from_bytes("service\\nCaf\\xe9\\n".encode("latin-1"), "x.csv").problems[0])  # doctest: +ELLIPSIS
"row 2: the file is not UTF-8 text: byte 0xe9 cannot be read (it looks like Latin-1 or Windows-1252...
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import DataFileError
from graph.register.columns import COLUMN_NAMES
from graph.register.problems import RegisterProblem
from graph.tabular import restore

__all__ = [
    "REGISTER_LAYOUT",
    "Sheet",
    "SheetLayout",
    "SheetRow",
    "read_sheet",
    "sheet_from_bytes",
    "sheet_from_cells",
]

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = b"PK\x03\x04"
_SAVE_AS_UTF8 = "save the sheet as 'CSV UTF-8 (Comma delimited)' and import it again"
_CSV_SUFFIXES = (".csv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class SheetLayout:
    """What a kind of sheet looks like: its column names, the workbook sheet it is read from,
    the command that writes a fresh one, what one row holds, and whether a formula in an
    ``.xlsx`` cell is reported (``report_formulas``) rather than read as its last value."""

    columns: tuple[str, ...]
    sheet: str
    template: str
    row_holds: str
    report_formulas: bool = False


#: The services register (``hubspoke register template`` writes its header).
REGISTER_LAYOUT = SheetLayout(
    tuple(COLUMN_NAMES),
    "register",
    "'hubspoke register template'",
    "service",
    report_formulas=True,  # a formula cell is a problem, never read as its cached value
)


@dataclass(frozen=True)
class SheetRow:
    """One row of a register: its spreadsheet row number and its cells by column name."""

    number: int
    cells: dict[str, str]


@dataclass
class Sheet:
    """A register as read: the known columns its header names, its rows, and its problems."""

    source: str
    columns: list[str] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[RegisterProblem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        """True when a header was found, so that the rows can be checked cell by cell."""
        return bool(self.columns)


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _read_header(
    cells: list[str], number: int, sheet: Sheet, layout: SheetLayout = REGISTER_LAYOUT
) -> dict[int, str]:
    """Map cell positions to known column names; record header problems on ``sheet``."""
    positions: dict[int, str] = {}
    names = list(layout.columns)
    keys = [_header_key(c) for c in cells]
    if not any(k in names for k in keys):
        shown = ", ".join(c for c in cells if c)[:80]
        sheet.problems.append(
            RegisterProblem(
                number,
                "",
                "the first row is not the header row",
                shown or None,
                f"make the first row the column names ({', '.join(names[:2])}, ...); "
                f"{layout.template} writes them",
            )
        )
        return positions
    seen: dict[str, int] = {}
    for index, (cell, key) in enumerate(zip(cells, keys, strict=True)):
        where = f"{_column_letter(index)} ({cell})" if cell else _column_letter(index)
        if not key:
            continue  # an empty header cell: its data is reported with the row, if any
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "remove the column"
            sheet.problems.append(
                RegisterProblem(
                    number,
                    where,
                    "unknown column name",
                    cell,
                    f"{hint} The columns are: {', '.join(names)}",
                )
            )
            continue
        if key in seen:
            sheet.problems.append(
                RegisterProblem(
                    number,
                    where,
                    "the column appears twice",
                    cell,
                    f"keep one '{key}' column (the first is column {_column_letter(seen[key])})",
                )
            )
            continue
        seen[key] = index
        positions[index] = key
    for name in names:
        if name not in seen:
            sheet.problems.append(
                RegisterProblem(
                    number,
                    name,
                    "missing from the header",
                    None,
                    f"add a column named '{name}' (leave its cells empty if it does not apply); "
                    f"{layout.template} writes every column",
                )
            )
    return positions


def sheet_from_cells(
    rows: list[list[str]],
    source: str,
    *,
    trailing_blanks_ok: bool = False,
    layout: SheetLayout = REGISTER_LAYOUT,
) -> Sheet:
    """Turn rows of cell text (the first non-blank row being the header) into a :class:`Sheet`.

    Blank rows are reported as stray blank lines, except trailing ones when
    ``trailing_blanks_ok`` (a workbook's unseen empty rows).

    >>> sheet = sheet_from_cells([["service"], [""], ["A"]], "demo")
    >>> [str(p) for p in sheet.problems if p.row == 2]
    ['row 2: stray blank line - delete the empty row (rows must follow each other)']
    """
    sheet = Sheet(source)
    # a ' before a formula-like text is the spreadsheet's "keep as text" mark, not content
    cleaned = [[restore((c or "").strip()) for c in row] for row in rows]
    last = len(cleaned)
    if trailing_blanks_ok:
        while last and not any(cleaned[last - 1]):
            last -= 1
    header_at: int | None = None
    positions: dict[int, str] = {}
    width = 0
    for index, cells in enumerate(cleaned[:last]):
        number = index + 1
        if not any(cells):
            sheet.problems.append(
                RegisterProblem(
                    number,
                    "",
                    "stray blank line",
                    None,
                    "delete the empty row (rows must follow each other)",
                )
            )
            continue
        if header_at is None:
            header_at = number
            width = max((i + 1 for i, c in enumerate(cells) if c), default=0)
            positions = _read_header(cells, number, sheet, layout)
            if not positions:
                return sheet
            sheet.columns = [positions[i] for i in sorted(positions)]
            continue
        filled = [i for i, c in enumerate(cells) if c]
        extra = [i for i in filled if i >= width]
        if extra:
            sheet.problems.append(
                RegisterProblem(
                    number,
                    _column_letter(extra[0]),
                    f"the row has cells beyond the {width} header columns",
                    cells[extra[0]],
                    "remove the extra cells, or put quotes around a cell that holds a comma",
                )
            )
        unnamed = [i for i in filled if i < width and i not in positions]
        for i in unnamed:
            if i < len(rows[header_at - 1]) and _header_key(rows[header_at - 1][i] or ""):
                continue  # under an unknown column name, already reported in the header
            sheet.problems.append(
                RegisterProblem(
                    number,
                    _column_letter(i),
                    "a value under an empty header cell",
                    cells[i],
                    "give the column its name in row 1, or move the value to its column",
                )
            )
        values = {name: (cells[i] if i < len(cells) else "") for i, name in positions.items()}
        sheet.rows.append(SheetRow(number, values))
    if header_at is None:
        sheet.problems.append(
            RegisterProblem(
                0,
                "",
                "the file holds no rows",
                None,
                f"start from {layout.template} and add one row per {layout.row_holds}",
            )
        )
    return sheet


def _not_utf8(data: bytes, source: str) -> Sheet:
    sheet = Sheet(source)
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = line[exc.start]
            sheet.problems.append(
                RegisterProblem(
                    number,
                    "",
                    f"the file is not UTF-8 text: byte 0x{byte:02x} cannot be read (it looks like "
                    "Latin-1 or Windows-1252, which Excel writes for 'CSV (Comma delimited)')",
                    line.decode("cp1252", errors="replace").strip()[:60],
                    _SAVE_AS_UTF8,
                )
            )
    return sheet


def _unreadable(
    source: str, what: str, fix: str, *, row: int = 0, value: str | None = None
) -> Sheet:
    """A sheet that could not be read at all, with the one problem that says why."""
    return Sheet(source, problems=[RegisterProblem(row, "", what, value, fix)])


def sheet_from_bytes(data: bytes, source: str, layout: SheetLayout = REGISTER_LAYOUT) -> Sheet:
    """Read CSV bytes: UTF-8 with or without a byte-order mark; anything else is a problem."""
    if data.startswith(_UTF16_BOMS):
        return _unreadable(source, "the file is UTF-16 text, not UTF-8", _SAVE_AS_UTF8)
    if data.startswith(_ZIP_MAGIC):
        return _unreadable(
            source,
            "the file is an Excel workbook, not CSV text",
            "give it the .xlsx suffix, or save the sheet as 'CSV UTF-8 (Comma delimited)'",
        )
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _not_utf8(data, source)
    if "\x00" in text:
        return _unreadable(source, "the file holds NUL bytes: it is not CSV text", _SAVE_AS_UTF8)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return _unreadable(
            source,
            f"the file cannot be read as CSV: {exc}",
            "check the quotes around cells; " + _SAVE_AS_UTF8,
        )
    if rows and len(rows[0]) == 1 and rows[0][0].count(";") >= 2:
        return _unreadable(
            source,
            "the columns are separated by ';', not by commas",
            "save the sheet as 'CSV UTF-8 (Comma delimited)'",
            row=1,
            value=rows[0][0][:60],
        )
    return sheet_from_cells(rows, source, layout=layout)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _formula_problem(row: int, index: int, text: str) -> RegisterProblem:
    """A formula cell, read and never run: its text is shown as written."""
    return RegisterProblem(
        row,
        _column_letter(index),
        "the cell holds a formula; formulas are not run",
        text[:60],
        "type the value itself (a leading ' keeps text that starts with '=' as text)",
    )


def _sheet_from_xlsx(path: Path, layout: SheetLayout = REGISTER_LAYOUT) -> Sheet:
    source = str(path)
    try:
        from openpyxl import load_workbook
    except ImportError:
        return _unreadable(
            source,
            "reading .xlsx needs the openpyxl package",
            "install it with: pip install 'hubspoke[xlsx]', or save the sheet as CSV UTF-8",
        )
    try:
        # with report_formulas a formula cell reads back as its text ("=..."), never its value
        book = load_workbook(path, read_only=True, data_only=not layout.report_formulas)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises zipfile, XML and its own errors
        return _unreadable(
            source,
            f"not a readable .xlsx workbook ({type(exc).__name__})",
            "open it in a spreadsheet program and save it again as .xlsx or CSV UTF-8",
        )
    try:
        names = book.sheetnames
        sheet = book[layout.sheet] if layout.sheet in names else book.worksheets[0]
        formulas: list[RegisterProblem] = []
        rows: list[list[str]] = []
        for row in sheet.iter_rows():
            values = [getattr(c, "value", None) for c in row]
            if layout.report_formulas:
                kinds = [getattr(c, "data_type", None) for c in row]
                formulas += [
                    _formula_problem(len(rows) + 1, i, str(v))
                    for i, (v, k) in enumerate(zip(values, kinds, strict=True))
                    if k == "f"
                ]
                # a formula is reported once, here; its text is not read as the cell's value
                values = [None if k == "f" else v for v, k in zip(values, kinds, strict=True)]
            rows.append([_cell_text(v) for v in values])
    finally:
        book.close()
    result = sheet_from_cells(rows, source, trailing_blanks_ok=True, layout=layout)
    result.problems = formulas + result.problems
    return result


def read_sheet(path: str | Path, layout: SheetLayout = REGISTER_LAYOUT) -> Sheet:
    """Read a register file: ``.csv`` (UTF-8, BOM or not) or ``.xlsx`` (its ``register`` sheet,
    else its first sheet).

    Raises
    ------
    DataFileError
        The file does not exist or cannot be opened.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(str(path), "no such file", hint="check the path of the register")
    suffix = path.suffix.lower()
    if suffix in _XLSX_SUFFIXES:
        return _sheet_from_xlsx(path, layout)
    if suffix not in _CSV_SUFFIXES:
        return _unreadable(
            str(path),
            f"unknown kind of file {suffix or '(no suffix)'!r}",
            "save it as .xlsx or as 'CSV UTF-8 (Comma delimited)'",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or str(exc), hint="check the path") from None
    return sheet_from_bytes(data, str(path), layout)
