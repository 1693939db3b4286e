"""Package data: the hubspoke ontology, shapes, curated data and sources."""
