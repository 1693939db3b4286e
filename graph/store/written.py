"""Literals as the sources wrote them, for a graph held on an Oxigraph store.

Oxigraph keeps each literal in a canonical form of its value: ``"3"^^xsd:positiveInteger``
is stored, and read back, as ``"3"^^xsd:integer``; ``"1.50"^^xsd:decimal`` as ``"1.5"``.
Validation (``sh:datatype``) and exports must see what was written. So, while the source
files are read into the store (once), the few triples whose literal the store holds in another
form are kept on the side, as :class:`WrittenForms`: for each triple as the store holds it, the
literal(s) the sources wrote. Anything else reads back as it was written.

The graph as written is then the store's triples, each literal put back as written
(:meth:`WrittenForms.restore`): a triple added to the graph in memory is in it (as the store
holds it), a triple removed is not. :func:`written_forms` finds the forms of a graph loaded by
:func:`load_sources`; :func:`as_written` gives the graph as written in rdflib's memory.

Examples
--------
>>> import pyoxigraph as ox
>>> XSD = "http://www.w3.org/2001/XMLSchema#"
>>> quad = ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"),
...                ox.Literal("3", datatype=ox.NamedNode(XSD + "positiveInteger")))
>>> database = ox.Store()
>>> forms = load_quads(database, [quad])
>>> [str(q.object) for q in database]
['"3"^^<http://www.w3.org/2001/XMLSchema#integer>']
>>> [str(q.object) for q in forms.restore(database)]
['"3"^^<http://www.w3.org/2001/XMLSchema#positiveInteger>']
>>> len(forms)
1
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from graph.atomic import write_bytes
from graph.rdf.fastparse import is_oxigraph
from graph.rdf.loading import oxigraph_quads
from graph.rdf.namespaces import bind_prefixes
from graph.rdf.oxterms import rdflib_converter

__all__ = [
    "WrittenForms",
    "as_written",
    "fill",
    "load_quads",
    "load_sources",
    "register",
    "written_forms",
    "written_quads",
]

#: Datatypes Oxigraph stores exactly as written: literals of these are never set aside.
_AS_WRITTEN = frozenset(
    {
        "http://www.w3.org/2001/XMLSchema#string",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString",
    }
)

_Key = tuple[Any, Any, Any]


class WrittenForms:
    """For each triple whose literal the store holds in another form, the form(s) written.

    A key is the triple as the store holds it; its value lists every literal the sources wrote
    that the store folds into it (``"3"^^xsd:int`` and ``"3"^^xsd:positiveInteger`` written
    for the same subject and property are one triple in the store, two in the sources).

    The typed quads read are kept as they are and compared with the store's forms only when
    first needed (by validation or an export), so that a load for queries pays nothing more.
    """

    def __init__(
        self, forms: dict[_Key, list[Any]] | None = None, *, typed: Sequence[Any] = ()
    ) -> None:
        self._known: dict[_Key, list[Any]] = forms or {}
        self._typed = list(typed)

    @property
    def forms(self) -> dict[_Key, list[Any]]:
        """The triples as the store holds them, and the literals written for each."""
        if self._typed:
            found = _fold(self._typed)
            self._known = _merge(self._known, found) if self._known else found
            self._typed = []
        return self._known

    def __len__(self) -> int:
        return len(self.forms)

    def merged(self, other: WrittenForms) -> WrittenForms:
        """The forms of both (a key in both lists each written form once)."""
        return WrittenForms(_merge(self._known, other._known), typed=self._typed + other._typed)

    @classmethod
    def of(cls, quads: Iterable[Any]) -> WrittenForms:
        """The forms of ``quads`` (as written) once held by an Oxigraph store."""
        return cls(typed=[q for q in quads if _may_change(q.object)])

    def restore(self, database: Any) -> Iterator[Any]:
        """The quads of ``database``'s default graph, each literal as the sources wrote it."""
        forms = self.forms
        for quad in database.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            obj = quad.object
            written = (
                forms.get((quad.subject, quad.predicate, obj))
                if forms and isinstance(obj, ox.Literal)
                else None
            )
            if written is None:
                yield quad
            else:
                for literal in written:
                    yield ox.Quad(quad.subject, quad.predicate, literal)

    def save(self, path: Path) -> Path:
        """Write the forms as N-Triples (the triples as written), safely; return ``path``."""
        triples = [ox.Triple(k[0], k[1], w) for k, written in self.forms.items() for w in written]
        return write_bytes(path, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")

    @classmethod
    def read(cls, path: Path) -> WrittenForms:
        """The forms :meth:`save` wrote (none if the file is missing)."""
        if not path.exists():
            return cls()
        return cls.of(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))


def _as_held(literals: Iterable[Any]) -> dict[Any, Any]:
    """Each literal and the form an Oxigraph store holds it in."""
    written = list(literals)
    scratch = ox.Store()
    predicate = ox.NamedNode("urn:hubspoke:written")
    scratch.extend(
        ox.Quad(ox.NamedNode(f"urn:hubspoke:literal:{n}"), predicate, literal)
        for n, literal in enumerate(written)
    )
    held = {}
    for quad in scratch:
        held[written[int(quad.subject.value.rsplit(":", 1)[1])]] = quad.object
    return held


def _may_change(term: Any) -> bool:
    """Whether a store may hold ``term`` in another form: a literal of a typed value."""
    return type(term) is ox.Literal and term.datatype.value not in _AS_WRITTEN


