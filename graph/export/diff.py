"""What changed between two snapshots, or a snapshot and the current graph, in plain words.

Triples added and removed are grouped by the entity they describe and told with labels:

    Discussion point 'Regular supervision ...' [le2015:line-103]
      concerns topic added: supervision

A property that lost one value and gained another reads as a change
(``label changed: 'old' -> 'new'``). Blank nodes are compared by their content.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> from graph.rdf.namespaces import HS, HSD
>>> old = Graph()
>>> point, topic = HSD["learning-exchange-2015-12-01/line-103"], HSD["topic/supervision"]
>>> _ = old.add((point, RDF.type, HS.DiscussionPoint))
>>> _ = old.add((point, RDFS.label, Literal("Regular supervision ...")))
>>> _ = old.add((HS.DiscussionPoint, RDFS.label, Literal("discussion point", lang="en")))
>>> _ = old.add((HS.concernsTopic, RDFS.label, Literal("concerns topic", lang="en")))
>>> _ = old.add((topic, RDFS.label, Literal("supervision", lang="en")))
>>> new = Graph() + old
>>> _ = new.add((point, HS.concernsTopic, topic))
>>> print(diff_graphs(old, new, old_name="before", new_name="after").text())
Changes from before to after: 1 entity changed, 0 added, 0 removed (1 triple added, 0 removed)
<BLANKLINE>
Discussion point 'Regular supervision ...' [le2015:line-103]
  concerns topic added: supervision
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.errors import DataFileError, SnapshotError
from graph.export.manifest import MANIFEST, read_manifest
from graph.export.rdf import RDF_FILES, canonical_graph
from graph.export.snapshot import SNAPSHOTS_DIR
from graph.privacy import redact
from graph.rdf.loading import load_graph
from graph.rdf.namespaces import HS, bind_prefixes, curie

__all__ = [
    "FORMATS",
    "Change",
    "EntityDiff",
    "GraphDiff",
    "Side",
    "diff",
    "diff_graphs",
    "open_side",
]

#: Output formats of :meth:`GraphDiff.render`.
FORMATS = ("text", "markdown", "json")

_MAX_VALUE = 80
_LABELS = (SKOS.prefLabel, RDFS.label, FOAF.name)


@dataclass(frozen=True)
class Change:
    """One change to one property of an entity."""

    property: str
    property_label: str
    kind: str  # "added", "removed" or "changed"
    old: str | None = None
    new: str | None = None

    def text(self) -> str:
        """The change in words: ``concerns topic added: supervision``."""
        if self.kind == "changed":
            return f"{self.property_label} changed: {self.old} -> {self.new}"
        value = self.new if self.kind == "added" else self.old
        return f"{self.property_label} {self.kind}: {value}"


@dataclass
class EntityDiff:
    """The changes to one entity; ``status`` is ``added``, ``removed`` or ``changed``."""

    iri: str
    label: str
    class_label: str
    status: str
    changes: list[Change] = field(default_factory=list)

    @property
    def curie(self) -> str:
        """The entity's CURIE (or blank-node label)."""
        return self.iri if self.iri.startswith("_:") else curie(self.iri)

    @property
    def heading(self) -> str:
        """``Discussion point 'Regular supervision ...'``."""
        kind = self.class_label[:1].upper() + self.class_label[1:] if self.class_label else "Entity"
        return f"{kind} '{self.label}'"


