"""Write files and folders so that a reader never sees them half-written.

Each writer writes to a temporary sibling and renames it into place; on any error the
temporary is removed and the old file, if any, stays as it was.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "hello").read_text()
'hello'
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

__all__ = [
    "write_text",
    "write_bytes",
    "write_with",
    "write_via",
    "write_pieces",
    "write_text_pieces",
    "staged_directory",
]

#: Characters of text gathered before they are encoded and written by :func:`write_pieces`.
_BATCH = 1 << 22
#: A piece at least this long is encoded and written on its own.
_ALONE = 1 << 16


def write_via(path: Path, writer: Callable[[Path], None]) -> Path:
    """Call ``writer`` with a temporary path beside ``path``, then rename it to ``path``.

    For writers that need a file name rather than a handle (SQLite, for instance).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(tmp)
        os.chmod(tmp, 0o644)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return path


#: The folders being staged by :func:`staged_directory` in this process (and its forks).
_STAGING: set[Path] = set()


def _staged(path: Path) -> bool:
    """True when ``path`` lies in a folder being staged: it is synced with the folder."""
    return any(folder in path.parents for folder in _STAGING)


def _sync_filesystem(folder: Path) -> None:
    """Flush the file system holding ``folder`` to disk, once for all its new files."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if not hasattr(libc, "syncfs") or libc.syncfs(fd) != 0:
            os.sync()
    except OSError:
        os.sync()
    finally:
        os.close(fd)


def write_with(path: Path, writer: Callable[[IO[bytes]], None]) -> Path:
    """Call ``writer`` on a temporary binary file beside ``path``, then rename it to ``path``.

    The file is flushed to disk (``fsync``) before the rename, unless it is written into a
    folder being staged by :func:`staged_directory`, which flushes all its files at once.
    """
    staged = _staged(Path(path).absolute())

    def _through_handle(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            writer(handle)
            handle.flush()
            if not staged:
                os.fsync(handle.fileno())

    return write_via(path, _through_handle)


def write_pieces(pieces: Iterable[str], handle: IO[bytes]) -> None:
    """Encode ``pieces`` as UTF-8 onto the binary ``handle``, some megabytes at a time, so
    that a large document (a view's GraphML, a map's page) is never held whole in memory.

    >>> import io
    >>> out = io.BytesIO()
    >>> write_pieces(["caf", "\u00e9", "!" * 5], out)
    >>> out.getvalue().decode("utf-8")
    'caf\u00e9!!!!!'
    >>> out = io.BytesIO()
    >>> write_pieces(["<", "x" * 100_000, ">"], out)  # a long piece goes on its own, in order
    >>> value = out.getvalue()
    >>> len(value), value[:2], value[-2:]
    (100002, b'<x', b'x>')
    """
    batch: list[str] = []
    size = 0
    for piece in pieces:
        if len(piece) >= _ALONE:
            # on its own: joined into a batch, one wide character in it would make the whole
            # batch slower to encode (a map's data comes in pieces of a megabyte or more)
            handle.write("".join(batch).encode("utf-8"))
            handle.write(piece.encode("utf-8"))
            batch.clear()
            size = 0
            continue
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            handle.write("".join(batch).encode("utf-8"))
            batch.clear()
            size = 0
    handle.write("".join(batch).encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return ``path``."""

    def _write(handle: IO[bytes]) -> None:
        handle.write(data)

    return write_with(path, _write)


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically and return ``path``."""
    return write_bytes(path, text.encode("utf-8"))


def write_text_pieces(path: Path, pieces: Iterable[str]) -> Path:
    """:func:`write_text` of the text given in ``pieces`` (:func:`write_pieces`), never held
    whole: a view's CSV table, a map's page.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.txt"
    >>> write_text_pieces(path, ["a", "\u00e9"]).read_text(encoding="utf-8")
    'a\u00e9'
    """
    return write_with(path, lambda handle: write_pieces(pieces, handle))


_STALE_NAME = re.compile(r"^\..+\.pid(?P<pid>\d+)\.[^.]+\.partial$")
_UNOWNED_AGE = 3600.0  # seconds after which a staging folder without an owner is stale


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def clean_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders (``.NAME.pidN.XXXX.partial``) in ``folder`` whose writer is
    gone (killed part-way, e.g. by ``kill -9``); return those removed.

    A staging folder whose process still runs is another writer's, and is left alone; one
    without a process id in its name (an older layout) is removed once it is an hour old.
    """
    removed: list[Path] = []
    if not Path(folder).is_dir():
        return removed
    for path in Path(folder).iterdir():
        if not (path.name.startswith(".") and path.name.endswith(".partial") and path.is_dir()):
            continue
        match = _STALE_NAME.match(path.name)
        if match:
            stale = not _alive(int(match.group("pid")))
        else:
            stale = time.time() - path.stat().st_mtime > _UNOWNED_AGE
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextlib.contextmanager
def staged_directory(target: Path, *, replace: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success rename it to ``target``.

    With ``replace=False`` an existing ``target`` is an error (:class:`FileExistsError`) and is
    never touched. With ``replace=True`` the old folder is swapped out only after the new one
    is complete. On any error the temporary folder is removed; one left by a writer that was
    killed (``kill -9``, power cut) is removed by the next call in the same folder
    (:func:`clean_stale_staging`). The files written into it with this module are flushed to
    disk together, once, before the rename (not one ``fsync`` per file).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(target.parent)
    if target.exists() and not replace:
        raise FileExistsError(f"{target} exists already")
    staging = Path(
        tempfile.mkdtemp(
            prefix=f".{target.name}.pid{os.getpid()}.", suffix=".partial", dir=target.parent
        )
    )
    _STAGING.add(staging.absolute())
    try:
        yield staging
        _sync_filesystem(staging)  # every file written into it, once, before it is renamed
        os.chmod(staging, 0o755)
        if target.exists() and replace:
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            # os.rename onto an existing non-empty folder fails, so two writers cannot both win
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _STAGING.discard(staging.absolute())
