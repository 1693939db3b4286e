"""Broken shapes files: a message that names the file and the shape, never a traceback.

A shape without ``sh:path``, an ``sh:sparql`` whose query does not parse, or
``sh:minCount "one"`` make pySHACL (or Oxigraph, running a compiled shape) raise its own
exception. :func:`shapes_error` turns any of them into a :class:`~graph.errors.DataFileError`
that says which shapes file, which shape and what the engine said; :func:`require_shapes`
refuses a shapes file that defines no shape at all (it would let everything conform).

Examples
--------
>>> from rdflib import Graph
>>> require_shapes(Path("empty-shapes.ttl"), Graph())  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.DataFileError: empty-shapes.ttl: defines no SHACL shape, so nothing would be checked - ...
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graph.errors import DataFileError
from graph.rdf.namespaces import curie

__all__ = ["require_shapes", "shapes_error"]

_COUNTS = (
    SH.minCount,
    SH.maxCount,
    SH.minLength,
    SH.maxLength,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
)
_SHAPE_MARKS = (SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def require_shapes(path: Path, shapes: Graph) -> None:
    """Raise :class:`DataFileError` when the parsed shapes file ``path`` defines no shape."""
    typed = any(shapes.subjects(RDF.type, SH.NodeShape)) or any(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    if not typed and not any(any(shapes.subject_objects(p)) for p in _SHAPE_MARKS):
        raise DataFileError(
            str(path),
            "defines no SHACL shape, so nothing would be checked",
            hint="restore the shapes (git checkout the file) or add sh:NodeShape definitions",
        )


def _named_shape(shapes: Graph, node: Node) -> Node:
    """The named shape a blank property or SPARQL shape hangs from (or the node itself)."""
    seen: set[Node] = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = next(iter(shapes.subjects(None, node)), None)
        if parent is None:
            break
        node = parent
    return node


def _bad_sparql(shapes: Graph) -> Node | None:
    from rdflib.plugins.sparql import prepareQuery  # lazy: rdflib's SPARQL parser, when needed

    for key in (SH.select, SH.ask, SH.construct):
        for holder, text in shapes.subject_objects(key):
            try:
                prepareQuery(str(text))
            except Exception:  # any parse failure locates the broken query
                return holder
    return None


def _culprit(shapes: Graph, message: str) -> Node | None:
    for node in set(shapes.subjects()):
        name = str(node)
        if (isinstance(node, BNode) and name in message) or (
            isinstance(node, URIRef) and (name in message or curie(node) in message)
        ):
            return node
    return _bad_count(shapes) or _bad_sparql(shapes)


def _bad_count(shapes: Graph) -> Node | None:
    for key in _COUNTS:
        for holder, value in shapes.subject_objects(key):
            if not (isinstance(value, Literal) and isinstance(value.toPython(), int)):
                return holder
    return None


def _file_of(shape: Node, files: Sequence[Path]) -> Path | None:
    if not isinstance(shape, URIRef):
        return None
    for path in files:
        try:
            if str(shape) in path.read_text(encoding="utf-8-sig") or (
                curie(shape).split(":", 1)[-1] in path.read_text(encoding="utf-8-sig")
            ):
                return path
        except OSError:
            continue
    return None


def shapes_error(exc: BaseException, shapes: Graph, files: Sequence[Path]) -> DataFileError:
    """The error to raise for ``exc``, raised while running the shapes of ``files``."""
    said = str(exc).strip().splitlines()
    reason = said[0] if said else type(exc).__name__
    culprit = _culprit(shapes, str(exc))
    shape = _named_shape(shapes, culprit) if culprit is not None else None
    where = _file_of(shape, files) if shape is not None else None
    name = f"shape {curie(shape)}" if isinstance(shape, URIRef) else "a shape"
    source = str(where) if where else " or ".join(str(p) for p in files)
    return DataFileError(
        source,
        f"{name} cannot be used: {reason[:300]}",
        hint="fix that shape (every property shape needs sh:path, counts are integers, "
        "SPARQL must parse)",
    )