@dataclass
class GraphDiff:
    """Every change between two graphs, grouped by entity."""

    old_name: str
    new_name: str
    entities: list[EntityDiff]
    triples_added: int
    triples_removed: int
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """``1 entity changed, 0 added, 0 removed (1 triple added, 0 removed)``."""
        count = {
            s: sum(e.status == s for e in self.entities) for s in ("changed", "added", "removed")
        }
        changed = f"{count['changed']} {'entity' if count['changed'] == 1 else 'entities'} changed"
        triples = "triple" if self.triples_added == 1 else "triples"
        return (
            f"{changed}, {count['added']} added, {count['removed']} removed "
            f"({self.triples_added} {triples} added, {self.triples_removed} removed)"
        )

    def text(self) -> str:
        """Plain text, one block per entity."""
        lines = [f"Changes from {self.old_name} to {self.new_name}: {self.summary()}"]
        lines += [f"note: {note}" for note in self.notes]
        for entity in self.entities:
            status = "" if entity.status == "changed" else f" ({entity.status})"
            lines += ["", f"{entity.heading} [{entity.curie}]{status}"]
            lines += [f"  {change.text()}" for change in entity.changes]
        return "\n".join(lines)

    def markdown(self) -> str:
        """Markdown: a heading, the summary, then a nested list per entity."""
        lines = [f"# Changes from `{self.old_name}` to `{self.new_name}`", "", self.summary(), ""]
        lines += [f"> note: {_md(note)}" for note in self.notes]
        if self.notes:
            lines.append("")
        for entity in self.entities:
            status = "" if entity.status == "changed" else f" ({entity.status})"
            lines.append(f"- **{_md(entity.heading)}** `{entity.curie}`{status}")
            lines += [f"  - {_md(change.text())}" for change in entity.changes]
        return "\n".join(lines).rstrip() + "\n"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "from": self.old_name,
            "to": self.new_name,
            "summary": {
                "entities_changed": sum(e.status == "changed" for e in self.entities),
                "entities_added": sum(e.status == "added" for e in self.entities),
                "entities_removed": sum(e.status == "removed" for e in self.entities),
                "triples_added": self.triples_added,
                "triples_removed": self.triples_removed,
            },
            "notes": self.notes,
            "entities": [
                {
                    "iri": e.iri,
                    "curie": e.curie,
                    "label": e.label,
                    "class": e.class_label,
                    "status": e.status,
                    "changes": [
                        {
                            "property": c.property,
                            "property_label": c.property_label,
                            "change": c.kind,
                            "old": c.old,
                            "new": c.new,
                            "text": c.text(),
                        }
                        for c in e.changes
                    ],
                }
                for e in self.entities
            ],
        }

    def render(self, format: str = "text") -> str:
        """The diff as ``text``, ``markdown`` or ``json``."""
        if format == "json":
            return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)
        if format == "markdown":
            return self.markdown()
        if format == "text":
            return self.text()
        raise SnapshotError(f"unknown diff format {format!r} - use one of: {', '.join(FORMATS)}")


def _md(text: str) -> str:
    for ch in "\\`*_[]<>":
        text = text.replace(ch, f"\\{ch}")
    return text


def _specificity(graph: Graph, cls: URIRef) -> tuple[bool, int, str]:
    """Rank classes: hubspoke ones first, then by number of ancestors (most specific wins)."""
    ancestors = set(graph.transitive_objects(cls, RDFS.subClassOf))
    return (str(cls).startswith(str(HS)), len(ancestors), str(cls))


class _Labeller:
    """Labels and classes looked up in the new graph first, then the old one."""

    def __init__(self, *graphs: Graph) -> None:
        self.graphs = graphs

    def label(self, node: Node) -> str:
        for graph in self.graphs:
            for prop in _LABELS:
                value = graph.value(node, prop)
                if value is not None:
                    return str(value)
        return f"_:{node}" if isinstance(node, BNode) else curie(str(node))

    def property_label(self, prop: Node) -> str:
        """The property's label; for unlabelled ones (``rdfs:label``) its local name in words."""
        label = self.label(prop)
        if not isinstance(prop, URIRef) or label != curie(prop):
            return label
        local = re.split(r"[#/:]", str(prop))[-1]
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower() or label

    def class_label(self, node: Node) -> str:
        for graph in self.graphs:
            classes = [c for c in graph.objects(node, RDF.type) if isinstance(c, URIRef)]
            if classes:
                # the most specific class has the most ancestors; prefer hubspoke classes
                return self.label(max(classes, key=partial(_specificity, graph)))
        return ""

    def value(self, node: Node) -> str:
        if isinstance(node, Literal):
            text = str(node)
            if (
                node.datatype is None
                or node.datatype in (RDF.langString,)
                or str(node.datatype).endswith("#string")
            ):
                text = " ".join(text.split())
                if len(text) > _MAX_VALUE:
                    text = text[: _MAX_VALUE - 3].rstrip() + "..."
                return f"'{text}'"
            return text
        return self.label(node)


def _changes(old: set[Node], new: set[Node], prop: Node, names: _Labeller) -> list[Change]:
    label = names.property_label(prop)
    removed, added = sorted(old - new, key=names.value), sorted(new - old, key=names.value)
    if len(removed) == 1 and len(added) == 1:
        return [Change(str(prop), label, "changed", names.value(removed[0]), names.value(added[0]))]
    return [Change(str(prop), label, "removed", old=names.value(o)) for o in removed] + [
        Change(str(prop), label, "added", new=names.value(o)) for o in added
    ]


