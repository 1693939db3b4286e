"""``hubspoke coding import``: a coding sheet becomes code assignments, links and memos.

The sheet (CSV or ``.xlsx``, as ``hubspoke ingest`` wrote it and a coder filled it in) is read
with the register's reader and checked row by row (:mod:`graph.ingest.checking`). When nothing
is wrong, ``<document>.coding.<coder>.ttl`` is written in the data folder, holding for every
confirmed code the direct link (``hs:concernsTopic`` ...) and an ``hs:CodeAssignment`` with
the coder and the day (PROV); for every proposal a concept in the pending scheme; for every
memo an ``hs:Memo``, marked ``hs:TeamOnly`` (a coder's working note stays out of public
exports; team exports keep it). The graph is validated with the shapes (beside the ontology and the data
folder) first. On any problem nothing is written and :class:`graph.errors.CodingError` lists
every problem by row and column, as the register's import does.

Examples
--------
>>> import shutil, tempfile, pathlib
>>> from graph.ingest.ingesting import ingest
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "r.md").write_text("# 1. AIMS\\n\\n- Regular supervision matters\\n")
>>> _ = ingest(folder / "r.md", "demo-report", "Demo", out=folder / "data")
>>> sheet = folder / "data" / "coding" / "demo-report.csv"
>>> _ = sheet.write_text(sheet.read_text("utf-8-sig").replace(" (suggested)", ""), "utf-8")
>>> report = import_coding(sheet, folder / "data", coder="Ann Coder", date="2026-12-03")
>>> report.links, report.target.name
(1, 'demo-report.coding.ann-coder.ttl')
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from graph.atomic import write_bytes
from graph.errors import CodingError, DataFileError
from graph.ingest.checking import CodedRow, StatementFacts, check_sheet
from graph.ingest.codebook import Codebook
from graph.ingest.documenting import DOCUMENT_ID, document_namespace, document_prefixes
from graph.ingest.sheets import CODING_LAYOUT
from graph.rdf.loading import load_graph, parse_file
from graph.rdf.namespaces import HS, HSD
from graph.rdf.resources import ontology_files
from graph.register.importing import default_data_dir, shape_problems
from graph.register.reading import read_sheet
from graph.register.serialising import turtle_text

__all__ = [
    "PENDING_SCHEME",
    "CodingReport",
    "coder_iri",
    "coding_file",
    "import_coding",
]

#: The scheme proposed codes go into, until curators add them to the codebook.
PENDING_SCHEME = HSD["scheme/pending"]

_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "unnamed"


def coder_iri(name: str) -> URIRef:
    """The IRI of the coder called ``name``: ``hsd:coder/<slug>``."""
    return HSD[f"coder/{_slug(name)}"]


def coding_file(data_dir: Path, document: str, coder: str) -> Path:
    """Where the coding of ``document`` by ``coder`` is written."""
    return Path(data_dir) / f"{document}.coding.{_slug(coder)}.ttl"


@dataclass(frozen=True)
class CodingReport:
    """What an import found and did."""

    source: str
    target: Path
    document: str
    coder: str
    rows: int
    links: int
    unconfirmed: int
    proposals: int
    memos: int
    written: bool
    dry_run: bool

    def summary(self) -> str:
        """A few lines for people."""
        lines = [
            f"{self.source}: {self.rows} row(s) of {self.document} checked, no problem found",
            f"coder {self.coder}: {self.links} code(s) confirmed, {self.proposals} proposed "
            f"(pending scheme), {self.memos} memo(s); {self.unconfirmed} suggestion(s) left "
            "unconfirmed (not imported)",
        ]
        if self.dry_run:
            lines.append(f"dry run: nothing written to {self.target}")
        elif self.written:
            lines.append(f"wrote {self.target}")
        else:
            lines.append(f"{self.target} is already up to date: nothing written")
        return "\n".join(lines)


def _folder(data_dir: str | Path | None) -> Path:
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataFileError(
            str(folder), "no such data folder", hint="give the folder of the curated *.ttl files"
        )
    return folder


def _statements(graph: Graph, document: str) -> dict[str, StatementFacts]:
    ns = document_namespace(document)
    found = {}
    for s in graph.subjects(HS.sourceDocument, ns["document"]):
        if isinstance(s, URIRef) and str(s).startswith(str(ns)):
            start, end = graph.value(s, HS.startLine), graph.value(s, HS.endLine)
            lines = f"{start}" if start == end else f"{start}-{end}"
            found[str(s)[len(str(ns)) :]] = StatementFacts(s, str(graph.value(s, HS.text)), lines)
    return found


def _previous_dates(target: Path) -> dict[URIRef, Literal]:
    old = Graph()
    if target.is_file():
        parse_file(old, target)
    return {
        s: o
        for s, o in old.subject_objects(HS.codedOn)
        if isinstance(s, URIRef) and isinstance(o, Literal)
    }


def coding_graph(
    rows: list[CodedRow],
    document: str,
    coder: str,
    day: Literal,
    codebook: Codebook,
    kept: Mapping[URIRef, Literal] | None = None,
) -> Graph:
    """The RDF of checked rows: links, assignments, proposals and memos of one coder."""
    g = Graph()
    who = coder_iri(coder)
    g.add((who, RDF.type, HS.Coder))
    g.add((who, RDFS.label, Literal(coder)))
    base = Namespace(f"{document_namespace(document)}coding/{_slug(coder)}/")
    kept = kept or {}
    for row in rows:
        local = str(row.statement).rsplit("/", 1)[1]
        concepts: list[tuple[URIRef, URIRef | None, str]] = [
            (codebook.code(c).iri, codebook.code(c).link, c) for c in row.codes
        ]
        for proposal in row.proposals:
            concept = HSD[f"pending/{proposal.scheme.prefix}/{_slug(proposal.label)}"]
            g.add((concept, RDF.type, SKOS.Concept))
            g.add((concept, RDFS.label, Literal(proposal.label, lang="en")))
            g.add((concept, SKOS.prefLabel, Literal(proposal.label, lang="en")))
            g.add((concept, SKOS.inScheme, PENDING_SCHEME))
            g.add((concept, HS.proposedFor, HSD[f"scheme/{_scheme_local(proposal.scheme.prefix)}"]))
            g.add((concept, HS.codedBy, who))
            concepts.append(
                (concept, None, f"pending-{proposal.scheme.prefix}-{_slug(proposal.label)}")
            )
        for iri, link, name in concepts:
            if link is not None:
                g.add((row.statement, link, iri))
            node = base[f"{local}/{name.replace(':', '-')}"]
            g.add((node, RDF.type, HS.CodeAssignment))
            g.add((node, RDFS.label, Literal(f"{local}: {name} (coded by {coder})", lang="en")))
            g.add((node, HS.codedStatement, row.statement))
            g.add((node, HS.assignedCode, iri))
            g.add((node, HS.codedBy, who))
            g.add((node, HS.codedOn, kept.get(node, day)))
        if row.memo:
            memo = base[f"{local}/memo"]
            g.add((memo, RDF.type, HS.Memo))
            g.add((memo, RDFS.label, Literal(f"{local}: memo by {coder}", lang="en")))
            g.add((memo, HS.memoAbout, row.statement))
            g.add((memo, HS.memoText, Literal(row.memo)))
            g.add((memo, HS.codedBy, who))
            g.add((memo, HS.codedOn, kept.get(memo, day)))
            g.add((memo, HS.sensitivity, HS.TeamOnly))  # a working note: not in public exports
    if any(row.proposals for row in rows):
        g.add((PENDING_SCHEME, RDF.type, SKOS.ConceptScheme))
        g.add((PENDING_SCHEME, RDFS.label, Literal("pending codes", lang="en")))
        g.add((PENDING_SCHEME, SKOS.prefLabel, Literal("pending codes", lang="en")))
    return g


def _scheme_local(prefix: str) -> str:
    return {"topic": "topics", "group": "target-groups", "role": "roles", "agency": "agency-types"}[
        prefix
    ]


def _header(document: str, coder: str) -> str:
    return (
        f"# The coding of {document} by {coder}, written by 'hubspoke coding import' from the\n"
        "# coding sheet. Do not edit by hand: edit the sheet and import it again.\n"
    )


def import_coding(
    source: str | Path,
    data_dir: str | Path | None = None,
    *,
    coder: str | None = None,
    date: str | None = None,
    dry_run: bool = False,
) -> CodingReport:
    """Check the coding sheet ``source`` and write the coding into ``data_dir``.

    Parameters
    ----------
    source : path
        The coding sheet: ``.csv`` (UTF-8) or ``.xlsx``.
    data_dir : path, optional
        The data folder holding the document's Turtle (default: the packaged data folder).
    coder : str, optional
        The coder's name (default: the login name).
    date : str, optional
        The day of the coding, ``YYYY-MM-DD`` (default: today).
    dry_run : bool
        Check everything, write nothing.

    Raises
    ------
    CodingError
        Anything is wrong; ``problems`` lists each by row and column, nothing was written.
    """
    folder = _folder(data_dir)
    coder = (coder or getpass.getuser()).strip()
    day = Literal(date or dt.date.today().isoformat(), datatype=XSD.date)
    if day.ill_typed:
        raise CodingError(str(source), [f"file: --date {date!r} is not a date - write YYYY-MM-DD"])
    sheet = read_sheet(source, CODING_LAYOUT)
    document = sheet.rows[0].cells.get("document", "") if sheet.rows else ""
    if sheet.problems and not sheet.rows:
        raise CodingError(str(source), [str(p) for p in sheet.problems])
    if not DOCUMENT_ID.match(document):
        raise CodingError(
            str(source),
            [
                f"row 2, column document: not a document id ({document!r}) - write the id given "
                "to 'hubspoke ingest --document'"
            ],
        )
    target = coding_file(folder, document, coder)
    files = sorted(p for p in folder.glob("*.ttl") if p != target)
    curated = load_graph([*ontology_files(), *files], include_defaults=False)
    statements = _statements(curated, document)
    if not statements:
        raise CodingError(
            str(source),
            [
                f"row 2, column document: no statement of {document} in {folder} - ingest the "
                "document first, or give its data folder with --data-dir"
            ],
        )
    codebook = Codebook.from_graph(curated)
    rows, problems = check_sheet(sheet, document, statements, codebook)
    if problems:
        raise CodingError(str(source), [str(p) for p in problems])
    graph = coding_graph(rows, document, coder, day, codebook, _previous_dates(target))
    by_row: dict[URIRef, int] = {}
    for row in rows:
        by_row[row.statement] = row.row
        for node in graph.subjects(HS.codedStatement, row.statement):
            if isinstance(node, URIRef):
                by_row[node] = row.row
    violations = shape_problems(curated, graph, by_row)
    if violations:
        raise CodingError(str(source), violations)
    extra = document_prefixes(document)
    text = turtle_text(graph, header=_header(document, coder), extra_prefixes=extra).encode()
    changed = not target.is_file() or target.read_bytes() != text
    if changed and not dry_run:
        write_bytes(target, text)
    return CodingReport(
        source=str(source),
        target=target,
        document=document,
        coder=coder,
        rows=len(sheet.rows),
        links=sum(len(r.codes) for r in rows),
        unconfirmed=sum(r.unconfirmed for r in rows),
        proposals=sum(len(r.proposals) for r in rows),
        memos=sum(1 for r in rows if r.memo),
        written=changed and not dry_run,
        dry_run=dry_run,
    )
