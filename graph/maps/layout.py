"""Where each node of a map goes, computed once in Python so the browser never runs physics.

Small graphs (up to :data:`SPRING_LIMIT` nodes) get a force-directed layout
(Fruchterman-Reingold, as :func:`networkx.spring_layout` computes it, with a fixed seed), one connected component at a time, with
the components packed side by side and nodes nudged apart where they would overlap. Larger ones are laid out class by class:
each class is a cluster (spring layout inside it up to :data:`CLUSTER_SPRING_LIMIT` nodes, a sunflower spiral
with the best-connected nodes in the middle otherwise), and the clusters are packed side by
side, largest first. Either way the result is the same for the same graph and seed, and
positions are in map pixels, roughly :data:`SPACING` apart.

Examples
--------
>>> import networkx as nx
>>> g = nx.path_graph(4)
>>> pos = layout_positions(g)
>>> sorted(pos) == [0, 1, 2, 3]
True
>>> pos == layout_positions(g)
True
>>> layout_positions(nx.Graph())
{}
"""

from __future__ import annotations

import math
from collections import OrderedDict, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.network.edges import edge_data

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CLUSTER_SPRING_LIMIT",
    "GroupedLayout",
    "grouped_layout",
    "SEED",
    "SPACING",
    "SPRING_LIMIT",
    "layout_positions",
    "map_layout",
    "spiral_positions",
]

#: Seed of every random choice in a layout, so that maps are reproducible.
SEED = 42
#: Typical distance between neighbouring nodes, in map pixels.
SPACING = 95.0
#: Largest graph (or class cluster) laid out with the force-directed algorithm; networkx
#: switches to a sparse solver that needs scipy beyond 500 nodes.
SPRING_LIMIT = 450
#: Largest class cluster of a big graph laid out force-directed; bigger ones are spirals.
CLUSTER_SPRING_LIMIT = 150

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Position = tuple[float, float]


