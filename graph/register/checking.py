"""Check every row of a register and turn the good ones into :class:`ServiceRecord` values.

Every problem is collected, each with its row and column, so that one import shows them
all: a missing required cell, an unknown model or phase, a malformed GSS code or org-id, an
impossible date, an end before the start, an unknown agency type, lists of names and codes
that do not pair up, a service listed twice, and an organisation or local authority that
two rows describe differently.

It is one piece on purpose: the checks of one row share the row's cells, its problem list and
the cross-row tables (services seen, organisations described) that the later checks read.

Examples
--------
>>> from graph.register.reading import sheet_from_cells
>>> from graph.register.columns import COLUMN_NAMES
>>> from graph.register.identifiers import KnownEntities
>>> row = {"service": "Testshire Spoke Service", "hub_organisation": "Testshire Charity",
...        "model": "Model 3", "phase": "4", "local_authorities": "Testshire",
...        "gss_codes": "E0600901"}
>>> sheet = sheet_from_cells([list(COLUMN_NAMES), [row.get(c, "") for c in COLUMN_NAMES]], "demo")
>>> records, problems = check_rows(sheet, KnownEntities())
>>> for p in problems: print(p)
row 2, column phase: unknown phase ('4') - write the phase number, 1, 2 or 3
row 2, column gss_codes: malformed GSS code ('E0600901') - write one letter (E, W, S or N) and eight digits, e.g. E06000002
>>> parse_date("31/04/2016")
Traceback (most recent call last):
...
ValueError: impossible date: April 2016 has no day 31
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from rdflib import URIRef

from graph.network.naming import normalise
from graph.register.columns import SEPARATOR, column
from graph.register.identifiers import KnownEntities, agency_types, slug
from graph.register.problems import RegisterProblem, sorted_problems
from graph.register.reading import Sheet, SheetRow

__all__ = [
    "MODELS",
    "PHASES",
    "ParsedDate",
    "ServiceRecord",
    "agency_type_key",
    "check_rows",
    "parse_date",
]

#: The delivery models a service may follow.
MODELS = range(1, 6)
#: The programme phases a service may be in.
PHASES = range(1, 4)

_GSS = re.compile(r"^[EWSN][0-9]{8}$")
_ORG_ID = re.compile(r"^[A-Z]{2}-[A-Z]{3}-[A-Za-z0-9-]+$")
_EMAIL = re.compile(r"^[^@\s;,<>\"]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE_FIX = "write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2015-04-01)"


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class ParsedDate:
    """A date as precise as the register gives it: its lexical form, XSD kind and span."""

    lexical: str
    kind: str  # "date", "gYearMonth" or "gYear"
    first: dt.date
    last: dt.date


def parse_date(text: str) -> ParsedDate:
    """Read ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``DD/MM/YYYY``.

    >>> parse_date("2015-4").lexical, parse_date("01/04/2015").lexical
    ('2015-04', '2015-04-01')
    >>> parse_date("2016").last
    datetime.date(2016, 12, 31)

    Raises
    ------
    ValueError
        The text is not a date in one of these forms, or names a day that does not exist.
    """
    iso, uk = _ISO.match(text), _UK.match(text)
    if uk:
        day, month, year = (int(g) for g in uk.groups())
    elif iso:
        year = int(iso.group(1))
        month = int(iso.group(2)) if iso.group(2) else 0
        day = int(iso.group(3)) if iso.group(3) else 0
    else:
        raise ValueError("unreadable date")
    if year < 1:
        raise ValueError("impossible date: there is no year 0")
    if month == 0:
        return ParsedDate(f"{year:04d}", "gYear", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not 1 <= month <= 12:
        raise ValueError(f"impossible date: there is no month {month}")
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = following - dt.timedelta(days=1)
    if day == 0:
        return ParsedDate(
            f"{year:04d}-{month:02d}", "gYearMonth", dt.date(year, month, 1), last_day
        )
    if not 1 <= day <= last_day.day:
        raise ValueError(f"impossible date: {_MONTHS[month - 1]} {year} has no day {day}")
    when = dt.date(year, month, day)
    return ParsedDate(when.isoformat(), "date", when, when)


def agency_type_key(text: str) -> str | None:
    """The agency type ``text`` names: its key, label or the first words of its key.

    >>> agency_type_key("Children's social care"), agency_type_key("health")
    ('childrens-social-care', 'health-services')
    >>> agency_type_key("LSCB"), agency_type_key("fire service")
    ('lscb', None)
    """
    key = slug(text)
    types = agency_types()
    if key in types:
        return key
    for name, labels in types.items():
        if key in {slug(label) for label in labels}:
            return name
    starting = [name for name in types if key and f"{name}-".startswith(f"{key}-")]
    return starting[0] if len(starting) == 1 else None


@dataclass(frozen=True)
class ServiceRecord:
    """One checked row: a service with its hub, hosts, model, phase, areas and the rest.

    ``hosts`` pairs each host agency's name with its agency-type key; ``areas`` pairs each
    local authority's name with its GSS code; dates keep the precision the row gave.
    """

    row: int
    name: str
    hub: str
    model: int
    phase: int
    areas: tuple[tuple[str, str], ...]
    hub_org_id: str = ""
    hosts: tuple[tuple[str, str], ...] = ()
    start_date: ParsedDate | None = None
    end_date: ParsedDate | None = None
    funders: tuple[str, ...] = ()
    website: str = ""
    email: str = ""
    notes: str = ""


@dataclass
class _Row:
    """The checks of one row: its cells, the columns the header has, the problems found."""

    row: SheetRow
    present: set[str]
    problems: list[RegisterProblem] = field(default_factory=list)

    def problem(self, name: str, what: str, value: str | None, fix: str) -> None:
        self.problems.append(RegisterProblem(self.row.number, name, what, value, fix))

    def cell(self, name: str) -> str:
        text = self.row.cells.get(name, "")
        if not text and name in self.present and column(name).required:
            self.problem(
                name,
                "missing required cell",
                None,
                f"fill it in: {_first_lower(column(name).meaning)}",
            )
        return text

    def items(self, name: str) -> list[str]:
        text = self.cell(name)
        if not text:
            return []
        parts = [p.strip() for p in text.split(SEPARATOR)]
        if any(not p for p in parts):
            self.problem(
                name,
                f"an empty value between '{SEPARATOR}'",
                text,
                f"remove the extra '{SEPARATOR}' or fill in the missing value",
            )
        return [p for p in parts if p]

    def name(self, name: str, text: str) -> bool:
        if "\n" in text or "\r" in text:
            self.problem(name, "a name holds a line break", text, "write the name on one line")
            return False
        if not slug(text):
            self.problem(
                name,
                "the name has no letter or digit A-Z, 0-9 to make an identifier from",
                text,
                "add the name in Latin letters",
            )
            return False
        return True

    def number(self, name: str, word: str, allowed: range) -> int:
        text = self.cell(name)
        if not text:
            return 0
        match = re.fullmatch(rf"(?:{word}\s*)?(\d+)", text, flags=re.IGNORECASE)
        if match and int(match.group(1)) in allowed:
            return int(match.group(1))
        numbers = ", ".join(str(n) for n in allowed)
        self.problem(
            name,
            f"unknown {word}",
            text,
            f"write the {word} number, {numbers.rsplit(', ', 1)[0]} or {allowed[-1]}",
        )
        return 0

    def date(self, name: str) -> ParsedDate | None:
        text = self.cell(name)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.problem(name, str(exc), text, _DATE_FIX)
            return None

    def pairs(self, names: str, values: str, what: str) -> list[tuple[str, str]]:
        left, right = self.items(names), self.items(values)
        if len(left) == len(right):
            return list(zip(left, right, strict=True))
        empty = names if not left else values if not right else ""
        if not (empty and empty in self.present and column(empty).required):
            self.problem(
                values,
                f"the cell gives {len(right)} {what} for {len(left)} name(s) in {names}",
                self.row.cells.get(values, ""),
                f"give one for each of {names}, in the same order, separated by '{SEPARATOR}'",
            )
        return []


@dataclass
class _Register:
    """What earlier rows said, to catch a service listed twice and inconsistent descriptions."""

    known: KnownEntities
    services: dict[URIRef, int] = field(default_factory=dict)
    spellings: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    org_ids: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    types: dict[URIRef, tuple[str, int]] = field(default_factory=dict)
    area_names: dict[str, tuple[str, int]] = field(default_factory=dict)
    area_codes: dict[str, tuple[str, int]] = field(default_factory=dict)

    @staticmethod
    def same(
        seen: dict[Any, tuple[str, int]],
        key: object,
        value: str,
        check: _Row,
        name: str,
        what: str,
        fix: str,
    ) -> None:
        first = seen.setdefault(key, (value, check.row.number))
        if first[0] != value:
            check.problem(name, f"{what} differs from row {first[1]}", value, fix)

    def organisation(
        self, check: _Row, name: str, text: str, *, org_id: str = "", kind: str = ""
    ) -> None:
        iri = self.known.organisation(text)
        if not self.known.is_curated(iri):
            first = self.spellings.setdefault(iri, (text, check.row.number))
            if first[0] != text:
                check.problem(
                    name,
                    f"the organisation is spelled {first[0]!r} in row {first[1]}",
                    text,
                    "spell an organisation the same way in every row",
                )
        if org_id:
            self.same(
                self.org_ids,
                iri,
                org_id,
                check,
                "hub_org_id",
                f"the org-id of {text}",
                "give an organisation the same org-id in every row",
            )
        if kind:
            self.same(
                self.types,
                iri,
                kind,
                check,
                "host_agency_types",
                f"the agency type of {text}",
                "give a host agency the same type in every row",
            )

    def area(self, check: _Row, name: str, code: str) -> None:
        self.same(
            self.area_names,
            code,
            name,
            check,
            "local_authorities",
            f"the name of the local authority {code}",
            "name a local authority the same way in every row",
        )
        self.same(
            self.area_codes,
            normalise(name),
            code,
            check,
            "gss_codes",
            f"the GSS code of {name}",
            "give a local authority the same GSS code in every row",
        )


def _hosts(check: _Row, register: _Register) -> list[tuple[str, str]]:
    pairs = check.pairs("host_agencies", "host_agency_types", "type(s)")
    hosts = []
    for name, kind in pairs:
        key = agency_type_key(kind)
        if key is None:
            close = difflib.get_close_matches(slug(kind), list(agency_types()), n=3, cutoff=0.5)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            check.problem(
                "host_agency_types",
                "unknown agency type",
                kind,
                f"{hint}use one of: {', '.join(agency_types())}",
            )
            continue
        if check.name("host_agencies", name):
            register.organisation(check, "host_agencies", name, kind=key)
            hosts.append((name, key))
    return hosts


def _areas(check: _Row, register: _Register) -> list[tuple[str, str]]:
    areas = []
    for name, code in check.pairs("local_authorities", "gss_codes", "GSS code(s)"):
        code = code.upper()
        if not _GSS.match(code):
            check.problem(
                "gss_codes",
                "malformed GSS code",
                code,
                "write one letter (E, W, S or N) and eight digits, e.g. E06000002",
            )
            continue
        if check.name("local_authorities", name):
            register.area(check, name, code)
            areas.append((name, code))
    return areas


def _contact(check: _Row) -> tuple[str, str]:
    website, email = check.cell("website"), check.cell("contact_email")
    if website:
        parts = urlparse(website)
        if (
            parts.scheme not in ("http", "https")
            or "." not in parts.netloc
            or re.search(r"\s", website)
        ):
            check.problem(
                "website",
                "not a web address",
                website,
                "write the whole address, starting https:// (e.g. https://example.org/)",
            )
            website = ""
    if email and not _EMAIL.match(email):
        check.problem(
            "contact_email",
            "not an e-mail address",
            email,
            "write one address such as team@example.org",
        )
        email = ""
    return website, email


def _check_row(
    row: SheetRow, present: set[str], register: _Register
) -> tuple[ServiceRecord | None, list[RegisterProblem]]:
    check = _Row(row, present)
    name = check.cell("service")
    if name and check.name("service", name):
        key = register.known.service(name)
        if key in register.services:
            check.problem(
                "service",
                f"duplicate service, already in row {register.services[key]}",
                name,
                "give each service one row: merge the two rows or rename one",
            )
        else:
            register.services[key] = row.number
    hub = check.cell("hub_organisation")
    hub_org_id = check.cell("hub_org_id")
    if hub_org_id and not _ORG_ID.match(hub_org_id):
        check.problem(
            "hub_org_id",
            "malformed org-id",
            hub_org_id,
            "write country, register and number, e.g. GB-CHC-1234567 (see org-id.guide)",
        )
        hub_org_id = ""
    if hub and SEPARATOR in hub:
        check.problem(
            "hub_organisation",
            "a service has one hub organisation",
            hub,
            "keep one name; list other organisations under host_agencies or funders",
        )
    elif hub and check.name("hub_organisation", hub):
        register.organisation(check, "hub_organisation", hub, org_id=hub_org_id)
    hosts = _hosts(check, register)
    model = check.number("model", "model", MODELS)
    phase = check.number("phase", "phase", PHASES)
    areas = _areas(check, register)
    start, end = check.date("start_date"), check.date("end_date")
    if start and end and end.last < start.first:
        check.problem(
            "end_date",
            f"the end is before the start, {start.lexical},",
            end.lexical,
            "correct the dates, or swap them if they are the wrong way round",
        )
    funders = []
    for funder in check.items("funders"):
        if check.name("funders", funder):
            register.organisation(check, "funders", funder)
            funders.append(funder)
    website, email = _contact(check)
    if check.problems:
        return None, check.problems
    record = ServiceRecord(
        row=row.number,
        name=name,
        hub=hub,
        model=model,
        phase=phase,
        areas=tuple(areas),
        hub_org_id=hub_org_id,
        hosts=tuple(hosts),
        start_date=start,
        end_date=end,
        funders=tuple(funders),
        website=website,
        email=email,
        notes=check.cell("notes"),
    )
    return record, []


def check_rows(
    sheet: Sheet, known: KnownEntities
) -> tuple[list[ServiceRecord], list[RegisterProblem]]:
    """Check every row of ``sheet``; return the good rows as records and every problem.

    The problems include those found while reading the file. Organisations are matched with
    ``known`` (the curated ones) to tell a new organisation from one already in the graph.
    """
    problems = list(sheet.problems)
    if not sheet.readable:
        return [], sorted_problems(problems)
    register = _Register(known)
    records = []
    present = set(sheet.columns)
    for row in sheet.rows:
        record, found = _check_row(row, present, register)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, sorted_problems(problems)
