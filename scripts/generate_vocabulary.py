#!/usr/bin/env python3
"""Write ``graph/rdf/vocabulary.py``: the closed rdflib namespace of the hubspoke ontology.

Run after adding or removing a term in ``ontology/hubspoke.ttl``::

    python scripts/generate_vocabulary.py

``tests/test_vocabulary.py`` fails while the module and the ontology disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef

ROOT = Path(__file__).resolve().parent.parent
NS = "https://w3id.org/hubspoke/ontology#"

HEADER = '''"""The hubspoke vocabulary as a closed namespace: a misspelt term fails loudly.

Generated from ``ontology/hubspoke.ttl`` by ``scripts/generate_vocabulary.py``; do not edit.

Examples
--------
>>> from graph.rdf.vocabulary import HS
>>> HS.Statement
rdflib.term.URIRef('https://w3id.org/hubspoke/ontology#Statement')
>>> HS.Statment  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Statment' not in namespace 'https://w3id.org/hubspoke/ontology#'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["HS"]


class HS(DefinedNamespace):
    """Terms of the hubspoke ontology (classes, properties and named individuals)."""

    _fail = True
    _NS = Namespace("https://w3id.org/hubspoke/ontology#")

'''


def ontology_terms(ontology: Path) -> dict[str, str]:
    """Map each local name of the ontology's namespace to its English label."""
    g = Graph().parse(ontology)
    terms: dict[str, str] = {}
    for s in set(g.subjects(RDF.type, None)):
        if isinstance(s, URIRef) and str(s).startswith(NS):
            local = str(s)[len(NS) :]
            if local:
                terms[local] = str(g.value(s, RDFS.label) or "")
    return dict(sorted(terms.items()))


def render(terms: dict[str, str]) -> str:
    """The module text for the given terms."""
    lines = [f"    {name}: URIRef  # {label}" for name, label in terms.items()]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontology" / "hubspoke.ttl")
    parser.add_argument("--out", type=Path, default=ROOT / "graph" / "rdf" / "vocabulary.py")
    args = parser.parse_args(argv)
    text = render(ontology_terms(args.ontology))
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
