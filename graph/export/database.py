"""``hubspoke.db``: the graph as a SQLite database for browsing, with Datasette metadata.

Every snapshot and ``exports/latest/`` hold ``hubspoke.db`` and ``metadata.json``:

- ``statements`` (one row per statement of every kind: verbatim text, document, section,
  session, lines, codes), with a full-text index (``statements_fts``, FTS5, stemmed);
- ``documents``, ``sections``, ``codes`` (the codebook), ``statement_codes`` (which
  statement is coded with which code, by which relation);
- ``entities`` (every typed IRI of the data, with its label and class), ``links`` (every
  link between two entities: subject, relation and its label, object, and its source: the
  statement it is read from, or the statements given as evidence for the subject);
- ``claims`` (statements quoted from other public sources: what each is about, the value it
  claims and the page it was quoted from).

Foreign keys tie them together (``PRAGMA foreign_keys`` holds when checked). ``metadata.json``
gives Datasette titles, descriptions, label columns and default facets (type, document,
section, code): ``datasette exports/latest/`` (configuration-directory mode) or
``datasette exports/latest/hubspoke.db -m exports/latest/metadata.json``.

The database is written from the graph it is given; a snapshot gives it the graph already
redacted for the audience (:func:`graph.export.snapshot.prepare`), so it follows the same
rule as every other output. It is written to a temporary file and renamed into place.

Examples
--------
>>> import sqlite3, tempfile, pathlib
>>> from graph.kg import load
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_database(load(), folder)]
['hubspoke.db', 'metadata.json']
>>> db = sqlite3.connect(folder / DATABASE)
>>> db.execute("SELECT s.id FROM statements_fts JOIN statements s ON s.rowid = "
...            "statements_fts.rowid WHERE statements_fts MATCH 'supervise' ORDER BY s.id").fetchall()
[('le2015:line-103',), ('le2015:line-129',), ('le2015:line-134',)]
>>> db.execute("PRAGMA foreign_key_check").fetchall()
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

from graph.atomic import write_text, write_via
from graph.errors import ExportError
from graph.export.database_metadata import datasette_metadata
from graph.kg import KnowledgeGraph
from graph.query.results import python_value
from graph.query.sparql import select, select_texts
from graph.rdf.namespaces import HS, curie
from graph.research.codebook import codebook_table
from graph.research.corpus import Corpus, research_query
from graph.research.statements import CODE_COLUMNS, statement_record

__all__ = ["DATABASE", "METADATA", "SCHEMA", "write_database"]

#: The database's file name.
DATABASE = "hubspoke.db"

#: Datasette's metadata file beside it (the name Datasette reads in a configuration folder).
METADATA = "metadata.json"

#: The tables, in the order they are filled (a table only refers to those before it).
SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    type TEXT NOT NULL, type_label TEXT NOT NULL, title TEXT, issued TEXT, url TEXT,
    statements INTEGER NOT NULL
);
CREATE TABLE sections (
    id TEXT PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL, number TEXT,
    title TEXT, document TEXT REFERENCES documents(id), parent TEXT REFERENCES sections(id),
    start_line INTEGER, end_line INTEGER
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    type TEXT NOT NULL, type_label TEXT NOT NULL
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY, iri TEXT NOT NULL UNIQUE, type TEXT NOT NULL, type_label TEXT NOT NULL,
    document TEXT REFERENCES documents(id), document_label TEXT,
    section TEXT REFERENCES sections(id), section_label TEXT, section_number TEXT,
    session TEXT REFERENCES entities(id), session_label TEXT,
    start_line INTEGER, end_line INTEGER, lines TEXT, text TEXT NOT NULL,
    topics TEXT, groups TEXT, roles TEXT, agencies TEXT
);
CREATE TABLE codes (
    id TEXT PRIMARY KEY, iri TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    scheme TEXT NOT NULL, scheme_label TEXT NOT NULL, alt_labels TEXT, definition TEXT,
    broader TEXT, broader_label TEXT, narrower TEXT, statements INTEGER NOT NULL,
    statements_with_narrower INTEGER NOT NULL, example_id TEXT REFERENCES statements(id),
    example TEXT
);
CREATE TABLE statement_codes (
    statement TEXT NOT NULL REFERENCES statements(id), code TEXT NOT NULL REFERENCES codes(id),
    code_label TEXT NOT NULL, scheme_label TEXT NOT NULL, relation TEXT NOT NULL,
    relation_label TEXT NOT NULL, PRIMARY KEY (statement, code, relation)
);
CREATE TABLE links (
    id INTEGER PRIMARY KEY, subject TEXT NOT NULL REFERENCES entities(id),
    subject_label TEXT NOT NULL, relation TEXT NOT NULL, relation_label TEXT NOT NULL,
    object TEXT NOT NULL REFERENCES entities(id), object_label TEXT NOT NULL,
    source TEXT REFERENCES statements(id), evidence TEXT
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY REFERENCES statements(id), about TEXT REFERENCES entities(id),
    about_label TEXT, property TEXT, property_label TEXT, value TEXT,
    cited_source TEXT REFERENCES documents(id), cited_source_label TEXT, text TEXT NOT NULL
);
CREATE INDEX statements_document ON statements (document);
CREATE INDEX statements_section ON statements (section);
CREATE INDEX statement_codes_code ON statement_codes (code);
CREATE INDEX links_subject ON links (subject);
CREATE INDEX links_object ON links (object);
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    text, content="statements", tokenize="porter unicode61 remove_diacritics 2"
);
"""


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


