"""Hostile and broken data files, refused before a parser sees them.

:func:`check_file` runs on every file before it is parsed, :func:`check_text` on the text of
the files rdflib parses (JSON-LD, RDF/XML, TriG, N3...):

- an empty file (nothing but white space, comments or a byte-order mark) is an error: a
  data or shapes file that says nothing is a mistake, not a pass;
- a UTF-8 byte-order mark is accepted (Windows editors write one), never reported as an
  invisible character;
- a JSON-LD file may not name any context to fetch, however it is written: a string context,
  a list holding one, ``{"@import": ...}``, in capitals, or behind escaped keys
  (``"\\u0040context"``). The JSON is read, so spelling tricks do not matter;
- an RDF/XML file may not declare external entities (``SYSTEM``/``PUBLIC``) or entities that
  refer to other entities: the "billion laughs" bombs expand a few hundred bytes into
  gigabytes. Plain abbreviations (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``, as
  Protégé writes them) stay allowed: each can expand only to its own short text.

Examples
--------
>>> remote_contexts({"@context": [{"@vocab": "urn:x:"}, "https://example.org/c.jsonld"]})
['https://example.org/c.jsonld']
>>> remote_contexts({"@context": {"@import": "HTTP://example.org/c"}, "a": {"@context": "x"}})
['HTTP://example.org/c', 'x']
>>> bad_entities('<!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;">]>')
['b']
>>> bad_entities('<!DOCTYPE rdf:RDF [<!ENTITY owl "http://www.w3.org/2002/07/owl#">]>')
[]
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from graph.errors import DataFileError

__all__ = ["BOM", "bad_entities", "check_file", "check_text", "has_bom", "remote_contexts"]

#: The UTF-8 byte-order mark.
BOM = b"\xef\xbb\xbf"

_ENTITY = re.compile(
    r"<!ENTITY\s+(%\s+)?(?P<name>[^\s\"']+)\s+(?P<rest>(?:\"[^\"]*\"|'[^']*'|[^>])*)>",
    re.IGNORECASE,
)
_LONGEST_ENTITY = 2000
_COMMENT_ONLY = re.compile(rb"(?:\s|#[^\n]*(?:\n|$))*")


def has_bom(path: Path) -> bool:
    """True when the file starts with a UTF-8 byte-order mark."""
    with open(path, "rb") as handle:
        return handle.read(3) == BOM


def check_file(path: Path, what: str = "") -> None:
    """Refuse an empty ``path``: nothing but white space, ``#`` comments or a byte-order mark.

    Raises
    ------
    DataFileError
        The file is empty (or cannot be read).
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
            while True:
                body = head[3:] if head.startswith(BOM) else head
                if not _COMMENT_ONLY.fullmatch(body):
                    return
                more = handle.read(1 << 16)
                if not more:
                    break
                head += more
    except OSError as exc:
        raise DataFileError(str(path), exc.strerror or str(exc), hint="check the path") from None
    raise DataFileError(
        str(path),
        f"the {what} file is empty: it states nothing"
        if what
        else "the file is empty: it states nothing",
        hint="give a file with triples, or leave it out",
    )


def remote_contexts(document: Any) -> list[str]:
    """Every context ``document`` (parsed JSON-LD) would make a processor fetch."""
    found: list[str] = []

    def context(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            for item in value:
                context(item)
        elif isinstance(value, dict):
            if "@import" in value:
                context(value["@import"])
            walk(value)

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@context":
                    context(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document)
    return found


def bad_entities(text: str) -> list[str]:
    """The names of the XML entities in ``text`` that are external or refer to others."""
    bad = []
    for match in _ENTITY.finditer(text):
        rest = match.group("rest").strip()
        quoted = rest[:1] in ("'", '"')
        value = rest[1:-1] if quoted else ""
        if not quoted or "&" in value or "%" in value or len(value) > _LONGEST_ENTITY:
            bad.append(match.group("name"))
    return bad


def check_text(path: Path, text: str, fmt: str) -> None:
    """Refuse a JSON-LD file that names a context to fetch, or an RDF/XML entity bomb.

    Raises
    ------
    DataFileError
        The message names the file and what is refused.
    """
    if fmt == "json-ld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileError(
                str(path), f"not valid JSON: {exc.msg}", line=exc.lineno, hint="fix the JSON"
            ) from None
        remote = remote_contexts(document)
        if remote:
            raise DataFileError(
                str(path),
                f"the JSON-LD names a remote @context ({remote[0]}); nothing is fetched at run time",
                hint="embed the context in the file as a JSON object",
            )
    elif fmt == "xml" and "<!ENTITY" in text.upper():
        bad = bad_entities(text)
        if bad:
            raise DataFileError(
                str(path),
                f"the RDF/XML declares entities that are external or expand into other "
                f"entities ({', '.join(bad[:5])}): refused before expansion, as such "
                "entities can blow a small file up to gigabytes",
                hint="write the IRIs out, or declare only plain abbreviations",
            )
