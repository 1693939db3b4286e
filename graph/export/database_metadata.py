"""Datasette's metadata for ``hubspoke.db``: titles, descriptions, label columns, facets.

Examples
--------
>>> meta = datasette_metadata("hubspoke")
>>> meta["databases"]["hubspoke"]["tables"]["statements"]["facets"]
['type_label', 'document_label', 'section_number']
>>> meta["databases"]["hubspoke"]["tables"]["statements"]["fts_table"]
'statements_fts'
"""

from __future__ import annotations

from typing import Any

__all__ = ["TABLES", "datasette_metadata"]

#: Per table: title, description, the column that names a row, and the default facets.
TABLES: dict[str, dict[str, Any]] = {
    "statements": {
        "title": "Statements",
        "description": "Every statement of every source (bullets and paragraphs of the "
        "reports, claims quoted from public pages), verbatim, with its document, section, "
        "session, source lines and codes. Search the text with the box above (stemmed: "
        "'supervise' finds 'supervision').",
        "label_column": "id",
        "facets": ["type_label", "document_label", "section_number"],
        "fts_table": "statements_fts",
        "fts_pk": "rowid",
        "sort": "id",
    },
    "statement_codes": {
        "title": "Coded statements",
        "description": "Which statement is coded with which code (topic, target group, role, "
        "agency type), by which relation. Facet on a code to read its quotes.",
        "facets": ["code_label", "scheme_label", "relation_label"],
    },
    "codes": {
        "title": "Codebook",
        "description": "Every code of the concept schemes: label, definition, broader and "
        "narrower codes, how many statements are coded with it, and an example quote.",
        "label_column": "label",
        "facets": ["scheme_label", "broader_label"],
        "sort_desc": "statements",
    },
    "documents": {
        "title": "Documents",
        "description": "The reports and web pages statements are quoted from or cite.",
        "label_column": "label",
        "facets": ["type_label"],
    },
    "sections": {
        "title": "Sections",
        "description": "The sections of each document, nested by parent, with their lines.",
        "label_column": "label",
        "facets": ["document"],
    },
    "entities": {
        "title": "Entities",
        "description": "Everything the graph names: organisations, people, services, events, "
        "statements, codes..., with its class.",
        "label_column": "label",
        "facets": ["type_label"],
    },
    "links": {
        "title": "Links",
        "description": "Every link between two entities, with the relation's label and its "
        "source: the statement it is read from, or the statements given as evidence for "
        "the subject.",
        "facets": ["relation_label"],
    },
    "claims": {
        "title": "Claims from other sources",
        "description": "Statements quoted from other public sources, side by side when they "
        "disagree: what each is about, the value it claims and the page it was quoted from.",
        "facets": ["about_label", "property_label", "cited_source_label"],
    },
}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata (``metadata.json``) for the database named ``database``."""
    return {
        "title": "hubspoke: the CSE Hub and Spoke knowledge graph",
        "description": "The statements, codes and entities of the hubspoke graph, each "
        "statement with the document, section and lines it is quoted from.",
        "databases": {
            database: {
                "title": "hubspoke",
                "description": "Browse and facet statements by type, document, section and "
                "code; search their verbatim text.",
                "tables": TABLES,
            }
        },
    }
