"""Validation: SHACL shapes and QC queries, compiled to SPARQL and run on Oxigraph, with
pySHACL as the reference engine; the store that keeps datatypes as written; the report cache.

Owns: :mod:`~graph.validate.validation` (reports and the ``validate`` entry point),
:mod:`~graph.validate.compiled` (shapes compiled to SPARQL), :mod:`~graph.validate.store`
(the validation store), :mod:`~graph.validate.cache` (validation on any store, cached in
``oxigraph:DIR`` folders).
May import: :mod:`graph.store`, :mod:`graph.query`, :mod:`graph.rdf`, :mod:`graph.errors`,
:mod:`graph.atomic`. Never network, search, export, maps or the CLI.
"""
