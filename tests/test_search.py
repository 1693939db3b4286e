"""'hubspoke search': ranked, stemmed full-text search; the index follows the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph.cli import main
from graph.errors import HubspokeError
from graph.kg import KnowledgeGraph
from graph.rdf.namespaces import HS, curie
from graph.search.fulltext import SearchIndex, cached_index, fingerprint

CQ8_POINTS = {"le2015:line-103", "le2015:line-129", "le2015:line-134"}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def index(kg: KnowledgeGraph) -> SearchIndex:
    return SearchIndex.in_memory(kg.graph)


def test_the_supervision_points_of_cq8_are_the_three_statements_searched_for(
    kg: KnowledgeGraph,
) -> None:
    assert {
        curie(s) for s in kg.query("cq08-supervision-points").column("statement", labels=False)
    } == CQ8_POINTS


def test_hubspoke_search_supervision_puts_the_three_cq8_points_at_the_top(capsys) -> None:
    assert main(["search", "supervision", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["id"] for h in hits[:3]} == CQ8_POINTS
    assert [h["rank"] for h in hits[:3]] == [1, 2, 3]


def test_hubspoke_search_supervise_finds_them_too_by_stemming(capsys) -> None:
    assert main(["search", "supervise"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert {line.split()[-1] for line in out[2:5]} == CQ8_POINTS


@pytest.mark.parametrize("words", ["SUPERVISION", "Supervised", "supervis*"])
def test_search_ignores_case_and_word_endings(index: SearchIndex, words: str) -> None:
    assert {h.curie for h in index.search(words, limit=3)} == CQ8_POINTS


def test_each_hit_has_its_type_section_lines_and_text(index: SearchIndex) -> None:
    (hit,) = [h for h in index.search("supervision") if h.curie == "le2015:line-103"]
    assert hit.type == "hs:DiscussionPoint"
    assert hit.type_label == "discussion point"
    assert hit.section_number == "4a"
    assert hit.section.startswith("4a) How are risk, referrals")
    assert hit.lines == "103-106"
    assert hit.text.startswith("Risk management should include risks to workers")
    assert hit.matched == "text"


def test_names_are_searched_too_after_the_texts(index: SearchIndex) -> None:
    hits = index.search("supervision")
    assert [h.matched for h in hits[:3]] == ["text", "text", "text"]
    assert "topic:supervision" in [h.curie for h in hits[3:]]
    assert "hsorg:csefa" in [h.curie for h in index.search("csefa")]


def test_type_filter_keeps_instances_of_the_class_and_its_subclasses(kg: KnowledgeGraph) -> None:
    hits = kg.search("supervision", type="recommendation")
    assert [h.curie for h in hits] == ["le2015:line-129"]
    requests = kg.search("funding", type="hs:Recommendation", limit=50)
    assert "hs:SupportRequest" in {h.type for h in requests}
    assert {h.type for h in requests} <= {
        "hs:Recommendation",
        "hs:SupportRequest",
        "hs:PolicySuggestion",
    }


def test_an_unknown_type_is_bad_input_with_candidates(capsys) -> None:
    assert main(["search", "supervision", "--type", "discusion point"]) == 1
    assert "Closest: discussion point (hs:DiscussionPoint)" in capsys.readouterr().err


def test_limit_and_no_hits(index: SearchIndex, capsys) -> None:
    assert len(index.search("the", limit=2)) == 2
    assert index.search("xyzzy") == []
    with pytest.raises(HubspokeError, match="at least 1"):
        index.search("supervision", limit=0)
    assert main(["search", "xyzzy"]) == 0
    assert "no hits for 'xyzzy'" in capsys.readouterr().out


def test_when_no_entity_has_every_word_any_word_will_do(index: SearchIndex) -> None:
    assert {h.curie for h in index.search("supervision xyzzy", limit=3)} == CQ8_POINTS


def test_query_syntax_in_the_words_is_not_interpreted(index: SearchIndex) -> None:
    for words in ['"} ; DROP ALL #', "NEAR(a b)", "text:supervision", "*", "-"]:
        index.search(words)  # no exception


def test_the_cached_index_is_reused_and_rebuilt_when_the_graph_changes(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    folder = tmp_path / "hubspoke"
    first = cached_index(kg.graph, folder)
    assert first.path is not None and first.fingerprint == fingerprint(kg.graph)
    first.close()
    again = cached_index(kg.graph, folder)
    assert again.path == first.path
    again.close()

    changed = Graph()
    changed += kg.graph
    statement = URIRef("https://w3id.org/hubspoke/id/test/line-1")
    changed.add((statement, RDF.type, HS.DiscussionPoint))
    changed.add((statement, RDFS.label, Literal("Zebra crossings")))
    changed.add((statement, HS.text, Literal("Zebra crossings near schools")))
    rebuilt = cached_index(changed, folder)
    assert rebuilt.path is not None and rebuilt.path != first.path
    assert [h.iri for h in rebuilt.search("zebra")] == [str(statement)]
    rebuilt.close()
    assert sorted(p.name for p in folder.glob("search-*.sqlite")) == [rebuilt.path.name]


def test_the_command_line_keeps_its_index_in_the_user_cache(tmp_path: Path, capsys) -> None:
    assert main(["search", "supervision", "--limit", "1"]) == 0
    capsys.readouterr()
    assert len(list((tmp_path / "cache" / "hubspoke").glob("search-*.sqlite"))) == 1


def test_the_fingerprint_depends_only_on_the_triples(kg: KnowledgeGraph) -> None:
    copy = Graph()
    copy += kg.graph
    assert fingerprint(copy) == fingerprint(kg.graph)
