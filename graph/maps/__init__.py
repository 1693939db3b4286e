"""Interactive, offline, single-file HTML maps of the network views.

Owns: map pages (:mod:`~graph.maps.render`, templates and vendored vis-network), their
layout, grouping and styling, the standard maps and their index.
May import: :mod:`graph.kg`, :mod:`graph.network` and the layers below them; never
:mod:`graph.export`, :mod:`graph.build` or the CLI.

Examples
--------
>>> from graph.maps import STANDARD_VIEWS
>>> STANDARD_VIEWS[0]
'partnership'
"""

from graph.maps.grouping import MAX_DRAWN_NODES, group_graph
from graph.maps.index import MapEntry, render_index, write_index
from graph.maps.layout import layout_positions
from graph.maps.render import MapPage, build_page, render_page, script_json, write_map, write_page
from graph.maps.standard import (
    MAPS_FOLDER,
    STANDARD_VIEWS,
    build_maps,
    default_map_name,
    read_ahead,
    view_graph,
    write_standard_maps,
    write_view_map,
)
from graph.maps.styling import CLASS_STYLES, class_styles

__all__ = [
    "CLASS_STYLES",
    "MAPS_FOLDER",
    "MAX_DRAWN_NODES",
    "STANDARD_VIEWS",
    "MapEntry",
    "MapPage",
    "build_maps",
    "build_page",
    "class_styles",
    "default_map_name",
    "group_graph",
    "layout_positions",
    "read_ahead",
    "render_index",
    "render_page",
    "script_json",
    "view_graph",
    "write_index",
    "write_map",
    "write_page",
    "write_standard_maps",
    "write_view_map",
]
