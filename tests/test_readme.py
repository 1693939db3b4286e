"""The README's Python examples run, and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)
PRINT_WITH_EXPECTATION = re.compile(r"^print\(.*\)\s+#\s*(.+)$")


def python_blocks(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("block", python_blocks(ROOT / "README.md"))
def test_readme_python_example_runs_and_prints_what_it_says(block: str) -> None:
    expected = [
        m.group(1).strip()
        for line in block.splitlines()
        if (m := PRINT_WITH_EXPECTATION.match(line.strip()))
    ]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected
