"""SPARQL of the research tables (statements, codings, codes, sections): see graph.research."""
