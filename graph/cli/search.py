"""``hubspoke search TEXT``: ranked, stemmed full-text search over texts, names, codes and acronyms."""

from __future__ import annotations

import argparse

from graph.cli._shared import add_data, add_format, load_graph_for, show_rows
from graph.rdf.namespaces import document_id
from graph.search.classes import resolve_class
from graph.search.fulltext import SearchIndex, cached_index

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "search",
        help="ranked full-text search over texts, names, codes and acronyms",
        description="Find the entities that match the WORDS: in their verbatim text, their "
        "names, the topics, groups and roles they are coded with, and the other forms of "
        "their acronyms ('national referral mechanism' finds 'NRM'). Case, accents and word "
        "endings do not matter ('emotional' finds 'emotionally'). Every word must match; "
        '"a phrase" keeps words together, a OR b takes either, NOT word (or -word) leaves '
        "out, word* matches a prefix (docs/search.md). Statements whose text matches come "
        "first, then statements coded with the words, then entities matched by name. The "
        "index is cached in $XDG_CACHE_HOME/hubspoke and rebuilt when the graph changes.",
    )
    parser.add_argument("words", nargs="+", metavar="WORD", help="what to find (see above)")
    parser.add_argument(
        "--type",
        metavar="CLASS",
        help="only instances of this class (and its subclasses), by label, name or CURIE, "
        "e.g. 'discussion point', Recommendation, hs:Finding",
    )
    parser.add_argument(
        "--limit", type=int, default=10, metavar="N", help="most hits (default: %(default)s)"
    )
    parser.add_argument("--no-cache", action="store_true", help="build the index in memory only")
    add_format(parser)
    add_data(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kg = load_graph_for(args)
    cls = str(resolve_class(kg.graph, args.type)) if args.type else None
    index = SearchIndex.in_memory(kg.graph) if args.no_cache else cached_index(kg.graph)
    text = " ".join(args.words)
    try:
        hits = index.search(text, type=cls, limit=args.limit)
    finally:
        index.close()
    return show_rows(
        args.format,
        [
            {
                "#": h.rank,
                "type": h.type_label,
                "section": h.section_number or h.section,
                "document": document_id(h.iri) if h.lines else "",
                "lines": h.lines,
                "text": h.text or h.label,
                "id": h.curie,
            }
            for h in hits
        ],
        columns=["#", "type", "section", "document", "lines", "text", "id"],
        machine_columns=_MACHINE_COLUMNS,
        machine_records=[h.as_record() for h in hits],
        empty=f"no hits for {text!r}",
    )


_MACHINE_COLUMNS = (
    "rank",
    "iri",
    "id",
    "label",
    "type",
    "type_label",
    "document",
    "document_id",
    "section",
    "section_number",
    "lines",
    "text",
    "score",
    "matched",
)
