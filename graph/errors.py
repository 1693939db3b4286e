"""The exceptions of hubspoke: one hierarchy, each message says what, where and how to fix it.

Every error raised on purpose by the library derives from :class:`HubspokeError`, so a caller
(and the command line) can catch them all with one ``except`` clause.

Examples
--------
>>> from graph.errors import HubspokeError, DataFileError
>>> err = DataFileError("bad.ttl", "expected '.'", line=3)
>>> str(err)
"bad.ttl, line 3: expected '.' - fix the Turtle syntax at that line"
>>> isinstance(err, HubspokeError)
True
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "HubspokeError",
    "DataFileError",
    "ValidationFailed",
    "UnsupportedShape",
    "QueryError",
    "UnknownQuery",
    "QueryParameterError",
    "ReadOnlyError",
    "QueryTimeout",
    "QueryMemoryExceeded",
    "EntityNotFound",
    "AmbiguousEntity",
    "ViewError",
    "ExportError",
    "AudienceError",
    "SnapshotError",
    "RegisterError",
    "StoreError",
    "IngestError",
    "CodingError",
    "OutboundRequestRefused",
]


class HubspokeError(Exception):
    """Base class of every error hubspoke raises on purpose."""


class DataFileError(HubspokeError):
    """A data file cannot be read or parsed.

    Parameters
    ----------
    path : str
        The file.
    reason : str
        What is wrong.
    line : int, optional
        The line where the parser stopped, when known.
    hint : str, optional
        How to fix it.
    """

    def __init__(
        self, path: str, reason: str, line: int | None = None, hint: str | None = None
    ) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        self.hint = hint or (
            "fix the Turtle syntax at that line" if line else "check the file's format"
        )
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {reason} - {self.hint}")


class ValidationFailed(HubspokeError):
    """The graph does not conform to the SHACL shapes or a QC query returned rows.

    ``report`` holds the :class:`graph.validate.validation.ValidationReport` with every problem.
    """

    def __init__(self, report: object, summary: str) -> None:
        self.report = report
        super().__init__(summary)


class UnsupportedShape(HubspokeError):
    """A SHACL shape uses something the SPARQL compiler of the shapes does not translate.

    Validation falls back to pySHACL, which understands all of SHACL.

    >>> str(UnsupportedShape("hsh:ServiceShape", "only predicate and inverse paths are compiled"))
    'hsh:ServiceShape: only predicate and inverse paths are compiled - validated with pySHACL instead'
    """

    def __init__(self, shape: str, reason: str) -> None:
        self.shape = shape
        self.reason = reason
        super().__init__(f"{shape}: {reason} - validated with pySHACL instead")


class QueryError(HubspokeError):
    """A SPARQL query is malformed or cannot run."""


class UnknownQuery(QueryError):
    """No packaged query has the given name."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates = list(candidates)
        hint = f" Did you mean: {', '.join(self.candidates)}?" if self.candidates else ""
        super().__init__(f"no named query {name!r}.{hint} Run 'hubspoke queries' to list them.")


class QueryParameterError(QueryError):
    """A query parameter is unknown, missing or of the wrong kind."""


class ReadOnlyError(QueryError):
    """An update (INSERT, DELETE, LOAD, CLEAR, DROP...) was given where only queries run."""


class QueryTimeout(QueryError):
    """A query ran longer than its time limit."""


class QueryMemoryExceeded(QueryError):
    """A query needed more memory than its limit (an ad hoc query's cartesian product, say)."""


class EntityNotFound(HubspokeError):
    """A name given for an entity matches nothing; ``candidates`` are the closest names.

    ``searched`` says what the name was looked for among; ``reason``, when given, replaces
    the whole explanation (a name refused before any search, for instance).

    >>> str(EntityNotFound("zebra", [], searched="the names of 3 entities"))
    "no entity is called 'zebra' (searched the names of 3 entities). Try 'hubspoke search' to find it."
    >>> str(EntityNotFound("x" * 500, [], reason="a name is at most 200 characters"))
    "no entity is called 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (500 characters): a name is at most 200 characters"
    """

    def __init__(
        self,
        name: str,
        candidates: Sequence[str],
        *,
        searched: str = "",
        reason: str = "",
        kind: str = "entity",
    ) -> None:
        self.name = name
        self.candidates = list(candidates)
        shown = _shown(name)
        if reason:
            super().__init__(f"no {kind} is called {shown}: {reason}")
            return
        where = f" (searched {searched})" if searched else ""
        hint = (
            f" Closest: {'; '.join(self.candidates)}."
            if self.candidates
            else " Try 'hubspoke search' to find it."
        )
        super().__init__(f"no {kind} is called {shown}{where}.{hint}")


class AmbiguousEntity(HubspokeError):
    """A name given for an entity matches several; ``candidates`` lists them (with their kinds).

    ``how`` says how to pick one; by default: give the CURIE or the IRI.
    """

    def __init__(
        self, name: str, candidates: Sequence[str], *, how: str = "", more: int = 0
    ) -> None:
        self.name = name
        self.candidates = list(candidates)
        total = len(self.candidates) + more
        listed = "; ".join(self.candidates) + (f"; and {more} more" if more else "")
        super().__init__(
            f"{_shown(name)} names {total} entities: {listed}. "
            + (how or "Give the CURIE or the IRI of the one you mean.")
        )


def _shown(name: str, limit: int = 40) -> str:
    """``name`` quoted, cut to ``limit`` characters (with its length) when it is longer."""
    if len(name) <= limit:
        return repr(name)
    return f"{name[:limit]!r}"[:-1] + f"…' ({len(name)} characters)"


class ViewError(HubspokeError):
    """A network view is unknown or cannot be projected."""


class ExportError(HubspokeError):
    """Writing an export failed; nothing was left half-written."""


class AudienceError(ExportError):
    """An audience is unknown (``public`` and ``team`` are; restricted items go to nobody)."""


class SnapshotError(ExportError):
    """A snapshot cannot be written, read, verified or compared."""


class RegisterError(HubspokeError):
    """A services register cannot be imported; ``problems`` lists each row-level problem."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{path}: {len(self.problems)} problem(s), nothing was written:\n{lines}")


class StoreError(HubspokeError):
    """A store specification is wrong or the store cannot be reached."""


class IngestError(HubspokeError):
    """A source cannot be ingested (not UTF-8, empty, no statement, bad document id or date).

    >>> str(IngestError("report.md", "the file is empty", hint="give the report's text"))
    "report.md: the file is empty - give the report's text"
    """

    def __init__(self, path: str, reason: str, line: int | None = None, hint: str = "") -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {reason}" + (f" - {hint}" if hint else ""))


class CodingError(RegisterError):
    """A coding sheet cannot be imported; ``problems`` lists each, by row and column.

    The same contract as a register: every problem at once, nothing written.
    """


class OutboundRequestRefused(QueryError):
    """A query or file would make the machine fetch something from elsewhere (a SPARQL
    ``SERVICE`` clause, a remote JSON-LD context); nothing is fetched at run time."""
