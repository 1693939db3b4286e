"""The coded corpus: every statement with its provenance and codes, read once from the graph.

Qualitative-analysis tools (NVivo, ATLAS.ti, QualCoder, Taguette) work on *quotations*, each
with its source and the *codes* applied to it. Here a quotation is a statement (an
``hs:Statement`` of any subclass: the verbatim text of a bullet or paragraph with its
document, section and lines) and a code is a concept of a SKOS concept scheme (topics,
target groups, roles, agency types) that a curator linked to it with ``hs:concernsTopic``,
``hs:concernsGroup``, ``hs:concernsRole`` or ``hs:namesAgency``. The statement tables, the
codebook, the co-occurrence matrix and the SQLite database are all made from a
:class:`Corpus`. The SPARQL lives in ``graph/queries/research/*.rq``.

Examples
--------
>>> from graph.kg import load
>>> kg = load()
>>> corpus = Corpus.from_graph(kg.graph, kg.labels)
>>> len(corpus.statements) >= 153
True
>>> s = corpus.statements[str(LE2015) + "line-103"]
>>> s.lines, corpus.label(s.type)
('103-106', 'discussion point')
>>> sorted(curie(c) for c in corpus.codes_of(s.iri, "topics"))
['topic:case-management', 'topic:risk', 'topic:supervision', 'topic:worker-wellbeing']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from rdflib import Graph, Namespace

from graph.errors import AmbiguousEntity, EntityNotFound
from graph.network.naming import closest, normalise
from graph.query.results import python_value
from graph.query.sparql import select, select_texts
from graph.rdf.namespaces import HS, curie

__all__ = [
    "CODING_PROPERTIES",
    "LE2015",
    "Code",
    "Corpus",
    "Section",
    "Statement",
    "research_query",
]

#: The 2015 report's namespace (for examples and tests).
LE2015 = Namespace("https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/")

#: The properties that code a statement, and the column each fills in a statement table.
CODING_PROPERTIES: dict[str, str] = {
    str(HS.concernsTopic): "topics",
    str(HS.concernsGroup): "groups",
    str(HS.concernsRole): "roles",
    str(HS.namesAgency): "agencies",
}


@cache
def research_query(name: str) -> str:
    """The text of ``graph/queries/research/<name>.rq``."""
    return (files("graph.queries.research") / f"{name}.rq").read_text(encoding="utf-8")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _int(value: Any) -> int | None:
    plain = python_value(value)
    return int(plain) if plain is not None else None


def _integer(text: str | None) -> int | None:
    """:func:`_int` of a literal's lexical form (an xsd:integer's)."""
    return int(text) if text is not None else None


@dataclass(frozen=True)
class Statement:
    """One statement: IRIs of its class, document, section and session, lines and text."""

    iri: str
    type: str
    document: str
    section: str
    session: str
    start: int | None
    end: int | None
    position: int | None
    text: str

    @property
    def id(self) -> str:
        """The statement's short id (its CURIE)."""
        return curie(self.iri)

    @property
    def lines(self) -> str:
        """The source lines as ``103`` or ``103-106``."""
        if self.start is None:
            return ""
        if self.end is None or self.end == self.start:
            return str(self.start)
        return f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Code:
    """A concept of a concept scheme, as a code of the codebook."""

    iri: str
    scheme: str
    label: str
    definition: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    """A section of a document."""

    iri: str
    document: str
    parent: str
    number: str
    title: str
    start: int | None
    end: int | None