def diff_graphs(
    old: Graph,
    new: Graph,
    *,
    old_name: str = "old",
    new_name: str = "new",
    notes: Sequence[str] = (),
) -> GraphDiff:
    """Compare ``old`` with ``new`` and group the differences by entity (the subject)."""

    old_c, new_c = canonical_graph(old), canonical_graph(new)
    removed = set(old_c) - set(new_c)
    added = set(new_c) - set(old_c)
    by_subject: dict[Node, dict[Node, tuple[set[Node], set[Node]]]] = defaultdict(dict)
    for (s, p, o), side in [(t, 0) for t in removed] + [(t, 1) for t in added]:
        pair = by_subject[s].setdefault(p, (set(), set()))
        pair[side].add(o)
    names = _Labeller(new_c, old_c)
    entities = []
    for subject, props in by_subject.items():
        if (subject, None, None) not in old_c:
            status = "added"
        elif (subject, None, None) not in new_c:
            status = "removed"
        else:
            status = "changed"
        changes: list[Change] = []
        for prop in sorted(props, key=lambda p: (names.property_label(p), str(p))):
            gone, came = props[prop]
            changes += _changes(gone, came, prop, names)
        iri = f"_:{subject}" if isinstance(subject, BNode) else str(subject)
        entities.append(
            EntityDiff(iri, names.label(subject), names.class_label(subject), status, changes)
        )
    entities.sort(key=lambda e: (e.iri.startswith("_:"), e.heading.lower(), e.iri))
    return GraphDiff(old_name, new_name, entities, len(added), len(removed), list(notes))


@dataclass
class Side:
    """One side of a comparison: a graph, what to call it and its audience (if a snapshot)."""

    graph: Graph | None
    name: str
    audience: str | None = None


def _snapshot_graph(folder: Path) -> Graph:

    for name in ("graph.nt", "graph.ttl", "graph.jsonld"):
        path = folder / name
        if path.is_file():
            try:
                return bind_prefixes(Graph()).parse(path, format=RDF_FILES[name])
            except Exception as exc:  # noqa: BLE001 - rdflib raises many types; all mean "bad file"
                raise SnapshotError(
                    f"{path}: cannot be read as RDF ({exc}) - run 'hubspoke verify {folder}'"
                ) from None
    raise SnapshotError(f"{folder}: holds no graph.nt, graph.ttl or graph.jsonld - not a snapshot")


def open_side(spec: str | Path, *, root: Path | None = None) -> Side:
    """Open ``spec``: ``current``, a snapshot folder, a snapshot name in ``root``, or an RDF file.

    ``current`` is returned without a graph: :func:`diff` loads it for the other side's
    audience.

    Raises
    ------
    SnapshotError
        ``spec`` names nothing of these, or the file cannot be read.
    """

    if str(spec) == "current":
        return Side(None, "current graph")
    path = Path(spec)
    if not path.exists() and (Path(root or SNAPSHOTS_DIR) / path).exists():
        path = Path(root or SNAPSHOTS_DIR) / path
    if path.is_dir():
        audience = read_manifest(path).get("audience") if (path / MANIFEST).exists() else None
        return Side(_snapshot_graph(path), path.name, audience)
    if path.is_file():
        try:
            return Side(load_graph([path], include_defaults=False), path.name)
        except DataFileError as exc:
            raise SnapshotError(str(exc)) from None
    raise SnapshotError(
        f"{spec}: no snapshot folder, snapshot name or RDF file of that name, and not 'current' "
        "- run 'hubspoke snapshots' to list the snapshots"
    )


def diff(
    old: str | Path,
    new: str | Path = "current",
    *,
    root: Path | None = None,
    extra: Sequence[str | Path] = (),
) -> GraphDiff:
    """Compare two snapshots, snapshot and RDF file, or either with ``current``.

    The current graph (packaged data plus ``extra``, read from the files with datatypes as
    written, as exports write them) is redacted for the audience of the snapshot it is
    compared with, so that only curation shows, not redaction.
    """

    sides = [open_side(old, root=root), open_side(new, root=root)]
    audiences = {s.audience for s in sides if s.audience}
    notes = []
    if len(audiences) > 1:
        notes.append(
            f"{sides[0].name} is a {sides[0].audience} snapshot and {sides[1].name} a "
            f"{sides[1].audience} one: what one audience may not see shows as changes"
        )
    for side in sides:
        if side.graph is None:
            graph = load_graph(extra)
            audience = next(iter(sorted(audiences)), None)
            side.graph = redact(graph, audience) if audience else graph
            if audience:
                side.name = f"current graph ({audience})"
    assert sides[0].graph is not None and sides[1].graph is not None
    return diff_graphs(
        sides[0].graph, sides[1].graph, old_name=sides[0].name, new_name=sides[1].name, notes=notes
    )
