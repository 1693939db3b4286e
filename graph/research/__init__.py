"""The researcher's workbench: statements, codebook and co-occurrence as tables, over the
coded corpus of the graph (statements as quotations, concepts of the schemes as codes).

Owns: :mod:`~graph.research.corpus` (the corpus read from the graph with the SPARQL of
``graph/queries/research/``), :mod:`~graph.research.statements`,
:mod:`~graph.research.codebook`, :mod:`~graph.research.cooccurrence` and
:mod:`~graph.research.frames` (search hits, neighbours, paths and centrality as tables).
May import: :mod:`graph.search`, :mod:`graph.network`, :mod:`graph.query`, :mod:`graph.rdf`
and the bottom layer; :mod:`graph.kg` builds on it.
"""

from graph.research.codebook import CODEBOOK_COLUMNS, codebook_table
from graph.research.cooccurrence import (
    MEASURES,
    Cooccurrence,
    c_coefficient,
    cooccurrence,
    jaccard,
    pair_table,
)
from graph.research.corpus import Code, Corpus, Section, Statement
from graph.research.statements import STATEMENT_COLUMNS, select_statements, statement_table

__all__ = [
    "CODEBOOK_COLUMNS",
    "MEASURES",
    "STATEMENT_COLUMNS",
    "Code",
    "Cooccurrence",
    "Corpus",
    "Section",
    "Statement",
    "c_coefficient",
    "codebook_table",
    "cooccurrence",
    "jaccard",
    "pair_table",
    "select_statements",
    "statement_table",
]
