"""Long steps show their progress on a terminal's standard error, and nowhere else: not in a
pipe or a log, not with --quiet, not for work that ends before the delay."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from graph import progress
from graph.cli import main


class Terminal(io.StringIO):
    """Standard error as a terminal: what a user running hubspoke in a shell has."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _progress_off_afterwards():
    yield
    progress.show_on_terminal(io.StringIO())


def test_a_long_task_shows_its_steps_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.05)
    terminal = Terminal()
    assert progress.show_on_terminal(terminal)
    with progress.task("Indexing", total=2) as step:
        step("reading")
        time.sleep(0.4)
        step("writing")
        time.sleep(0.3)
    shown = terminal.getvalue()
    assert "Indexing" in shown and "writing" in shown


def test_nothing_is_shown_in_a_pipe_with_quiet_or_before_the_delay(monkeypatch) -> None:
    pipe = io.StringIO()
    assert not progress.show_on_terminal(pipe)
    with progress.task("Indexing") as step:
        step("reading")
    assert pipe.getvalue() == ""
    terminal = Terminal()
    assert not progress.show_on_terminal(terminal, quiet=True)
    assert progress.show_on_terminal(terminal)
    with progress.task("Indexing") as step:  # done well before the 2 s delay
        step("reading")
    assert terminal.getvalue() == ""


def test_hubspoke_build_shows_its_steps_on_a_terminal(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["build", "--out", str(tmp_path / "latest"), "--quiet"]) == 0
    # --quiet: errors only, so no progress either
    assert "Building" not in terminal.getvalue()
    assert main(["build", "--out", str(tmp_path / "latest")]) == 0
    assert "Building" in terminal.getvalue()


def test_every_command_shows_the_loading_of_the_graph_unless_quiet(monkeypatch, capsys) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["query", "cq01-models-presented", "--quiet"]) == 0
    assert "Loading" not in terminal.getvalue()
    assert main(["query", "cq01-models-presented"]) == 0
    assert "Loading the graph" in terminal.getvalue()
    assert "Model 1" in capsys.readouterr().out  # the answer itself is untouched
    assert main(["neighbours", "CSEFA", "--view", "partnership"]) == 0
    assert "Projecting the partnership view" in terminal.getvalue()


def test_work_is_still_done_aside_while_progress_is_shown() -> None:
    # the progress threads do not stop an export from drawing its maps in a second process;
    # run in a fresh interpreter, where no other test has left a thread behind
    import subprocess
    import sys

    code = """
import io, os, time
from graph import progress
from graph.export.aside import start

class Terminal(io.StringIO):
    def isatty(self):
        return True

progress.DELAY = 0.0
terminal = Terminal()
assert progress.show_on_terminal(terminal)
with progress.task("Exporting", total=2) as step:
    step("drawing")
    time.sleep(0.3)
    running = progress.own_threads()
    child, shown_there = start(lambda: (os.getpid(), progress.enabled()))()
print(running >= 1, child != os.getpid(), shown_there, "Exporting" in terminal.getvalue())
"""
    env = {k: v for k, v in os.environ.items() if k != "HUBSPOKE_NO_FORK"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["True", "True", "False", "True"], out.stderr
