"""Full-text search over statements and entities: a SQLite FTS5 index, built in memory or
kept on disk, with ranked, stemmed hits.

Owns: :mod:`~graph.search.fulltext`.
May import: :mod:`graph.network` (node attributes, naming), :mod:`graph.query`,
:mod:`graph.rdf`, :mod:`graph.errors`, :mod:`graph.atomic`.
"""
