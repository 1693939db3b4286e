"""The notebook-style walkthrough (docs/walkthrough.md) runs, cell after cell, and prints what it says.

Each ```python cell runs in one shared namespace, in order. A comment ``# -> VALUE`` (after a
statement or on the next line) is a line the cell must print; expected lines must appear in
the cell's output in the same order.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALKTHROUGH = ROOT / "docs" / "walkthrough.md"
CELL = re.compile(r"```python\n(.*?)```", re.DOTALL)
EXPECTED = re.compile(r"#\s*->\s?(.*)$")


def cells(path: Path) -> list[str]:
    return CELL.findall(path.read_text(encoding="utf-8"))


def expected_lines(cell: str) -> list[str]:
    return [m.group(1).rstrip() for line in cell.splitlines() if (m := EXPECTED.search(line))]


def appear_in_order(expected: list[str], printed: list[str]) -> bool:
    remaining = iter(line.rstrip() for line in printed)
    return all(any(line == want for line in remaining) for want in expected)


def test_the_walkthrough_has_python_cells_with_expectations() -> None:
    found = cells(WALKTHROUGH)
    assert len(found) >= 8
    assert sum(len(expected_lines(c)) for c in found) >= 20


def test_every_walkthrough_cell_runs_in_order_and_prints_what_it_says() -> None:
    namespace: dict[str, object] = {"__name__": "walkthrough"}
    for number, cell in enumerate(cells(WALKTHROUGH), start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(cell, f"{WALKTHROUGH}:cell {number}", "exec"), namespace)  # noqa: S102
        printed = out.getvalue().splitlines()
        expected = expected_lines(cell)
        assert appear_in_order(expected, printed), (
            f"cell {number} printed {printed!r}, expected (in order) {expected!r}"
        )


def test_the_order_check_notices_a_missing_or_misplaced_line() -> None:
    assert appear_in_order(["a", "c"], ["a", "b", "c"])
    assert not appear_in_order(["c", "a"], ["a", "b", "c"])
    assert not appear_in_order(["d"], ["a", "b", "c"])
