"""No query makes this machine fetch anything: ``SERVICE`` and ``LOAD`` are refused.

A SPARQL ``SERVICE <url> {...}`` clause makes the engine (rdflib's or Oxigraph's) send the
inner query to ``url``, and ``LOAD <url>`` fetches a document: from a server, that is a
request forgery anyone who can reach it could use. :func:`refuse_outbound` looks for the two
keywords the way a SPARQL parser sees them: after the ``\\uXXXX`` escapes SPARQL applies to
the whole text, and outside strings, IRIs, comments, variables and prefixed names (so
``?service``, ``hs:service`` and ``"use SERVICE"`` are fine). rdflib's engine is also told
never to load the graphs a ``FROM`` clause names from the web.

Examples
--------
>>> refuse_outbound("SELECT ?service WHERE { ?service a <urn:Service> } # SERVICE")
>>> refuse_outbound("SELECT * { SERV\\\\u0049CE <http://127.0.0.1:8765/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.errors.OutboundRequestRefused: query: SERVICE asks this machine to send a request to another server; hubspoke never makes outbound requests - run the inner query on that server itself
"""

from __future__ import annotations

import re

from graph.errors import OutboundRequestRefused

__all__ = ["outbound_keyword", "refuse_outbound"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_HIDDEN = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\""  # long strings
    r"|'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\""  # strings
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"  # IRIs
    r"|#[^\n\r]*",  # comments
    re.DOTALL,
)
_KEYWORD = re.compile(r"(?<![\w:?$\-])(SERVICE|LOAD)(?![\w:\-])", re.IGNORECASE)

_WHY = {
    "SERVICE": "SERVICE asks this machine to send a request to another server",
    "LOAD": "LOAD asks this machine to fetch a document from elsewhere",
}
_FIX = {
    "SERVICE": "run the inner query on that server itself",
    "LOAD": "download the file and give it as a data file instead",
}


def _unescaped(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, text)


def outbound_keyword(text: str) -> str | None:
    """``"SERVICE"`` or ``"LOAD"`` when the SPARQL ``text`` uses one as a keyword, else None.

    >>> outbound_keyword('SELECT * { ?s ?p "SERVICE" } # LOAD'), outbound_keyword("load <x>")
    (None, 'LOAD')
    """
    found = _KEYWORD.search(_HIDDEN.sub(" ", _unescaped(text)))
    return found.group(1).upper() if found else None


def refuse_outbound(text: str, *, source: str = "query") -> None:
    """Raise :class:`OutboundRequestRefused` when ``text`` would make a request elsewhere.

    Also turns off rdflib's loading of ``FROM`` graphs from the web (a module setting of
    rdflib's SPARQL engine, on by default).
    """
    import rdflib.plugins.sparql  # lazy: rdflib's SPARQL engine loads only for a query

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    keyword = outbound_keyword(text)
    if keyword is not None:
        raise OutboundRequestRefused(
            f"{source}: {_WHY[keyword]}; hubspoke never makes outbound requests - {_FIX[keyword]}"
        )
