"""Read the ontology, the curated data and extra files into one rdflib graph, offline.

Nothing here touches the network: no ``owl:imports`` is followed, and every file passes the
guards of :mod:`graph.rdf.guards` first (empty files refused, a byte-order mark accepted, no
JSON-LD context fetched, no RDF/XML entity expanded into others).

Examples
--------
>>> g = load_graph()
>>> len(g) > 1000
True
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.util import guess_format

from graph.errors import DataFileError
from graph.rdf.fastparse import FAST_FORMATS, parse_into
from graph.rdf.guards import check_file, check_text, has_bom
from graph.rdf.namespaces import bind_prefixes
from graph.rdf.oxterms import oxigraph_converter
from graph.rdf.resources import data_files, ontology_files

__all__ = [
    "RDF_SUFFIXES",
    "expand_paths",
    "parse_file",
    "load_graph",
    "default_files",
    "oxigraph_quads",
]

#: File suffixes read as RDF when a folder is given.
RDF_SUFFIXES = (".ttl", ".nt", ".n3", ".trig", ".nq", ".jsonld", ".json", ".rdf", ".owl", ".xml")

_LINE_IN_MESSAGE = re.compile(r"line (\d+)")


def default_files() -> list[Path]:
    """The packaged ontology, concept schemes and curated data, in load order."""
    return [*ontology_files(), *data_files()]


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the RDF files they hold (sorted); check that each path exists.

    >>> expand_paths(["/no/such/file.ttl"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.DataFileError: /no/such/file.ttl: no such file or folder - ...
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in RDF_SUFFIXES)
            if not found:
                raise DataFileError(
                    str(path),
                    "the folder holds no RDF file",
                    hint=f"add {', '.join(RDF_SUFFIXES)} files",
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataFileError(str(path), "no such file or folder", hint="check the path")
    return files


def _format_for(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonld", ".json"):
        return "json-ld"
    fmt = guess_format(str(path))
    if fmt is None:
        raise DataFileError(
            str(path),
            f"unknown RDF format for suffix {suffix!r}",
            hint=f"use one of {', '.join(RDF_SUFFIXES)}",
        )
    return fmt


def _parse_fast(graph: Graph, path: Path, fmt: str, bulk: bool) -> Graph:
    """Turtle and N-Triples go through Oxigraph's parser (see :mod:`graph.rdf.fastparse`)."""

    with _syntax_errors(path, fmt):
        return parse_into(graph, path, fmt, bulk=bulk)


@contextmanager
def _syntax_errors(path: Path, fmt: str) -> Iterator[None]:
    """Oxigraph's syntax and I/O errors as :class:`DataFileError` naming the file and line."""
    try:
        yield
    except SyntaxError as exc:
        detail = (exc.msg or "syntax error").split(": ", 1)[-1]
        column = f" (column {exc.offset})" if exc.offset else ""
        raise DataFileError(
            str(path), f"cannot parse as {fmt}: {detail}{column}", line=exc.lineno
        ) from None
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or str(exc), hint="check the path") from None


def parse_file(graph: Graph, path: Path, *, bulk: bool = False) -> Graph:
    """Parse one RDF file into ``graph``; syntax errors become :class:`DataFileError`.

    The error names the file and, where the parser says it, the line. Turtle and N-Triples
    are read with Oxigraph's parser (several times faster); ``bulk`` loads a graph on the
    Oxigraph store without a transaction (for a store being built).
    """
    fmt = _format_for(path)
    check_file(path)  # graph.rdf.guards: an empty file is an error
    if fmt in FAST_FORMATS and not has_bom(path):
        term_log = logging.getLogger("rdflib.term")
        level = term_log.level
        term_log.setLevel(logging.CRITICAL)  # ill-typed literals are reported by SHACL
        try:
            return _parse_fast(graph, path, fmt, bulk)
        finally:
            term_log.setLevel(level)
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is accepted
    except UnicodeDecodeError as exc:
        raise DataFileError(
            str(path), f"not UTF-8 text (byte {exc.start})", hint="save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or str(exc), hint="check the path") from None
    check_text(path, text, fmt)  # graph.rdf.guards: remote JSON-LD contexts, entity bombs
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    # ill-typed literals ("2015-13-45"^^xsd:date) are kept as they are and reported by SHACL;
    # rdflib's own traceback for them would only be noise
    term_log.setLevel(logging.CRITICAL)
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many types; all mean "bad syntax"
        line = getattr(exc, "lines", None)
        if isinstance(line, int):
            line += 1
            reason = str(getattr(exc, "_why", "")) or "syntax error"
        else:
            match = _LINE_IN_MESSAGE.search(str(exc))
            line = int(match.group(1)) if match else None
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataFileError(str(path), f"cannot parse as {fmt}: {reason}", line=line) from None
    finally:
        term_log.setLevel(level)
    return graph


def oxigraph_quads(path: Path, *, prefixes: dict[str, str] | None = None) -> Iterator[Any]:
    """The triples of one RDF file as Oxigraph quads in the default graph, as written.

    Literals keep the datatype they were written with and blank nodes are fresh for the file.
    Turtle and N-Triples stream through Oxigraph's parser; other formats are read with rdflib.
    The prefixes the file declares are added to ``prefixes`` (a prefix already there is kept).
    """
    import pyoxigraph as ox

    found: dict[str, str] = {}
    fmt = _format_for(path)
    check_file(path)  # graph.rdf.guards: an empty file is an error
    if fmt not in FAST_FORMATS or has_bom(path):
        term = oxigraph_converter()
        parsed = parse_file(Graph(bind_namespaces="none"), path)
        for s, p, o in parsed:
            yield ox.Quad(term(s), term(p), term(o))
        found = {prefix: str(namespace) for prefix, namespace in parsed.namespaces()}
    else:
        rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        with _syntax_errors(path, fmt):
            parser = ox.parse(
                path=str(path),
                format=rdf_format,
                base_iri=path.resolve().as_uri(),
                without_named_graphs=True,
                rename_blank_nodes=True,
            )
            yield from parser
        found = dict(parser.prefixes)
    if prefixes is not None:
        for prefix, namespace in found.items():
            prefixes.setdefault(prefix, namespace)


def load_graph(
    extra: Sequence[str | Path] = (),
    *,
    include_defaults: bool = True,
    graph: Graph | None = None,
) -> Graph:
    """Load the packaged ontology and data, plus ``extra`` files or folders, into a graph.

    Parameters
    ----------
    extra : sequence of paths
        More RDF files, or folders of them, to add (e.g. a register export).
    include_defaults : bool
        Load the packaged ontology and curated data first (default ``True``).
    graph : rdflib.Graph, optional
        The graph (and so the store) to load into; a new in-memory graph by default.

    Raises
    ------
    DataFileError
        A file is missing, not UTF-8, or not valid RDF (the message names file and line).
    """
    target = bind_prefixes(graph if graph is not None else Graph())
    paths = (default_files() if include_defaults else []) + expand_paths(extra)
    for path in paths:
        parse_file(target, path)
    return target
