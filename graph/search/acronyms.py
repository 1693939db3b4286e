"""The acronyms the graph knows and what they stand for, so that search finds either form.

An acronym's long forms are read from the graph itself, three ways:

1. an entity's ``hs:acronym`` and its labels (``CSEFA`` and "Child Sexual Exploitation Funders
   Alliance");
2. a long form followed by its acronym in brackets, or the other way round, in any text of the
   graph ("Sex and Relationships Education (SRE)", "new local authorities (LA)", "CSEFA (CHILD
   SEXUAL EXPLOITATION FUNDERS ALLIANCE)");
3. a run of capitalised words whose initials spell an acronym that a statement uses ("the
   National Referral Mechanism", in a topic's definition, for the report's "NRM"); the run must
   be whole (not part of a longer capitalised name) and have two words or more.

The initials are those of the long form's words other than "and", "of", "for", "the"...;
an acronym's lower-case letters are ignored (``DfE``: "Department for Education"). A plural
``s`` is dropped (``LSCBs``).

Examples
--------
>>> from graph.rdf.loading import load_graph
>>> known = Acronyms.of(load_graph())
>>> known.long_forms("NRM")
('National Referral Mechanism',)
>>> known.long_forms("LSCBs")
('Local Safeguarding Children Board',)
>>> known.related("Enhance understanding of how the NRM can be used")
['National Referral Mechanism']
>>> known.related("Make Sex and Relationships Education mandatory")
['SRE']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDFS, SKOS

from graph.rdf.namespaces import HS
from graph.search.words import stems

__all__ = ["Acronyms"]

_ACRONYM = re.compile(r"\b([A-Z][A-Za-z]*[A-Z])s?\b")
_LONG_THEN_SHORT = re.compile(r"((?:[\w'\u2019-]+\s+){1,10})\(\s*([A-Z][A-Za-z]*[A-Z])s?\s*\)")
_SHORT_THEN_LONG = re.compile(r"\b([A-Z][A-Za-z]*[A-Z])s?\s*\(([^()]{3,120})\)")
_TOKEN = re.compile(r"[\w'\u2019-]+|[^\w\s]")
_CAPITALISED = re.compile(r"^[A-Z][a-z'\u2019-]+$")
_FUNCTION_WORDS = frozenset({"and", "of", "for", "the", "to", "in", "on", "&"})


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym if c.isupper())


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0].upper() for w in words if w.lower() not in _FUNCTION_WORDS)


def _singular(acronym: str) -> str:
    return acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym


def _spelt_by(acronym: str, words: list[str]) -> str | None:
    """The shortest ending of ``words`` whose initials spell ``acronym``, if there is one."""
    target = _letters(acronym)
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in _FUNCTION_WORDS:
            continue
        initials = _initials(tail)
        if initials == target and len(tail) >= 2:
            return " ".join(tail)
        if len(initials) > len(target):
            return None
    return None


def _capitalised_runs(text: str) -> Iterable[list[str]]:
    """Whole runs of capitalised words (function words allowed inside) in ``text``."""
    run: list[str] = []
    for token in [*_TOKEN.findall(text), "."]:
        if _CAPITALISED.match(token):
            run.append(token)
            continue
        if token.lower() in _FUNCTION_WORDS and run:
            run.append(token)
            continue
        while run and run[-1].lower() in _FUNCTION_WORDS:
            run.pop()
        if run and not token[:1].isupper():  # a run next to an all-capitals word is not whole
            yield run
        run = []


@dataclass
class Acronyms:
    """Acronyms and their long forms, both ways."""

    forms: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: Graph) -> Acronyms:
        """The acronyms ``graph`` knows (see the module's description for how)."""
        found: dict[str, list[str]] = defaultdict(list)

        def add(acronym: str, long_form: str) -> None:
            acronym, long_form = _singular(acronym), " ".join(long_form.split())
            key = stems(long_form)
            if key and all(stems(f) != key for f in found[acronym]):
                found[acronym].append(long_form)

        for entity, acronym in graph.subject_objects(HS.acronym):
            for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, FOAF.name):
                for label in graph.objects(entity, prop):
                    if str(label) != str(acronym) and _initials(str(label).split()) == _letters(
                        str(acronym)
                    ):
                        add(str(acronym), str(label))
        texts = sorted(
            {str(o) for o in graph.objects() if isinstance(o, Literal) and isinstance(o.value, str)}
        )
        used = {
            _singular(m.group(1))
            for s, text in graph.subject_objects(HS.text)
            if isinstance(s, URIRef)
            for m in _ACRONYM.finditer(str(text))
        }
        for text in texts:
            for match in _LONG_THEN_SHORT.finditer(text):
                long_form = _spelt_by(match.group(2), match.group(1).split())
                if long_form:
                    add(match.group(2), long_form)
            for match in _SHORT_THEN_LONG.finditer(text):
                inside = match.group(2).split()
                if _initials(inside) == _letters(match.group(1)) and len(inside) >= 2:
                    add(
                        match.group(1),
                        match.group(2).title() if match.group(2).isupper() else match.group(2),
                    )
            for run in _capitalised_runs(text):
                initials = _initials(run)
                if len(initials) >= 2 and any(_letters(a) == initials for a in used):
                    for used_acronym in sorted(a for a in used if _letters(a) == initials):
                        add(used_acronym, " ".join(run))
        return cls({a: sorted(f) for a, f in sorted(found.items()) if f})

    def long_forms(self, acronym: str) -> tuple[str, ...]:
        """What ``acronym`` stands for (empty when the graph does not say)."""
        return tuple(self.forms.get(_singular(acronym), ()))

    def related(self, text: str) -> list[str]:
        """The other forms of what ``text`` says: long forms of its acronyms, acronyms of its
        long forms."""
        said = stems(text)
        joined = f" {' '.join(said)} "
        related: list[str] = []
        for match in _ACRONYM.finditer(text):
            for form in self.long_forms(match.group(1)):
                if form not in related:
                    related.append(form)
        for acronym, forms in self.forms.items():
            if any(f" {' '.join(stems(f))} " in joined for f in forms) and acronym not in related:
                related.append(acronym)
        return related
