"""Queries over a class include its subclasses: ``?s a hs:Statement`` finds every statement.

The graph states each entity's most specific class only (``le2015:line-103 a
hs:DiscussionPoint``) and the ontology says how classes nest (``hs:DiscussionPoint
rdfs:subClassOf hs:Statement``). No inferred ``rdf:type`` triple is stored anywhere, neither
in the query store nor in an export. Instead, an ad hoc query is rewritten before it runs:
each ``a`` (the SPARQL keyword) whose object is a fixed class becomes the property path
``rdf:type/rdfs:subClassOf*``, so the query matches members of the class and of all the
classes below it, on any store (rdflib, Oxigraph, a remote endpoint).

- ``?s a hs:Statement`` matches discussion points, findings, claims and every other kind.
- ``?s rdf:type hs:Statement`` (written out) keeps the direct meaning: only entities typed
  exactly ``hs:Statement``. This is how a query asks for the direct type.
- ``?s a ?type`` (a variable) is left alone: it still lists each entity's stated classes.
- CONSTRUCT and DESCRIBE queries are left alone (a template cannot hold a path).

An entity typed with both a class and its subclass would match twice; the curated data types
every entity once (the most specific class).

Examples
--------
>>> print(include_subclasses("SELECT ?s WHERE { ?s a hs:Statement ; hs:text ?t }"))
SELECT ?s WHERE { ?s a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* hs:Statement ; hs:text ?t }
>>> include_subclasses("SELECT ?s ?c WHERE { ?s a ?c }")
'SELECT ?s ?c WHERE { ?s a ?c }'
>>> include_subclasses('SELECT * WHERE { ?s rdf:type hs:Finding ; hs:text "a b" }')
'SELECT * WHERE { ?s rdf:type hs:Finding ; hs:text "a b" }'
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from graph.rdf.namespaces import PREFIXES

__all__ = ["SUBCLASS_PATH", "include_subclasses"]

#: What ``a`` becomes before a fixed class.
SUBCLASS_PATH = "a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"

# one token of SPARQL: strings (long ones first), IRIs, comments, then names and punctuation;
# strings, IRIs and comments are skipped whole so an "a" inside them is never touched
_TOKEN = re.compile(
    r'(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*)"
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<word>[A-Za-z_][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*|[?$]\w+)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_NOT_A_SELECT = {"construct", "describe"}


def _is_class(kind: str | None, text: str) -> bool:
    """A fixed class: an IRI or a prefixed name (not a variable, blank node or literal)."""
    if kind == "iri":
        return True
    return kind == "word" and ":" in text and not text.startswith("_:")


def _declared(tokens: list[tuple[str | None, str]]) -> dict[str, str]:
    """The ``PREFIX p: <iri>`` declarations among ``tokens``, over hubspoke's own prefixes."""
    prefixes = dict(PREFIXES)
    words = [(k, v) for k, v in tokens if k not in ("space", "skip")]
    for (k1, v1), (k2, v2), (k3, v3) in zip(words, words[1:], words[2:], strict=False):
        if k1 == "word" and v1.lower() == "prefix" and k2 == "word" and k3 == "iri":
            prefixes[v2.rstrip(":")] = v3[1:-1]
    return prefixes


def _iri(value: str, prefixes: dict[str, str]) -> str | None:
    if value.startswith("<"):
        return value[1:-1]
    prefix, _, local = value.partition(":")
    return prefixes[prefix] + local if prefix in prefixes else None


def include_subclasses(text: str, superclasses: Collection[str] | None = None) -> str:
    """``text`` with each ``a <class>`` matching the class and its subclasses (see above).

    ``superclasses``, when given, are the IRIs of the classes that have a subclass: ``a``
    before any other class (whose members are just its own) stays as it is, which is the same
    question and spares the store a path at every match.

    >>> include_subclasses("# a b\\nASK { <urn:x> a <urn:C> }")
    '# a b\\nASK { <urn:x> a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <urn:C> }'
    >>> include_subclasses("CONSTRUCT { ?s a hs:Thing } WHERE { ?s a hs:Statement }")
    'CONSTRUCT { ?s a hs:Thing } WHERE { ?s a hs:Statement }'
    >>> include_subclasses("ASK { ?x a <urn:Leaf> . ?y a <urn:C> }", superclasses={"urn:C"})
    'ASK { ?x a <urn:Leaf> . ?y a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <urn:C> }'

    A text is rewritten once for a set of superclasses and remembered: a named query run
    again costs no tokenising (a graph's superclasses are a frozenset, read once). Other
    superclasses, another rewriting:

    >>> include_subclasses("ASK { ?y a <urn:C> }", superclasses=set())
    'ASK { ?y a <urn:C> }'
    """
    return _rewritten(text, None if superclasses is None else frozenset(superclasses))


@lru_cache(maxsize=1024)
def _rewritten(text: str, superclasses: frozenset[str] | None) -> str:
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]
    if any(kind == "word" and value.lower() in _NOT_A_SELECT for kind, value in tokens):
        return text
    prefixes = _declared(tokens) if superclasses is not None else {}
    out: list[str] = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value == "a":
            following = next(((k, v) for k, v in tokens[i + 1 :] if k != "space"), (None, ""))
            if _is_class(*following):
                iri = _iri(following[1], prefixes) if superclasses is not None else None
                # a class unknown here (an undeclared prefix) is rewritten: the safe reading
                if superclasses is None or iri is None or iri in superclasses:
                    out.append(SUBCLASS_PATH)
                    continue
        out.append(value)
    return "".join(out)
