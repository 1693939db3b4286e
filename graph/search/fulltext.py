"""Ranked full-text search over the graph: verbatim texts, names, codes and acronyms (SQLite FTS5).

The index has one row per entity of the data (statements, sections, topics, organisations,
people, events...) with five columns:

- ``text``: the verbatim text (of a statement);
- ``names``: its labels, alternative labels, acronyms, personal names and titles;
- ``codes``: the labels and alternative labels of the topics, target groups and roles it is
  coded with, so that ``wellbeing`` finds the statements coded "worker safety and wellbeing";
- ``related``: the other forms of what it says (:mod:`graph.search.acronyms`: "National
  Referral Mechanism" for "NRM" and the other way round) and the names of the agencies it names;
- ``context``: its kind ("challenge", "aim") and the names of what it belongs to (the question
  it answers, the lead-in it follows, what it is the aim of).

Words are folded and stemmed with Snowball's English stemmer (:mod:`graph.search.words`):
``emotional`` finds "emotionally demanding". The query syntax (phrases, ``OR``, ``NOT``,
``word*``) is :mod:`graph.search.syntax`. Every word must match, in any column; when no entity
has them all, and the query is plain words, entities with any of them are returned instead.

Ranking: entities whose verbatim text (or its other forms) has the words come first, then
statements coded with them, then entities matched by name or context only; within each group
by BM25 relevance (text and related forms weigh most, then codes and names, then context).

The command line keeps the index in a cache folder (``$XDG_CACHE_HOME/hubspoke``, by default
``~/.cache/hubspoke``) under a fingerprint of the graph's triples, so it is rebuilt whenever
the graph changes; the library builds it in memory.

Examples
--------
>>> from graph.rdf.loading import load_graph
>>> index = SearchIndex.in_memory(load_graph())
>>> sorted(h.curie for h in index.search("supervise", limit=3))
['le2015:line-103', 'le2015:line-129', 'le2015:line-134']
>>> index.search("supervise", limit=1)[0].section_number
'4c'
>>> [h.curie for h in index.search("national referral mechanism", limit=1)]
['le2015:line-203']
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from graph.atomic import write_via
from graph.errors import HubspokeError
from graph.network.facts import GraphFacts
from graph.network.views import _class_depths, node_attributes
from graph.rdf.namespaces import HSD, curie, document_id
from graph.search.acronyms import Acronyms
from graph.search.columns import columns as entity_columns
from graph.search.syntax import Query, parse
from graph.search.words import stem, stemmed, words

__all__ = [
    "INDEX_VERSION",
    "MAX_QUERY_LENGTH",
    "SearchHit",
    "SearchIndex",
    "cache_directory",
    "cached_index",
    "fingerprint",
    "write_index",
]

#: Longest query searched for; a longer one is refused at once.
MAX_QUERY_LENGTH = 1000

#: Bumped whenever the layout of the index changes, so that old cached indexes are rebuilt.
INDEX_VERSION = "2"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    iri TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    cls TEXT NOT NULL,
    class_label TEXT NOT NULL,
    document TEXT NOT NULL,
    section TEXT NOT NULL,
    section_number TEXT NOT NULL,
    lines TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE types (id INTEGER NOT NULL, class TEXT NOT NULL);
CREATE INDEX types_class ON types (class);
CREATE TABLE vocabulary (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    names, text, codes, related, context, tokenize = 'unicode61 remove_diacritics 2'
);
"""

#: BM25 weights of the columns: names, text, codes, related, context.
_WEIGHTS = (2.0, 4.0, 2.0, 4.0, 1.0)

_SEARCH = """
SELECT e.iri, e.label, e.cls, e.class_label, e.document, e.section, e.section_number,
       e.lines, e.text, -bm25(fts, {weights}) AS score,
       CASE WHEN fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH :in_text) THEN 0
            WHEN fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH :in_codes) THEN 1
            ELSE 2 END AS tier
FROM fts JOIN entities AS e ON e.id = fts.rowid
WHERE fts MATCH :query {type_filter}
ORDER BY tier, score DESC, e.iri
LIMIT :limit
"""

_TYPE_FILTER = "AND e.id IN (SELECT id FROM types WHERE class = :cls)"
_MATCHED = ("text", "code", "name")


