"""The manifest of a snapshot: what it holds, where it comes from, and a hash per file.

``manifest.json`` records the tool and ontology versions, the repository commit when the
package runs from a git checkout, the audience, counts (triples, entities per class, nodes and
edges per view) and the SHA-256 and size of every other file. ``SHA256SUMS`` repeats the
hashes in the format ``sha256sum -c`` reads, so a receiver can check the files without
installing anything. ``README.md`` tells the receiver what the folder holds.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "graph.nt").write_text("")
>>> hash_files(folder)
{'graph.nt': {'sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'bytes': 0}}
>>> checksums_text(hash_files(folder))
'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  graph.nt\\n'
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from rdflib import Graph
from rdflib.namespace import OWL

from graph.atomic import write_text
from graph.errors import SnapshotError
from graph.rdf.namespaces import ONTOLOGY_IRI

__all__ = [
    "CHECKSUMS",
    "FORMAT",
    "MANIFEST",
    "README",
    "checksums_text",
    "hash_files",
    "make_manifest",
    "ontology_version",
    "read_manifest",
    "readme_text",
    "repository_commit",
    "sha256_file",
    "tool_version",
    "write_manifest",
]

#: The manifest's file name.
MANIFEST = "manifest.json"

#: The ``sha256sum -c`` file's name.
CHECKSUMS = "SHA256SUMS"

#: The receiver's README.
README = "README.md"

#: The manifest format, so that later versions can read older snapshots.
FORMAT = "hubspoke-snapshot/1"

_CHUNK = 1 << 16


def sha256_file(path: Path) -> str:
    """The SHA-256 of the file at ``path``, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def hash_files(folder: Path, paths: Iterable[Path] | None = None) -> dict[str, dict[str, Any]]:
    """SHA-256 and size of ``paths`` (default: every file under ``folder``), by relative path.

    The manifest and the checksums file themselves are left out.
    """
    folder = Path(folder)
    chosen = sorted(p for p in folder.rglob("*") if p.is_file()) if paths is None else sorted(paths)
    entries: dict[str, dict[str, Any]] = {}
    for path in chosen:
        name = _relative(folder, path)
        if name in (MANIFEST, CHECKSUMS):
            continue
        entries[name] = {"sha256": sha256_file(path), "bytes": path.stat().st_size}
    return dict(sorted(entries.items()))


def checksums_text(files: Mapping[str, Mapping[str, Any]]) -> str:
    """The ``SHA256SUMS`` text for the ``files`` entries of a manifest."""
    return "".join(f"{entry['sha256']}  {name}\n" for name, entry in sorted(files.items()))


def tool_version() -> str:
    """The installed hubspoke version (``0+unknown`` from an uninstalled source tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hubspoke")
    except PackageNotFoundError:
        return "0+unknown"


def ontology_version(graph: Graph) -> str | None:
    """The ``owl:versionInfo`` of the hubspoke ontology in ``graph``, if stated."""
    value = graph.value(ONTOLOGY_IRI, OWL.versionInfo)
    return str(value) if value is not None else None


def repository_commit() -> str | None:
    """The git commit of the checkout this package runs from, or ``None`` when unknown.

    A ``+modified`` suffix says the working tree had uncommitted changes.
    """
    root = Path(__file__).resolve().parents[2]
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}+modified" if head and status else head or None


def make_manifest(
    *,
    created: datetime,
    audience: str,
    tag: str | None,
    graph: Graph,
    triples: int | None = None,
    entities: Mapping[str, int],
    views: Mapping[str, Mapping[str, int]],
    files: Mapping[str, Mapping[str, Any]],
    commit: str | None = None,
) -> dict[str, Any]:
    """The manifest as a JSON-ready dict (the key order is the order written).

    ``triples`` is the number of triples written (default: ``len(graph)``); ``views`` the
    number of nodes and edges of each view written, by name
    (:func:`graph.export.networks.view_counts`).
    """
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tag": tag,
        "audience": audience,
        "tool": {"name": "hubspoke", "version": tool_version()},
        "ontology": {"iri": str(ONTOLOGY_IRI), "version": ontology_version(graph)},
    }
    if commit:
        manifest["commit"] = commit
    manifest["counts"] = {
        "triples": len(graph) if triples is None else triples,
        "entities": dict(sorted(entities.items())),
        "views": {name: dict(counted) for name, counted in sorted(views.items())},
    }
    manifest["files"] = dict(sorted(files.items()))
    return manifest


def write_manifest(folder: Path, manifest: Mapping[str, Any]) -> list[Path]:
    """Write ``manifest.json`` and ``SHA256SUMS`` into ``folder``; return both paths."""
    folder = Path(folder)
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return [
        write_text(folder / MANIFEST, text),
        write_text(folder / CHECKSUMS, checksums_text(manifest["files"])),
    ]


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the snapshot ``folder``.

    Raises
    ------
    SnapshotError
        The folder or its manifest is missing, or the manifest is not a hubspoke manifest.
    """
    path = Path(folder) / MANIFEST
    if not Path(folder).is_dir():
        raise SnapshotError(
            f"{folder}: no such snapshot folder - run 'hubspoke snapshots' to list them"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(
            f"{path}: missing - {folder} is not a snapshot, or its manifest was deleted"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path}: unreadable ({exc}) - the manifest was altered") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise SnapshotError(
            f"{path}: not a hubspoke manifest (no 'files' table) - the manifest was altered"
        )
    for name, entry in manifest["files"].items():
        problem = _entry_problem(name, entry)
        if problem:
            raise SnapshotError(f"{path}: file entry {name!r} {problem} - the manifest was altered")
    return manifest


