"""Each competency question (docs/competency-questions.md) answered by its named query."""

from __future__ import annotations

import re

import pytest

from graph.kg import KnowledgeGraph
from graph.query.catalogue import load_catalogue
from graph.rdf.namespaces import curie

REPORT, CONTEXT = "learning-exchange-2015-12-01", "programme-context"

#: Arguments for the named queries whose parameters have no default.
REQUIRED = {
    "cq18-provenance": {"statement": "le2015:line-103"},
    "statements-containing": {"phrase": "the"},
}


def lines(result, column: str = "line") -> list[int]:
    return [int(v) for v in result.column(column)]


def test_cq01_models_presented_and_how_many_services(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq01-models-presented").records()
    assert [(r["modelNumber"], r["services"]) for r in rows] == [(1, 2), (4, 1), (5, 1)]


def test_cq02_phases_one_two_three_together_for_the_first_time(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq02-phases-together").records()
    assert [r["phaseNumber"] for r in rows] == [1, 2, 3]
    assert all(r["firstTime"] is True for r in rows)


def test_cq03_date_series_position_and_attendance(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq03-event-facts").records()
    assert row["date"] == "2015-12-01"
    assert row["seriesNumber"] == 2
    assert row["attendees"] == 30
    assert "Learning Exchange" in row["series"]


def test_cq04_funder_representative_and_acronym(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq04-funder").records()
    assert row["acronym"] == "CSEFA"
    assert row["name"] == "Child Sexual Exploitation Funders Alliance"


def test_cq05_three_objectives_and_their_themes(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq05-objectives-themes").records()
    by_objective: dict[int, list[str]] = {}
    for r in rows:
        by_objective.setdefault(r["objectiveNumber"], []).append(r["themeText"].lower())
    assert sorted(by_objective) == [1, 2, 3]
    assert any("effectiveness of the hub and spoke model" in t for t in by_objective[1])
    assert any("relationship between statutory and voluntary sectors" in t for t in by_objective[2])
    assert any("maintaining a voluntary sector identity" in t for t in by_objective[2])
    assert any(
        "multi-agency perceptions of child sexual exploitation" in t for t in by_objective[3]
    )
    assert any("driving up quality and expertise in the sector" in t for t in by_objective[3])
    objectives = {r["objectiveNumber"]: r["objective"] for r in rows}
    assert objectives[1].startswith("Safeguarding young people from sexual exploitation")
    assert objectives[2].startswith("Supporting and equipping specialist CSE workers")
    assert objectives[3].startswith("Promoting stable CSE policy frameworks")


def test_cq06_findings_under_statutory_voluntary_theme(kg: KnowledgeGraph) -> None:
    result = kg.query("cq06-findings-under-theme")
    assert lines(result) == [40, 41, 42]
    assert (
        result.records()[2]["text"] == "Evidence of effectiveness is important for sustainability"
    )


def test_cq06_theme_can_be_named_by_label(kg: KnowledgeGraph) -> None:
    theme = kg.resolve("le2015:line-38")
    by_label = kg.query("cq06-findings-under-theme", theme=kg.label(theme))
    assert lines(by_label) == [40, 41, 42]


def test_cq07_four_roundtable_questions(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq07-roundtable-questions").records()
    assert [r["letter"] for r in rows] == ["a", "b", "c", "d"]
    texts = [r["text"].lower() for r in rows]
    assert "risk, referrals and case allocation" in texts[0]
    assert "sustainability" in texts[1]
    assert "spoke workers need" in texts[2]
    assert "working relationships" in texts[3] and "statutory services" in texts[3]


def test_cq08_supervision_points_across_the_report(kg: KnowledgeGraph) -> None:
    result = kg.query("cq08-supervision-points")
    found = set(lines(result))
    assert {103, 129, 134} <= found
    sections = {r["line"]: r["sectionNumber"] for r in result.records()}
    assert sections[103] == "4a" and sections[129] == "4c" and sections[134] == "4c"


def test_cq09_home_office_suggestions_for_young_people_16_plus(kg: KnowledgeGraph) -> None:
    assert {191, 193} <= set(lines(kg.query("cq09-suggestions-for-group")))


def test_cq10_eight_requests_to_csefa(kg: KnowledgeGraph) -> None:
    result = kg.query("cq10-requests-to-organisation")
    assert lines(result) == list(range(171, 179))
    assert result.records()[5]["text"] == "Offer advice about fundraising"


def test_cq11_policy_and_dissemination_lead(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq11-role-holder-work").records()
    assert row["name"] == "Lucie Shuker"
    assert "website" in row["description"] and "knowledge exchange" in row["description"]
    assert row["years"] == "2016, 2017"
    assert row["pattern"] == "part-time"


def test_cq12_minister_and_question(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq12-meeting-minister").records()
    assert row["name"] == "Karen Bradley" and row["honorific"] == "MP"
    assert row["role"] == "Minister for Preventing Abuse and Exploitation"
    assert row["question"] == (
        "How can national policy be made to work with, and not against, local action in "
        "tackling child sexual exploitation?"
    )


def test_cq13_documents_referred_to(kg: KnowledgeGraph) -> None:
    result = kg.query("cq13-documents-referred-to")
    cited = {curie(r["cited"]): r for r in result.records(labels=False) if r["cited"]}
    assert set(cited) == {
        "doc:year-2-evaluation-report",
        "doc:final-report",
        "doc:home-office-meeting-report",
    }
    assert cited["doc:year-2-evaluation-report"]["pages"] == "15-16"
    assert cited["doc:year-2-evaluation-report"]["line"] == 89
    assert cited["doc:final-report"]["dueYear"] == "2017"
    assert cited["doc:home-office-meeting-report"]["line"] == 206


def test_cq14_next_event_provisional(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq14-next-event").records()
    assert row["date"] == "2016-12-01"
    assert row["status"] == "provisional"
    assert row["seriesNumber"] == 3
    assert "Hub and Spoke services themselves" in row["focus"]
    assert "innovative developments and successes" in row["focus"]


def test_cq15_csefa_connected_to_sustainability(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq15-organisation-to-topic").records(labels=False)
    assert rows, "no chain from CSEFA to sustainability"
    chain = [r for r in rows if r["requestLine"] == 176]
    assert chain, "the fundraising request (line 176) starts no chain"
    assert any(curie(r["sharedTopic"]) == "topic:funding" for r in chain)
    assert any(r["question"] and curie(r["question"]) == "le2015:line-108" for r in chain)


def test_cq15_each_line_names_its_document(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq15-organisation-to-topic").records()
    fundraising = [r for r in rows if r["requestLine"] == 176]
    assert {r["requestDocument"] for r in fundraising} == {REPORT}
    assert {r["pointDocument"] for r in rows} <= {REPORT, CONTEXT}
    assert all(r["requestDocument"] and r["pointDocument"] for r in rows)


def test_cq16_statutory_voluntary_relationship_points(kg: KnowledgeGraph) -> None:
    rows = kg.query("cq16-statutory-voluntary").records()
    found = {(r["document"], r["line"]) for r in rows}
    assert {(REPORT, n) for n in (40, 41, 111, 140, 148, 136)} <= found


def test_cq16_the_two_line_40s_are_told_apart_by_their_documents(kg: KnowledgeGraph) -> None:
    # the report's finding on line 40 and the programme context's claim on its own line 40
    at_40 = [r for r in kg.query("cq16-statutory-voluntary").records() if r["line"] == 40]
    assert sorted((r["document"], r["type"]) for r in at_40) == [
        (REPORT, "finding"),
        (CONTEXT, "claim"),
    ]


def test_cq16_lists_each_statement_once(kg: KnowledgeGraph) -> None:
    # line 111 is tagged with two topics under the relationship; it is one point
    statements = kg.query("cq16-statutory-voluntary").column("statement", labels=False)
    assert len(statements) == len(set(statements))
    assert statements.count(str(kg.resolve("le2015:line-111"))) == 1


def test_points_by_topic_lists_each_statement_once_with_all_its_tags(kg: KnowledgeGraph) -> None:
    rows = kg.query("points-by-topic", topic="sustainability").records(labels=False)
    statements = [r["statement"] for r in rows]
    assert len(statements) == len(set(statements))
    (partnering,) = [r for r in rows if r["line"] == 112 and r["document"] == REPORT]
    assert sorted(partnering["tagged"].split("; ")) == ["funding", "sustainability"]


def _line_columns(columns: list[str]) -> list[str]:
    return [c for c in columns if re.search(r"(^l|L)ines?$", c)]


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_every_query_that_cites_lines_names_the_document_beside_them(
    kg: KnowledgeGraph, name: str
) -> None:
    if "document" in load_catalogue()[name].parameter_names:
        return  # the lines are those of the document the query is asked about (cq13, cq17)
    result = kg.query(name, **REQUIRED.get(name, {}))
    for column in _line_columns(result.columns):
        prefix = column[: -len("Line")] if column.endswith("Line") else ""
        document = f"{prefix}Document" if f"{prefix}Document" in result.columns else "document"
        assert document in result.columns, f"{name}: {column} has no document beside it"
        for row in result.records():
            if row[column] is not None:
                assert row[document], f"{name}: a {column} without its document"


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_no_query_repeats_a_row(kg: KnowledgeGraph, name: str) -> None:
    rows = kg.query(name, **REQUIRED.get(name, {})).records(labels=False)
    assert len({repr(sorted(r.items())) for r in rows}) == len(rows)


def test_cq17_agencies_named(kg: KnowledgeGraph) -> None:
    named = {curie(r["agency"]) for r in kg.query("cq17-agencies-named").records(labels=False)}
    expected = {
        "agency:police",
        "agency:local-authority",
        "agency:lscb",
        "agency:commissioners",
        "agency:childrens-social-care",
        "hsorg:dfe",
        "hsorg:doh",
        "hsorg:home-office",
        "hsorg:csefa",
        "hsorg:university-of-bedfordshire",
    }
    assert expected <= named


def test_cq18_provenance_of_a_statement(kg: KnowledgeGraph) -> None:
    (row,) = kg.query("cq18-provenance", statement="le2015:line-103").records()
    assert row["title"] == "CSE Hub and Spoke Evaluation Learning Exchange Event Report"
    assert row["sectionNumber"] == "4a"
    assert (row["startLine"], row["endLine"]) == (103, 106)
    assert row["text"].startswith("Risk management should include risks to workers")
    assert "'Guardian 24'" in row["text"]


def test_every_competency_question_has_a_named_query(kg: KnowledgeGraph) -> None:
    names = {q.name[:4] for q in kg.queries()}
    assert {f"cq{n:02d}" for n in range(1, 19)} <= names
