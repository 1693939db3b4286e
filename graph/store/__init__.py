"""Where the graph lives: store specs, Oxigraph in memory and on disk, SPARQL endpoints,
pushing the graph to a server and serving it.

Owns: :mod:`~graph.store.specs` (``--store`` specs), :mod:`~graph.store.oxigraph`
(in-memory and on-disk Oxigraph, fingerprints of the source files), :mod:`~graph.store.written`
(the literals as the sources wrote them, kept beside a store that folds them into canonical
forms, for validation and exports), :mod:`~graph.store.remote`
(SPARQL 1.1 endpoints), :mod:`~graph.store.opening` (the graph on any store),
:mod:`~graph.store.push` and :mod:`~graph.store.server`.
May import: :mod:`graph.query` (binding parameters for endpoints), :mod:`graph.rdf`,
:mod:`graph.errors`, :mod:`graph.atomic`. Never validation, network, search, export, maps or
the CLI.
"""
