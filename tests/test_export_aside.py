"""The maps of an export are drawn in a second process; the export is the same either way."""

from __future__ import annotations

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


def test_discarded_work_leaves_no_process_and_no_error(forking: bool) -> None:
    aside.discard(aside.start(_fail))


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
