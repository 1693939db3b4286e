"""RDF foundations: the project's namespaces and closed vocabulary, packaged files, reading
RDF files (fast paths for N-Triples/Turtle into Oxigraph), and converting terms between rdflib
and pyoxigraph.

Owns: :mod:`~graph.rdf.namespaces`, :mod:`~graph.rdf.vocabulary` (generated from the
ontology), :mod:`~graph.rdf.resources` (packaged ontology, data, shapes and queries),
:mod:`~graph.rdf.loading` and :mod:`~graph.rdf.fastparse` (reading files),
:mod:`~graph.rdf.oxterms` (term conversion).
May import: :mod:`graph.errors`, :mod:`graph.atomic` and third-party libraries only.
"""
