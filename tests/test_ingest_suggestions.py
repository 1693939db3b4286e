"""Codes suggested from the codebook's own words reach 0.6 precision and 0.6 recall against the
topics the curators tagged on the 2015 report.

The suggester sees only the codebook (labels, alternative labels, definitions) and each
statement's text; the curated tags are read here only to score it.
"""

from __future__ import annotations

from rdflib import URIRef

from graph.ingest import Codebook, segment, suggest
from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS, curie
from graph.rdf.resources import ontology_files, source_file

DOCUMENT = URIRef("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/document")


def test_topic_suggestions_reach_the_curated_topic_tags(kg: KnowledgeGraph) -> None:
    g = kg.graph
    curated: dict[int, set[str]] = {}
    for s in g.subjects(HS.sourceDocument, DOCUMENT):
        curated[int(g.value(s, HS.startLine))] = {curie(t) for t in g.objects(s, HS.concernsTopic)}
    book = Codebook.packaged()
    text = source_file("learning-exchange-2015-12-01.md").read_text(encoding="utf-8")
    hits = suggested_total = curated_total = 0
    scored = 0
    for unit in segment(text).units:
        if unit.start not in curated:
            continue  # a statement the curators cut otherwise (see test_ingest_segmentation)
        scored += 1
        mine = {c for c in suggest(unit.text, book) if c.startswith("topic:")}
        theirs = curated[unit.start]
        hits += len(mine & theirs)
        suggested_total += len(mine)
        curated_total += len(theirs)
    precision, recall = hits / suggested_total, hits / curated_total
    print(
        f"\n{scored} statements: {suggested_total} topics suggested, {curated_total} curated, "
        f"{hits} in both; precision {precision:.2f}, recall {recall:.2f}"
    )
    assert precision >= 0.6
    assert recall >= 0.6


def test_the_codebook_is_read_from_the_concept_schemes_alone() -> None:
    book = Codebook.packaged()
    assert [p.name for p in ontology_files()] == ["hubspoke.ttl", "schemes.ttl"]
    assert len([c for c in book if c.curie.startswith("topic:")]) >= 40
    assert {c.scheme.prefix for c in book} == {"topic", "group", "role", "agency"}


def test_a_statement_is_suggested_the_codes_its_words_name() -> None:
    book = Codebook.packaged()
    found = suggest(
        "Police take referrals of boys to specialist services after risk assessment", book
    )
    assert {"agency:police", "topic:referrals", "topic:risk", "group:boys"} <= set(found)
    assert suggest("The weather was fine.", book) == []