def _entry_problem(name: str, entry: Any) -> str | None:
    """What is wrong with one entry of a manifest's ``files`` table, or None."""
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or "\\" in name or ".." in parts or ":" in name:
        return "is not a path inside the snapshot"
    if not isinstance(entry, dict):
        return f"is a {type(entry).__name__}, not a table with 'sha256' and 'bytes'"
    digest = entry.get("sha256")
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        return "has no valid 'sha256' (64 hexadecimal digits)"
    size = entry.get("bytes")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size < 0):
        return "has a 'bytes' that is not a whole number"
    return None


_AUDIENCE_NOTES = {
    "public": (
        "This is a **public** snapshot: personal contact details (e-mail addresses, telephone "
        "numbers) are left out, e-mail addresses and telephone numbers written inside texts "
        "are replaced by `[e-mail withheld]` and `[telephone withheld]`, and everything the data "
        "marks as team-only or restricted is left out, in every file."
    ),
    "team": (
        "This is a **team** snapshot: it holds personal contact details. Do not pass it on "
        "outside the project team. Everything the data marks as restricted is left out."
    ),
}


def readme_text(audience: str, views: Iterable[str], has_maps: bool) -> str:
    """The README for whoever receives a snapshot (no dates: those are in the manifest)."""
    view_list = "\n".join(
        f"  - `views/{name}/`: `{name}.graphml`, `{name}.gexf`, `nodes.csv`, `edges.csv`"
        for name in views
    )
    maps = (
        "- `maps/`: interactive maps of the views, one HTML file each, opened in a web browser "
        "without a network connection; start from `maps/index.html`.\n"
        if has_maps
        else ""
    )
    return f"""# hubspoke snapshot

The knowledge graph of the CSE Hub and Spoke programme, exported by hubspoke. Every fact in
it can be traced to the sentence of the source document it was read from
(`hs:sourceDocument`, `hs:startLine`, `hs:endLine`).

{_AUDIENCE_NOTES[audience]}

## Files

- `graph.ttl` (Turtle), `graph.nt` (N-Triples, one triple a line, sorted) and
  `graph.jsonld` (JSON-LD with its context inside the file): the same graph, ontology and
  data, in three RDF formats. Open them with any RDF tool (rdflib, Apache Jena, Protégé,
  GraphDB, Oxigraph).
- `ontology.html`: the ontology's documentation (generated by pyLODE): every class and
  property with its label, comment, domain and range. Opens offline in a web browser.
- `views/`: network views of the graph, each in a folder of its own:
{view_list}
  GraphML and GEXF open in Gephi and Cytoscape (the GEXF laid out and coloured as the maps);
  nodes are `n0`, `n1`... with the IRI in their `iri` attribute. The CSV tables (UTF-8 with a
  byte-order mark) open in Excel by double-click; pandas reads them with `encoding="utf-8-sig"`.
  In the CSV tables node ids are the entities' IRIs; `label` is their display name.
- `hubspoke.db`: the statements, documents, sections, codes, coded statements, entities,
  links and claims as a SQLite database with a full-text index over the statements; open it
  with any SQLite tool, or browse and facet it with Datasette: `datasette THIS-FOLDER/`
  (Datasette reads `metadata.json`, its titles, descriptions and facets, from the folder).
{maps}- `manifest.json`: when and from what this snapshot was made (tool and ontology versions,
  repository commit), its audience, counts, and the SHA-256 of every file.
- `SHA256SUMS`: the same hashes for `sha256sum`.

## Checking that nothing was altered

With hubspoke installed: `hubspoke verify THIS-FOLDER`. Without it, from inside this folder:

```sh
sha256sum -c SHA256SUMS
```

Every line must end in `OK`.
"""
