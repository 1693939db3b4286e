"""The knowledge graph façade: load, query by name, validate, count.

Examples
--------
>>> import graph
>>> kg = graph.load()
>>> rows = kg.query("cq03-event-facts").records()
>>> rows[0]["date"], rows[0]["seriesNumber"], rows[0]["attendees"]
('2015-12-01', 2, 30)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Identifier

from graph.errors import QueryParameterError
from graph.network.naming import display_labels, name_index, resolve
from graph.privacy.policy import DEFAULT_AUDIENCE, redact
from graph.query.catalogue import ANY, NamedQuery, get_query, load_catalogue
from graph.query.results import QueryResult
from graph.query.sparql import DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT, select_table
from graph.query.subclasses import include_subclasses
from graph.query.tables import Table
from graph.rdf.fastparse import is_oxigraph
from graph.rdf.loading import load_graph
from graph.rdf.namespaces import HS, curie
from graph.store.opening import load_on_store
from graph.store.oxigraph import load_oxigraph, source_files
from graph.store.specs import resolve_store
from graph.validate.validation import ValidationReport

if TYPE_CHECKING:
    from graph.network.analysis import Neighbour
    from graph.network.paths import Chain
    from graph.research.cooccurrence import Cooccurrence
    from graph.research.corpus import Corpus
    from graph.search.fulltext import SearchHit

__all__ = ["KnowledgeGraph", "load"]


@dataclass
class KnowledgeGraph:
    """An rdflib graph of the ontology and data, with the operations researchers use."""

    graph: Graph
    extra: list[Path] = field(default_factory=list)
    #: The store the graph lives on (see :mod:`graph.store`), as a spec.
    store: str = "memory"
    _labels: dict[str, str] | None = field(default=None, repr=False)
    _names: dict[str, set[URIRef]] | None = field(default=None, repr=False)
    _search_index: Any = field(default=None, repr=False)
    _corpus: Any = field(default=None, repr=False)
    _views: Any = field(default=None, repr=False)
    _superclasses: frozenset[str] | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ naming
    @property
    def labels(self) -> dict[str, str]:
        """Display label of every labelled IRI (computed once, one table with the view
        session's reading of the graph, :meth:`view_session`)."""
        if self._labels is None:  # one table with the view session's, whichever reads first
            read = self._views.read_labels() if self._views is not None else None
            self._labels = display_labels(self.graph) if read is None else read
        return self._labels

    def label(self, iri: URIRef | str) -> str:
        """The display label of an entity (its CURIE when it has none)."""
        return self.labels.get(str(iri)) or curie(iri)

    def resolve(self, name: str) -> URIRef:
        """The entity an IRI, CURIE, label or acronym denotes (see :func:`graph.network.naming.resolve`)."""
        if self._names is None:
            self._names = name_index(self.graph)
        return resolve(self.graph, name, index=self._names)

    def for_audience(self, audience: str = DEFAULT_AUDIENCE) -> KnowledgeGraph:
        """What ``audience`` may see of this graph, as a new in-memory knowledge graph.

        The one audience policy of :mod:`graph.privacy`: ``public`` leaves out contact
        details and everything not public, ``team`` everything restricted.

        >>> kg = load()
        >>> any(True for _ in kg.for_audience("public").graph.triples((None, HS.email, None)))
        False
        """
        return KnowledgeGraph(redact(self.graph, audience), list(self.extra))

    def invalidate(self) -> None:
        """Forget cached labels and names after the graph changed."""
        self._labels = None
        self._names = None
        self._search_index = None
        self._corpus = None
        self._views = None
        self._superclasses = None

    # ------------------------------------------------------------------ queries
    @property
    def superclasses(self) -> frozenset[str]:
        """The IRIs of the classes that have a subclass (read once): only ``a`` before one of
        them needs the subclass path (:func:`graph.query.subclasses.include_subclasses`)."""
        if self._superclasses is None:
            self._superclasses = frozenset(
                str(c) for c in self.graph.objects(None, RDFS.subClassOf)
            )
        return self._superclasses

    def bind(self, query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Identifier]:
        """Turn user values into RDF terms for ``query``'s declared parameters."""
        declared = {p.name: p for p in query.parameters}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QueryParameterError(
                f"query {query.name!r} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(declared) or 'none'}"
            )
        params = {
            **{p.name: p.default for p in query.parameters if p.default is not None},
            **params,
        }
        missing = sorted(set(declared) - set(params))
        if missing:
            raise QueryParameterError(
                f"query {query.name!r} needs {', '.join(missing)}: "
                + "; ".join(
                    f"{declared[m].name} ({declared[m].kind}) {declared[m].description}"
                    for m in missing
                )
            )
        bound: dict[str, Identifier] = {}
        for name, value in params.items():
            kind = declared[name].kind
            if isinstance(value, str) and value == ANY:
                continue  # left unbound: the query matches every value
            try:
                if isinstance(value, Identifier):
                    bound[name] = value
                elif kind == "entity":
                    bound[name] = self.resolve(str(value))
                elif kind == "iri":
                    bound[name] = URIRef(str(value))
                elif kind == "integer":
                    bound[name] = Literal(int(value), datatype=XSD.integer)
                elif kind == "date":
                    bound[name] = Literal(date.fromisoformat(str(value)), datatype=XSD.date)
                else:
                    bound[name] = Literal(str(value))
            except ValueError as exc:
                raise QueryParameterError(
                    f"parameter {name} of {query.name!r} must be a {kind}: {value!r} ({exc})"
                ) from None
        return bound

    def query(self, name: str, *, timeout: float | None = None, **params: Any) -> QueryResult:
        """Run the named query ``name`` with ``params`` bound as RDF terms.

        >>> kg = load()
        >>> kg.query("cq08-supervision-points").column("line")[:3]
        [103, 129, 134]
        """
        named = get_query(name)
        bindings = self.bind(named, params)
        columns, rows = select_table(
            self.graph,
            include_subclasses(named.text, self.superclasses),
            bindings,
            timeout=timeout,
            source=named.name,
        )
        return QueryResult.from_rows(columns, rows, self.labels)

    def sparql(
        self,
        text: str,
        bindings: Mapping[str, Identifier] | None = None,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        subclasses: bool = True,
        memory: int | None = DEFAULT_MEMORY_LIMIT,
    ) -> QueryResult:
        """Run an ad hoc read-only SELECT query (updates refused).

        ``?s a hs:Statement`` matches the members of the class and of its subclasses (see
        :mod:`graph.query.subclasses`); write ``rdf:type`` for the direct type only, or pass
        ``subclasses=False``. It stops after ``timeout`` seconds, or once it needs more than
        ``memory`` bytes, with :class:`~graph.errors.QueryTimeout` or
        :class:`~graph.errors.QueryMemoryExceeded` (``None`` for no limit); with a limit it runs
        in a worker process that is killed at the limit (:mod:`graph.query.worker`).

        >>> kg = load()
        >>> len(kg.sparql("SELECT ?s WHERE { ?s a hs:Statement }")) >= 153
        True
        >>> len(kg.sparql("SELECT ?s WHERE { ?s rdf:type hs:Statement }"))
        0
        """
        query = include_subclasses(text, self.superclasses) if subclasses else text
        columns, rows = select_table(
            self.graph, query, bindings, timeout=timeout, memory=memory, source="ad hoc query"
        )
        return QueryResult.from_rows(columns, rows, self.labels)

    @staticmethod
    def queries() -> list[NamedQuery]:
        """Every packaged named query, sorted by name."""
        return list(load_catalogue().values())

    # ------------------------------------------------------------------ views
    def view(self, name: str) -> Any:
        """The networkx view ``name`` (full, partnership, learning, topics, models).

        Each view is projected once for the graph (the views share what they read of it) and
        handed out as a copy, free to change; :meth:`invalidate` forgets them.

        >>> kg = load()
        >>> kg.view("models").graph["name"]
        'models'
        """
        return self.view_session().view(name)

    def view_session(self) -> Any:
        """The :class:`~graph.network.session.ViewSession` of this graph: its views, each projected
        once, and what they read of the graph, shared with maps and exports."""
        if self._views is None:
            # lazy: networkx loads only for views
            from graph.network.session import ViewSession

            self._views = ViewSession(self.graph, labels=self._labels)
        return self._views

    def describe(self, iris: Iterable[URIRef | str]) -> dict[str, dict[str, object]]:
        """The attributes views give each of ``iris`` (label, class, text, document, section,
        lines, topics...), by IRI, from what the views have read of the graph already.

        >>> kg = load()
        >>> kg.describe(["https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103"])[
        ...     "https://w3id.org/hubspoke/id/learning-exchange-2015-12-01/line-103"]["lines"]
        '103-106'
        """
        return self.view_session().describe(URIRef(str(iri)) for iri in iris)

    # ------------------------------------------------------------------ graph questions
    def search(self, text: str, *, type: str | None = None, limit: int = 10) -> list[SearchHit]:
        """Ranked, stemmed full-text search over names and verbatim texts (see :mod:`graph.search.fulltext`).

        ``type`` is a class by name, CURIE or IRI ("discussion point", "hs:Recommendation").

        >>> kg = load()
        >>> sorted(hit.curie for hit in kg.search("supervise", limit=3))
        ['le2015:line-103', 'le2015:line-129', 'le2015:line-134']
        """
        # lazy: the search index (and networkx under it) loads only for a search
        from graph.search.classes import resolve_class
        from graph.search.fulltext import SearchIndex  # lazy: as above

        if self._search_index is None:
            self._search_index = SearchIndex.in_memory(self.graph)
        cls = str(resolve_class(self.graph, type)) if type else None
        return self._search_index.search(text, type=cls, limit=limit)

    def path(
        self, a: str, b: str, *, view: str = "full", k: int = 3, include_hubs: bool = False
    ) -> list[Chain]:
        """The ``k`` shortest chains between two named entities, each with a sentence.

        >>> kg = load()
        >>> chains = kg.path("CSEFA", "sustainability", k=1)
        >>> chains[0].sentence.split(" (support request")[0]  # doctest: +ELLIPSIS
        "Child Sexual Exploitation Funders Alliance (organisation) is addressed by '..."
        """
        from graph.network.paths import k_shortest_paths  # lazy: networkx loads only for paths

        source, target = self.resolve(a), self.resolve(b)
        exclude = () if include_hubs else None
        return k_shortest_paths(self.view(view), str(source), str(target), k, exclude=exclude)

    def neighbours(
        self, name: str, *, depth: int = 1, view: str = "full", include_hubs: bool = False
    ) -> list[Neighbour]:
        """The entities within ``depth`` links of a named entity, nearest first.

        >>> kg = load()
        >>> near = kg.neighbours("CSEFA", view="partnership")
        >>> [n.label for n in near if n.relation == "attended"]
        ['Hub and Spoke Learning Exchange, 1 December 2015']
        """
        from graph.network.analysis import neighbours  # lazy: networkx loads only when asked

        return neighbours(
            self.view(view), str(self.resolve(name)), depth, include_hubs=include_hubs
        )

    # ------------------------------------------------------------------ research
    @property
    def corpus(self) -> Corpus:
        """The coded corpus: statements, codes and codings (see :mod:`graph.research`)."""
        from graph.research.corpus import Corpus  # lazy: read on first use, then kept

        if self._corpus is None:
            self._corpus = Corpus.from_graph(self.graph, self.labels)
        return self._corpus  # type: ignore[no-any-return]

    def statements(
        self,
        *,
        topic: str | None = None,
        document: str | None = None,
        section: str | None = None,
        type: str | None = None,
    ) -> Table:
        """Every statement of every document (all subclasses of ``hs:Statement``) as a table:
        id, IRI, type, document, section, session, lines, full verbatim text and codes.

        ``topic`` keeps statements coded with the topic (or any code) or a narrower one;
        ``document`` and ``section`` (with its subsections) are entities by name; ``type``
        is a class by name, with its subclasses (see :mod:`graph.research.statements`).

        >>> kg = load()
        >>> kg.statements(topic="supervision").column("start_line")
        [103, 129, 134]
        >>> len(kg.statements()) == len(kg.sparql("SELECT ?s WHERE { ?s a hs:Statement }"))
        True
        """
        from graph.research.statements import statement_table  # lazy: loads when asked for
        from graph.search.classes import resolve_class  # lazy: loads when asked for

        return statement_table(
            self.corpus,
            topic=topic,
            document=str(self.resolve(document)) if document else None,
            section=str(self.resolve(section)) if section else None,
            type=str(resolve_class(self.graph, type)) if type else None,
        )

    def codebook(self, *, scheme: str | None = None) -> Table:
        """Every code (topic, target group, agency type, role...) with its labels, definition,
        broader and narrower codes, number of statements coded and an example quote.

        >>> kg = load()
        >>> book = kg.codebook(scheme="topics")
        >>> book.records[0]["scheme"], len(book) >= 41
        ('scheme:topics', True)
        """
        from graph.research.codebook import codebook_table  # lazy: loads only when asked for

        return codebook_table(self.corpus, scheme=scheme)

    def cooccurrence(self, scheme: str | None = "topics") -> Cooccurrence:
        """Which codes of ``scheme`` (``None``: all) are applied together: ``.matrix(measure)``,
        ``.pairs(measure)`` with measure ``count``, ``jaccard`` or ``c`` (the c-coefficient).

        >>> kg = load()
        >>> co = kg.cooccurrence()
        >>> a, b = str(kg.resolve("supervision")), str(kg.resolve("topic:worker-wellbeing"))
        >>> co.count(a, b) == len(kg.coded_with_both("supervision", "topic:worker-wellbeing")) > 0
        True
        """
        from graph.research.cooccurrence import cooccurrence  # lazy: loads only when asked for

        return cooccurrence(self.corpus, scheme)

    def coded_with_both(self, a: str, b: str) -> Table:
        """The statements coded with both codes ``a`` and ``b`` (by name), verbatim with their
        source: the quotes behind one cell of the co-occurrence matrix."""
        from graph.research.cooccurrence import pair_table  # lazy: loads only when asked for

        return pair_table(self.corpus, a, b)

    # ------------------------------------------------------------------ checks
    def validate(self, *, warnings: bool = True, engine: str = "sparql") -> ValidationReport:
        """SHACL and QC validation of the whole graph (on any store: see :mod:`graph.store`).

        ``engine`` is ``"sparql"`` (the shapes compiled to SPARQL on Oxigraph, fast at scale)
        or ``"pyshacl"`` (the reference implementation); both give the same report.
        """
        # lazy: the shapes machinery (and pySHACL) loads only for validation
        from graph.validate.cache import validate_on_store

        return validate_on_store(
            self.graph, self.store, self.extra, warnings=warnings, engine=engine
        )

    def counts(self) -> dict[str, int]:
        """Number of entities per hubspoke class (direct types), by class CURIE."""
        counter: Counter[str] = Counter()
        for _, cls in self.graph.subject_objects(RDF.type):
            if isinstance(cls, URIRef) and str(cls).startswith(str(HS)):
                counter[curie(cls)] += 1
        return dict(sorted(counter.items()))

    def __len__(self) -> int:
        return len(self.graph)


def load(
    extra: Sequence[str | Path] = (),
    *,
    graph: Graph | None = None,
    store: str | None = None,
) -> KnowledgeGraph:
    """Load the packaged ontology and data (plus ``extra`` files or folders).

    ``store`` says where the graph lives: ``memory``, ``oxigraph``, ``oxigraph:DIR`` or
    ``sparql:URL`` (default: the ``HUBSPOKE_STORE`` environment variable, else oxigraph; see
    :mod:`graph.store`). A ``graph`` given is loaded into as it is.

    >>> kg = load()
    >>> kg.counts()["hs:LearningExchange"]
    2
    >>> load(store="oxigraph").counts()["hs:LearningExchange"]
    2
    """
    paths = [Path(p) for p in extra]

    if graph is not None and is_oxigraph(graph) and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        # each file read once, its literals as written kept for validation and exports
        return KnowledgeGraph(load_oxigraph(source_files(paths), graph), paths, "oxigraph")
    if graph is not None:
        kind = "oxigraph" if is_oxigraph(graph) else "memory"
        return KnowledgeGraph(load_graph(paths, graph=graph), paths, kind)

    spec = resolve_store(store)
    return KnowledgeGraph(load_on_store(spec, paths), paths, str(spec))