def _insert(db: sqlite3.Connection, table: str, rows: Iterable[dict[str, Any]]) -> None:
    """Insert ``rows`` (dictionaries with the same keys, the columns) into ``table``, read
    as they are inserted."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    db.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        (tuple(row[c] for c in columns) for row in chain([first], rows)),
    )


def _plain(value: Any) -> Any:
    return None if value is None else python_value(value)


def _entity_rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    types: dict[str, list[str]] = {}
    for row in select(
        kg.graph, research_query("entities"), timeout=None, source="research:entities"
    ):
        types.setdefault(str(row["entity"]), []).append(str(row["type"]))
    rows = []
    for iri, classes in sorted(types.items()):
        # the hubspoke class when there is one (the most specific the data states)
        own = sorted(c for c in classes if c.startswith(str(HS))) or sorted(classes)
        rows.append(
            {
                "id": curie(iri),
                "iri": iri,
                "label": kg.label(iri),
                "type": curie(own[0]),
                "type_label": kg.label(own[0]),
            }
        )
    return rows


def _document_rows(kg: KnowledgeGraph, corpus: Corpus) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    per_document = Counter(s.document for s in corpus.statements.values())
    rows = select(kg.graph, research_query("documents"), timeout=None, source="research:documents")
    for row in sorted(rows, key=lambda r: (str(r["document"]), str(r["type"]))):
        iri = str(row["document"])
        if iri in found:
            continue
        found[iri] = {
            "id": curie(iri),
            "iri": iri,
            "label": kg.label(iri),
            "type": curie(str(row["type"])),
            "type_label": kg.label(str(row["type"])),
            "title": _plain(row.get("title")),
            "issued": _plain(row.get("issued")),
            "url": _plain(row.get("url")),
            "statements": per_document[iri],
        }
    return list(found.values())


def _section_rows(corpus: Corpus, documents: set[str]) -> list[dict[str, Any]]:
    return [
        {
            "id": curie(s.iri),
            "iri": s.iri,
            "label": corpus.label(s.iri),
            "number": s.number or None,
            "title": s.title or None,
            "document": curie(s.document) if s.document in documents else None,
            "parent": curie(s.parent) if s.parent in corpus.sections else None,
            "start_line": s.start,
            "end_line": s.end,
        }
        for s in sorted(corpus.sections.values(), key=lambda s: s.iri)
    ]


def _link_rows(
    kg: KnowledgeGraph, triples: Iterable[tuple[str, str, str]], corpus: Corpus
) -> Iterator[dict[str, Any]]:
    """The rows of ``links`` for ``triples`` (subject, relation and object IRIs), made as they
    are inserted."""
    evidence: dict[str, list[str]] = {}
    for entity, statement in kg.graph.subject_objects(HS.evidence):
        evidence.setdefault(str(entity), []).append(curie(statement))
    compact = cache(curie)
    for subject, relation, obj in triples:
        yield {
            "subject": compact(subject),
            "subject_label": kg.label(subject),
            "relation": compact(relation),
            "relation_label": kg.label(relation),
            "object": compact(obj),
            "object_label": kg.label(obj),
            "source": compact(subject) if subject in corpus.statements else None,
            "evidence": " ".join(sorted(evidence.get(subject, []))) or None,
        }


def _insert_links(
    db: sqlite3.Connection, kg: KnowledgeGraph, entities: set[str], corpus: Corpus
) -> None:
    """Fill ``links``, one row per link between two entities, sorted by their IRIs.

    A national graph has half a million links: they are sorted by SQLite (in a temporary
    table, outside the database written) and their rows made as they are inserted, so that
    no list of them is held in Python.
    """
    db.execute("CREATE TEMP TABLE found_links (subject TEXT, relation TEXT, object TEXT)")
    db.executemany(
        "INSERT INTO temp.found_links VALUES (?, ?, ?)",
        ((s, r, o) for s, r, o in _link_triples(kg) if s in entities and o in entities),
    )
    # BINARY order of UTF-8 text: the order of Python's strings (by code point)
    found = db.execute(
        "SELECT subject, relation, object FROM temp.found_links ORDER BY subject, relation, object"
    )
    _insert(db, "links", _link_rows(kg, found, corpus))
    db.execute("DROP TABLE temp.found_links")


def _link_triples(kg: KnowledgeGraph) -> Iterator[tuple[str, str, str]]:
    """The subject, relation and object of each answer of the ``links`` research query, read
    as they come."""
    for subject, relation, obj in select_texts(
        kg.graph,
        research_query("links"),
        ("subject", "relation", "object"),
        source="research:links",
    ):
        if subject is not None and relation is not None and obj is not None:
            yield subject, relation, obj


def _claim_rows(
    kg: KnowledgeGraph, entities: set[str], documents: set[str], corpus: Corpus
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    rows = select(kg.graph, research_query("claims"), timeout=None, source="research:claims")
    for row in sorted(rows, key=lambda r: tuple(str(r.get(k)) for k in r)):
        iri = str(row["claim"])
        if iri in found or iri not in corpus.statements:
            continue
        about, prop, source = (
            str(row[k]) if row.get(k) else "" for k in ("about", "property", "source")
        )
        found[iri] = {
            "id": curie(iri),
            "about": curie(about) if about in entities else None,
            "about_label": kg.label(about) if about else None,
            "property": curie(prop) if prop else None,
            "property_label": kg.label(prop) if prop else None,
            "value": None if row.get("value") is None else str(row["value"]),
            "cited_source": curie(source) if source in documents else None,
            "cited_source_label": kg.label(source) if source else None,
            "text": corpus.statements[iri].text,
        }
    return list(found.values())


def _statement_rows(
    corpus: Corpus, documents: set[str], entities: set[str]
) -> list[dict[str, Any]]:
    rows = []
    for statement in corpus.ordered():
        r = statement_record(corpus, statement)
        rows.append(
            {
                **{c: r[c] for c in ("id", "iri", "type", "type_label")},
                "document": r["document"] if statement.document in documents else None,
                "document_label": r["document_label"] or None,
                "section": r["section"] if statement.section in corpus.sections else None,
                "section_label": r["section_label"] or None,
                "section_number": r["section_number"] or None,
                "session": r["session"] if statement.session in entities else None,
                "session_label": r["session_label"] or None,
                **{c: r[c] for c in ("start_line", "end_line", "lines", "text")},
                **{c: _joined(r[f"{c}_label"]) or None for c in CODE_COLUMNS},
            }
        )
    return rows


def _fill(db: sqlite3.Connection, kg: KnowledgeGraph) -> None:
    corpus = Corpus.from_graph(kg.graph, kg.labels)
    db.executescript(SCHEMA)
    entities = _entity_rows(kg)
    documents = _document_rows(kg, corpus)
    document_iris = {d["iri"] for d in documents}
    entity_iris = {e["iri"] for e in entities}
    _insert(db, "documents", documents)
    _insert(db, "sections", _section_rows(corpus, document_iris))
    _insert(db, "entities", entities)
    _insert(db, "statements", _statement_rows(corpus, document_iris, entity_iris))
    db.execute("INSERT INTO statements_fts (rowid, text) SELECT rowid, text FROM statements")
    book = codebook_table(corpus)
    _insert(
        db,
        "codes",
        [
            {
                **{c: r[c] for c in ("id", "iri", "label", "scheme", "scheme_label")},
                "alt_labels": _joined(r["alt_labels"]) or None,
                "definition": r["definition"] or None,
                "broader": _joined(r["broader"]) or None,
                "broader_label": _joined(r["broader_label"]) or None,
                "narrower": _joined(r["narrower"]) or None,
                "statements": r["statements"],
                "statements_with_narrower": r["statements_with_narrower"],
                "example_id": r["example_id"] or None,
                "example": r["example"] or None,
            }
            for r in book
        ],
    )
    _insert(
        db,
        "statement_codes",
        [
            {
                "statement": curie(statement),
                "code": curie(code),
                "code_label": corpus.label(code),
                "scheme_label": corpus.label(corpus.codes[code].scheme),
                "relation": curie(prop),
                "relation_label": corpus.label(prop),
            }
            for statement, pairs in sorted(corpus.codings.items())
            if statement in corpus.statements
            for prop, code in pairs
        ],
    )
    _insert_links(db, kg, entity_iris, corpus)
    _insert(db, "claims", _claim_rows(kg, entity_iris, document_iris, corpus))


def _build(path: Path, kg: KnowledgeGraph) -> None:
    db = sqlite3.connect(path)
    try:
        # a file of our own until it is renamed into place: no journal to roll back with
        # (a failure discards the file), and the foreign keys checked once, whole, at the end
        # rather than at each of a national graph's million rows
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        with db:
            _fill(db, kg)
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # a bug in this module: say which table and row
            raise ExportError(
                f"{DATABASE}: foreign keys broken (table, row, parent): {problems[:5]} - "
                "report this as a bug"
            )
        db.execute("VACUUM")
    finally:
        db.close()


def write_database(kg: KnowledgeGraph, folder: Path) -> list[Path]:
    """Write ``hubspoke.db`` and Datasette's ``metadata.json`` into ``folder``; return both.

    ``kg`` is written as it is: give it the graph redacted for the audience.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    database = write_via(folder / DATABASE, lambda tmp: _build(tmp, kg))
    metadata = write_text(
        folder / METADATA,
        json.dumps(datasette_metadata(database.stem), ensure_ascii=False, indent=2) + "\n",
    )
    return [database, metadata]