@dataclass
class Corpus:
    """The statements, codes, codings and sections of a graph (see the module notes)."""

    statements: dict[str, Statement]
    codes: dict[str, Code]
    #: statement IRI -> (coding property IRI, code IRI) pairs, codes of a scheme only
    codings: dict[str, list[tuple[str, str]]]
    #: statement IRI -> every entity its text names (organisations and agency types)
    named: dict[str, list[str]]
    sections: dict[str, Section]
    #: class IRI -> the class and all its superclasses
    superclasses: dict[str, set[str]]
    labels: Mapping[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------------ reading
    @classmethod
    def from_graph(cls, graph: Graph, labels: Mapping[str, str]) -> Corpus:
        """Read the corpus from ``graph`` (``labels``: display labels by IRI)."""
        return cls(
            statements=_statements(graph),
            codes=_codes(graph),
            codings=_codings(graph),
            named=_named(graph),
            sections=_sections(graph),
            superclasses=_superclasses(graph),
            labels=labels,
        )

    def label(self, iri: str | None) -> str:
        """The display label of an IRI (its CURIE when it has none; ``""`` for none)."""
        if not iri:
            return ""
        return self.labels.get(str(iri)) or curie(iri)

    # ------------------------------------------------------------------ codes
    def scheme_name(self, scheme: str) -> str:
        """A scheme's short name: the last part of its IRI (``topics``, ``target-groups``)."""
        return scheme.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def schemes(self) -> list[str]:
        """The IRIs of the concept schemes that have codes, sorted."""
        return sorted({code.scheme for code in self.codes.values()})

    def resolve_scheme(self, name: str) -> str:
        """The scheme ``name`` denotes: its short name, label or IRI (``topics``, ``roles``).

        >>> from graph.kg import load
        >>> kg = load()
        >>> corpus = Corpus.from_graph(kg.graph, kg.labels)
        >>> curie(corpus.resolve_scheme("target groups"))
        'scheme:target-groups'
        """
        key = normalise(name)
        for scheme in self.schemes():
            names = {scheme, curie(scheme), self.scheme_name(scheme), self.label(scheme)}
            if key in {normalise(n) for n in names}:
                return scheme
        known = ", ".join(self.scheme_name(s) for s in self.schemes())
        raise EntityNotFound(name, [f"a concept scheme: {known}"])

    def codes_of(self, statement: str, scheme: str | None = None) -> list[str]:
        """The codes of ``statement`` (of one scheme, by name or IRI, if given), in order."""
        wanted = self.resolve_scheme(scheme) if scheme else None
        found: list[str] = []
        for _, code in self.codings.get(statement, []):
            if code not in found and (wanted is None or self.codes[code].scheme == wanted):
                found.append(code)
        return found

    def narrower_or_self(self, code: str) -> set[str]:
        """``code`` and every code below it (skos:broader, followed down)."""
        below: dict[str, set[str]] = defaultdict(set)
        for c in self.codes.values():
            for b in c.broader:
                below[b].add(c.iri)
        found, pending = {code}, [code]
        while pending:
            for child in below.get(pending.pop(), ()):
                if child not in found:
                    found.add(child)
                    pending.append(child)
        return found

    def resolve_code(self, name: str, scheme: str | None = None) -> str:
        """The code ``name`` denotes: its IRI, CURIE, label, alternative label or short name,
        else the start of a name (``training`` is "training and accreditation"), else a word
        of it (``wellbeing`` is "worker safety and wellbeing"), when one code has it. Topics
        win over codes of other schemes.

        Raises :class:`EntityNotFound` (with the closest codes) or :class:`AmbiguousEntity`.

        >>> from graph.kg import load
        >>> kg = load()
        >>> corpus = Corpus.from_graph(kg.graph, kg.labels)
        >>> curie(corpus.resolve_code("training")), curie(corpus.resolve_code("Supervision"))
        ('topic:training-accreditation', 'topic:supervision')
        >>> curie(corpus.resolve_code("wellbeing"))
        'topic:worker-wellbeing'

        """
        wanted = self.resolve_scheme(scheme) if scheme else None
        codes = [c for c in self.codes.values() if wanted is None or c.scheme == wanted]
        key = normalise(name)

        def names(code: Code) -> set[str]:
            local = code.iri.rstrip("/").rsplit("/", 1)[-1]
            found = {code.iri, curie(code.iri), code.label, local, *code.alt_labels}
            return {normalise(n) for n in found}

        def best(matches: list[Code]) -> str | None:
            if not matches:
                return None
            topics = [c for c in matches if self.scheme_name(c.scheme) == "topics"]
            pick = topics if topics else matches
            if len(pick) > 1:
                raise AmbiguousEntity(name, sorted(f"{c.label} ({curie(c.iri)})" for c in pick))
            return pick[0].iri

        exact = best([c for c in codes if key in names(c)])
        if exact:
            return exact
        prefix = best(
            [c for c in codes if any(n.startswith(key + " ") for n in names(c))] if key else []
        )
        if prefix:
            return prefix
        words = best(
            [c for c in codes if any(f" {key} " in f" {n} " for n in names(c))] if key else []
        )
        if words:
            return words
        by_name = {normalise(c.label): c for c in codes}
        near = [f"{by_name[k].label} ({curie(by_name[k].iri)})" for k in closest(key, by_name)]
        raise EntityNotFound(name, near)

    # ------------------------------------------------------------------ places
    def sections_within(self, section: str) -> set[str]:
        """``section`` and every section nested in it."""
        found, pending = {section}, [section]
        while pending:
            current = pending.pop()
            for s in self.sections.values():
                if s.parent == current and s.iri not in found:
                    found.add(s.iri)
                    pending.append(s.iri)
        return found

    def classes_within(self, cls: str) -> set[str]:
        """``cls`` and every class below it."""
        return {c for c, supers in self.superclasses.items() if cls in supers} | {cls}

    def ordered(self, statements: Iterable[str] | None = None) -> list[Statement]:
        """Statements (default: all) in reading order: document, then line, then IRI."""
        chosen = (
            self.statements.values()
            if statements is None
            else (self.statements[s] for s in statements if s in self.statements)
        )
        return sorted(
            chosen,
            key=lambda s: (self.label(s.document), s.start or 0, s.position or 0, s.iri),
        )


def _statements(graph: Graph) -> dict[str, Statement]:
    found: dict[str, Statement] = {}
    columns = ("statement", "type", "session", "document", "section", "start", "end", "position")
    # read as texts (a national graph has tens of thousands of statements), in the answers'
    # order; several types or sessions give several rows: keep the first in a stable order
    rows = sorted(
        select_texts(
            graph, research_query("statements"), (*columns, "text"), source="research:statements"
        ),
        key=lambda r: (r[1] or "", r[2] or ""),
    )
    for iri, kind, session, document, section, start, end, position, text in rows:
        if iri is None or iri in found or iri.startswith("_:"):
            continue
        found[iri] = Statement(
            iri=iri,
            type=kind or "",
            document=document or "",
            section=section or "",
            session=session or "",
            start=_integer(start),
            end=_integer(end),
            position=_integer(position),
            text=text or "",
        )
    return found


def _codes(graph: Graph) -> dict[str, Code]:
    rows = select(graph, research_query("codes"), timeout=None, source="research:codes")
    parts: dict[str, dict[str, Any]] = {}
    for row in rows:
        iri = _text(row["code"])
        entry = parts.setdefault(
            iri,
            {
                "scheme": _text(row["scheme"]),
                "label": _text(row.get("label")),
                "definition": _text(row.get("definition")),
                "alt": set(),
                "broader": set(),
            },
        )
        if row.get("alt") is not None:
            entry["alt"].add(_text(row["alt"]))
        if row.get("broader") is not None:
            entry["broader"].add(_text(row["broader"]))
    return {
        iri: Code(
            iri,
            p["scheme"],
            p["label"] or curie(iri),
            p["definition"],
            tuple(sorted(p["alt"])),
            tuple(sorted(p["broader"])),
        )
        for iri, p in sorted(parts.items())
    }


def _codings(graph: Graph) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    columns = ("statement", "code", "property")
    rows = select_texts(graph, research_query("codings"), columns, source="research:codings")
    for statement, code, prop in sorted(rows, key=lambda r: (r[0] or "", r[1] or "")):
        pair = (prop or "", code or "")
        if pair not in found[statement or ""]:
            found[statement or ""].append(pair)
    return dict(found)


def _named(graph: Graph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    rows = select(graph, research_query("named"), timeout=None, source="research:named")
    for row in sorted(rows, key=lambda r: (_text(r["statement"]), _text(r["agency"]))):
        found[_text(row["statement"])].append(_text(row["agency"]))
    return dict(found)


def _sections(graph: Graph) -> dict[str, Section]:
    found: dict[str, Section] = {}
    rows = select(graph, research_query("sections"), timeout=None, source="research:sections")
    for row in sorted(rows, key=lambda r: _text(r["section"])):
        iri = _text(row["section"])
        if iri not in found:
            found[iri] = Section(
                iri=iri,
                document=_text(row.get("document")),
                parent=_text(row.get("parent")),
                number=_text(row.get("number")),
                title=_text(row.get("title")),
                start=_int(row.get("start")),
                end=_int(row.get("end")),
            )
    return found


def _superclasses(graph: Graph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in select(graph, research_query("classes"), timeout=None, source="research:classes"):
        found[_text(row["class"])].add(_text(row["super"]))
    return dict(found)
