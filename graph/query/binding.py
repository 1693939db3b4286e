"""Bind query parameters as a ``VALUES`` block, for SPARQL engines that take query text.

rdflib binds parameters (``initBindings``) into its own evaluation. Oxigraph and remote
endpoints take query text; Oxigraph's own substitution only accepts projected variables, and
rdflib's SPARQL store appends ``VALUES`` after the whole query, where a parameter that is not
projected, or one under ``GROUP BY``, no longer restricts anything. So the values go into a
``VALUES`` block that opens the query's ``WHERE`` clause, joined with everything else.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> print(with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": URIRef("urn:x")}))
SELECT ?s WHERE { VALUES (?o) { (<urn:x>) } ?s ?p ?o }
>>> print(with_values('SELECT * { ?s ?p "{" } ORDER BY ?s', {"s": Literal('a "b"')}))
SELECT * { VALUES (?s) { ("a \\"b\\"") } ?s ?p "{" } ORDER BY ?s
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rdflib.term import BNode, Identifier

from graph.errors import QueryError

__all__ = ["with_values"]

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z_0-9]+)
  | (?P<pname>[A-Za-z_][\w.-]*:[\w.:%-]*|:[\w.:%-]*)
  | (?P<word>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<open>[{(])
  | (?P<close>[})])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@lru_cache(maxsize=1024)
def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the query's WHERE clause, or -1 (remembered per text: a
    named query is bound again and again)."""
    depth = 0
    form = ""
    after_where = False
    first_brace = -1
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("comment", "string", "iri", "var", "pname", "other"):
            continue
        token = match.group()
        if kind == "word":
            upper = token.upper()
            if depth == 0 and not form and upper in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
                form = upper
            elif depth == 0 and upper == "WHERE":
                after_where = True
        elif kind == "open":
            if depth == 0 and token == "{":
                if after_where:
                    return match.start()
                if first_brace < 0:
                    first_brace = match.start()
            depth += 1
        elif kind == "close":
            depth -= 1
    return first_brace if form in ("SELECT", "ASK", "DESCRIBE") else -1


def _sparql_term(term: Identifier) -> str:
    if isinstance(term, BNode):
        raise QueryError(
            f"a blank node ({term}) cannot be bound in query text - give an IRI or a literal"
        )
    return term.n3()


def with_values(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with ``bindings`` as a ``VALUES`` block opening its WHERE clause.

    >>> from rdflib import URIRef
    >>> print(with_values("SELECT * { ?s ?p ?o } ORDER BY ?s", {"s": URIRef("urn:a")}))
    SELECT * { VALUES (?s) { (<urn:a>) } ?s ?p ?o } ORDER BY ?s
    >>> q = "PREFIX w: <urn:w#> SELECT ?where WHERE { ?where w:where ?o }"
    >>> print(with_values(q, {"o": URIRef("urn:b")}))
    PREFIX w: <urn:w#> SELECT ?where WHERE { VALUES (?o) { (<urn:b>) } ?where w:where ?o }
    """
    if not bindings:
        return text
    names = list(bindings)
    block = (
        f"VALUES ({' '.join('?' + n for n in names)}) "
        f"{{ ({' '.join(_sparql_term(bindings[n]) for n in names)}) }}"
    )
    at = _where_brace(text)
    if at < 0:
        raise QueryError(
            "cannot find the WHERE clause of the query to bind its parameters - "
            "write the query with an explicit WHERE { ... }"
        )
    return f"{text[: at + 1]} {block}{text[at + 1 :]}"
