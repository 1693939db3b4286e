"""Search the files an export has written for anything withheld from its audience.

The last guard of every snapshot (:func:`graph.export.snapshot.write_export`): whatever the
writers did, a file that holds an IRI, a name or a contact detail withheld from the audience
(:meth:`graph.privacy.policy.AudiencePolicy.leak_pattern`) stops the export before its
manifest. Files are read a piece at a time (a national graph's GEXF file is a quarter of a
gigabyte), a database value by value.

Examples
--------
>>> import re, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "graph.nt").write_text('<urn:a> <urn:mbox> "jo@example.org" .', encoding="utf-8")
>>> find_leaks([folder / "graph.nt"], re.compile(re.escape("jo@example.org")), folder)
['graph.nt']
>>> refuse_leaks([folder / "graph.nt"], re.compile("nobody"), folder, "public")
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from graph.errors import SnapshotError

__all__ = ["find_leaks", "refuse_leaks"]


#: Characters read at a time when a written file is searched for anything withheld, and
#: carried over from one piece to the next so that a match across the cut is found.
_SEARCH_PIECE = 1 << 24
_SEARCH_OVERLAP = 4096


def _texts(path: Path) -> Iterator[str]:
    """The text of a written file in pieces (each beginning with the end of the one before);
    for a database, every value of every table and the schema, not its pages."""
    if path.suffix == ".db":
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master")]
            yield "\n".join(str(sql) for (sql,) in db.execute("SELECT sql FROM sqlite_master"))
            for table in tables:
                quoted = table.replace('"', '""')
                try:
                    rows = db.execute(f'SELECT * FROM "{quoted}"')
                except sqlite3.OperationalError:  # an index: its values are its table's
                    continue
                while batch := rows.fetchmany(10_000):
                    yield "\n".join("\t".join(map(str, row)) for row in batch)
        return
    carried = ""
    with open(path, encoding="utf-8", errors="replace") as handle:
        while piece := handle.read(_SEARCH_PIECE):
            yield carried + piece
            carried = piece[-_SEARCH_OVERLAP:]


def find_leaks(files: Iterable[Path], pattern: re.Pattern[str] | None, root: Path) -> list[str]:
    """Which of ``files`` hold a match of ``pattern`` (paths relative to ``root``); none
    without a pattern (nothing withheld)."""
    if pattern is None:
        return []
    return [
        path.relative_to(root).as_posix()
        for path in files
        if any(pattern.search(text) for text in _texts(path))
    ]


def refuse_leaks(
    files: Iterable[Path], pattern: re.Pattern[str] | None, folder: Path, audience: str
) -> None:
    """Raise :class:`SnapshotError` when any of ``files`` holds what ``pattern`` withholds."""
    leaks = find_leaks(sorted(set(files)), pattern, folder)
    if leaks:
        raise SnapshotError(
            f"{folder}: {', '.join(leaks)} hold(s) contact details, names or nodes withheld from the "
            f"{audience} audience; the export stopped before its manifest - report this as a bug"
        )
