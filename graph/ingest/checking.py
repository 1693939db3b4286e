"""Check a coding sheet row by row against the document's statements and the codebook.

Every problem is collected, as ``row N, column C: what is wrong (value) - how to fix``
(:class:`graph.register.problems.RegisterProblem`): a row whose statement does not exist, a
text that is not the statement's, an unknown code (with the closest codes of the codebook), a
code written in the wrong scheme, a proposal that is not ``scheme: label``, a formula. Checking
reads nothing and writes nothing: :mod:`graph.ingest.coding` does.

Examples
--------
>>> from graph.ingest.codebook import Codebook
>>> book = Codebook.packaged()
>>> [str(p) for p in check_code("topic:police", 4, book)]  # doctest: +ELLIPSIS
["row 4, column codes: a code in the wrong scheme ('topic:police') - police is an agency type: write agency:police"]
>>> [str(p) for p in check_code("topic:supervison", 5, book)]  # doctest: +ELLIPSIS
["row 5, column codes: unknown code ('topic:supervison') - the closest codes are topic:supervision..."]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.ingest.codebook import SCHEMES, Codebook, Scheme
from graph.ingest.sheets import parse_codes
from graph.register.problems import RegisterProblem
from graph.register.reading import Sheet
from graph.tabular import is_formula_like

__all__ = ["CodedRow", "Proposal", "StatementFacts", "check_code", "check_sheet", "unneutralised"]

_CODE = re.compile(r"^([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)$")
_PROPOSAL = re.compile(r"^\s*([A-Za-z ]+?)\s*:\s*(.+?)\s*$")
_SCHEME_NAMES = (
    {s.prefix: s for s in SCHEMES}
    | {s.name: s for s in SCHEMES}
    | {"agency": SCHEMES[3], "target-group": SCHEMES[1], "targetgroup": SCHEMES[1]}
)


@dataclass(frozen=True)
class StatementFacts:
    """What a sheet row is checked against: the statement's IRI, text and lines."""

    iri: URIRef
    text: str
    lines: str


@dataclass(frozen=True)
class Proposal:
    """A new code proposed for a scheme."""

    scheme: Scheme
    label: str


@dataclass
class CodedRow:
    """A row that passed its checks: the statement, confirmed codes, proposals and memo."""

    row: int
    statement: URIRef
    codes: list[str] = field(default_factory=list)
    unconfirmed: int = 0
    proposals: list[Proposal] = field(default_factory=list)
    memo: str = ""


def unneutralised(cell: str) -> str:
    """``cell`` without the ``'`` that :func:`graph.tabular.neutralise` put before a
    formula-like text.

    >>> unneutralised("'=1+1"), unneutralised("'quoted'")
    ('=1+1', "'quoted'")
    """
    if cell.startswith("'") and is_formula_like(cell[1:]):
        return cell[1:]
    return cell


def _formula(row: int, column: str, cell: str) -> RegisterProblem | None:
    if is_formula_like(cell):
        return RegisterProblem(
            row,
            column,
            "the cell starts like a formula; it is not run",
            cell[:60],
            "start the cell with a word (or with ' to keep it as text)",
        )
    return None


def check_code(code: str, row: int, codebook: Codebook) -> list[RegisterProblem]:
    """The problems of one code written in the ``codes`` column (none when it is a code)."""
    if code in codebook:
        return []
    match = _CODE.match(code)
    closest = codebook.closest(code)
    near = f"the closest codes are {', '.join(closest)}" if closest else "no code is close"
    propose = "; or propose a new code in the 'proposed' column (scheme: label)"
    if match is None:
        return [
            RegisterProblem(
                row,
                "codes",
                "not a code",
                code,
                f"write codes as scheme:name, e.g. topic:supervision; {near}",
            )
        ]
    prefix, name = match.groups()
    elsewhere = [f"{s.prefix}:{name}" for s in SCHEMES if f"{s.prefix}:{name}" in codebook]
    if elsewhere:
        scheme = codebook.scheme_of(elsewhere[0])
        assert scheme is not None
        return [
            RegisterProblem(
                row,
                "codes",
                "a code in the wrong scheme",
                code,
                f"{name} is {_article(scheme.name)}: write {elsewhere[0]}",
            )
        ]
    if prefix not in {s.prefix for s in SCHEMES}:
        schemes = ", ".join(f"{s.prefix}:" for s in SCHEMES)
        return [
            RegisterProblem(
                row,
                "codes",
                f"unknown scheme '{prefix}:'",
                code,
                f"codes start with {schemes}; {near}",
            )
        ]
    return [RegisterProblem(row, "codes", "unknown code", code, near + propose)]


