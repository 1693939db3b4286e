"""Write the graph as Turtle, sorted N-Triples and JSON-LD, byte for byte the same each time.

Determinism comes from three choices:

- blank nodes get labels derived from their content (:func:`canonical_graph`, using
  :func:`rdflib.compare.to_canonical_graph`), so the same graph labels them the same way;
- triples are added to the graph being written in sorted order, and the N-Triples lines are
  sorted;
- JSON-LD is written here, not by rdflib's serialiser (which walks a Python ``set``): one
  flat node object per subject, sorted by ``@id``, properties and values sorted, the context
  embedded (never a remote one).

The graph is loaded as one default graph, so no TriG (named graphs per source) is written.

Examples
--------
>>> import json
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDFS
>>> g = Graph()
>>> _ = g.add((URIRef("https://w3id.org/hubspoke/id/topic/supervision"), RDFS.label, Literal("supervision", lang="en")))
>>> doc = json.loads(jsonld_text(canonical_graph(g)))
>>> doc["@graph"]
[{'@id': 'topic:supervision', 'rdfs:label': [{'@value': 'supervision', '@language': 'en'}]}]
>>> ntriples_text(g)
'<https://w3id.org/hubspoke/id/topic/supervision> <http://www.w3.org/2000/01/rdf-schema#label> "supervision"@en .\\n'
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from functools import cache, partial
from pathlib import Path
from typing import IO, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from graph.atomic import write_with
from graph.rdf.namespaces import PREFIXES, bind_prefixes, curie

__all__ = [
    "RDF_FILES",
    "canonical_graph",
    "jsonld_text",
    "ntriples_text",
    "turtle_text",
    "write_jsonld",
    "write_ntriples",
    "write_rdf",
    "write_turtle",
]

#: The RDF files of a snapshot and the rdflib format each is read with.
RDF_FILES: dict[str, str] = {
    "graph.ttl": "turtle",
    "graph.nt": "nt",
    "graph.jsonld": "json-ld",
}


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


def write_turtle(graph: Graph, handle: IO[bytes]) -> None:
    """Write ``graph`` as Turtle to a binary ``handle`` (rdflib's serialiser writes as it goes)."""
    graph.serialize(destination=handle, format="turtle", encoding="utf-8")


def turtle_text(graph: Graph) -> str:
    """``graph`` as Turtle (pass a :func:`canonical_graph` for a stable result)."""
    return _as_text(write_turtle, graph)


def _ntriples_lines(graph: Graph) -> list[str]:
    from rdflib.plugins.serializers.nt import _nt_row

    return sorted({_nt_row(triple) for triple in graph})


def write_ntriples(graph: Graph, handle: IO[bytes]) -> None:
    """Write ``graph`` as N-Triples to a binary ``handle``: one triple a line, lines sorted."""
    for line in _ntriples_lines(graph):
        handle.write(line.encode("utf-8"))


def ntriples_text(graph: Graph) -> str:
    """``graph`` as N-Triples, one triple a line, lines sorted."""
    return "".join(_ntriples_lines(graph))


def _as_text(writer: Callable[[Graph, IO[bytes]], None], graph: Graph) -> str:
    buffer = io.BytesIO()
    writer(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def _compact(term: Node) -> str:
    if isinstance(term, BNode):
        return f"_:{term}"
    return curie(str(term))


def _value(term: Node, compact: Any) -> dict[str, str]:
    if isinstance(term, Literal):
        value = {"@value": str(term)}
        if term.language:
            value["@language"] = term.language
        elif term.datatype is not None:
            value["@type"] = compact(term.datatype)
        return value
    return {"@id": compact(term)}


def _json_key(value: dict[str, str]) -> str:
    return json.dumps(value, sort_keys=True)


def _jsonld_nodes(graph: Graph) -> Iterator[dict[str, Any]]:
    """One flat JSON-LD node object per subject, sorted by ``@id``, values sorted."""
    compact = cache(_compact)  # the same IRIs (properties, classes) come again and again
    nodes: dict[Node, dict[str, Any]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(s, {"@id": compact(s)})
        if p == RDF.type and isinstance(o, (URIRef, BNode)):
            node.setdefault("@type", []).append(compact(o))
        else:
            node.setdefault(compact(p), []).append(_value(o, compact))
    for subject in sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n))):
        node = nodes.pop(subject)
        tidy: dict[str, Any] = {"@id": node.pop("@id")}
        if "@type" in node:
            tidy["@type"] = sorted(node.pop("@type"))
        for key in sorted(node):
            values = node[key]
            tidy[key] = sorted(values, key=_json_key) if len(values) > 1 else values
        yield tidy


def write_jsonld(graph: Graph, handle: IO[bytes]) -> None:
    """Write ``graph`` as flattened JSON-LD to a binary ``handle``, one node object at a time.

    The bytes are those of ``json.dumps(document, indent=1)`` for the whole document, with the
    hubspoke prefixes as its embedded context.
    """
    context = json.dumps({"@context": dict(sorted(PREFIXES.items()))}, indent=1, ensure_ascii=False)
    handle.write(context[:-2].encode("utf-8"))  # without the closing "\n}"
    handle.write(b',\n "@graph": [')
    first = True
    for node in _jsonld_nodes(graph):
        text = json.dumps(node, indent=1, ensure_ascii=False).replace("\n", "\n  ")
        handle.write((("\n  " if first else ",\n  ") + text).encode("utf-8"))
        first = False
    handle.write(b"]\n}\n" if first else b"\n ]\n}\n")


def jsonld_text(graph: Graph) -> str:
    """``graph`` as flattened JSON-LD with the hubspoke prefixes as its embedded context."""
    return _as_text(write_jsonld, graph)


def write_rdf(graph: Graph, folder: Path, *, canonical: bool = False) -> list[Path]:
    """Write ``graph`` (made canonical here) as every file of :data:`RDF_FILES` into ``folder``.

    ``canonical=True`` says ``graph`` comes from :func:`canonical_graph` already, so it is
    written as it is (making it canonical again would give the same graph, slowly).
    Returns the paths written.
    """
    canonical_form = graph if canonical else canonical_graph(graph)
    writers = {"graph.ttl": write_turtle, "graph.nt": write_ntriples, "graph.jsonld": write_jsonld}
    return [
        write_with(Path(folder) / name, partial(writers[name], canonical_form))
        for name in RDF_FILES
    ]
