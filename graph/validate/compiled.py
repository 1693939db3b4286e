"""SHACL shapes compiled to SPARQL queries, one query a constraint, for a fast SPARQL engine.

pySHACL checks every focus node in Python, which takes about 90 s per million triples. The
shapes hubspoke uses are SHACL Core constraints on simple paths, and each one is a pattern
that a SPARQL engine (Oxigraph) evaluates over all focus nodes at once. This module turns a
shapes graph into :class:`ShapeQuery` objects: the SPARQL text of the query, which returns one
row per failure (``?this``, and ``?value`` where the constraint has a value), and what to say
about a failure (severity, rule, path, message). :mod:`graph.validate.validation` runs them.

The SPARQL is generated from the shapes rather than kept in ``.rq`` files: it is a
translation of the shapes, which are the source of truth, and the shapes are data.

The module is one piece on purpose: one function a constraint kind, each a few lines of SPARQL
that share the path, focus and message helpers, and one dispatch over them; split by
constraint kind, every part would import the same helpers back.

Supported: targets ``sh:targetClass`` (following ``rdfs:subClassOf*`` in the data graph, as
SHACL asks), ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:targetNode``; node and
property shapes with a predicate path or an inverse path; the components ``sh:class``,
``sh:datatype``, ``sh:nodeKind``, ``sh:in``, ``sh:hasValue``, ``sh:pattern`` (with
``sh:flags``), ``sh:minLength``, ``sh:maxLength``, ``sh:minInclusive``, ``sh:maxInclusive``,
``sh:minExclusive``, ``sh:maxExclusive``, ``sh:minCount``, ``sh:maxCount``, ``sh:equals``,
``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals``, ``sh:or``, ``sh:and``, ``sh:not``
(of shapes made of value constraints), SPARQL-based constraints (``sh:sparql`` with
``sh:select``), ``sh:severity``, ``sh:message`` and ``sh:deactivated``. Anything else raises
:class:`~graph.errors.UnsupportedShape`, naming the shape and the term, and validation falls
back to pySHACL.

``sh:datatype`` needs the datatype a literal was written with. Oxigraph keeps integers in
canonical form (``"3"^^xsd:positiveInteger`` reads back as ``"3"^^xsd:integer``), so the
validation store (:mod:`graph.validate.store`) keeps a copy of each such triple in a named
graph named after the datatype it was written with, and the datatype check looks there
first. A value is also checked to be well formed for its datatype (``"-3"`` is not an
``xsd:positiveInteger``, ``"2015-13-01"`` is not an ``xsd:date``) where the SPARQL engine can
cast to that datatype or its range is known.

Examples
--------
>>> from graph.validate.validation import shapes_graph
>>> queries = compile_shapes(shapes_graph("violations"))
>>> statement_text = [q for q in queries if q.rule == "hsh:StatementShape" and q.path == "hs:text"]
>>> sorted(q.component for q in statement_text)
['datatype', 'maxCount', 'minCount', 'minLength']
>>> print(next(q for q in statement_text if q.component == "minCount").text)  # doctest: +ELLIPSIS
SELECT ?this WHERE {
  { SELECT DISTINCT ?this WHERE { { ?this a/<...#subClassOf>* <...#Statement> . } } }
  FILTER NOT EXISTS { ?this <https://w3id.org/hubspoke/ontology#text> ?value }
}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from graph.errors import UnsupportedShape
from graph.rdf.namespaces import curie

__all__ = ["ShapeQuery", "compile_shapes", "WRITTEN_DATATYPES"]

#: Datatypes Oxigraph stores as ``xsd:integer``: literals written with them are also kept in
#: a named graph named after the datatype (see :mod:`graph.validate.store`).
WRITTEN_DATATYPES = frozenset(
    XSD[name]
    for name in (
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)

RDF_SUBCLASS = RDFS.subClassOf

#: The value range of each integer datatype, as (lowest, highest); None where unbounded.
_INTEGER_RANGES: dict[URIRef, tuple[int | None, int | None]] = {
    XSD.integer: (None, None),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.negativeInteger: (None, -1),
    XSD.nonPositiveInteger: (None, 0),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1),
    XSD.byte: (-(2**7), 2**7 - 1),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1),
    XSD.unsignedByte: (0, 2**8 - 1),
}

#: Datatypes whose lexical form the engine checks by casting (the cast fails when ill formed).
_CASTABLE = frozenset(
    XSD[name]
    for name in (
        "boolean",
        "decimal",
        "float",
        "double",
        "date",
        "dateTime",
        "time",
        "gYear",
        "gYearMonth",
        "duration",
        "dayTimeDuration",
        "yearMonthDuration",
    )
)

_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isIRI({v}) || isBlank({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}

_COMPARISONS: dict[Node, str] = {
    SH.minInclusive: ">=",
    SH.maxInclusive: "<=",
    SH.minExclusive: ">",
    SH.maxExclusive: "<",
}

#: Terms of a shape that say nothing to check (described, named or grouped).
_INERT = frozenset(
    {
        RDF.type,
        SH.message,
        SH.severity,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.defaultValue,
        SH.path,
        SH.flags,
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.targetNode,
        SH.deactivated,
        RDFS.label,
        RDFS.comment,
    }
)


@dataclass(frozen=True)
class ShapeQuery:
    """One constraint of one shape as a SPARQL query returning a row per failure.

    ``text`` selects ``?this`` (the focus node) and, unless ``value_variable`` is empty, the
    value that fails under that name. ``rule`` names the shape (the node shape for an anonymous property shape),
    ``path`` the property (CURIE, empty for a node shape), ``component`` the SHACL constraint
    component (``minCount``, ``class``, ``sparql``...).
    """

    rule: str
    component: str
    severity: str
    path: str
    message: str
    text: str
    value_variable: str = "value"


def _iri(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    raise UnsupportedShape(str(node), "an IRI was expected here")


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShape(str(node), "blank nodes cannot be compared in a compiled check")


def _sorted(nodes: Iterable[Any]) -> list[Any]:
    """Nodes (or tuples of nodes) in a stable order, so that the queries come out the same."""
    return sorted(nodes, key=str)


def _count(node: Node) -> int:
    """A non-negative integer parameter (``sh:minCount 1``)."""
    value = node.toPython() if isinstance(node, Literal) else None
    if not isinstance(value, int) or value < 0:
        raise UnsupportedShape(str(node), "a count or length must be a non-negative integer")
    return value


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


class _Compiler:
    """Compiles the shapes of one shapes graph; see :func:`compile_shapes`."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes

    # ---------------------------------------------------------------- reading the shapes

    def _one(self, node: Node, predicate: URIRef) -> Node | None:
        return self.shapes.value(node, predicate)

    def _name(self, shape: Node, parent: Node | None = None) -> str:
        if isinstance(shape, URIRef):
            return curie(shape)
        if parent is not None and isinstance(parent, URIRef):
            return curie(parent)
        return "property shape"

    def _severity(self, shape: Node) -> str:
        severity = self._one(shape, SH.severity)
        if severity in (None, SH.Violation):
            return "violation"
        if severity in (SH.Warning, SH.Info):
            return "warning"
        raise UnsupportedShape(self._name(shape), f"unknown severity {severity}")

    def _message(self, shape: Node, default: str) -> str:
        messages = sorted(str(m) for m in self.shapes.objects(shape, SH.message))
        return "; ".join(messages) or default

    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self.shapes, head))

    def _deactivated(self, shape: Node) -> bool:
        flag = self._one(shape, SH.deactivated)
        return isinstance(flag, Literal) and flag.toPython() is True

    # ---------------------------------------------------------------- focus nodes

    def _focus(self, shape: Node) -> str:
        """A group pattern binding ``?this`` to each focus node of ``shape`` once."""
        parts = [f"?this a/<{RDF_SUBCLASS}>* {_iri(c)} ." for c in self._target_classes(shape)]
        parts += [
            f"?this {_iri(p)} [] ."
            for p in _sorted(self.shapes.objects(shape, SH.targetSubjectsOf))
        ]
        parts += [
            f"[] {_iri(p)} ?this ." for p in _sorted(self.shapes.objects(shape, SH.targetObjectsOf))
        ]
        nodes = _sorted(self.shapes.objects(shape, SH.targetNode))
        if nodes:
            parts.append("VALUES ?this { " + " ".join(_term(n) for n in nodes) + " }")
        union = " UNION ".join("{ " + p + " }" for p in parts)
        return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"

    def _target_classes(self, shape: Node) -> list[Node]:
        """``sh:targetClass``, and the shape itself when it is also a class (implicit target)."""
        classes = _sorted(self.shapes.objects(shape, SH.targetClass))
        implicit = {RDFS.Class, OWL.Class} & set(self.shapes.objects(shape, RDF.type))
        return [shape, *classes] if implicit and isinstance(shape, URIRef) else classes

    def _targets(self, shape: Node) -> bool:
        return bool(self._target_classes(shape)) or any(
            self.shapes.value(shape, p) is not None
            for p in (SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
        )

    def _path(self, path: Node, shape_name: str) -> tuple[str, str]:
        """The SPARQL path and its CURIE for an ``sh:path`` (a predicate or an inverse)."""
        if isinstance(path, URIRef):
            return f"<{path}>", curie(path)
        inverse = self._one(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(list(self.shapes.predicate_objects(path))) == 1:
            return f"^<{inverse}>", f"^{curie(inverse)}"
        raise UnsupportedShape(shape_name, "only predicate and inverse paths are compiled")

    # ---------------------------------------------------------------- value expressions

    def _datatype_test(
        self, datatype: URIRef, value: str, written: str, accepted: list[str] | None = None
    ) -> str:
        """True when ``value`` was written with ``datatype`` and is well formed for it.

        ``written`` is the expression giving the datatype as written; ``accepted`` the
        datatypes it may show (``datatype`` itself unless given).
        """
        shown = accepted or [f"<{datatype}>"]
        checks = [f"isLiteral({value})", f"{written} IN ({', '.join(shown)})"]
        if datatype in _INTEGER_RANGES:
            low, high = _INTEGER_RANGES[datatype]
            number = f"<{XSD.integer}>(STR({value}))"
            bounds = [
                f"{number} >= {low}" if low is not None else "",
                f"{number} <= {high}" if high is not None else "",
            ]
            well_formed = " && ".join(b for b in bounds if b) or f"{number} = {number}"
            checks.append(f"COALESCE({well_formed}, false)")
        elif datatype in _CASTABLE:
            checks.append(f"COALESCE(DATATYPE(<{datatype}>(STR({value}))) = <{datatype}>, false)")
        return "(" + " && ".join(checks) + ")"

    def _value_test(
        self,
        shape: Node,
        value: str,
        written: str,
        name: str,
        handled: frozenset[Node] = frozenset(),
    ) -> str | None:
        """A SPARQL expression true when ``value`` meets every value constraint of ``shape``.

        ``handled`` are the terms the caller checks in queries of their own; any other term
        that is not a value constraint raises :class:`~graph.errors.UnsupportedShape`.
        """
        tests = []
        for predicate, parameter in _sorted(self.shapes.predicate_objects(shape)):
            test = self._component_test(shape, predicate, parameter, value, written, name, handled)
            if test is not None:
                tests.append(test)
        return " && ".join(tests) if tests else None

    def _component_test(
        self,
        shape: Node,
        predicate: Node,
        parameter: Node,
        value: str,
        written: str,
        name: str,
        handled: frozenset[Node] = frozenset(),
    ) -> str | None:
        if predicate == SH["class"]:
            return f"EXISTS {{ {value} a/<{RDF_SUBCLASS}>* {_iri(parameter)} }}"
        if predicate == SH.datatype:
            if not isinstance(parameter, URIRef):
                raise UnsupportedShape(name, "sh:datatype needs an IRI")
            return self._datatype_test(parameter, value, written)
        if predicate == SH.nodeKind:
            if parameter not in _NODE_KINDS:
                raise UnsupportedShape(name, f"unknown node kind {parameter}")
            return _NODE_KINDS[parameter].format(v=value)
        if predicate == SH["in"]:
            members = [f"sameTerm({value}, {_term(m)})" for m in self._list(parameter)]
            return "(" + (" || ".join(members) or "false") + ")"
        if predicate == SH.pattern:
            flags = self._one(shape, SH.flags)
            arguments = f"STR({value}), {_string(str(parameter))}"
            if flags is not None:
                arguments += f", {_string(str(flags))}"
            return f"(!isBlank({value}) && REGEX({arguments}))"
        if predicate in (SH.minLength, SH.maxLength):
            operator = ">=" if predicate == SH.minLength else "<="
            return f"(!isBlank({value}) && STRLEN(STR({value})) {operator} {_count(parameter)})"
        if predicate in _COMPARISONS:
            return f"COALESCE({value} {_COMPARISONS[predicate]} {_term(parameter)}, false)"
        if predicate in (SH["or"], SH["and"]):
            parts = [
                self._value_test(s, value, written, name) or "true" for s in self._list(parameter)
            ]
            joiner = " || " if predicate == SH["or"] else " && "
            return "(" + joiner.join(f"({p})" for p in parts) + ")"
        if predicate == SH["not"]:
            return f"!({self._value_test(parameter, value, written, name) or 'true'})"
        if predicate in _INERT or predicate in handled:
            return None
        raise UnsupportedShape(
            name,
            f"the constraint {curie(predicate) if isinstance(predicate, URIRef) else predicate} is not compiled",
        )

    # ---------------------------------------------------------------- queries

    def _query(self, select: str, body: list[str], tail: str = "") -> str:
        return f"SELECT {select} WHERE {{\n  " + "\n  ".join(body) + f"\n}}{tail}"

    def _property_queries(self, node_shape: Node, shape: Node) -> Iterator[ShapeQuery]:
        name = self._name(shape, node_shape)
        path_node = self._one(shape, SH.path)
        if path_node is None:
            raise UnsupportedShape(name, "a property shape without sh:path")
        path, path_name = self._path(path_node, name)
        focus = self._focus(node_shape)
        severity = self._severity(shape)

        def make(component: str, default: str, text: str, has_value: bool = True) -> ShapeQuery:
            return ShapeQuery(
                name,
                component,
                severity,
                path_name,
                self._message(shape, default),
                text,
                "value" if has_value else "",
            )

        minimum = self._one(shape, SH.minCount)
        if minimum is not None and _count(minimum) == 1:  # the common case, without counting
            yield make(
                "minCount",
                f"no value of {path_name}",
                self._query("?this", [focus, f"FILTER NOT EXISTS {{ ?this {path} ?value }}"]),
                False,
            )
        elif minimum is not None and _count(minimum) > 1:
            yield make(
                "minCount",
                f"fewer than {_count(minimum)} value(s) of {path_name}",
                self._query(
                    "?this",
                    [focus, f"OPTIONAL {{ ?this {path} ?value }}"],
                    f"\nGROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {_count(minimum)})",
                ),
                False,
            )
        maximum = self._one(shape, SH.maxCount)
        if maximum is not None:  # counted before the join with the focus nodes: faster
            counted = (
                f"{{ SELECT ?this WHERE {{ ?this {path} ?value }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?value) > {_count(maximum)}) }}"
            )
            yield make(
                "maxCount",
                f"more than {_count(maximum)} value(s) of {path_name}",
                self._query("?this", [focus, counted]),
                False,
            )
        for predicate, operator in (
            (SH.equals, None),
            (SH.disjoint, None),
            (SH.lessThan, "<"),
            (SH.lessThanOrEquals, "<="),
        ):
            for other in _sorted(self.shapes.objects(shape, predicate)):
                yield make(
                    str(predicate).rsplit("#", 1)[1],
                    f"{path_name} fails {curie(predicate)} {curie(other)}",
                    self._pair_query(focus, path, _iri(other), predicate, operator),
                )
        for predicate, parameter in _sorted(self.shapes.predicate_objects(shape)):
            if predicate == SH.hasValue:
                yield make(
                    "hasValue",
                    f"{path_name} lacks the value {parameter}",
                    self._query(
                        "?this", [focus, f"FILTER NOT EXISTS {{ ?this {path} {_term(parameter)} }}"]
                    ),
                    False,
                )
                continue
            if predicate == SH.datatype and isinstance(parameter, URIRef):
                yield make(
                    "datatype",
                    f"a value of {path_name} is not an {curie(parameter)}",
                    self._datatype_query(focus, path, parameter),
                )
                continue
            written = "?written_datatype"
            test = self._component_test(
                shape, predicate, parameter, "?value", written, name, _SET_COMPONENTS
            )
            if test is None:
                continue
            body = [focus, f"?this {path} ?value ."]
            if written in test:
                body += [
                    f"OPTIONAL {{ GRAPH ?graph {{ ?this {path} ?value }} }}",
                    f"BIND(COALESCE(?graph, DATATYPE(?value)) AS {written})",
                ]
            body.append(f"FILTER(!({test}))")
            component = str(predicate).rsplit("#", 1)[1]
            yield make(
                component,
                f"a value of {path_name} fails sh:{component}",
                self._query("DISTINCT ?this ?value", body),
            )

    def _datatype_query(self, focus: str, path: str, datatype: URIRef) -> str:
        """Values not written as ``datatype`` or ill formed for it, in three cheap branches.

        Oxigraph's own datatype is exact but for integers, which it shows as ``xsd:integer``:
        those are checked against the graph of the datatype they were written with, and any
        value found in another datatype's graph (or rdflib's ill-typed graph) fails.
        """
        integer_family = datatype in _INTEGER_RANGES
        shown = [f"<{datatype}>"] + ([f"<{XSD.integer}>"] if integer_family else [])
        wrong_kind = f"?this {path} ?value FILTER(!({self._datatype_test(datatype, '?value', 'DATATYPE(?value)', shown)}))"
        branches = [wrong_kind]
        if datatype in WRITTEN_DATATYPES:
            branches.append(
                f"?this {path} ?value FILTER(DATATYPE(?value) = <{XSD.integer}>) "
                f"FILTER NOT EXISTS {{ GRAPH <{datatype}> {{ ?this {path} ?value }} }}"
            )
        branches.append(
            f"GRAPH ?written {{ ?this {path} ?value }} FILTER(?written != <{datatype}>)"
        )
        union = " UNION ".join("{ " + b + " }" for b in branches)
        return self._query("DISTINCT ?this ?value", [focus, union])

    def _pair_query(
        self, focus: str, path: str, other: str, predicate: Node, operator: str | None
    ) -> str:
        if predicate == SH.equals:
            body = [
                focus,
                "{ ?this "
                + path
                + " ?value FILTER NOT EXISTS { ?this "
                + other
                + " ?value } } UNION { ?this "
                + other
                + " ?value FILTER NOT EXISTS { ?this "
                + path
                + " ?value } }",
            ]
        elif predicate == SH.disjoint:
            body = [focus, f"?this {path} ?value .", f"?this {other} ?value ."]
        else:
            body = [
                focus,
                f"?this {path} ?value .",
                f"?this {other} ?other .",
                f"FILTER(!COALESCE(?value {operator} ?other, false))",
            ]
        return self._query("DISTINCT ?this ?value", body)

    def _node_queries(self, shape: Node) -> Iterator[ShapeQuery]:
        name = self._name(shape)
        focus = self._focus(shape)
        severity = self._severity(shape)
        test = self._value_test(shape, "?this", "DATATYPE(?this)", name, _NODE_SHAPE_PARTS)
        if test is not None:
            yield ShapeQuery(
                name,
                "node",
                severity,
                "",
                self._message(shape, "does not conform"),
                self._query("?this", [focus, f"FILTER(!({test}))"]),
                "this",
            )
        for constraint in _sorted(self.shapes.objects(shape, SH.sparql)):
            if not self._deactivated(constraint):
                yield self._sparql_query(shape, constraint, focus, name)

    def _sparql_query(self, shape: Node, constraint: Node, focus: str, name: str) -> ShapeQuery:
        select = self._one(constraint, SH.select)
        if select is None:
            raise UnsupportedShape(name, "a SPARQL constraint without sh:select")
        prefixes = []
        for declaring in self.shapes.objects(constraint, SH.prefixes):
            for declaration in self.shapes.objects(declaring, SH.declare):
                prefix = self._one(declaration, SH.prefix)
                namespace = self._one(declaration, SH.namespace)
                prefixes.append(f"PREFIX {prefix}: <{namespace}>")
        # SHACL reports the solution's ?value, or the focus node when the query has none
        text = (
            "\n".join(sorted(set(prefixes)))
            + "\n"
            + self._query(
                "DISTINCT ?this (COALESCE(?value, ?this) AS ?reported)",
                [focus, "{ " + str(select) + " }"],
            )
        )
        message = self._message(constraint, "") or self._message(shape, "does not conform")
        return ShapeQuery(name, "sparql", self._severity(shape), "", message, text, "reported")

    def compile(self) -> list[ShapeQuery]:
        queries: list[ShapeQuery] = []
        for shape in _sorted(set(self.shapes.subjects(RDF.type, SH.NodeShape))):
            if self._deactivated(shape) or not self._targets(shape):
                continue
            queries.extend(self._node_queries(shape))
            for property_shape in _sorted(self.shapes.objects(shape, SH.property)):
                if not self._deactivated(property_shape):
                    queries.extend(self._property_queries(shape, property_shape))
        return queries


#: Components of a property shape checked as whole-set queries in
#: :meth:`_Compiler._property_queries`.
_SET_COMPONENTS: frozenset[Node] = frozenset(
    {
        SH.minCount,
        SH.maxCount,
        SH.equals,
        SH.disjoint,
        SH.lessThan,
        SH.lessThanOrEquals,
        SH.hasValue,
    }
)

#: Terms of a node shape compiled into queries of their own (property shapes, SPARQL).
_NODE_SHAPE_PARTS: frozenset[Node] = frozenset({SH.property, SH.sparql})


def compile_shapes(shapes: Graph) -> list[ShapeQuery]:
    """Every constraint of every active, targeted shape in ``shapes`` as a :class:`ShapeQuery`.

    Raises :class:`~graph.errors.UnsupportedShape` when a shape uses something this compiler
    does not translate; the caller then validates with pySHACL.
    """
    return _Compiler(shapes).compile()