def _fold(typed: Sequence[Any]) -> dict[_Key, list[Any]]:
    """For the quads ``typed`` (as written), the triples whose literal a store changes, as the
    store holds them, with the literal(s) written; and any triple one of them folds into."""
    held = _as_held({q.object for q in typed})
    changing = {w for w, h in held.items() if h != w}
    forms: dict[_Key, list[Any]] = {}
    for quad in typed:
        written = quad.object
        if written in changing:
            key = (quad.subject, quad.predicate, held[written])
            known = forms.get(key)
            if known is None:
                forms[key] = [written]
            elif written not in known:
                known.append(written)
    folded_into = {held[w] for w in changing}
    for quad in typed:  # written as the store holds it, beside a form folded into it
        written = quad.object
        if written in folded_into:
            known = forms.get((quad.subject, quad.predicate, written))
            if known is not None and written not in known:
                known.append(written)
    return forms


def _merge(first: dict[_Key, list[Any]], second: dict[_Key, list[Any]]) -> dict[_Key, list[Any]]:
    merged = {key: list(written) for key, written in first.items()}
    for key, written in second.items():
        known = merged.setdefault(key, [])
        known.extend(w for w in written if w not in known)
    return merged


def _typed_on_the_side(quads: Iterable[Any], typed: list[Any]) -> Iterator[Any]:
    """Each quad, unchanged; those whose literal a store may hold otherwise are also kept."""
    for quad in quads:
        if _may_change(quad.object):
            typed.append(quad)
        yield quad


#: Quads read, and added, at a time by :func:`fill`.
_BATCH = 10_000


def fill(database: Any, quads: Iterable[Any], *, bulk: bool = False) -> None:
    """Add ``quads`` to the Oxigraph ``database``.

    The quads are read (parsed, when they come from a file) a batch at a time in a thread of
    their own while this one adds the batch before, each batch in one transaction (``bulk``:
    by Oxigraph's bulk loader, for a database on disk). Besides reading and adding at once,
    this keeps the short-lived Python objects of the reading apart from the store's own
    memory: an in-memory store filled from a stream of parsed quads in one thread answered
    queries a quarter to a third slower at 1M triples, and an export of it took 6-9 s longer
    (measured on this machine, see docs/benchmarks.md).

    >>> store = ox.Store()
    >>> n = ox.NamedNode("urn:x")
    >>> fill(store, (ox.Quad(n, n, ox.Literal(str(i))) for i in range(25_000)))
    >>> len(store)
    25000
    """
    stream = iter(quads)

    def read() -> list[Any]:
        return list(islice(stream, _BATCH))

    add = database.bulk_extend if bulk else database.extend
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="hubspoke-read") as reader:
        coming = reader.submit(read)  # one batch at a time: the stream is never read twice at once
        while batch := coming.result():
            coming = reader.submit(read)
            add(batch)


def load_quads(database: Any, quads: Iterable[Any], *, bulk: bool = False) -> WrittenForms:
    """Load ``quads`` (as written) into ``database`` (see :func:`fill`); return what it holds
    otherwise.

    >>> store = ox.Store()
    >>> n = ox.NamedNode("urn:x")
    >>> integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    >>> forms = load_quads(store, [ox.Quad(n, n, ox.Literal("03", datatype=integer))])
    >>> len(store), len(forms)
    (1, 1)
    """
    typed: list[Any] = []
    fill(database, _typed_on_the_side(quads, typed), bulk=bulk)
    return WrittenForms(typed=typed)


def load_sources(
    database: Any, paths: Sequence[Path], *, bulk: bool = False
) -> tuple[WrittenForms, dict[str, str]]:
    """Read each file of ``paths`` once into ``database`` (``bulk``: see :func:`load_quads`);
    return the written forms and the prefixes the files declare.

    Raises :class:`~graph.errors.DataFileError` naming the file and line of a syntax error.
    """
    prefixes: dict[str, str] = {}

    def quads() -> Iterator[Any]:
        for path in paths:
            yield from oxigraph_quads(Path(path), prefixes=prefixes)

    return load_quads(database, quads(), bulk=bulk), prefixes


#: The written forms of each Oxigraph store (oxrdflib's store object) loaded here.
_REGISTRY: weakref.WeakKeyDictionary[Any, WrittenForms] = weakref.WeakKeyDictionary()


def register(graph: Graph, forms: WrittenForms) -> Graph:
    """Remember ``forms`` as the written forms of ``graph`` (on an Oxigraph store), beside
    any it had (files loaded into the same graph one after another)."""
    known = _REGISTRY.get(graph.store)
    _REGISTRY[graph.store] = forms if known is None else known.merged(forms)
    return graph


def written_forms(graph: Graph) -> WrittenForms:
    """The written forms of ``graph``: what :func:`register` kept, else none."""
    return _REGISTRY.get(graph.store) or WrittenForms()


def written_quads(graph: Graph) -> Iterator[Any]:
    """The quads of ``graph`` (on an Oxigraph store), each literal as the sources wrote it."""
    return written_forms(graph).restore(graph.store._inner)  # type: ignore[attr-defined]


def as_written(graph: Graph) -> Graph:
    """``graph`` in rdflib's memory, literals as written; a graph not on Oxigraph as it is.

    What the graph holds now, changes made in memory included: a triple added is there (in
    the form the store holds it), a triple removed is not.
    """
    if not is_oxigraph(graph):
        return graph
    term = rdflib_converter()
    copy = bind_prefixes(Graph())
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=False)
    copy.addN(
        (term(q.subject), term(q.predicate), term(q.object), copy) for q in written_quads(graph)
    )
    return copy
