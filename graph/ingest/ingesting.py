"""``hubspoke ingest``: a report in Markdown becomes a source copy, Turtle and a coding sheet.

In the output folder (by default the packaged data folder) an ingest writes:

- ``sources/<document>.md``: the source, byte for byte;
- ``<document>.ttl``: the document, its sections and statements (:mod:`.documenting`);
- ``coding/<document>.csv`` and ``.xlsx``: the coding sheet, one row per statement, with the
  codes the codebook suggests (:mod:`.suggesting`, :mod:`.sheets`).

The same source gives the same files. A source that is not UTF-8, is empty, or holds no
statement raises :class:`graph.errors.IngestError`, and nothing is written.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "r.md").write_text("# 1. AIMS\\n\\n- Regular supervision matters\\n")
>>> report = ingest(folder / "r.md", "demo-report", "Demo report", out=folder / "data")
>>> report.statements, [p.name for p in report.written]
(1, ['demo-report.md', 'demo-report.ttl', 'demo-report.csv', 'demo-report.xlsx'])
>>> (folder / "data" / "coding" / "demo-report.csv").read_text("utf-8-sig").splitlines()[1]
'demo-report,line-3,3,1,bullet,Regular supervision matters,topic:supervision (suggested),,'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.atomic import write_bytes
from graph.errors import IngestError
from graph.ingest.codebook import Codebook
from graph.ingest.documenting import DOCUMENT_ID, document_graph, document_prefixes, issued_literal
from graph.ingest.segmenting import Segmentation, segment
from graph.ingest.sheets import SheetLine, csv_sheet, xlsx_sheet
from graph.ingest.suggesting import suggest
from graph.register.importing import default_data_dir
from graph.register.serialising import turtle_text

__all__ = ["IngestReport", "ingest", "read_source", "sheet_lines"]


@dataclass(frozen=True)
class IngestReport:
    """What an ingest wrote: files, counts, and the headings that opened no section."""

    document: str
    sections: int
    statements: int
    suggested: int
    written: tuple[Path, ...]
    skipped_headings: tuple[tuple[int, str], ...]

    def summary(self) -> str:
        """A few lines for people."""
        lines = [
            f"{self.document}: {self.sections} section(s), {self.statements} statement(s), "
            f"{self.suggested} code(s) suggested"
        ]
        for line, heading in self.skipped_headings:
            lines.append(f"line {line}: heading with nothing under it, not a section: {heading}")
        lines += [f"wrote {p}" for p in self.written]
        return "\n".join(lines)


def read_source(path: str | Path) -> str:
    """The text of a Markdown source; an :class:`IngestError` names what is wrong with it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), exc.strerror or str(exc), hint="check the path") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise IngestError(
            str(path),
            f"the file is not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read",
            line=line,
            hint="save the report as UTF-8 (most editors offer it under 'Save as' / 'Encoding')",
        ) from None
    if not text.strip():
        raise IngestError(str(path), "the file is empty", hint="give the report's text in Markdown")
    return text


def sheet_lines(seg: Segmentation, document: str, codebook: Codebook) -> list[SheetLine]:
    """The coding sheet's rows: one per statement, with suggested codes."""
    numbers = {s.key: s.number or s.title for s in seg.sections}
    return [
        SheetLine(
            document,
            f"line-{u.start}",
            str(u.start) if u.start == u.end else f"{u.start}-{u.end}",
            numbers[u.section],
            u.kind,
            u.text,
            suggest(u.text, codebook),
        )
        for u in seg.units
    ]


def _turtle_header(document: str, title: str) -> str:
    return (
        f"# {title}\n"
        f"# Written by 'hubspoke ingest' from sources/{document}.md: the document, its sections\n"
        "# and one statement per bullet and paragraph, verbatim, with its lines. Curators may\n"
        "# refine it by hand (docs/curation.md); codes come from 'hubspoke coding import'.\n"
    )


def ingest(
    source: str | Path,
    document: str,
    title: str,
    *,
    date: str | None = None,
    out: str | Path | None = None,
    codebook: Codebook | None = None,
) -> IngestReport:
    """Ingest the Markdown report ``source`` as ``document``; return what was written.

    Raises
    ------
    IngestError
        The id, title or date is not usable, or the source is not UTF-8, is empty or holds no
        statement. Nothing is written.
    """
    if not DOCUMENT_ID.match(document):
        raise IngestError(
            "--document",
            f"not a usable document id: {document!r}",
            hint="use lower-case letters, digits and hyphens, e.g. year-2-progress-report",
        )
    if not title.strip():
        raise IngestError("--title", "the title is empty", hint="give the report's title")
    if date is not None:
        issued_literal(date)
    text = read_source(source)
    seg = segment(text)
    if not seg.units:
        raise IngestError(
            str(source),
            "no statement found: the file holds only headings",
            hint="a statement is a bullet ('- ...') or a paragraph of text",
        )
    book = codebook or Codebook.packaged()
    graph = document_graph(seg, document, title.strip(), date=date)
    rows = sheet_lines(seg, document, book)
    folder = Path(out) if out is not None else default_data_dir()
    # the packaged sources sit beside the data folder (ontology/sources), others inside it
    sources = folder.parent / "sources" if out is None else folder / "sources"
    extra = document_prefixes(document)
    turtle = turtle_text(
        graph, header=_turtle_header(document, title.strip()), extra_prefixes=extra
    )
    csv_bytes = csv_sheet(rows).encode("utf-8")
    try:
        xlsx_bytes: bytes | None = xlsx_sheet(rows)
    except ImportError:  # openpyxl is optional: the CSV is enough to code
        xlsx_bytes = None
    written = [
        write_bytes(sources / f"{document}.md", Path(source).read_bytes()),
        write_bytes(folder / f"{document}.ttl", turtle.encode("utf-8")),
        write_bytes(folder / "coding" / f"{document}.csv", csv_bytes),
    ]
    if xlsx_bytes is not None:
        written.append(write_bytes(folder / "coding" / f"{document}.xlsx", xlsx_bytes))
    return IngestReport(
        document=document,
        sections=len(seg.sections),
        statements=len(seg.units),
        suggested=sum(len(r.suggested) for r in rows),
        written=tuple(written),
        skipped_headings=tuple(seg.skipped_headings),
    )
