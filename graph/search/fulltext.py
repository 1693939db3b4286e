"""Ranked full-text search over the names and verbatim texts of the graph (SQLite FTS5).

The index is built from the graph: one row per entity of the data (statements, sections,
topics, organisations, people, events...) with its names (labels, acronyms, titles) and its
verbatim text. Words are matched case-insensitively and stemmed with the Porter stemmer, so
``supervise`` finds ``supervision``. Every word must match; when no entity matches them all,
entities that match any of them are returned instead.

Ranking: entities whose *verbatim text* matches come first (what the sources say), then
entities matched by name only; within each group by BM25 relevance.

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
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.atomic import write_via
from graph.errors import HubspokeError
from graph.network.naming import MAX_NAME_LENGTH, NAME_PROPERTIES, closest, normalise
from graph.network.views import GraphFacts, _class_depths, node_attributes
from graph.rdf.namespaces import HS, HSD, curie

__all__ = [
    "INDEX_VERSION",
    "SearchHit",
    "SearchIndex",
    "cache_directory",
    "cached_index",
    "fingerprint",
    "write_index",
]

#: Bumped whenever the layout of the index changes, so that old cached indexes are rebuilt.
INDEX_VERSION = "1"

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
CREATE VIRTUAL TABLE fts USING fts5(names, text, tokenize = 'porter unicode61 remove_diacritics 2');
"""

_SEARCH = """
SELECT e.iri, e.label, e.cls, e.class_label, e.document, e.section, e.section_number,
       e.lines, e.text, -bm25(fts) AS score,
       fts.rowid IN (SELECT rowid FROM fts WHERE fts MATCH :in_text) AS in_text
FROM fts JOIN entities AS e ON e.id = fts.rowid
WHERE fts MATCH :query {type_filter}
ORDER BY in_text DESC, score DESC, e.iri
LIMIT :limit
"""

_TYPE_FILTER = "AND e.id IN (SELECT id FROM types WHERE class = :cls)"

_WORD = re.compile(r"\w+\*?")


@dataclass(frozen=True)
class SearchHit:
    """One entity found by :meth:`SearchIndex.search`.

    ``type`` is the CURIE of its most specific class and ``type_label`` that class's label;
    ``section``, ``section_number``, ``document`` and ``lines`` say where a statement stands
    in its source (empty for entities that are not statements); ``matched`` is ``"text"`` when
    the verbatim text matched, ``"name"`` when only a name did.
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
    superclasses: dict[object, set[str]] = {}
    for number, entity in enumerate(_entities(graph), start=1):
        attrs = node_attributes(graph, entity, depths, facts)
        names = []
        for prop in (*NAME_PROPERTIES, DCTERMS.title):
            for value in facts.all(entity, prop):
                if str(value) not in names:
                    names.append(str(value))
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
        connection.execute(
            "INSERT INTO fts (rowid, names, text) VALUES (?, ?, ?)",
            (number, " ; ".join(names), attrs["text"]),
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


def _fts_query(text: str, joiner: str) -> str | None:
    words = _WORD.findall(text.lower())
    if not words:
        return None
    quoted = [f'"{w[:-1]}"*' if w.endswith("*") else f'"{w}"' for w in words]
    return f" {joiner} ".join(quoted)


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
        """Entities whose names or verbatim text match the words of ``text``, best first.

        Parameters
        ----------
        text : str
            Words to find; case and word endings do not matter, ``word*`` matches a prefix.
        type : str, optional
            The IRI of a class: only its instances (and its subclasses') are returned.
        limit : int
            The most hits to return.

        Raises
        ------
        HubspokeError
            ``limit`` is not positive.
        """
        if limit < 1:
            raise HubspokeError(f"search: --limit must be at least 1, not {limit}")
        hits = self._run(text, "AND", type, limit)
        if not hits and len(_WORD.findall(text)) > 1:
            hits = self._run(text, "OR", type, limit)
        return hits

    def _run(self, text: str, joiner: str, type: str | None, limit: int) -> list[SearchHit]:
        query = _fts_query(text, joiner)
        if query is None:
            return []
        sql = _SEARCH.format(type_filter=_TYPE_FILTER if type else "")
        params: dict[str, object] = {
            "query": query,
            "in_text": f"text : ({query})",
            "limit": limit,
            "cls": str(type) if type else None,
        }
        try:
            rows = self.connection.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:  # pragma: no cover - words are always quoted
            raise HubspokeError(f"search: cannot search for {text!r}: {exc}") from None
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
                matched="text" if r[10] else "name",
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


def resolve_class(graph: Graph, name: str) -> URIRef:
    """The class ``name`` denotes: a CURIE or IRI, a local name (``DiscussionPoint``) or a label.

    >>> from graph.rdf.loading import load_graph
    >>> g = load_graph()
    >>> curie(resolve_class(g, "discussion point")), curie(resolve_class(g, "Recommendation"))
    ('hs:DiscussionPoint', 'hs:Recommendation')
    >>> curie(resolve_class(g, "narrative paragraph")), curie(resolve_class(g, "hs:Challenge"))
    ('hs:Narrative', 'hs:Challenge')
    """
    from rdflib.namespace import OWL, SKOS

    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    classes |= {c for c in graph.objects(None, RDF.type) if isinstance(c, URIRef)}
    text = name.strip()
    if len(text) > MAX_NAME_LENGTH:
        raise HubspokeError(f"--type: a class name is at most {MAX_NAME_LENGTH} characters")
    key = normalise(text)
    names: dict[str, URIRef] = {}
    for cls in sorted(classes, reverse=True):  # the first in IRI order wins a shared name
        names[curie(cls).lower()] = cls
        names[str(cls).lower()] = cls
        if str(cls).startswith(str(HS)):
            names[str(cls)[len(str(HS)) :].lower()] = cls
        for prop in (RDFS.label, SKOS.prefLabel):
            for label in graph.objects(cls, prop):
                names[normalise(str(label))] = cls
    for candidate in (text.lower(), key, key.replace(" ", "")):
        if candidate in names:
            return names[candidate]
    labels = {
        normalise(str(graph.value(c, RDFS.label) or graph.value(c, SKOS.prefLabel) or curie(c))): c
        for c in classes
    }
    close = [f"{k} ({curie(labels[k])})" for k in closest(name, labels, n=5)]
    hint = f" Closest: {'; '.join(close)}." if close else ""
    raise HubspokeError(f"--type: {name!r} is not a class of the graph.{hint}")
