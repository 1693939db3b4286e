"""Networks: the graph projected to networkx views, their analysis (centrality, bridges,
communities, neighbours), paths between two things, and the names and labels of nodes.

Owns: :mod:`~graph.network.views`, :mod:`~graph.network.analysis`, :mod:`~graph.network.paths`,
:mod:`~graph.network.naming` (display labels, resolving a name typed by a person).
May import: :mod:`graph.store`,
:mod:`graph.query`, :mod:`graph.rdf`, :mod:`graph.errors`.
"""
