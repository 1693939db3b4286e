"""Check a snapshot against its manifest: every file present, unchanged, and nothing added.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.kg import load
>>> from graph.export.snapshot import export_snapshot
>>> folder = export_snapshot(load(), pathlib.Path(tempfile.mkdtemp()), views=["models"], maps=False)
>>> verify_snapshot(folder).ok
True
>>> _ = (folder / "views" / "models" / "nodes.csv").write_text("id\\n")
>>> (folder / "graph.nt").unlink()
>>> _ = (folder / "notes.txt").write_text("mine")
>>> print(verify_snapshot(folder).text())  # doctest: +ELLIPSIS
/.../ does not match its manifest:
  altered: views/models/nodes.csv
  missing: graph.nt
  extra: notes.txt
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.export.manifest import CHECKSUMS, MANIFEST, checksums_text, read_manifest, sha256_file

__all__ = ["VerifyReport", "verify_snapshot"]


@dataclass
class VerifyReport:
    """What :func:`verify_snapshot` found: files altered, missing and extra (relative paths)."""

    folder: Path
    checked: int = 0
    altered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file matches the manifest and there is no other file."""
        return not (self.altered or self.missing or self.extra)

    def problems(self) -> list[str]:
        """One line per problem, ``altered: PATH``, ``missing: PATH`` or ``extra: PATH``."""
        return (
            [f"altered: {p}" for p in self.altered]
            + [f"missing: {p}" for p in self.missing]
            + [f"extra: {p}" for p in self.extra]
        )

    def text(self) -> str:
        """A summary for people."""
        if self.ok:
            return f"{self.folder}/: all {self.checked} files match the manifest"
        lines = [f"{self.folder}/ does not match its manifest:"]
        lines += [f"  {line}" for line in self.problems()]
        return "\n".join(lines)


def verify_snapshot(folder: Path) -> VerifyReport:
    """Recompute the SHA-256 of every file of the snapshot ``folder`` and compare.

    ``SHA256SUMS`` must agree with the manifest too; the manifest itself cannot be checked
    (keep a copy of it, or of its hash, elsewhere to prove it was not replaced).

    Raises
    ------
    SnapshotError
        ``folder`` is not a snapshot, or its manifest is missing or unreadable.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    expected: dict[str, dict[str, object]] = manifest["files"]
    report = VerifyReport(folder, checked=len(expected))
    present = {
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()
    }
    for name, entry in sorted(expected.items()):
        path = folder / name
        if name not in present or not path.is_file():
            report.missing.append(name)
        elif sha256_file(path) != entry.get("sha256"):
            report.altered.append(name)
    checksums = folder / CHECKSUMS
    if CHECKSUMS not in present:
        report.missing.append(CHECKSUMS)
    elif checksums.read_bytes() != checksums_text(expected).encode("utf-8"):
        report.altered.append(CHECKSUMS)
    report.extra = sorted(present - set(expected) - {MANIFEST, CHECKSUMS})
    report.altered.sort()
    report.missing.sort()
    return report
