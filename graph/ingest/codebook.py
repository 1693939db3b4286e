"""The codebook: the concepts a statement may be coded with, from the SKOS concept schemes.

A code is written as a CURIE (``topic:supervision``, ``group:children-young-people``,
``role:manager``, ``agency:police``); its prefix names the scheme it belongs to, and the
scheme gives the link a confirmed code becomes (``hs:concernsTopic``, ``hs:concernsGroup``,
``hs:concernsRole``, ``hs:namesAgency``). Each code carries the words it is recognised by:
its preferred label, its alternative labels (``skos:altLabel``) and the words of its
definition.

Examples
--------
>>> book = Codebook.packaged()
>>> book.code("topic:supervision").label
'supervision'
>>> book.code("topic:supervision").link.n3()
'<https://w3id.org/hubspoke/ontology#concernsTopic>'
>>> book.closest("topic:supervison")
['topic:supervision', 'topic:prevention']
>>> book.scheme_of("topic:police"), book.closest("topic:police", 1)
(None, ['agency:police'])
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from graph.rdf.loading import load_graph
from graph.rdf.namespaces import HS, PREFIXES, curie
from graph.rdf.resources import ontology_files

__all__ = ["SCHEMES", "Code", "Codebook", "Scheme"]


@dataclass(frozen=True)
class Scheme:
    """A concept scheme codes are drawn from: its CURIE prefix, class, link and name."""

    prefix: str
    cls: URIRef
    link: URIRef
    name: str


#: The schemes of the codebook, in the order the coding sheet lists codes.
SCHEMES: tuple[Scheme, ...] = (
    Scheme("topic", HS.Topic, HS.concernsTopic, "topic"),
    Scheme("group", HS.TargetGroup, HS.concernsGroup, "target group"),
    Scheme("role", HS.Role, HS.concernsRole, "role"),
    Scheme("agency", HS.AgencyType, HS.namesAgency, "agency type"),
)


@dataclass(frozen=True)
class Code:
    """One code of the codebook."""

    iri: URIRef
    curie: str
    scheme: Scheme
    label: str
    alt_labels: tuple[str, ...]
    definition: str

    @property
    def link(self) -> URIRef:
        """The property a confirmed code becomes (``hs:concernsTopic`` ...)."""
        return self.scheme.link


class Codebook:
    """Every code of the schemes, by CURIE."""

    def __init__(self, codes: Iterable[Code]) -> None:
        self._codes = {c.curie: c for c in sorted(codes, key=lambda c: c.curie)}

    @classmethod
    def from_graph(cls, graph: Graph) -> Codebook:
        """The codes of ``graph``: every instance of a scheme's class under its prefix."""
        codes = []
        for scheme in SCHEMES:
            namespace = PREFIXES[scheme.prefix]
            for iri in set(graph.subjects(RDF.type, scheme.cls)):
                if not isinstance(iri, URIRef) or not str(iri).startswith(namespace):
                    continue
                label = graph.value(iri, SKOS.prefLabel)
                alts = sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
                definition = graph.value(iri, SKOS.definition)
                codes.append(
                    Code(
                        iri,
                        curie(iri),
                        scheme,
                        str(label or curie(iri).split(":")[1]),
                        tuple(alts),
                        str(definition or ""),
                    )
                )
        return cls(codes)

    @classmethod
    def packaged(cls, extra: Iterable[Path] = ()) -> Codebook:
        """The codebook of the packaged concept schemes (and of ``extra`` RDF files)."""
        return cls.from_graph(load_graph([*ontology_files(), *extra], include_defaults=False))

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def code(self, text: str) -> Code:
        """The code written ``text`` (a CURIE); ``KeyError`` when there is none."""
        return self._codes[text]

    def by_iri(self, iri: URIRef) -> Code | None:
        """The code of ``iri``, if it is one."""
        return self._codes.get(curie(iri))

    def scheme_of(self, text: str) -> Scheme | None:
        """The scheme of the code ``text``, or ``None`` when it is not a code."""
        code = self._codes.get(text)
        return code.scheme if code else None

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The codes closest to ``text`` (best first): by the spelling of its name after the
        prefix, in any scheme, against each code's name and labels."""
        text = text.strip().lower()
        local = text.split(":", 1)[-1]
        scores: dict[str, float] = {}
        for code in self._codes.values():
            name = code.curie.split(":", 1)[1]
            candidates = [name, code.label.lower(), *(a.lower() for a in code.alt_labels)]
            best = max(difflib.SequenceMatcher(None, local, c).ratio() for c in candidates)
            if best >= 0.6:
                scores[code.curie] = best
        return sorted(scores, key=lambda c: (-scores[c], c))[:n]
