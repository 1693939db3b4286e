"""Every statement as a row: short id, IRI, type, document, section, session, lines, full
verbatim text and codes, filtered by topic, document, section or type.

Each column that names entities comes as ids (CURIEs) and labels: ``document`` and
``document_label``, ``topics`` and ``topics_label`` (lists, sorted by IRI). ``--topic`` matches the topic and every narrower one; ``--section`` the section and
its subsections; ``--type`` the class and its subclasses.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> corpus = Corpus.from_graph(kg.graph, kg.labels)
>>> table = statement_table(corpus, topic="supervision")
>>> table.column("id")
['le2015:line-103', 'le2015:line-129', 'le2015:line-134']
>>> table[0]["lines"], table[0]["section"], "topic:supervision" in table[0]["topics"]
('103-106', 'le2015:section-4a', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.query.tables import Table
from graph.rdf.namespaces import curie
from graph.research.corpus import CODING_PROPERTIES, Corpus, Statement

__all__ = [
    "CODE_COLUMNS",
    "STATEMENT_COLUMNS",
    "select_statements",
    "statement_record",
    "statement_table",
]

#: The code columns of a statement row, each with its ``_label`` twin.
CODE_COLUMNS = ("topics", "groups", "roles", "agencies")

#: The columns of a statement table, in order.
STATEMENT_COLUMNS = [
    "id",
    "iri",
    "type",
    "type_label",
    "document",
    "document_label",
    "section",
    "section_label",
    "section_number",
    "session",
    "session_label",
    "start_line",
    "end_line",
    "lines",
    "text",
    *(name for column in CODE_COLUMNS for name in (column, f"{column}_label")),
]


def _curie_or_empty(corpus: Corpus, iri: str) -> str:
    return curie(iri) if iri else ""


def _section_number(corpus: Corpus, section: str) -> str:
    """The number of the section, else of the nearest numbered section it is nested in."""
    seen: set[str] = set()
    while section in corpus.sections and section not in seen:
        seen.add(section)
        if corpus.sections[section].number:
            return corpus.sections[section].number
        section = corpus.sections[section].parent
    return ""


def statement_record(corpus: Corpus, statement: Statement) -> dict[str, Any]:
    """One statement as a row of :data:`STATEMENT_COLUMNS`."""
    record: dict[str, Any] = {
        "id": statement.id,
        "iri": statement.iri,
        "type": _curie_or_empty(corpus, statement.type),
        "type_label": corpus.label(statement.type),
        "document": _curie_or_empty(corpus, statement.document),
        "document_label": corpus.label(statement.document),
        "section": _curie_or_empty(corpus, statement.section),
        "section_label": corpus.label(statement.section),
        "section_number": _section_number(corpus, statement.section),
        "session": _curie_or_empty(corpus, statement.session),
        "session_label": corpus.label(statement.session),
        "start_line": statement.start,
        "end_line": statement.end,
        "lines": statement.lines,
        "text": statement.text,
    }
    by_column: dict[str, list[str]] = {column: [] for column in CODE_COLUMNS}
    for prop, code in corpus.codings.get(statement.iri, []):
        column = CODING_PROPERTIES[prop]
        if code not in by_column[column]:
            by_column[column].append(code)
    # an agency named that is not a code (an organisation) is named all the same
    for agency in corpus.named.get(statement.iri, []):
        if agency not in by_column["agencies"]:
            by_column["agencies"].append(agency)
    for column, iris in by_column.items():
        record[column] = [_curie_or_empty(corpus, iri) for iri in iris]
        record[f"{column}_label"] = [corpus.label(iri) for iri in iris]
    return record


def _coded_with(corpus: Corpus, codes: set[str]) -> set[str]:
    return {s for s, pairs in corpus.codings.items() if any(code in codes for _, code in pairs)}


def select_statements(
    corpus: Corpus,
    *,
    topic: str | None = None,
    document: str | None = None,
    section: str | None = None,
    type: str | None = None,
    within: Iterable[str] | None = None,
) -> list[Statement]:
    """The statements that pass every filter given, in reading order.

    ``topic`` is a code by name (see :meth:`Corpus.resolve_code`); ``document``,
    ``section`` and ``type`` are IRIs; ``within`` limits the statements to those IRIs.
    """
    chosen = set(corpus.statements) if within is None else set(within) & set(corpus.statements)
    if topic is not None:
        chosen &= _coded_with(corpus, corpus.narrower_or_self(corpus.resolve_code(topic)))
    if document is not None:
        chosen = {s for s in chosen if corpus.statements[s].document == str(document)}
    if section is not None:
        places = corpus.sections_within(str(section))
        chosen = {s for s in chosen if corpus.statements[s].section in places}
    if type is not None:
        classes = corpus.classes_within(str(type))
        chosen = {s for s in chosen if corpus.statements[s].type in classes}
    return corpus.ordered(chosen)


def statement_table(
    corpus: Corpus,
    *,
    topic: str | None = None,
    document: str | None = None,
    section: str | None = None,
    type: str | None = None,
    within: Iterable[str] | None = None,
    title: str = "statements",
) -> Table:
    """The statements that pass the filters (see :func:`select_statements`) as a table."""
    chosen = select_statements(
        corpus, topic=topic, document=document, section=section, type=type, within=within
    )
    return Table(
        list(STATEMENT_COLUMNS), [statement_record(corpus, s) for s in chosen], title=title
    )
