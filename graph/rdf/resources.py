"""Where the packaged ontology, shapes, data, sources and queries are.

Everything is read with :mod:`importlib.resources`, so the same code works from a source
checkout, an editable install and an installed wheel, from any working directory.

Examples
--------
>>> [p.name for p in ontology_files()]
['hubspoke.ttl', 'schemes.ttl']
>>> 'learning-exchange-2015-12-01.ttl' in [p.name for p in data_files()]
True
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = [
    "ontology_files",
    "data_files",
    "shape_files",
    "qc_query_files",
    "source_file",
    "query_files",
    "packaged_path",
]

_ONTOLOGY = "graph.ontology"
_QUERIES = "graph.queries"


def _sorted_ttl(folder: Traversable) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.endswith(".ttl")),
        key=lambda p: p.name,
    )


def packaged_path(resource: Traversable) -> Path:
    """Return a filesystem path for a packaged resource (packages are installed unzipped)."""
    with as_file(resource) as path:
        return Path(path)


def ontology_files() -> list[Path]:
    """The ontology and its concept schemes, in load order."""
    root = files(_ONTOLOGY)
    return [packaged_path(root / "hubspoke.ttl"), packaged_path(root / "schemes.ttl")]


def data_files() -> list[Path]:
    """The curated data files of ``ontology/data``, sorted by name."""
    return _sorted_ttl(files(_ONTOLOGY) / "data")


def shape_files(severity: str = "all") -> list[Path]:
    """The SHACL shapes: ``violations.ttl``, ``warnings.ttl`` or both (``"all"``)."""
    names = {"violations": ["violations.ttl"], "warnings": ["warnings.ttl"]}.get(
        severity, ["violations.ttl", "warnings.ttl"]
    )
    root = files(_ONTOLOGY) / "shapes"
    return [packaged_path(root / n) for n in names]


def qc_query_files() -> list[Path]:
    """The quality-control queries ``*-violation.rq``: each must return no rows."""
    folder = files(_ONTOLOGY) / "qc"
    return sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.endswith("-violation.rq")),
        key=lambda p: p.name,
    )


def source_file(name: str) -> Path:
    """A source document copied into ``ontology/sources`` (e.g. the 2015 report)."""
    return packaged_path(files(_ONTOLOGY) / "sources" / name)


def query_files() -> list[Path]:
    """Every packaged named query (``graph/queries/*.rq``), sorted by name."""
    folder = files(_QUERIES)
    return sorted(
        (Path(str(p)) for p in folder.iterdir() if p.name.endswith(".rq")),
        key=lambda p: p.name,
    )
