"""Package data: the SPARQL queries that define the network views."""
