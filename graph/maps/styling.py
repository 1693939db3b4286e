"""How a map draws each class: a colour-blind-safe colour, a shape per kind, a size by degree.

Colours come from Paul Tol's *muted* qualitative scheme, designed to stay distinct for
colour-blind readers. The shape says what kind of thing a node is (dot: organisations, people
and services; triangle: concepts; square and triangle-down: events; diamond and star:
statements; hexagon: documents), and within one shape the colours differ, so colour and shape
together tell every hubspoke class apart. A class the table does not know gets a free
colour and shape, chosen from its name, so it looks the same in every map.

Examples
--------
>>> styles = class_styles(["hs:Organisation", "hs:Person", "ex:Unknown"])
>>> styles["hs:Organisation"]
ClassStyle(colour='#332288', shape='dot')
>>> len({(s.colour, s.shape) for s in styles.values()})
3
>>> node_size(0), node_size(400) <= MAX_NODE_SIZE
(10.0, True)
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CLASS_STYLES",
    "MAX_NODE_SIZE",
    "MIN_NODE_SIZE",
    "PALETTE",
    "SHAPES",
    "ClassStyle",
    "border_colour",
    "class_styles",
    "node_size",
]

#: Paul Tol's muted scheme (https://personal.sron.nl/~pault/), by name.
PALETTE = {
    "indigo": "#332288",
    "cyan": "#88CCEE",
    "teal": "#44AA99",
    "green": "#117733",
    "olive": "#999933",
    "sand": "#DDCC77",
    "rose": "#CC6677",
    "wine": "#882255",
    "purple": "#AA4499",
}

#: vis-network shapes that draw their label below the node, in the order free classes get them.
SHAPES = ("dot", "triangle", "square", "diamond", "star", "hexagon", "triangleDown")


@dataclass(frozen=True)
class ClassStyle:
    """The colour (``#RRGGBB``) and vis-network shape of one class."""

    colour: str
    shape: str


def _style(colour: str, shape: str) -> ClassStyle:
    return ClassStyle(PALETTE[colour], shape)


#: The style of every hubspoke class, by CURIE: one shape per kind, distinct colours within it.
CLASS_STYLES: dict[str, ClassStyle] = {
    # who and what runs the programme
    "hs:Organisation": _style("indigo", "dot"),
    "hs:LocalAuthority": _style("cyan", "dot"),
    "hs:Person": _style("rose", "dot"),
    "hs:Service": _style("teal", "dot"),
    "hs:Programme": _style("wine", "dot"),
    "hs:Deliverable": _style("olive", "dot"),
    "hs:RoleHolding": _style("sand", "dot"),
    "hs:Evaluation": _style("green", "dot"),
    # concepts
    "hs:Topic": _style("green", "triangle"),
    "hs:AgencyType": _style("cyan", "triangle"),
    "hs:Sector": _style("olive", "triangle"),
    "hs:Role": _style("purple", "triangle"),
    "hs:TargetGroup": _style("sand", "triangle"),
    "hs:ProgrammePhase": _style("wine", "triangle"),
    "hs:DeliveryModel": _style("indigo", "triangle"),
    "hs:DateStatus": _style("teal", "triangle"),
    "hs:SensitivityLevel": _style("rose", "triangle"),
    # events
    "hs:Event": _style("indigo", "square"),
    "hs:LearningExchange": _style("wine", "square"),
    "hs:Meeting": _style("teal", "square"),
    "hs:EventSeries": _style("sand", "square"),
    "hs:Session": _style("cyan", "square"),
    "hs:Roundtable": _style("rose", "square"),
    "hs:ModelPresentation": _style("green", "square"),
    "hs:ModelPresentations": _style("olive", "square"),
    "hs:FeedbackSession": _style("purple", "square"),
    "hs:FindingsPresentation": _style("rose", "triangleDown"),
    "hs:FunderConsultation": _style("teal", "triangleDown"),
    "hs:ParticipationSession": _style("sand", "triangleDown"),
    "hs:PolicyUpdate": _style("indigo", "triangleDown"),
    # statements
    "hs:Statement": _style("sand", "diamond"),
    "hs:DiscussionPoint": _style("rose", "diamond"),
    "hs:Finding": _style("teal", "diamond"),
    "hs:Claim": _style("indigo", "diamond"),
    "hs:Narrative": _style("olive", "diamond"),
    "hs:Aim": _style("green", "diamond"),
    "hs:Challenge": _style("wine", "diamond"),
    "hs:DiscussionQuestion": _style("cyan", "diamond"),
    "hs:FeedbackComment": _style("purple", "diamond"),
    "hs:Recommendation": _style("wine", "star"),
    "hs:PolicySuggestion": _style("rose", "star"),
    "hs:SupportRequest": _style("cyan", "star"),
    "hs:EvaluationTheme": _style("teal", "star"),
    "hs:EvaluationObjective": _style("olive", "star"),
    # documents
    "hs:Document": _style("indigo", "hexagon"),
    "hs:WebPage": _style("cyan", "hexagon"),
    "hs:Section": _style("sand", "hexagon"),
    "hs:Citation": _style("rose", "hexagon"),
}

_ALL_COMBINATIONS = [ClassStyle(colour, shape) for shape in SHAPES for colour in PALETTE.values()]


def class_styles(classes: Iterable[str]) -> dict[str, ClassStyle]:
    """The style of each class in ``classes``: from :data:`CLASS_STYLES`, else a free one.

    A class missing from the table gets the first combination not used in this map, starting
    from a place fixed by its name, so the same class looks the same from map to map.
    """
    wanted = sorted(set(classes))
    styles = {cls: CLASS_STYLES[cls] for cls in wanted if cls in CLASS_STYLES}
    taken = set(styles.values())
    for cls in wanted:
        if cls in styles:
            continue
        start = zlib.crc32(cls.encode("utf-8")) % len(_ALL_COMBINATIONS)
        for step in range(len(_ALL_COMBINATIONS)):
            candidate = _ALL_COMBINATIONS[(start + step) % len(_ALL_COMBINATIONS)]
            if candidate not in taken:
                break
        else:  # more classes than combinations: share
            candidate = _ALL_COMBINATIONS[start]
        styles[cls] = candidate
        taken.add(candidate)
    return styles


#: Smallest and largest node radius, in map pixels.
MIN_NODE_SIZE = 10.0
MAX_NODE_SIZE = 42.0


def node_size(degree: float, *, largest: float | None = None) -> float:
    """Node radius growing with the square root of ``degree`` (area ~ degree).

    With ``largest`` (the largest degree in the map) sizes are spread over the whole range.

    >>> node_size(4, largest=4)
    42.0
    """
    degree = max(0.0, float(degree))
    if largest is not None and largest > 0:
        share = math.sqrt(min(degree, largest) / largest)
    else:
        share = min(1.0, math.sqrt(degree) / 20)
    return round(MIN_NODE_SIZE + share * (MAX_NODE_SIZE - MIN_NODE_SIZE), 1)


def border_colour(colour: str) -> str:
    """A darker shade of ``colour`` for the node outline.

    >>> border_colour("#DDCC77")
    '#797041'
    """
    value = colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.55) for c in (red, green, blue)))
