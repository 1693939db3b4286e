"""Every bullet and every prose paragraph of the 2015 report is in the graph, verbatim.

The source is read independently of the data: bullets are lines starting with "-", their
continuation lines are indented text below them; paragraphs are the other non-heading lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS
from graph.rdf.resources import source_file

SOURCE = "learning-exchange-2015-12-01.md"
DOCUMENT = "https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/document"


@dataclass
class Unit:
    kind: str
    start: int
    end: int
    text: str


def clean(text: str) -> str:
    text = re.sub(r"</?sup>", "", text)
    text = re.sub(r"^o\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def read_units() -> list[Unit]:
    units: list[Unit] = []
    lines = source_file(SOURCE).read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        bullet = re.match(r"^\s*-\s+(.*)$", raw)
        if bullet:
            units.append(Unit("bullet", number, number, clean(bullet.group(1))))
        elif raw.startswith((" ", "\t")) and units and units[-1].end == number - 1:
            units[-1].end = number
            units[-1].text = clean(f"{units[-1].text} {stripped}")
        elif units and units[-1].kind == "paragraph" and units[-1].end == number - 1:
            units[-1].end = number
            units[-1].text = clean(f"{units[-1].text} {stripped}")
        else:
            units.append(Unit("paragraph", number, number, clean(stripped)))
    return units


UNITS = read_units()
BULLETS = [u for u in UNITS if u.kind == "bullet"]
PARAGRAPHS = [u for u in UNITS if u.kind == "paragraph"]


def statements_by_line(kg: KnowledgeGraph) -> dict[int, tuple[int, str]]:
    from rdflib import URIRef

    found = {}
    for s in kg.graph.subjects(HS.sourceDocument, URIRef(DOCUMENT)):
        start = int(kg.graph.value(s, HS.startLine))
        found[start] = (int(kg.graph.value(s, HS.endLine)), str(kg.graph.value(s, HS.text)))
    return found


def test_the_report_has_94_bullets() -> None:
    assert len(BULLETS) == 94


@pytest.mark.parametrize("unit", BULLETS, ids=lambda u: f"line-{u.start}")
def test_every_bullet_is_a_statement_with_its_verbatim_text(kg: KnowledgeGraph, unit: Unit) -> None:
    found = statements_by_line(kg)
    assert unit.start in found, f"line {unit.start} ({unit.text[:40]}...) has no statement"
    end, text = found[unit.start]
    assert end == unit.end
    assert text == unit.text


@pytest.mark.parametrize("unit", PARAGRAPHS, ids=lambda u: f"line-{u.start}")
def test_every_paragraph_is_in_the_graph(kg: KnowledgeGraph, unit: Unit) -> None:
    found = statements_by_line(kg)
    covering = [
        text for start, (end, text) in found.items() if start <= unit.start and unit.end <= end
    ]
    assert covering, f"paragraph at line {unit.start} ({unit.text[:40]}...) is not in the graph"
    joined = " ".join(covering)
    assert unit.text in joined or clean(unit.text.strip('"')) in joined
