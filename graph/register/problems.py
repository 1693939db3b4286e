"""One thing wrong with a register, said as ``row N, column C: what is wrong (value) - how to fix``.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first service row 2.

Examples
--------
>>> print(RegisterProblem(4, "model", "unknown model", "7", "write a number from 1 to 5"))
row 4, column model: unknown model ('7') - write a number from 1 to 5
>>> print(RegisterProblem(9, "", "blank line", None, "delete the row"))
row 9: blank line - delete the row
>>> print(RegisterProblem(0, "", "the file is empty", None, "start from the template"))
file: the file is empty - start from the template
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["RegisterProblem", "sorted_problems"]


@dataclass(frozen=True)
class RegisterProblem:
    """A problem found in a register.

    Parameters
    ----------
    row : int
        The spreadsheet row (header = 1); 0 for the file as a whole.
    column : str
        The column name (or header cell) concerned; empty for the whole row.
    what : str
        What is wrong.
    value : str or None
        The offending cell text, when there is one.
    fix : str
        How to fix it.
    """

    row: int
    column: str
    what: str
    value: str | None
    fix: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        if self.column:
            where += f", column {self.column}"
        value = f" ({self.value!r})" if self.value is not None else ""
        return f"{where}: {self.what}{value} - {self.fix}"


def sorted_problems(problems: Iterable[RegisterProblem]) -> list[RegisterProblem]:
    """``problems`` by row (the file as a whole first), in the order found within a row."""
    return sorted(problems, key=lambda p: p.row)
