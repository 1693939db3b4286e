"""Package data: named SPARQL queries (.rq files)."""
