"""The columns of the services register: one table, the single source of the template and docs.

A register is a spreadsheet with one row per Hub and Spoke service. The first row holds the
column names below (in any order); each later row describes one service. A cell of a column
marked *several* may hold several values separated by ``;``.

Examples
--------
>>> [c.name for c in COLUMNS][:3]
['service', 'hub_organisation', 'hub_org_id']
>>> column("model").required
True
>>> template_text().splitlines()[0].split(",")[:2]
['service', 'hub_organisation']
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.tabular import csv_text as tabular_csv_text

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "SEPARATOR",
    "Column",
    "column",
    "csv_text",
    "markdown_table",
    "template_text",
]

#: What separates several values in one cell.
SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """One column of the register: its name, whether it must be filled, and what it holds."""

    name: str
    required: bool
    several: bool
    meaning: str
    example: str


#: The columns of a register, in the order the template and the export write them.
COLUMNS: tuple[Column, ...] = (
    Column(
        "service",
        True,
        False,
        "Name of the service; its identifier is made from the name, so keep it stable "
        "(renaming a service makes a new one and removes the old)",
        "Testshire Spoke Service",
    ),
    Column(
        "hub_organisation",
        True,
        False,
        "The voluntary organisation that runs the hub and employs the spoke workers",
        "Testshire Children's Charity",
    ),
    Column(
        "hub_org_id",
        False,
        False,
        "The hub's org-id identifier (org-id.guide): country, register, number",
        "GB-CHC-1234567",
    ),
    Column(
        "host_agencies",
        False,
        True,
        "The agencies in which spoke workers are placed",
        "Testshire Police; Testshire Children's Services",
    ),
    Column(
        "host_agency_types",
        False,
        True,
        "The type of each host agency, in the same order: police, childrens-social-care, "
        "multi-agency-team, health-services, ... (see the list below)",
        "police; childrens-social-care",
    ),
    Column("model", True, False, "The Hub and Spoke delivery model, 1 to 5", "3"),
    Column(
        "phase", True, False, "The programme phase in which the service was funded, 1 to 3", "2"
    ),
    Column(
        "local_authorities",
        True,
        True,
        "The local authority areas the service works in",
        "Testshire; Wold Vale",
    ),
    Column(
        "gss_codes",
        True,
        True,
        "The ONS GSS code of each local authority, in the same order (a letter E, W, S or N "
        "and eight digits)",
        "E06000901; E06000902",
    ),
    Column(
        "start_date",
        False,
        False,
        "When the service started: YYYY-MM-DD, YYYY-MM or YYYY (DD/MM/YYYY is read too)",
        "2015-04-01",
    ),
    Column(
        "end_date", False, False, "When the service ended, written like the start date", "2017-03"
    ),
    Column(
        "funders",
        False,
        True,
        "The organisations that fund the service",
        "Testshire Community Trust",
    ),
    Column(
        "website",
        False,
        False,
        "The service's web address, starting http:// or https://",
        "https://testshire-spoke.example.org/",
    ),
    Column(
        "contact_email",
        False,
        False,
        "A contact e-mail address: kept for the team, left out of public exports",
        "spoke@testshire-charity.example.org",
    ),
    Column(
        "notes",
        False,
        False,
        "Anything else worth knowing, in a sentence or two",
        "Fictional service made for the tests.",
    ),
)

#: The column names in template order.
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)

_BY_NAME = {c.name: c for c in COLUMNS}


def column(name: str) -> Column:
    """The column called ``name`` (a :class:`KeyError` for an unknown name)."""
    return _BY_NAME[name]


def csv_text(rows: list[dict[str, str]]) -> str:
    """The header and ``rows`` (column name to cell text) as CSV text, ``\\r\\n`` line ends,
    every formula-like cell neutralised (:func:`graph.tabular.neutralise`).

    >>> csv_text([{"service": "A, B", "model": "1"}]).splitlines()[1][:12]
    '"A, B",,,,,1'
    >>> csv_text([{"service": "=HYPERLINK(1)"}]).splitlines()[1][:14]
    "'=HYPERLINK(1)"
    """
    return tabular_csv_text(
        COLUMN_NAMES, ([row.get(name, "") for name in COLUMN_NAMES] for row in rows), bom=False
    )


def template_text(*, example: bool = False) -> str:
    """A CSV template: the header row, and with ``example`` one filled-in example row."""
    return csv_text([{c.name: c.example for c in COLUMNS}] if example else [])


def markdown_table() -> str:
    """The column list as a Markdown table (``docs/register.md`` holds the same table).

    >>> markdown_table().splitlines()[0]
    '| column | required | several | meaning | example |'
    """
    lines = ["| column | required | several | meaning | example |", "|---|---|---|---|---|"]
    for c in COLUMNS:
        lines.append(
            f"| `{c.name}` | {'yes' if c.required else 'no'} | {'yes' if c.several else 'no'} "
            f"| {c.meaning} | `{c.example}` |"
        )
    return "\n".join(lines)
