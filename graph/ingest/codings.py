"""Read a coding for :mod:`graph.ingest.agreement`: from a coding file, a coding sheet, or the
name of a coder whose coding was imported into the data folder.

A coding is the codes each statement of one document was given: for a coding file
(``*.coding.*.ttl``) its code assignments; for a coding sheet its confirmed codes (a code
still marked ``(suggested)`` was not confirmed); for a coder's name the coding file of that
coder in the data folder.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sheet = folder / "s.csv"
>>> _ = sheet.write_text("document,statement,lines,section,kind,text,codes,proposed,memo\\n"
...                      "demo,line-3,3,1,bullet,Hi,topic:risk; role:manager (suggested),,\\n")
>>> coding = read_coding(str(sheet), folder)
>>> coding.document, coding.codes
('demo', {'line-3': {'topic:risk'}})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from graph.errors import CodingError
from graph.ingest.agreement import Agreement, agreement
from graph.ingest.coding import coding_file
from graph.ingest.documenting import document_namespace
from graph.ingest.sheets import CODING_LAYOUT, parse_codes
from graph.rdf.loading import load_graph, parse_file
from graph.rdf.namespaces import HS, curie
from graph.register.importing import default_data_dir
from graph.register.reading import read_sheet

__all__ = ["Coding", "compare_codings", "read_coding", "statement_texts"]

_SHEETS = (".csv", ".txt", ".xlsx", ".xlsm")


@dataclass
class Coding:
    """One coder's codes of one document, by statement id, with the texts when known."""

    name: str
    document: str
    codes: dict[str, set[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def _from_turtle(path: Path, name: str) -> Coding:
    g = Graph()
    parse_file(g, path)
    documents = set()
    codes: dict[str, set[str]] = {}
    for node in set(g.subjects(HS.codedStatement, None)):
        statement = g.value(node, HS.codedStatement)
        code = g.value(node, HS.assignedCode)
        if not isinstance(statement, URIRef) or code is None:
            continue
        base, local = str(statement).rstrip("/").rsplit("/", 1)
        documents.add(base.rsplit("/", 1)[1])
        codes.setdefault(local, set()).add(curie(code))
    if len(documents) != 1:
        raise CodingError(
            str(path),
            [
                f"file: the file holds codings of {len(documents)} documents "
                f"({', '.join(sorted(documents)) or 'none'}) - give the coding of one document"
            ],
        )
    return Coding(name, documents.pop(), codes)


def _from_sheet(path: Path, name: str) -> Coding:
    sheet = read_sheet(path, CODING_LAYOUT)
    if sheet.problems:
        raise CodingError(str(path), [str(p) for p in sheet.problems])
    documents = {r.cells.get("document", "") for r in sheet.rows}
    if len(documents) != 1:
        raise CodingError(
            str(path),
            ["file: the sheet codes more than one document, or none - give one document's sheet"],
        )
    coding = Coding(name, documents.pop())
    for row in sheet.rows:
        key = row.cells.get("statement", "")
        coding.codes[key] = {
            c for c, confirmed in parse_codes(row.cells.get("codes", "")) if confirmed
        }
        coding.texts[key] = row.cells.get("text", "")
    return coding


def read_coding(spec: str, data_dir: Path, document: str | None = None) -> Coding:
    """The coding ``spec`` names: a coding file, a coding sheet, or a coder's name (whose
    ``<document>.coding.<coder>.ttl`` is looked for in ``data_dir``)."""
    path = Path(spec)
    if path.is_file():
        if path.suffix.lower() in _SHEETS:
            return _from_sheet(path, path.name)
        return _from_turtle(path, path.name)
    if document is not None:
        target = coding_file(data_dir, document, spec)
        candidates = [target] if target.is_file() else []
    else:
        slug = coding_file(data_dir, "x", spec).name.split(".coding.", 1)[1]
        candidates = sorted(data_dir.glob(f"*.coding.{slug}"))
    if len(candidates) == 1:
        return _from_turtle(candidates[0], spec)
    if not candidates:
        raise CodingError(
            spec,
            [
                f"file: no such coding file, and no coding by a coder called {spec!r} in {data_dir}"
                " - give a coding file, a coding sheet, or the name given to --coder on import"
            ],
        )
    names = ", ".join(p.name for p in candidates)
    raise CodingError(
        spec, [f"file: {spec} coded several documents ({names}) - say which with --document"]
    )


def statement_texts(graph: Graph, document: str) -> dict[str, str]:
    """The statements of ``document`` in ``graph``, by id, with their texts."""
    ns = str(document_namespace(document))
    return {
        str(s)[len(ns) :]: str(t)
        for s, t in graph.subject_objects(HS.text)
        if str(s).startswith(ns) and graph.value(s, HS.sourceDocument) == URIRef(ns + "document")
    }


def compare_codings(
    a_spec: str, b_spec: str, data_dir: str | Path | None = None, document: str | None = None
) -> tuple[Agreement, Coding, Coding, dict[str, str]]:
    """The agreement of the codings ``a_spec`` and ``b_spec`` (files or coders' names), the two
    codings, and the statements' texts. The units are the document's statements in the data
    folder when it holds them, else every statement either coding names."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    a = read_coding(a_spec, folder, document)
    b = read_coding(b_spec, folder, document or a.document)
    if a.document != b.document:
        raise CodingError(
            f"{a_spec} / {b_spec}",
            [
                f"file: the codings are of two documents ({a.document}, {b.document}) - compare two "
                "codings of the same document"
            ],
        )
    files = (
        [p for p in sorted(folder.glob("*.ttl")) if ".coding." not in p.name]
        if folder.is_dir()
        else []
    )
    texts = statement_texts(load_graph(files, include_defaults=False), a.document) if files else {}
    texts = {**b.texts, **a.texts, **texts}
    return agreement(a.codes, b.codes, texts), a, b, texts