@dataclass(frozen=True)
class SearchHit:
    """One entity found by :meth:`SearchIndex.search`.

    ``type`` is the CURIE of its most specific class and ``type_label`` that class's label;
    ``section``, ``section_number``, ``document`` and ``lines`` say where a statement stands
    in its source (empty for entities that are not statements); ``matched`` is ``"text"`` when
    the verbatim text (or its other forms) matched, ``"code"`` when the statement's codes were
    needed, ``"name"`` when only its names or context did.
    """

    rank: int
    iri: str
    label: str
    type: str
    type_label: str
    document: str
    section: str
    section_number: str
    lines: str
    text: str
    score: float
    matched: str

    @property
    def curie(self) -> str:
        """The hit's IRI written as a CURIE."""
        return curie(self.iri)

    def as_record(self) -> dict[str, object]:
        """The hit as a plain dictionary (for CSV, JSON and tables)."""
        return {
            "rank": self.rank,
            "iri": self.iri,
            "id": self.curie,
            "label": self.label,
            "type": self.type,
            "type_label": self.type_label,
            "document": self.document,
            "document_id": document_id(self.iri) if self.lines else "",
            "section": self.section,
            "section_number": self.section_number,
            "lines": self.lines,
            "text": self.text,
            "score": round(self.score, 6),
            "matched": self.matched,
        }


