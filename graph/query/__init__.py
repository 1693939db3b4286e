"""SPARQL: the catalogue of named queries (``.rq`` files), binding parameters, running queries
read-only with a time limit on rdflib, Oxigraph or an endpoint, and their results as tables.

Owns: :mod:`~graph.query.catalogue`, :mod:`~graph.query.binding`, :mod:`~graph.query.sparql`,
:mod:`~graph.query.native` (the store's own engine), :mod:`~graph.query.results`.
May import: :mod:`graph.rdf`, :mod:`graph.errors`. Never the store layer (it takes a graph,
whatever store holds it) or anything above.
"""
