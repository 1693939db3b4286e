"""The maps of an export are drawn in a second process; the export is the same either way."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.export import aside
from graph.export.snapshot import write_export
from graph.kg import KnowledgeGraph

WHEN = datetime(2026, 11, 28, 10, 30, tzinfo=UTC)


@pytest.fixture(params=["fork", "no fork"])
def forking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    if request.param == "no fork":
        monkeypatch.setenv("HUBSPOKE_NO_FORK", "1")
    return request.param == "fork"


def _answer() -> list[int]:
    return [len(range(3)), 2 * 21]


def _fail() -> None:
    raise ValueError("no such view 'maps'")


def test_work_done_aside_hands_back_its_result(forking: bool) -> None:
    if not forking:
        assert not aside._can_fork()
    assert aside.start(_answer)() == [3, 42]


def test_work_done_aside_hands_back_its_error(forking: bool) -> None:
    wait = aside.start(_fail)
    with pytest.raises(ValueError, match="no such view 'maps'"):
        wait()


def _fail_later(mark: Path) -> None:
    time.sleep(0.3)
    mark.write_text("finished", encoding="utf-8")
    raise ValueError("no such view 'maps'")


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked during the test, as they are forked."""
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forked


def test_discarded_work_leaves_no_process_and_no_error(
    forking: bool, tmp_path: Path, children: list[int]
) -> None:
    mark = tmp_path / "mark"
    forks = aside._can_fork()
    assert forks or not forking or threading.active_count() > 1
    aside.discard(aside.start(lambda: _fail_later(mark)))  # its ValueError is not raised
    assert mark.read_text(encoding="utf-8") == "finished"  # discard waited for the work
    assert len(children) == (1 if forks else 0)
    for pid in children:  # reaped: no such child any more
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_an_interruption_while_discarding_is_not_swallowed() -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        aside.discard(interrupted)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_export_is_the_same_whether_the_maps_are_drawn_aside_or_not(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aside_folder, inline_folder = tmp_path / "aside", tmp_path / "inline"
    aside_folder.mkdir()
    inline_folder.mkdir()
    first = write_export(kg, aside_folder, views=["models", "topics"], created=WHEN)
    monkeypatch.setenv("HUBSPOKE_NO_FORK", "1")
    second = write_export(kg, inline_folder, views=["models", "topics"], created=WHEN)
    assert [p.relative_to(aside_folder) for p in first] == [
        p.relative_to(inline_folder) for p in second
    ]
    assert any(p.parent.name == "maps" for p in first)
    assert _files(aside_folder) == _files(inline_folder)


def test_waiting_again_gives_the_same_outcome_without_waiting_for_another_process(
    forking: bool,
) -> None:
    wait = aside.start(_answer)
    assert wait() == wait() == [3, 42]
    failing = aside.start(_fail)
    for _ in range(2):
        with pytest.raises(ValueError, match="no such view 'maps'"):
            failing()
    aside.discard(failing)  # after a wait: nothing left to reap, no error


def test_the_database_process_reads_no_source_graph_on_any_store_and_exports_the_same(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # RocksDB's background threads hold locks that a fork copies, and a fork reading an
    # in-memory Oxigraph store copies what it reads: what no file may hold is worked out
    # before the fork, and the database's process is handed only the visible graph
    import graph
    from graph.export import snapshot

    on_disk = graph.load(store=f"oxigraph:{tmp_path / 'kg'}")
    handed = tmp_path / "handed.txt"  # written in the forked process, read here
    real = snapshot._tabulate

    def tabulate(visible: KnowledgeGraph, *args: object) -> object:
        sources = (on_disk.graph, kg.graph)
        with handed.open("a", encoding="utf-8") as out:
            given = [visible.graph, *args]
            out.write(f"{any(a is s for a in given for s in sources)} {type(args[1]).__name__}\n")
        return real(visible, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "_tabulate", tabulate)
    disk_folder, memory_folder = tmp_path / "disk", tmp_path / "memory"
    disk_folder.mkdir()
    memory_folder.mkdir()
    write_export(on_disk, disk_folder, views=["models"], maps=False, created=WHEN)
    write_export(kg, memory_folder, views=["models"], maps=False, created=WHEN)
    # no source graph handed over; the pattern of what is withheld was, worked out already
    assert handed.read_text(encoding="utf-8").split("\n") == ["False Pattern"] * 2 + [""]
    assert _files(disk_folder) == _files(memory_folder)
    on_disk.graph.close()


@pytest.mark.parametrize(
    ("step", "error", "processes"),
    [
        # a view file that cannot be written: the pattern of what no file may hold, the
        # database and the maps were each worked out in a process of its own
        ("write_views", "views/models/models.graphml: disk full", 3),
        # the graph cannot be read: only the pattern's process had started
        ("visible_triples", "graph.ttl: cannot be read", 1),
    ],
)
def test_an_export_that_fails_while_its_other_processes_work_leaves_none_behind(
    kg: KnowledgeGraph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    children: list[int],
    step: str,
    error: str,
    processes: int,
) -> None:
    # a failure waits for every process started, reaps it, and publishes nothing
    from graph.errors import ExportError
    from graph.export import snapshot

    def broken(*_: object, **__: object) -> list[Path]:
        raise ExportError(error)

    monkeypatch.setattr(snapshot, step, broken)
    with pytest.raises(ExportError, match=error):
        snapshot.export_snapshot(kg, tmp_path, views=["models"], now=WHEN)
    assert list(tmp_path.iterdir()) == []
    assert len(children) == (processes if aside._can_fork() else 0)
    for pid in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
