"""hubspoke: the knowledge graph of the CSE Hub and Spoke programme.

A library first: load the ontology and curated data, query them by name or in SPARQL,
validate them with SHACL, project them to networkx views, draw maps and export snapshots.
This module only re-exports.

Examples
--------
>>> import graph
>>> kg = graph.load()
>>> kg.query("cq04-funder").records()[0]["acronym"]
'CSEFA'
"""

from graph.errors import (
    AmbiguousEntity,
    DataFileError,
    EntityNotFound,
    HubspokeError,
    QueryError,
    ReadOnlyError,
    ValidationFailed,
)
from graph.kg import KnowledgeGraph, load
from graph.query.results import QueryResult
from graph.rdf.namespaces import HS, HSD
from graph.validate.validation import ValidationReport, validate

__all__ = [
    "HS",
    "HSD",
    "AmbiguousEntity",
    "DataFileError",
    "EntityNotFound",
    "HubspokeError",
    "KnowledgeGraph",
    "QueryError",
    "QueryResult",
    "ReadOnlyError",
    "ValidationFailed",
    "ValidationReport",
    "load",
    "validate",
]
