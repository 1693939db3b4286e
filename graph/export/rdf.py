"""Write the graph as Turtle, sorted N-Triples and JSON-LD, byte for byte the same each time.

The writers take the export's triples as Oxigraph triples, canonical
(:func:`graph.export.triples.canonical_triples`): blank nodes labelled from their content
(with :func:`rdflib.compare.to_canonical_graph`), sorted by their N-Triples text.

- Turtle and N-Triples are written by Oxigraph's serialisers, in the order of the triples:
  the N-Triples lines come out sorted, and Turtle groups each subject's properties.
- JSON-LD is written here, streamed: one flat node object per subject, in the order of the
  triples (IRIs, then blank nodes), properties and values sorted, the context embedded (never
  a remote one).

:func:`canonical_graph` is the same canonical form for an rdflib graph (used to compare
graphs). The graph is loaded as one default graph, so no TriG (named graphs per source) is
written.

Examples
--------
>>> import json
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/hubspoke/id/topic/supervision"), RDFS.label, Literal("supervision", lang="en")))
>>> doc = json.loads(jsonld_text(export_triples(g)))
>>> doc["@graph"]
[{'@id': 'topic:supervision', 'rdfs:label': [{'@value': 'supervision', '@language': 'en'}]}]
>>> ntriples_text(export_triples(g))
'<https://w3id.org/hubspoke/id/topic/supervision> <http://www.w3.org/2000/01/rdf-schema#label> "supervision"@en .\\n'
>>> print(turtle_text(export_triples(g)).splitlines()[-1])
topic:supervision rdfs:label "supervision"@en .
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cache, partial
from itertools import groupby
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from graph.atomic import write_with
from graph.export.triples import canonical_triples, ox_triples
from graph.rdf.namespaces import PREFIXES, bind_prefixes, curie

__all__ = [
    "NTRIPLES",
    "RDF_FILES",
    "canonical_graph",
    "export_triples",
    "jsonld_text",
    "ntriples_text",
    "turtle_text",
    "write_jsonld",
    "write_ntriples",
    "write_rdf",
    "write_rdf_from_ntriples",
    "write_turtle",
]

#: The RDF files of a snapshot and the rdflib format each is read with.
RDF_FILES: dict[str, str] = {
    "graph.ttl": "turtle",
    "graph.nt": "nt",
    "graph.jsonld": "json-ld",
}


#: The N-Triples file: the others can be written from it.
NTRIPLES = "graph.nt"
_NT = ox.RdfFormat.N_TRIPLES

_XSD_STRING = str(XSD.string)
_PREFIXES = {prefix: str(namespace) for prefix, namespace in sorted(PREFIXES.items())}


def _sort_key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str]:
    s, p, o = triple
    return (s.n3(), p.n3(), o.n3())


def canonical_graph(graph: Graph) -> Graph:
    """A copy of ``graph`` with content-derived blank-node labels, triples added in order.

    The labels are :func:`rdflib.compare.to_canonical_graph`'s, computed from the triples
    that hold a blank node (the only ones its algorithm reads), so the rest of the graph is
    not copied through it.
    """
    from rdflib.compare import to_canonical_graph

    blank = Graph()
    triples: list[tuple[Node, Node, Node]] = []
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            blank.add(triple)
        else:
            triples.append(triple)
    if len(blank):
        triples.extend(to_canonical_graph(blank))
    result = bind_prefixes(Graph())
    for triple in sorted(triples, key=_sort_key):
        result.add(triple)
    return result


def export_triples(graph: Graph) -> list[ox.Triple]:
    """The triples of an rdflib ``graph`` as an export writes them (see :mod:`graph.export.triples`)."""
    return canonical_triples(ox_triples(graph))


def write_turtle(triples: Iterable[ox.Triple], handle: IO[bytes]) -> None:
    """Write canonical ``triples`` as Turtle to a binary ``handle`` (Oxigraph's writer).

    Subjects come in the order of the triples, each with its properties grouped.
    """
    ox.serialize(triples, handle, ox.RdfFormat.TURTLE, prefixes=_PREFIXES)


def turtle_text(triples: Sequence[ox.Triple]) -> str:
    """Canonical ``triples`` as Turtle."""
    return _as_text(write_turtle, triples)


def write_ntriples(triples: Iterable[ox.Triple], handle: IO[bytes]) -> None:
    """Write canonical ``triples`` as N-Triples to a binary ``handle``: one a line, sorted.

    The lines are sorted because canonical triples are sorted by their N-Triples text.
    """
    ox.serialize(triples, handle, ox.RdfFormat.N_TRIPLES)


def ntriples_text(triples: Sequence[ox.Triple]) -> str:
    """Canonical ``triples`` as N-Triples, one triple a line, lines sorted."""
    return _as_text(write_ntriples, triples)


def _as_text(writer: Callable[[Sequence[ox.Triple], IO[bytes]], None], triples: Any) -> str:
    buffer = io.BytesIO()
    writer(triples, buffer)
    return buffer.getvalue().decode("utf-8")


def _compact(term: Any) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return curie(term.value)


def _value(term: Any, compact: Callable[[Any], str]) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        value = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value != _XSD_STRING:
            value["@type"] = compact(term.datatype)
        return value
    return {"@id": compact(term)}


def _json_key(value: dict[str, str]) -> str:
    return json.dumps(value, sort_keys=True)


def _jsonld_nodes(triples: Iterable[ox.Triple]) -> Iterator[dict[str, Any]]:
    """One flat JSON-LD node object per subject, in the order of the triples, values sorted."""
    compact = cache(_compact)  # the same IRIs (properties, classes) come again and again
    rdf_type = ox.NamedNode(str(RDF.type))
    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict[str, Any] = {}
        types: list[str] = []
        for t in group:
            if t.predicate == rdf_type and not isinstance(t.object, ox.Literal):
                types.append(compact(t.object))
            else:
                node.setdefault(compact(t.predicate), []).append(_value(t.object, compact))
        tidy: dict[str, Any] = {"@id": compact(subject)}
        if types:
            tidy["@type"] = sorted(types)
        for key in sorted(node):
            values = node[key]
            tidy[key] = sorted(values, key=_json_key) if len(values) > 1 else values
        yield tidy


def write_jsonld(triples: Iterable[ox.Triple], handle: IO[bytes]) -> None:
    """Write canonical ``triples`` as flattened JSON-LD to a binary ``handle``, one node object
    at a time (subjects in the order of the triples: IRIs, then blank nodes).

    The hubspoke prefixes are the embedded context (indented, one a line) and each node object
    is one line of ``@graph``, so that two snapshots compare line by line (and Python's
    compiled JSON encoder writes it: ``indent`` would send every node through the pure-Python
    one).
    """
    context = json.dumps({"@context": dict(sorted(PREFIXES.items()))}, indent=1, ensure_ascii=False)
    handle.write(context[:-2].encode("utf-8"))  # without the closing "\n}"
    handle.write(b',\n "@graph": [')
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    first = True
    for node in _jsonld_nodes(triples):
        handle.write((("\n  " if first else ",\n  ") + encode(node)).encode("utf-8"))
        first = False
    handle.write(b"]\n}\n" if first else b"\n ]\n}\n")


def jsonld_text(triples: Sequence[ox.Triple]) -> str:
    """Canonical ``triples`` as flattened JSON-LD with the hubspoke prefixes as its context."""
    return _as_text(write_jsonld, triples)


#: The writer of each file of :data:`RDF_FILES`.
_WRITERS: dict[str, Callable[[Iterable[ox.Triple], IO[bytes]], None]] = {
    "graph.ttl": write_turtle,
    "graph.nt": write_ntriples,
    "graph.jsonld": write_jsonld,
}


def write_rdf(
    graph: Graph | Sequence[ox.Triple],
    folder: Path,
    *,
    canonical: bool = False,
    names: Collection[str] = tuple(RDF_FILES),
) -> list[Path]:
    """Write ``graph`` (an rdflib graph, or Oxigraph triples) as each file of :data:`RDF_FILES`
    (or of ``names`` among them) into ``folder``, made canonical here.

    ``canonical=True`` says ``graph`` is a list from
    :func:`~graph.export.triples.canonical_triples` already, written as it is.
    Returns the paths written, in the order of :data:`RDF_FILES`.
    """
    if isinstance(graph, Graph):
        triples = export_triples(graph)
    else:
        triples = list(graph) if canonical else canonical_triples(graph)
    chosen = [name for name in RDF_FILES if name in names]
    return [write_with(Path(folder) / name, partial(_WRITERS[name], triples)) for name in chosen]


def write_rdf_from_ntriples(folder: Path, names: Collection[str]) -> list[Path]:
    """Write ``names`` (of :data:`RDF_FILES`) into ``folder`` from the ``graph.nt`` written
    there (:func:`write_rdf`), read once for each: the same bytes as from the triples, and
    no list of them held (an export drops its triples as soon as ``graph.nt`` is written).

    >>> import tempfile
    >>> from rdflib import Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("b")))
    >>> one, two = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = write_rdf(g, one)
    >>> _ = write_rdf(g, two, names=["graph.nt"])
    >>> [p.name for p in write_rdf_from_ntriples(two, ["graph.jsonld", "graph.ttl"])]
    ['graph.ttl', 'graph.jsonld']
    >>> all((one / n).read_bytes() == (two / n).read_bytes() for n in RDF_FILES)
    True
    """
    folder = Path(folder)
    written = []
    for name in (name for name in RDF_FILES if name in names and name != NTRIPLES):
        triples = (quad.triple for quad in ox.parse(path=folder / NTRIPLES, format=_NT))
        written.append(write_with(folder / name, partial(_WRITERS[name], triples)))
    return written