def fingerprint(graph: Graph) -> str:
    """A digest of the graph's triples (blank nodes made anonymous) and of the index layout.

    >>> from rdflib import Literal
    >>> g = Graph()
    >>> before = fingerprint(g)
    >>> _ = g.add((URIRef("urn:a"), RDFS.label, Literal("a")))
    >>> fingerprint(g) == before
    False
    """

    def term(t: object) -> str:
        return "_:" if isinstance(t, BNode) else t.n3()  # type: ignore[attr-defined]

    digest = hashlib.sha256(f"hubspoke-search {INDEX_VERSION}\n".encode())
    for line in sorted(f"{term(s)} {term(p)} {term(o)}" for s, p, o in graph):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def cache_directory() -> Path:
    """Where the command line keeps search indexes: ``$XDG_CACHE_HOME/hubspoke``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hubspoke"


def _entities(graph: Graph) -> Iterable[URIRef]:
    found = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    return sorted(s for s in found if str(s).startswith(str(HSD)))


def _fill(graph: Graph, connection: sqlite3.Connection, digest: str) -> None:
    connection.executescript(_SCHEMA)
    depths = _class_depths(graph)
    facts = GraphFacts(graph)
    acronyms = Acronyms.of(graph)
    superclasses: dict[object, set[str]] = {}
    vocabulary: dict[str, str] = {}
    for number, entity in enumerate(_entities(graph), start=1):
        attrs = node_attributes(graph, entity, depths, facts)
        connection.execute(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                str(entity),
                attrs["label"],
                attrs["cls"],
                attrs["class_label"],
                attrs["document"],
                attrs["section"],
                attrs["section_number"],
                attrs["lines"],
                attrs["text"],
            ),
        )
        columns = entity_columns(graph, facts, acronyms, entity, attrs)
        for column in columns:
            for word in words(column):
                vocabulary.setdefault(word, stem(word))
        connection.execute(
            "INSERT INTO fts (rowid, names, text, codes, related, context) VALUES (?, ?, ?, ?, ?, ?)",
            (number, *(stemmed(c) for c in columns)),
        )
        classes: set[str] = set()
        for direct in facts.all(entity, RDF.type):
            if direct not in superclasses:
                superclasses[direct] = {str(direct)} | {
                    str(c) for c in graph.transitive_objects(direct, RDFS.subClassOf)
                }
            classes |= superclasses[direct]
        connection.executemany(
            "INSERT INTO types VALUES (?, ?)", [(number, c) for c in sorted(classes)]
        )
    connection.executemany("INSERT INTO vocabulary VALUES (?, ?)", sorted(vocabulary.items()))
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("fingerprint", digest), ("version", INDEX_VERSION)],
    )
    connection.commit()


def write_index(graph: Graph, path: Path) -> Path:
    """Build the search index of ``graph`` into the SQLite file ``path`` (atomically); return it."""

    def _build(tmp: Path) -> None:
        connection = sqlite3.connect(tmp)
        try:
            _fill(graph, connection, fingerprint(graph))
        finally:
            connection.close()

    return write_via(Path(path), _build)


class SearchIndex:
    """A built full-text index; open one with :meth:`in_memory`, :meth:`from_file` or
    :func:`cached_index`."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.connection = connection
        self.path = path

    @classmethod
    def in_memory(cls, graph: Graph) -> SearchIndex:
        """Build the index of ``graph`` in memory (not fingerprinted: it is never cached)."""
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(graph, connection, "")
        return cls(connection)

    @classmethod
    def from_file(cls, path: Path) -> SearchIndex:
        """Open an index written by :func:`write_index`, read-only."""
        connection = sqlite3.connect(
            f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False
        )
        return cls(connection, Path(path))

    @property
    def fingerprint(self) -> str:
        """The fingerprint of the graph the index was built from ("" for one built in memory)."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return str(row[0]) if row else ""

    def __len__(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM entities").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        self.connection.close()

    def search(self, text: str, *, type: str | None = None, limit: int = 10) -> list[SearchHit]:
        """Entities that match ``text`` (in the syntax of :mod:`graph.search.syntax`), best first.

        Parameters
        ----------
        text : str
            What to find: words (every one must match; case and word endings do not matter),
            ``"a phrase"``, ``a OR b``, ``NOT word`` or ``-word``, ``prefix*``.
        type : str, optional
            The IRI of a class: only its instances (and its subclasses') are returned.
        limit : int
            The most hits to return.

        Raises
        ------
        HubspokeError
            ``limit`` is not positive, the query is longer than :data:`MAX_QUERY_LENGTH`, or
            it only says what to leave out.
        """
        if limit < 1:
            raise HubspokeError(f"search: --limit must be at least 1, not {limit}")
        if len(text) > MAX_QUERY_LENGTH:
            raise HubspokeError(
                f"search: a query is at most {MAX_QUERY_LENGTH:,} characters; this one has "
                f"{len(text):,}"
            )
        query = parse(text, self._prefixes)
        if not query.positive:
            return []
        hits = self._run(query, type, limit)
        if not hits and query.plain and len(query.words) > 1:
            hits = self._run(query.any_word(), type, limit)
        return hits

    def _prefixes(self, start: str) -> list[str]:
        rows = self.connection.execute(
            "SELECT DISTINCT stem FROM vocabulary WHERE word >= ? AND word < ?",
            (start, start + "\U0010ffff"),
        ).fetchall()
        return [str(r[0]) for r in rows]

    def _run(self, query: Query, type: str | None, limit: int) -> list[SearchHit]:
        sql = _SEARCH.format(
            weights=", ".join(str(w) for w in _WEIGHTS),
            type_filter=_TYPE_FILTER if type else "",
        )
        params: dict[str, object] = {
            "query": query.expression(),
            "in_text": f"{{text related}} : ({query.positive})",
            "in_codes": f"{{text related codes}} : ({query.positive})",
            "limit": limit,
            "cls": str(type) if type else None,
        }
        try:
            rows = self.connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # pragma: no cover - terms are always quoted
            raise HubspokeError(
                f"search: cannot search for {query.expression()!r}: {exc}"
            ) from None
        return [
            SearchHit(
                rank=rank,
                iri=r[0],
                label=r[1],
                type=r[2],
                type_label=r[3],
                document=r[4],
                section=r[5],
                section_number=r[6],
                lines=r[7],
                text=r[8],
                score=float(r[9]),
                matched=_MATCHED[int(r[10])],
            )
            for rank, r in enumerate(rows, start=1)
        ]


def cached_index(graph: Graph, cache_dir: Path | None = None) -> SearchIndex:
    """The index of ``graph`` from the cache folder, built there first when the graph changed.

    Indexes of other fingerprints are removed. When the cache folder cannot be written the
    index is built in memory.
    """
    folder = Path(cache_dir) if cache_dir is not None else cache_directory()
    digest = fingerprint(graph)
    path = folder / f"search-{digest[:20]}.sqlite"
    if path.is_file():
        try:
            index = SearchIndex.from_file(path)
            if index.fingerprint == digest:
                return index
            index.close()
        except sqlite3.DatabaseError:
            pass
    try:
        write_index(graph, path)
    except OSError:
        return SearchIndex.in_memory(graph)
    for stale in folder.glob("search-*.sqlite"):
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()
    return SearchIndex.from_file(path)
