"""The researcher's workbench in Python: statements, codebook, co-occurrence, tables.

What a social-policy researcher asks in a notebook: every statement with its source and
codes, the points on a topic, the codebook, which codes go together and the quotes behind a
cell, and every result as a DataFrame with id and label columns.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from graph.errors import EntityNotFound, HubspokeError
from graph.kg import KnowledgeGraph
from graph.query.results import QueryResult
from graph.rdf.namespaces import HS, curie
from graph.research import (
    Code,
    Corpus,
    Statement,
    c_coefficient,
    codebook_table,
    cooccurrence,
    jaccard,
    pair_table,
)
from graph.research.frames import as_table

ALL_STATEMENTS = "SELECT ?s ?text WHERE { ?s a hs:Statement ; hs:text ?text }"


# ---------------------------------------------------------------------- subclasses
def test_a_query_over_statement_includes_every_subclass(kg: KnowledgeGraph) -> None:
    found = {str(r["s"]) for r in kg.sparql("SELECT ?s WHERE { ?s a hs:Statement }")}
    kinds = {curie(o) for s in found for o in kg.graph.objects(URIRef(s), RDF.type)}
    assert len(found) >= 153
    assert {"hs:DiscussionPoint", "hs:Finding", "hs:Claim", "hs:PolicySuggestion"} <= kinds
    assert "le2015:line-103" in {curie(s) for s in found}


def test_rdf_type_written_out_asks_for_the_direct_type_only(kg: KnowledgeGraph) -> None:
    assert len(kg.sparql("SELECT ?s WHERE { ?s rdf:type hs:Statement }")) == 0
    assert len(kg.sparql("SELECT ?s WHERE { ?s a hs:Statement }", subclasses=False)) == 0
    challenges = kg.sparql("SELECT ?s WHERE { ?s rdf:type hs:Challenge }")
    points = kg.sparql("SELECT ?s WHERE { ?s a hs:DiscussionPoint }")
    direct = kg.sparql("SELECT ?s WHERE { ?s rdf:type hs:DiscussionPoint }")
    assert len(points) == len(direct) + len(challenges) > len(direct)


def test_only_classes_with_subclasses_take_the_path_and_answers_do_not_change(
    kg: KnowledgeGraph,
) -> None:
    # "a hs:Meeting" needs no path (no class is below it): the same rows either way
    from graph.query.catalogue import load_catalogue
    from graph.query.sparql import select_table
    from graph.query.subclasses import SUBCLASS_PATH, include_subclasses

    assert str(HS.Statement) in kg.superclasses and str(HS.Meeting) not in kg.superclasses
    rewritten = include_subclasses(ALL_STATEMENTS, kg.superclasses)
    assert SUBCLASS_PATH in rewritten
    assert SUBCLASS_PATH not in include_subclasses("SELECT ?m { ?m a hs:Meeting }", kg.superclasses)
    compared = 0
    for query in load_catalogue().values():
        if any(p.default is None for p in query.parameters):
            continue  # needs a value from the user
        bound = kg.bind(query, {})
        every = select_table(kg.graph, include_subclasses(query.text), bound, timeout=None)
        some = select_table(
            kg.graph, include_subclasses(query.text, kg.superclasses), bound, timeout=None
        )
        assert sorted(map(repr, every[1])) == sorted(map(repr, some[1])), query.name
        compared += 1
    assert compared >= 30


def test_subclasses_are_not_stored_in_the_graph(kg: KnowledgeGraph) -> None:
    kg.sparql("SELECT ?s WHERE { ?s a hs:Statement }")
    assert (None, RDF.type, HS.Statement) not in kg.graph


# ---------------------------------------------------------------------- statements
def test_statements_lists_every_statement_with_full_text_and_provenance(
    kg: KnowledgeGraph,
) -> None:
    table = kg.statements()
    expected = {str(r["s"]): str(r["text"]) for r in kg.sparql(ALL_STATEMENTS)}
    assert len(table) == len(expected) >= 153
    assert {r["iri"]: r["text"] for r in table} == expected  # verbatim, never cut
    for row in table:
        assert row["document"] and row["document_label"], row["id"]
        assert row["section"] and row["start_line"] and row["lines"], row["id"]
        assert row["id"] == curie(row["iri"])
    assert len(set(table.column("id"))) == len(table)


def test_a_statement_row_carries_its_codes_as_ids_and_labels(kg: KnowledgeGraph) -> None:
    row = next(r for r in kg.statements() if r["id"] == "le2015:line-103")
    coded = {curie(o) for o in kg.graph.objects(URIRef(row["iri"]), HS.concernsTopic)}
    assert set(row["topics"]) == coded
    assert row["topics_label"] == [kg.label(kg.resolve(t)) for t in row["topics"]]
    assert row["type"] == "hs:DiscussionPoint" and row["lines"] == "103-106"
    assert row["session_label"] == kg.label(kg.resolve(row["session"]))


def test_topic_supervision_gives_the_supervision_points(kg: KnowledgeGraph) -> None:
    table = kg.statements(topic="supervision")
    assert table.column("id") == ["le2015:line-103", "le2015:line-129", "le2015:line-134"]
    # the same points as competency question 8
    assert table.column("start_line") == kg.query("cq08-supervision-points").column("line")


def test_topic_includes_narrower_topics(kg: KnowledgeGraph) -> None:
    broad = set(kg.statements(topic="topic:workforce").column("id"))
    narrow = set(kg.statements(topic="topic:worker-wellbeing").column("id"))
    assert narrow and narrow <= broad


def test_filters_by_document_section_and_type(kg: KnowledgeGraph) -> None:
    in_4 = kg.statements(section="section 4")
    assert {r["section"] for r in in_4} >= {"le2015:section-4a", "le2015:section-4c"}
    recommendations = kg.statements(type="recommendation")
    assert {r["type"] for r in recommendations} >= {"hs:PolicySuggestion", "hs:SupportRequest"}
    report = kg.statements(document="le2015:document")
    assert {r["document"] for r in report} == {"le2015:document"}
    assert len(report) < len(kg.statements())  # the claims come from other documents


def test_an_unknown_topic_names_the_closest_codes(kg: KnowledgeGraph) -> None:
    with pytest.raises(EntityNotFound, match="supervision"):
        kg.statements(topic="supervisoin")


# ---------------------------------------------------------------------- codebook
def test_the_codebook_has_every_code_with_its_use_and_an_example(kg: KnowledgeGraph) -> None:
    book = kg.codebook()
    schemes = Counter(book.column("scheme"))
    assert schemes["scheme:topics"] >= 41
    assert {"scheme:target-groups", "scheme:agency-types", "scheme:roles"} <= set(schemes)
    coded = Counter(
        curie(o)
        for p in (HS.concernsTopic, HS.concernsGroup, HS.concernsRole, HS.namesAgency)
        for o in kg.graph.objects(None, p)
    )
    for row in book:
        assert row["label"] and row["definition"], row["id"]
        assert row["statements"] == coded[row["id"]], row["id"]
        if row["statements"]:
            example = next(r for r in kg.statements() if r["id"] == row["example_id"])
            assert example["text"] == row["example"]
    wellbeing = next(r for r in book if r["id"] == "topic:worker-wellbeing")
    assert wellbeing["broader"] == ["topic:workforce"]
    workforce = next(r for r in book if r["id"] == "topic:workforce")
    assert "topic:worker-wellbeing" in workforce["narrower"]
    assert workforce["statements_with_narrower"] >= workforce["statements"]


# ---------------------------------------------------------------------- co-occurrence
def _toy_corpus() -> Corpus:
    """Five statements coded by hand: A on s1-s4, B on s3-s5, C on s5 only."""
    topic = str(HS.concernsTopic)
    codings = {
        "urn:s1": [(topic, "urn:A")],
        "urn:s2": [(topic, "urn:A")],
        "urn:s3": [(topic, "urn:A"), (topic, "urn:B")],
        "urn:s4": [(topic, "urn:A"), (topic, "urn:B")],
        "urn:s5": [(topic, "urn:B"), (topic, "urn:C")],
    }
    statements = {
        s: Statement(s, str(HS.DiscussionPoint), "urn:doc", "urn:sec", "", i, i, i, f"text {i}")
        for i, s in enumerate(codings, start=1)
    }
    codes = {
        c: Code(c, "urn:scheme/topics", c[-1], f"code {c[-1]}", (), ())
        for c in ("urn:A", "urn:B", "urn:C")
    }
    return Corpus(statements, codes, codings, {}, {}, {}, {})


def test_the_c_coefficient_matches_a_hand_computed_example() -> None:
    co = cooccurrence(_toy_corpus(), None)
    # A: 4 statements, B: 3, together on 2 -> c = 2 / (4 + 3 - 2) = 0.4
    assert co.count("urn:A", "urn:B") == 2
    assert co.value("urn:A", "urn:B", "c") == pytest.approx(0.4)
    # B: 3, C: 1, together on 1 -> 1 / (3 + 1 - 1) = 1/3; A and C never together -> 0
    assert co.value("urn:B", "urn:C", "c") == pytest.approx(1 / 3)
    assert co.value("urn:A", "urn:C", "c") == 0.0
    assert c_coefficient(100, 10, 5) == pytest.approx(5 / 105)  # ATLAS.ti's own example
    assert jaccard({"s3", "s4", "s5"}, {"s5"}) == pytest.approx(1 / 3)
    with pytest.raises(ValueError):
        c_coefficient(2, 3, 4)


def test_the_matrix_is_symmetric_and_the_pairs_are_strongest_first() -> None:
    co = cooccurrence(_toy_corpus(), None)
    matrix = co.matrix("count")
    assert matrix.column("code") == ["urn:A", "urn:B", "urn:C"]
    cells = {r["code"]: r for r in matrix}
    assert cells["urn:A"]["urn:B"] == cells["urn:B"]["urn:A"] == 2
    assert cells["urn:A"]["urn:A"] is None and cells["urn:A"]["statements"] == 4
    pairs = co.pairs("c")
    assert [(p["code_a"], p["code_b"]) for p in pairs] == [("urn:A", "urn:B"), ("urn:B", "urn:C")]
    with pytest.raises(HubspokeError, match="measure"):
        co.matrix("pearson")


def test_topic_cooccurrence_counts_statements_coded_with_both(kg: KnowledgeGraph) -> None:
    co = kg.cooccurrence("topics")
    a, b = str(kg.resolve("supervision")), str(kg.resolve("topic:worker-wellbeing"))
    both = {
        s
        for s in kg.graph.subjects(HS.concernsTopic, URIRef(a))
        if (s, HS.concernsTopic, URIRef(b)) in kg.graph
    }
    assert co.count(a, b) == len(both) > 0
    assert co.value(a, b, "jaccard") == pytest.approx(co.value(a, b, "c"))


def test_the_quotes_behind_a_cell_participation_and_training(kg: KnowledgeGraph) -> None:
    table = kg.coded_with_both("participation", "training")
    assert len(table) >= 1
    for row in table:
        assert {"topic:participation", "topic:training-accreditation"} <= set(row["topics"])
        assert row["text"] and row["document_label"] and row["lines"]
    co = kg.cooccurrence()
    cell = co.count(
        str(kg.resolve("topic:participation")), str(kg.resolve("topic:training-accreditation"))
    )
    assert cell == len(table)


def test_the_quotes_and_codebook_of_hand_coded_statements() -> None:
    corpus = _toy_corpus()
    assert pair_table(corpus, "A", "urn:B").column("id") == ["urn:s3", "urn:s4"]
    assert codebook_table(corpus).column("statements") == [4, 3, 1]


# ---------------------------------------------------------------------- tables
def test_a_query_result_as_a_dataframe_has_id_and_label_columns(kg: KnowledgeGraph) -> None:
    result = kg.query("cq08-supervision-points")
    frame = result.to_dataframe()
    # each column of IRIs comes twice, the IRI then its label; other columns once
    expected: list[str] = []
    for column in result.columns:
        expected.append(column)
        if column in ("statement", "section"):
            expected.append(f"{column}_label")
    assert list(frame.columns) == expected
    assert frame.loc[0, "statement"].startswith("https://w3id.org/hubspoke/id/")
    assert frame.loc[0, "statement_label"] == kg.label(frame.loc[0, "statement"])
    assert list(frame["line"]) == [103, 129, 134]


def test_a_notebook_shows_a_result_as_an_escaped_html_table() -> None:
    result = QueryResult(
        ["s", "t"], [{"s": URIRef("urn:x"), "t": Literal("<script>alert(1)</script>")}], {}
    )
    html = result._repr_html_()
    assert html.startswith('<table class="hubspoke">')
    assert "<th>s_label</th>" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "1 row" in html


def test_research_tables_become_dataframes_and_html(kg: KnowledgeGraph) -> None:
    frame = kg.statements(topic="supervision").to_dataframe()
    assert {"id", "iri", "document", "document_label", "topics", "topics_label"} <= set(frame)
    assert "<td>le2015:line-103</td>" in kg.statements(topic="supervision")._repr_html_()
    book = kg.codebook(scheme="roles").to_dataframe()
    assert {"id", "label"} <= set(book.columns)
    matrix = kg.cooccurrence().to_dataframe("c")
    assert {"code", "code_label", "topic:supervision"} <= set(matrix.columns)


def test_search_neighbours_paths_and_centrality_as_tables(kg: KnowledgeGraph) -> None:
    from graph.network.analysis import centrality

    hits = as_table(kg.search("supervision")).to_dataframe()
    assert {"id", "label", "type", "type_label"} <= set(hits.columns)
    near = as_table(kg.neighbours("CSEFA")).to_dataframe()
    assert {"id", "label", "via", "via_label"} <= set(near.columns)
    paths = as_table(kg.path("CSEFA", "sustainability", k=2)).to_dataframe()
    assert {"from", "from_label", "to", "to_label", "sentence"} <= set(paths.columns)
    ranking = as_table(centrality(kg.view("partnership"), "degree", top=3))
    assert ranking.columns[:4] == ["rank", "id", "iri", "label"] and len(ranking) == 3
    with pytest.raises(HubspokeError, match="as_table takes"):
        as_table([1, 2])
