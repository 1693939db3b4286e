"""Tables written for spreadsheets: CSV that Excel opens by double-click, with no cell that
a spreadsheet would run as a formula.

Every CSV the project writes goes through :func:`csv_text` (or :func:`csv_pieces`, the same
text a few thousand rows at a time, for tables too large to hold whole): UTF-8 with a byte-order mark (so
Excel reads ``£``, ``…`` and ``–`` as written; pandas and Python's ``csv`` read it with
``encoding="utf-8-sig"``), and each cell made safe by :func:`neutralise`.

Examples
--------
>>> csv_text(["name", "note"], [["Barnardo's", "=SUM(A1:A9)"]]).splitlines()
['\ufeffname,note', "Barnardo's,'=SUM(A1:A9)"]
>>> neutralise("-2+3+cmd|' /C calc'!A0")
"'-2+3+cmd|' /C calc'!A0"
>>> neutralise("-0.5"), neutralise("+44 1632 960005"), neutralise("plain")
('-0.5', "'+44 1632 960005", 'plain')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

__all__ = [
    "BOM",
    "FORMULA_STARTS",
    "PIECE_ROWS",
    "csv_pieces",
    "csv_text",
    "is_formula_like",
    "neutralise",
    "restore",
]

#: The byte-order mark that tells Excel a CSV file is UTF-8.
BOM = "\ufeff"

#: Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def is_formula_like(cell: str) -> bool:
    """True when a spreadsheet would treat ``cell`` as a formula (a plain negative number is
    not one).

    >>> is_formula_like("=1+1"), is_formula_like("-12.5"), is_formula_like("@SUM(A1)")
    (True, False, True)
    """
    return cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell)


def neutralise(cell: str) -> str:
    """``cell`` made inert for a spreadsheet: a formula-like cell is prefixed with ``'``."""
    return "'" + cell if is_formula_like(cell) else cell


def restore(cell: str) -> str:
    """The inverse of :func:`neutralise`: ``'`` before a formula-like text is dropped (as a
    spreadsheet does), so that a neutralised export reads back as what was written.

    >>> restore("'=SUM(A1:A9)"), restore("'quoted"), restore(neutralise("@SUM(1)"))
    ('=SUM(A1:A9)', "'quoted", '@SUM(1)')
    """
    return cell[1:] if cell.startswith("'") and is_formula_like(cell[1:]) else cell


#: Rows of a table formatted together by :func:`csv_pieces`.
PIECE_ROWS = 2000


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> str:
    """A CSV document (CRLF line ends, as RFC 4180 and Excel write them) of ``header`` and
    ``rows``; ``None`` cells are empty, every cell is neutralised."""
    return "".join(csv_pieces(header, rows, bom=bom))


def csv_pieces(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True
) -> Iterator[str]:
    """:func:`csv_text` of ``header`` and ``rows`` in pieces of :data:`PIECE_ROWS` rows, the
    rows read as the pieces are asked for (a national graph's table of links is a few
    hundred megabytes as text: :func:`graph.atomic.write_pieces` writes it a piece at a time).

    >>> pieces = list(csv_pieces(["n"], ([i] for i in range(PIECE_ROWS + 1)), bom=False))
    >>> len(pieces), "".join(pieces) == csv_text(["n"], ([i] for i in range(PIECE_ROWS + 1)), bom=False)
    (3, True)
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in header])
    yield (BOM if bom else "") + buffer.getvalue()
    rows = iter(rows)
    while batch := list(islice(rows, PIECE_ROWS)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(_safe_row(row) for row in batch)
        yield buffer.getvalue()


def _safe_row(row: Iterable[object]) -> list[str]:
    """The cells of ``row`` as text, each neutralised (only a cell that starts like a formula
    is looked at further: millions of cells are written at national scale)."""
    cells = ["" if cell is None else str(cell) for cell in row]
    return [neutralise(cell) if cell[:1] in _FORMULA_FIRST else cell for cell in cells]