def _article(name: str) -> str:
    return ("an " if name[0] in "aeiou" else "a ") + name


def _check_text(row: int, cell: str, facts: StatementFacts) -> RegisterProblem | None:
    text = re.sub(r"\s+", " ", unneutralised(cell)).strip()
    if text == facts.text:
        return None
    at = next(
        (i for i, (a, b) in enumerate(zip(text, facts.text)) if a != b),
        min(len(text), len(facts.text)),
    )
    return RegisterProblem(
        row,
        "text",
        f"the text is not the statement's (it differs from character {at + 1}: "
        f"{facts.text[at : at + 30]!r})",
        text[max(0, at - 10) : at + 30],
        "the text is checked, never imported: put the statement's text back as ingest wrote it",
    )


def _proposals(
    row: int, cell: str, codebook: Codebook, problems: list[RegisterProblem]
) -> list[Proposal]:
    found = []
    for part in (p.strip() for p in cell.split(";")):
        if not part:
            continue
        match = _PROPOSAL.match(part)
        scheme = _SCHEME_NAMES.get(match.group(1).strip().lower()) if match else None
        if match is None or scheme is None:
            problems.append(
                RegisterProblem(
                    row,
                    "proposed",
                    "not a proposal",
                    part,
                    "write scheme: label, e.g. 'topic: lone working' (schemes: topic, group, role, "
                    "agency)",
                )
            )
            continue
        label = match.group(2)
        same = [
            c.curie
            for c in codebook
            if c.scheme == scheme
            and label.lower() in {c.label.lower(), *(a.lower() for a in c.alt_labels)}
        ]
        if same:
            problems.append(
                RegisterProblem(
                    row,
                    "proposed",
                    "already in the codebook",
                    part,
                    f"write {same[0]} in the 'codes' column",
                )
            )
            continue
        found.append(Proposal(scheme, label))
    return found


def check_sheet(
    sheet: Sheet, document: str, statements: Mapping[str, StatementFacts], codebook: Codebook
) -> tuple[list[CodedRow], list[RegisterProblem]]:
    """Check every row of ``sheet`` (a coding of ``document``); return the rows and every
    problem found (the sheet's own problems first)."""
    problems = list(sheet.problems)
    rows: list[CodedRow] = []
    seen: dict[str, int] = {}
    for line in sheet.rows:
        n, cells = line.number, line.cells
        before = len(problems)
        for column in ("codes", "proposed", "memo"):
            found = _formula(n, column, cells.get(column, ""))
            if found:
                problems.append(found)
        if cells.get("document", "") != document:
            problems.append(
                RegisterProblem(
                    n,
                    "document",
                    "not the document of the sheet's first row",
                    cells.get("document"),
                    f"a sheet codes one document: write {document}",
                )
            )
        key = cells.get("statement", "")
        facts = statements.get(key)
        if facts is None:
            near = sorted(statements, key=lambda k: _distance(k, key))[:3]
            problems.append(
                RegisterProblem(
                    n,
                    "statement",
                    f"no such statement in {document}",
                    key or None,
                    f"use the statement ids ingest wrote (the closest are {', '.join(near)})"
                    if near
                    else "use the statement ids ingest wrote",
                )
            )
        elif key in seen:
            problems.append(
                RegisterProblem(
                    n,
                    "statement",
                    f"the statement is also on row {seen[key]}",
                    key,
                    "keep one row per statement",
                )
            )
        else:
            seen[key] = n
            wrong_text = _check_text(n, cells.get("text", ""), facts)
            if wrong_text:
                problems.append(wrong_text)
        # the codes, proposals and memo are checked on every row, whatever its statement
        coded = CodedRow(n, facts.iri if facts else URIRef(""))
        for code, confirmed in parse_codes(unneutralised(cells.get("codes", ""))):
            if not confirmed:
                coded.unconfirmed += 1
                continue
            problems += check_code(code, n, codebook)
            if code in codebook and code not in coded.codes:
                coded.codes.append(code)
        coded.proposals = _proposals(n, cells.get("proposed", ""), codebook, problems)
        coded.memo = re.sub(r"[ \t]+", " ", cells.get("memo", "")).strip()
        if len(problems) == before:
            rows.append(coded)
    return rows, problems


def _distance(a: str, b: str) -> tuple[int, str]:
    digits_a, digits_b = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if digits_a and digits_b:
        return abs(int(digits_a) - int(digits_b)), a
    return 10**9, a