def _spread(
    positions: dict[Hashable, Position], minimum: float, rounds: int = 40
) -> dict[Hashable, Position]:
    """Push apart nodes closer than ``minimum`` pixels, a little at a time.

    Each round, every pair closer than ``minimum`` moves apart by half the overlap, along
    the line between them; a node's pushes add up in the order of its partners. Only the
    close pairs are worked on: far apart pairs push by nothing.
    """
    import numpy as np

    nodes = list(positions)
    if len(nodes) < 2:
        return positions
    xy = np.array([positions[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        dx = xy[:, 0, None] - xy[None, :, 0]
        dy = xy[:, 1, None] - xy[None, :, 1]
        distance = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(distance, np.inf)
        rows, cols = np.nonzero(distance < minimum)  # row by row, partners in order
        if rows.size == 0:
            break
        near = distance[rows, cols]
        half = (minimum - near) / 2
        near[near == 0] = 1e-3  # identical points: the push below has no direction
        push = np.empty((rows.size, 2))
        push[:, 0] = dx[rows, cols] / near * half
        push[:, 1] = dy[rows, cols] / near * half
        moves = np.zeros_like(xy)
        np.add.at(moves, rows, push)  # unbuffered: each node's pushes summed in order
        xy += moves
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, xy)}


def _force_directed(
    graph: nx.Graph, seed: int, iterations: int, k: float
) -> dict[Hashable, Position]:
    """Fruchterman-Reingold positions, scaled into [-1, 1]: what ``networkx.spring_layout(graph,
    seed=seed, iterations=iterations, k=k)`` returns for graphs of under 500 nodes, number for
    number, computed in n x n arrays allocated once (four times faster). The forces are
    summed with the same ``einsum`` as networkx sums them.
    """
    import networkx as nx
    import numpy as np

    adjacency = nx.to_numpy_array(graph, weight="weight")
    count = adjacency.shape[0]
    pos = np.asarray(np.random.RandomState(seed).rand(count, 2), dtype=adjacency.dtype)
    # the largest step ("temperature"), cooled linearly to nearly nothing
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    # every n x n array is allocated once and reused by each iteration
    delta = np.empty((count, count, 2))
    dx, dy = delta[:, :, 0], delta[:, :, 1]
    distance, force, pull = (np.empty((count, count)) for _ in range(3))
    for _ in range(iterations):
        np.subtract(pos[:, 0, None], pos[None, :, 0], out=dx)
        np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
        np.multiply(dx, dx, out=distance)
        np.multiply(dy, dy, out=force)
        np.add(distance, force, out=distance)
        np.sqrt(distance, out=distance)
        np.clip(distance, 0.01, None, out=distance)
        # force = k * k / distance**2 - adjacency * distance / k, operation by operation
        np.square(distance, out=force)
        np.divide(k * k, force, out=force)
        np.multiply(adjacency, distance, out=pull)
        np.divide(pull, k, out=pull)
        np.subtract(force, pull, out=force)
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.clip(np.linalg.norm(displacement, axis=-1), a_min=0.01, a_max=None)
        step = np.einsum("ij,i->ij", displacement, t / length)
        pos += step
        t -= dt
        if (np.linalg.norm(step) / count) < 1e-4:
            break
    pos = nx.rescale_layout(pos, scale=1) + np.zeros(2)
    return {node: (float(x), float(y)) for node, (x, y) in zip(graph, pos)}


def _spring(graph: nx.Graph, seed: int) -> dict[Hashable, Position]:
    """Force-directed positions scaled so that the layout's area grows with its node count."""
    import networkx as nx

    count = graph.number_of_nodes()
    if count == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    iterations = 150 if count <= 150 else 90
    raw = _force_directed(simple, seed, iterations, 1.4 / math.sqrt(count))
    lengths = sorted(math.dist(raw[u], raw[v]) for u, v in simple.edges())
    median = lengths[len(lengths) // 2] if lengths else 0.0
    # a small map shows every label, so its links are longer
    target = SPACING * (1.6 if count <= 60 else 1.0)
    scale = target / median if median > 0 else SPACING * math.sqrt(count)
    positions = {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()}
    return _spread(positions, SPACING * 1.3 if count <= 60 else target * 0.6)


def _components(graph: nx.Graph, seed: int) -> dict[Hashable, Position]:
    """Each connected component laid out on its own, then packed, the largest in the middle."""
    import networkx as nx

    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    parts = sorted(
        (sorted(c, key=str) for c in nx.connected_components(undirected)),
        key=lambda c: (-len(c), str(c[0])),
    )
    laid = []
    for part in parts:
        positions = _spring(graph.subgraph(part), seed)
        centre, radius = _extent(positions)
        laid.append((positions, centre, radius))
    centres = _pack([radius for *_, radius in laid])
    result: dict[Hashable, Position] = {}
    for (positions, (cx, cy), _), (px, py) in zip(laid, centres):
        for node, (x, y) in positions.items():
            result[node] = (x - cx + px, y - cy + py)
    return result


def spiral_positions(
    nodes: list[Hashable], *, spacing: float = SPACING * 0.55
) -> dict[Hashable, Position]:
    """Place ``nodes`` on a sunflower spiral, the first in the middle.

    >>> pos = spiral_positions(["a", "b", "c"])
    >>> pos["a"]
    (0.0, 0.0)
    >>> round(math.dist(pos["a"], pos["b"]))
    52
    """
    positions: dict[Hashable, Position] = {}
    for index, node in enumerate(nodes):
        radius = spacing * math.sqrt(index)
        angle = index * _GOLDEN_ANGLE
        positions[node] = (round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2))
    return positions


def _extent(positions: dict[Hashable, Position]) -> tuple[Position, float]:
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    radius = max(math.dist(centre, p) for p in positions.values())
    return centre, radius + SPACING / 2


def _pack(sizes: list[float]) -> list[Position]:
    """Centres for circles of the given radii, largest first, none overlapping."""
    placed: list[tuple[Position, float]] = []
    step = SPACING / 3
    # where the spiral stopped for the last circle of each radius: every point before it
    # overlapped a circle still placed, so a circle of the same radius starts there (the same
    # result, without walking the spiral again for each of thousands of equal small parts)
    resume: dict[float, float] = {}
    for radius in sizes:
        if not placed:
            placed.append(((0.0, 0.0), radius))
            continue
        turn = resume.get(radius, 0.0)
        while True:
            distance = step * turn / (2 * math.pi) * 4
            point = (distance * math.cos(turn), distance * math.sin(turn))
            # the latest circles lie nearest the spiral's end: a clash shows up soonest there
            if all(math.dist(point, c) >= r + radius + SPACING / 2 for c, r in reversed(placed)):
                placed.append((point, radius))
                resume[radius] = turn
                break
            turn += 0.15
    return [centre for centre, _ in placed]


def _clustered(graph: nx.Graph, seed: int, key: str) -> dict[Hashable, Position]:
    clusters: dict[str, list[Hashable]] = defaultdict(list)
    for node, value in graph.nodes(data=key, default=""):
        clusters[str(value)].append(node)
    degree = dict(graph.degree())
    local: list[tuple[str, dict[Hashable, Position], Position, float]] = []
    for name, members in clusters.items():
        if len(members) <= CLUSTER_SPRING_LIMIT:
            positions = _components(graph.subgraph(members), seed)
        else:
            members.sort(key=lambda n: (-degree[n], str(n)))
            positions = spiral_positions(members)
        centre, radius = _extent(positions)
        local.append((name, positions, centre, radius))
    local.sort(key=lambda item: (-item[3], item[0]))
    centres = _pack([radius for *_, radius in local])
    result: dict[Hashable, Position] = {}
    for (_, positions, (cx, cy), _), (px, py) in zip(local, centres):
        for node, (x, y) in positions.items():
            result[node] = (round(x - cx + px, 2), round(y - cy + py, 2))
    return result


def layout_positions(
    graph: nx.Graph, *, seed: int = SEED, cluster_by: str = "cls"
) -> dict[Hashable, Position]:
    """Position of every node of ``graph``, in map pixels (y grows downwards).

    Up to :data:`SPRING_LIMIT` nodes: one force-directed layout. Beyond: one cluster per
    value of the node attribute ``cluster_by`` (the class), packed side by side.
    """
    count = graph.number_of_nodes()
    if count == 0:
        return {}
    if count <= SPRING_LIMIT:
        positions = _components(graph, seed)
        return {node: (round(x, 2), round(y, 2)) for node, (x, y) in positions.items()}
    return _clustered(graph, seed, cluster_by)


@dataclass
class GroupedLayout:
    """Positions of a graph drawn with collapsible groups.

    ``nodes``: every node's position, its group's members packed in a disc around the group's
    centre; ``groups``: each group's centre (where its collapsed node is drawn) and radius.
    """

    nodes: dict[Hashable, Position]
    groups: dict[str, tuple[Position, float]]


def _separate(
    centres: list[Position], radii: list[float], gap: float, rounds: int = 300
) -> list[Position]:
    """Move discs apart until none overlaps (with ``gap`` between them), a little at a time."""
    import numpy as np

    if len(centres) < 2:
        return centres
    xy = np.array(centres, dtype=float)
    r = np.array(radii, dtype=float)
    reach = r[:, None] + r[None, :] + gap
    for _ in range(rounds):
        dx = xy[:, 0, None] - xy[None, :, 0]
        dy = xy[:, 1, None] - xy[None, :, 1]
        distance = np.sqrt(dx * dx + dy * dy)
        np.fill_diagonal(distance, np.inf)
        rows, cols = np.nonzero(distance < reach)
        if rows.size == 0:
            break
        near = distance[rows, cols]
        half = (reach[rows, cols] - near) / 2
        near[near == 0] = 1e-3
        push = np.empty((rows.size, 2))
        push[:, 0] = dx[rows, cols] / near * half
        push[:, 1] = dy[rows, cols] / near * half
        moves = np.zeros_like(xy)
        np.add.at(moves, rows, push)
        xy += moves
    return [(float(x), float(y)) for x, y in xy]


def grouped_layout(
    graph: nx.Graph, groups: Mapping[Hashable, str], *, seed: int = SEED
) -> GroupedLayout:
    """Lay out ``graph`` so that each group (``groups``: node -> group key) is one compact disc.

    The collapsed graph (one node per group, plus the nodes in no group) is laid out
    force-directed, so that linked groups sit near each other; each group's members are laid
    out on their own (spring up to :data:`CLUSTER_SPRING_LIMIT` nodes, a spiral beyond) and
    put in their group's disc; then discs and lone nodes are pushed apart until none overlaps.
    Opening a group in the browser shows its members where its node was, and nothing moves.

    >>> import networkx as nx
    >>> g = nx.path_graph(6)
    >>> laid = grouped_layout(g, {0: "a", 1: "a", 2: "a"})
    >>> sorted(laid.groups), len(laid.nodes)
    (['a'], 6)
    """
    import networkx as nx

    members: dict[str, list[Hashable]] = defaultdict(list)
    for node in graph:
        if node in groups:
            members[groups[node]].append(node)
    rep = {node: ("group", groups[node]) if node in groups else ("node", node) for node in graph}
    collapsed = nx.Graph()
    collapsed.add_nodes_from(sorted(set(rep.values()), key=str))
    for u, v in graph.edges():
        if rep[u] != rep[v]:
            collapsed.add_edge(rep[u], rep[v])
    local: dict[str, tuple[dict[Hashable, Position], Position, float]] = {}
    degree = dict(graph.degree())
    for key, inside in members.items():
        if len(inside) <= CLUSTER_SPRING_LIMIT:
            positions = _components(graph.subgraph(inside), seed)
        else:
            positions = spiral_positions(sorted(inside, key=lambda n: (-degree[n], str(n))))
        # an opened group's members sit closer than lone nodes: they share one topic
        positions = {n: (x * 0.7, y * 0.7) for n, (x, y) in positions.items()}
        centre, radius = _extent(positions)
        local[key] = (positions, centre, radius)
    items = list(collapsed)
    if len(items) <= SPRING_LIMIT:
        start = _components(collapsed, seed)
        spread = [start[item] for item in items]
    else:
        spread = [(0.0, 0.0)] * len(items)
    # a group's disc counts for less than its full size: the map opens collapsed, and an
    # opened group may overlap its neighbours a little rather than push everything far away
    radii = [local[item[1]][2] * 0.55 if item[0] == "group" else SPACING * 0.45 for item in items]
    # start from the force-directed places, then push the discs apart
    if len(items) > SPRING_LIMIT:
        spread = _pack(radii)
    placed = dict(zip(items, _separate(spread, radii, SPACING * 0.35)))
    nodes: dict[Hashable, Position] = {}
    group_places: dict[str, tuple[Position, float]] = {}
    for item, (px, py) in placed.items():
        if item[0] == "node":
            nodes[item[1]] = (round(px, 2), round(py, 2))
            continue
        positions, (cx, cy), radius = local[item[1]]
        group_places[item[1]] = ((round(px, 2), round(py, 2)), radius)
        for node, (x, y) in positions.items():
            nodes[node] = (round(x - cx + px, 2), round(y - cy + py, 2))
    return GroupedLayout(nodes, group_places)


#: The layouts worked out last in this process (see :func:`map_layout`), newest last.
_LAID: OrderedDict[tuple[Any, ...], GroupedLayout] = OrderedDict()
_LAID_KEPT = 8


def map_layout(
    graph: nx.Graph, groups: Mapping[Hashable, str] | None = None, *, seed: int = SEED
) -> GroupedLayout:
    """Where a map of ``graph`` draws each node (and each group of ``groups``, if any).

    :func:`grouped_layout` with groups, else :func:`layout_positions` (no groups). The same
    layout is worked out once per process for the same nodes, links and groups, so the GEXF
    files of an export place nodes where its maps draw them without laying the view out again.
    """
    groups = dict(groups or {})
    links = tuple((source, target) for source, target, _ in edge_data(graph))
    key = (
        seed,
        graph.number_of_nodes(),
        len(links),
        hash(tuple(graph.nodes)),
        hash(links),
        hash(tuple(sorted(((str(n), g) for n, g in groups.items()), key=lambda i: i[0]))),
    )
    laid = _LAID.get(key)
    if laid is None:
        if groups:
            laid = grouped_layout(graph, groups, seed=seed)
        else:
            laid = GroupedLayout(layout_positions(graph, seed=seed), {})
        _LAID[key] = laid
        while len(_LAID) > _LAID_KEPT:
            _LAID.popitem(last=False)
    else:
        _LAID.move_to_end(key)
    return GroupedLayout(dict(laid.nodes), dict(laid.groups))
