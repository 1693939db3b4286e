"""Property-based tests of the register: generated rows round-trip, invalid rows never write."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from graph.errors import RegisterError
from graph.register import (
    KnownEntities,
    check_rows,
    default_data_dir,
    graph_to_rows,
    import_register,
    records_to_graph,
    sheet_from_bytes,
    slug,
)
from graph.register.columns import csv_text
from graph.register.importing import REGISTER_FILE, curated_graph
from graph.register.serialising import turtle_text

VALID = Path(__file__).parent / "data" / "register" / "valid.csv"

HUBS = {
    "Testshire Children's Charity": "GB-CHC-9990001",
    "Fenmarsh Young People's Trust": "",
    "Exemplar Youth Café": "GB-COH-99900009",
}
#: host agencies with their type, each type written in one of the ways the import accepts
HOSTS = {
    "Testshire Police": ("police", "Police"),
    "Fenmarsh Health Trust": ("health-services", "health services", "health"),
    "Wold Vale Children's Services": ("childrens-social-care", "children's social care"),
    "Mockford Community Safety Team": ("multi-agency-team", "multi-agency"),
}
AREAS = {
    "Testshire": "E06000901",
    "Wold Vale": "E06000902",
    "Llanffug": "W06000901",
    "Glen Imaginary": "s12000901",
}
#: CSEFA is the funders' alliance of the curated data: the register reuses it
FUNDERS = ("Testshire Community Trust", "Fictional Lottery Fund", "CSEFA")

_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,'\"&-éüçŵ"


@cache
def known() -> KnownEntities:
    """The curated entities of the packaged data (read, never written)."""
    return KnownEntities.from_graph(curated_graph(default_data_dir()))


def written_date(day: dt.date, precision: str, uk: bool) -> str:
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.day}/{day.month}/{day.year}" if uk else day.isoformat()


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    """One valid register row, its cells written in any of the accepted ways."""
    name = draw(st.text(_NAME_CHARACTERS, min_size=1, max_size=30).map(str.strip).filter(slug))
    hub = draw(st.sampled_from(sorted(HUBS)))
    hosts = draw(st.lists(st.sampled_from(sorted(HOSTS)), unique=True, max_size=3))
    areas = draw(st.lists(st.sampled_from(sorted(AREAS)), unique=True, min_size=1, max_size=3))
    start = draw(st.dates(dt.date(2010, 1, 1), dt.date(2020, 12, 31)))
    end = draw(st.none() | st.integers(0, 2000).map(lambda d: start + dt.timedelta(days=d)))
    precision = st.sampled_from(["day", "month", "year"])
    notes = draw(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=40)
    ).strip()
    return {
        "service": name,
        "hub_organisation": hub,
        "hub_org_id": HUBS[hub] if draw(st.booleans()) else "",
        "host_agencies": "; ".join(hosts),
        "host_agency_types": ";".join(draw(st.sampled_from(HOSTS[h])) for h in hosts),
        "model": draw(st.sampled_from(["1", "2", "3", "4", "5", "Model 5"])),
        "phase": draw(st.sampled_from(["1", "2", "3", "phase 3"])),
        "local_authorities": "; ".join(areas),
        "gss_codes": "; ".join(AREAS[a] for a in areas),
        "start_date": written_date(start, draw(precision), draw(st.booleans())),
        "end_date": "" if end is None else written_date(end, draw(precision), False),
        "funders": "; ".join(draw(st.lists(st.sampled_from(FUNDERS), unique=True, max_size=2))),
        "website": draw(
            st.sampled_from(["", "https://spoke.example.org/", "http://example.org/a?b=c"])
        ),
        "contact_email": draw(st.sampled_from(["", "team@example.org"])),
        "notes": notes,
    }


def registers(min_size: int = 1) -> st.SearchStrategy[list[dict[str, str]]]:
    return st.lists(rows(), min_size=min_size, max_size=6, unique_by=lambda r: slug(r["service"]))


def register_graph(text: str) -> Graph:
    """Read, check and map a register's CSV text; it must have no problem."""
    records, problems = check_rows(sheet_from_bytes(text.encode("utf-8"), "generated.csv"), known())
    assert problems == []
    return records_to_graph(records, known())


@settings(max_examples=25, deadline=None)
@given(register=registers())
def test_generated_registers_round_trip(register: list[dict[str, str]]) -> None:
    first = register_graph(csv_text(register))
    exported = csv_text(graph_to_rows(first, known()))
    second = register_graph(exported)
    assert set(second) == set(first)
    assert csv_text(graph_to_rows(second, known())) == exported
    assert set(Graph().parse(data=turtle_text(first), format="turtle")) == set(first)


#: One mistake each: a cell and what is wrongly written in it.
MISTAKES = [
    ("model", "6"),
    ("model", "three"),
    ("phase", "0"),
    ("phase", "Phase 4"),
    ("gss_codes", "E1234567"),
    ("gss_codes", "X06000901"),
    ("start_date", "2015-02-30"),
    ("start_date", "2015-13"),
    ("end_date", "2009"),
    ("host_agency_types", "dragon keepers"),
    ("service", ""),
    ("hub_organisation", ""),
    ("local_authorities", ""),
    ("hub_org_id", "GB CHC 1"),
    ("website", "ftp://example.org/"),
    ("contact_email", "team at example.org"),
    ("duplicate", ""),
    ("blank line", ""),
]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data folder holding an imported register, which must survive."""
    folder = Path(shutil.copytree(default_data_dir(), tmp_path_factory.mktemp("property") / "data"))
    import_register(VALID, folder)
    assert (folder / REGISTER_FILE).is_file()
    return folder


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(register=registers(), mistake=st.sampled_from(MISTAKES), at=st.integers(0, 5))
def test_invalid_rows_never_write(
    data_dir: Path, register: list[dict[str, str]], mistake: tuple[str, str], at: int
) -> None:
    column, value = mistake
    index = at % len(register)
    if column == "duplicate":
        register.append(dict(register[index]))
    elif column == "blank line":
        register.insert(index, {})
    else:
        register[index][column] = value
    before = digest(data_dir)
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "register.csv"
        sheet.write_text(csv_text(register), encoding="utf-8")
        with pytest.raises(RegisterError) as caught:
            import_register(sheet, data_dir)
    assert all(p.startswith("row ") for p in caught.value.problems)
    assert digest(data_dir) == before
