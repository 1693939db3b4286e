"""Full-text search over statements and entities: a SQLite FTS5 index, built in memory or
kept on disk, with ranked, stemmed hits that also find what a statement is coded with and the
other forms of its acronyms.

Owns: :mod:`~graph.search.fulltext` (the index), :mod:`~graph.search.words` (folding and
stemming), :mod:`~graph.search.acronyms` (acronyms and their long forms),
:mod:`~graph.search.syntax` (the query syntax), :mod:`~graph.search.columns` (what is
indexed for an entity), :mod:`~graph.search.classes` (``--type``).
May import: :mod:`graph.network` (node attributes, naming), :mod:`graph.query`,
:mod:`graph.rdf`, :mod:`graph.errors`, :mod:`graph.atomic`.
"""
