"""The named queries shipped with hubspoke: ``graph/queries/*.rq`` files with a header.

A query file starts with comment lines that say what it is::

    # title: Models presented at the December 2015 Learning Exchange
    # description: Which Hub and Spoke models were presented, and by how many
    #   services each (CQ1).
    # param: topic (entity) = topic:supervision: the topic, by label, CURIE or IRI
    # param: letter (string): the question letter, e.g. "b"

Parameter kinds are ``entity`` (an IRI, CURIE or name, resolved to an IRI), ``iri``,
``string``, ``integer`` and ``date``; ``= VALUE`` gives a default, used when the caller
gives none. The values are bound with ``initBindings``. The value :data:`ANY` (``*``) leaves
the parameter unbound, so the query matches every value (``# param: about (entity) = *: ...``
makes a parameter optional).

Examples
--------
>>> catalogue = load_catalogue()
>>> catalogue["cq01-models-presented"].title
'Models presented at the December 2015 Learning Exchange'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graph.errors import QueryError, UnknownQuery
from graph.rdf.resources import query_files

__all__ = ["ANY", "Parameter", "NamedQuery", "parse_query_file", "load_catalogue", "get_query"]

#: A parameter value that leaves the parameter unbound: the query matches every value.
ANY = "*"

PARAMETER_KINDS = ("entity", "iri", "string", "integer", "date")

_HEADER = re.compile(r"^#\s*(title|description|param|parameters):\s?(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\((\w+)\)\s*(?:=\s*(\S+?))?\s*(?::\s+(.*))?$")


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: its variable name, kind and meaning."""

    name: str
    kind: str
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A packaged SPARQL query with its header."""

    name: str
    title: str
    description: str
    text: str
    path: Path
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)

    @property
    def parameter_names(self) -> list[str]:
        """The names of the query's parameters, in header order."""
        return [p.name for p in self.parameters]


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header.

    Raises :class:`QueryError` naming the file and line when the header is incomplete or a
    parameter is malformed.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            key, value = match.group(1), match.group(2).strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group(2) not in PARAMETER_KINDS:
                    raise QueryError(
                        f"{path}, line {number}: malformed parameter {value!r} - write "
                        f"'# param: NAME (KIND): meaning' with KIND one of {', '.join(PARAMETER_KINDS)}"
                    )
                params.append(
                    Parameter(pm.group(1), pm.group(2), (pm.group(4) or "").strip(), pm.group(3))
                )
                last = None
            elif key == "parameters":
                last = None
            else:
                fields[key] = value
                last = key
        elif last and line.startswith("#  "):
            fields[last] = f"{fields[last]} {line[1:].strip()}".strip()
    for required in ("title", "description"):
        if not fields.get(required):
            raise QueryError(f"{path}: the header has no '# {required}:' line - add one")
    return NamedQuery(
        name=path.stem,
        title=fields["title"],
        description=fields["description"],
        text=text,
        path=path,
        parameters=tuple(params),
    )


@cache
def load_catalogue() -> dict[str, NamedQuery]:
    """Every packaged named query by name (the file name without ``.rq``)."""
    return {q.name: q for q in (parse_query_file(p) for p in query_files())}


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name lists the closest names.

    >>> get_query("cq1-models")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.UnknownQuery: no named query 'cq1-models'. Did you mean: cq01-models-presented...
    """
    catalogue = load_catalogue()
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=5, cutoff=0.4)
    if not close:
        close = [n for n in catalogue if name.lower() in n.lower()][:5]
    raise UnknownQuery(name, close)
