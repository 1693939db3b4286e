"""Import a register into ``<data folder>/register.ttl``, export it back, write a template.

An import reads the sheet, checks every row, builds the register graph, validates it with
the SHACL shapes and QC queries together with the ontology and the curated data, and only
then replaces ``register.ttl`` (atomically, and only when its text changes). On any problem
nothing is written and :class:`graph.errors.RegisterError` lists every problem by row and
column.

Examples
--------
>>> import shutil, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = shutil.copytree(default_data_dir(), folder / "data")  # never the real data folder
>>> sheet = folder / "register.csv"
>>> _ = write_template(sheet, example=True)
>>> report = import_register(sheet, folder / "data")
>>> report.added, report.written
(('Testshire Spoke Service',), True)
>>> import_register(sheet, folder / "data").written  # the same sheet again changes nothing
False
>>> export_text(folder / "data").splitlines()[1].split(",")[0]
'Testshire Spoke Service'
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from graph.atomic import write_bytes
from graph.errors import DataFileError, RegisterError
from graph.privacy.policy import DEFAULT_AUDIENCE, check_audience, redact
from graph.rdf.loading import load_graph, parse_file
from graph.rdf.namespaces import curie
from graph.rdf.resources import ontology_files, packaged_path
from graph.register.checking import check_rows
from graph.register.columns import csv_text, template_text
from graph.register.identifiers import KnownEntities
from graph.register.mapping import graph_to_rows, records_to_graph, service_triples, services
from graph.register.reading import Sheet, read_sheet
from graph.register.serialising import turtle_text
from graph.tabular import is_formula_like
from graph.validate.validation import validate

__all__ = [
    "REGISTER_FILE",
    "ImportReport",
    "formula_like_cells",
    "curated_graph",
    "default_data_dir",
    "export_register",
    "export_text",
    "import_register",
    "shape_problems",
    "write_template",
]

#: The file an import writes in the data folder.
REGISTER_FILE = "register.ttl"

_BOM = "\ufeff"


def default_data_dir() -> Path:
    """The packaged ``ontology/data`` folder, where the curated data lives."""

    return packaged_path(files("graph.ontology") / "data")


def _data_folder(data_dir: str | Path | None) -> Path:
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    if not folder.is_dir():
        raise DataFileError(
            str(folder), "no such data folder", hint="give the folder of the curated *.ttl files"
        )
    return folder


def curated_graph(data_dir: Path) -> Graph:
    """The ontology, the concept schemes and every ``*.ttl`` of ``data_dir`` but the register."""

    data = sorted(p for p in Path(data_dir).glob("*.ttl") if p.name != REGISTER_FILE)
    return load_graph([*ontology_files(), *data], include_defaults=False)


def shape_problems(
    curated: Graph, register: Graph, rows: Mapping[URIRef, int] | None = None
) -> list[str]:
    """The SHACL and QC violations the register graph brings to the curated graph.

    Only violations about nodes the register states something of are reported: a problem
    of the curated data is not the register's to fix. ``rows`` gives each service's row.
    """

    combined = Graph()
    combined += curated
    combined += register
    own = {curie(s): s for s in register.subjects() if isinstance(s, URIRef)}
    report = validate(combined, warnings=False)
    found = []
    for problem in report.violations:
        if problem.focus not in own:
            continue
        row = (rows or {}).get(own[problem.focus])
        where = f"row {row}" if row else f"file, {_label(register, own[problem.focus])}"
        detail = " ".join(x for x in (problem.path, problem.value) if x)
        found.append(
            f"{where}: {problem.message}"
            + (f" ({detail})" if detail else "")
            + " - correct the sheet: the graph's shapes require this"
        )
    return found


@dataclass(frozen=True)
class ImportReport:
    """What an import found and did: services added, updated, removed and unchanged."""

    source: str
    target: Path
    services: int
    added: tuple[str, ...]
    updated: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    written: bool
    dry_run: bool
    #: Cells that start like a spreadsheet formula: kept as text, flagged for people to see.
    flagged: tuple[str, ...] = ()

    def summary(self) -> str:
        """One paragraph for people."""
        parts = [f"{self.source}: {self.services} service(s) checked, no problem found"]
        parts.append(
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged"
        )
        for word, names in (
            ("added", self.added),
            ("updated", self.updated),
            ("removed (no longer in the sheet)", self.removed),
        ):
            if names:
                parts.append(f"{word}: {'; '.join(names)}")
        if self.flagged:
            parts.append(
                f"{len(self.flagged)} cell(s) start like a spreadsheet formula; kept as text, and "
                "every CSV hubspoke writes puts a ' before them so that no spreadsheet runs them:"
            )
            parts += [f"  {flag}" for flag in self.flagged]
        if self.dry_run:
            parts.append(f"dry run: nothing written to {self.target}")
        elif self.written:
            parts.append(f"wrote {self.target}")
        else:
            parts.append(f"{self.target} is already up to date: nothing written")
        return "\n".join(parts)


def _previous(target: Path) -> Graph:

    old = Graph()
    if target.is_file():
        parse_file(old, target)
    return old


def _label(register: Graph, node: URIRef, known: KnownEntities | None = None) -> str:
    label = register.value(node, RDFS.label)
    if label is None and known is not None:
        return known.labels.get(node, curie(node))
    return str(label) if label is not None else curie(node)


def import_register(
    source: str | Path, data_dir: str | Path | None = None, *, dry_run: bool = False
) -> ImportReport:
    """Check the register ``source`` and write ``<data_dir>/register.ttl`` from it.

    Parameters
    ----------
    source : path
        The register: ``.csv`` (UTF-8, with or without BOM) or ``.xlsx``.
    data_dir : path, optional
        The data folder (default: the packaged ``ontology/data``).
    dry_run : bool
        Check everything, write nothing.

    Raises
    ------
    RegisterError
        Anything is wrong with the sheet; ``problems`` lists each by row and column and
        nothing was written.
    DataFileError
        The sheet or a data file cannot be read.
    """
    folder = _data_folder(data_dir)
    target = folder / REGISTER_FILE
    sheet = read_sheet(source)
    flagged = formula_like_cells(sheet)
    curated = curated_graph(folder) if sheet.readable else Graph()
    known = KnownEntities.from_graph(curated)
    records, problems = check_rows(sheet, known)
    if problems:
        raise RegisterError(str(source), [str(p) for p in problems])
    if not records:
        raise RegisterError(
            str(source), ["file: the register lists no service - add one row per service"]
        )
    register = records_to_graph(records, known)
    rows = {known.service(r.name): r.row for r in records}
    violations = shape_problems(curated, register, rows)
    if violations:
        raise RegisterError(str(source), violations)
    old = _previous(target)
    before = {s: service_triples(old, s) for s in services(old)}
    after = {s: service_triples(register, s) for s in services(register)}
    text = turtle_text(register).encode("utf-8")
    changed = not target.is_file() or target.read_bytes() != text
    if changed and not dry_run:
        write_bytes(target, text)
    return ImportReport(
        source=str(source),
        target=target,
        services=len(after),
        added=tuple(_label(register, s, known) for s in after if s not in before),
        updated=tuple(
            _label(register, s, known) for s in after if s in before and before[s] != after[s]
        ),
        removed=tuple(_label(old, s, known) for s in before if s not in after),
        unchanged=sum(1 for s in after if s in before and before[s] == after[s]),
        written=changed and not dry_run,
        dry_run=dry_run,
        flagged=flagged,
    )


def formula_like_cells(sheet: Sheet) -> tuple[str, ...]:
    """Every cell of ``sheet`` a spreadsheet would run as a formula (``=``, ``+``, ``-``,
    ``@``, tab, carriage return first: OWASP's list), as ``row N, column C: text``."""
    return tuple(
        f"row {row.number}, column {name}: {text[:60]!r}"
        for row in sheet.rows
        for name, text in row.cells.items()
        if is_formula_like(text)
    )


def export_text(data_dir: str | Path | None = None, *, audience: str = DEFAULT_AUDIENCE) -> str:
    """The register of ``<data_dir>/register.ttl`` as CSV text (header and one row a service).

    What ``audience`` may see (:mod:`graph.privacy`): the public register has no contact
    e-mail and no service marked team-only or restricted; the team's keeps the e-mails.
    """
    check_audience(audience)
    folder = _data_folder(data_dir)
    target = folder / REGISTER_FILE
    if not target.is_file():
        raise RegisterError(
            str(target),
            ["file: no register has been imported yet - run 'hubspoke register import FILE' first"],
        )
    register = redact(_previous(target), audience)
    known = KnownEntities.from_graph(curated_graph(folder))
    return csv_text(graph_to_rows(register, known))


def _write_csv(path: Path, text: str) -> Path:
    # a byte-order mark lets Excel open the accents right; the import accepts it
    return write_bytes(path, (_BOM + text).encode("utf-8"))


def export_register(
    out: str | Path, data_dir: str | Path | None = None, *, audience: str = DEFAULT_AUDIENCE
) -> Path:
    """Write what ``audience`` may see of the imported register to the CSV file ``out``
    (UTF-8 with BOM, formula-like cells neutralised); return it."""
    return _write_csv(Path(out), export_text(data_dir, audience=audience))


def write_template(out: str | Path, *, example: bool = False) -> Path:
    """Write a CSV template (the header row, and with ``example`` one example row) to ``out``."""
    return _write_csv(Path(out), template_text(example=example))
