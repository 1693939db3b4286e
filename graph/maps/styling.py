"""How a map draws each node: one colour and shape per *kind* of thing, a size by degree.

A reader needs to tell apart a dozen kinds of thing (organisations, services, people, events,
sessions, points made, findings, recommendations, topics...), not the 40-odd classes of the
ontology, so every class belongs to one kind (:data:`CLASS_KINDS`) and the map and its legend
speak of kinds; the class is in the side panel. Colours come from Paul Tol's *muted*
qualitative scheme, designed to stay distinct for colour-blind readers, and kinds that may
appear together differ by shape as well as colour.

Organisations and kinds of agency are coloured by their sector instead (Tol's *bright*
scheme, :data:`SECTOR_COLOURS`): the sector is an attribute of the node, shown by its colour
and in the legend, never a node of its own that would link every organisation of a sector.
A kind of agency (police, children's social care) is drawn with a dashed outline: it stands
for many bodies, not one.

Examples
--------
>>> kind_of("hs:Organisation"), kind_of("hs:LocalAuthority"), kind_of("ex:Unknown")
('organisation', 'organisation', 'other')
>>> KINDS["finding"]
Kind(label='finding', colour='#44AA99', shape='diamond')
>>> class_styles(["hs:Organisation"])["hs:Organisation"]
ClassStyle(colour='#332288', shape='dot')
>>> sector_colour("statutory sector"), sector_colour("voluntary sector")
('#4477AA', '#228833')
>>> node_size(0), node_size(400) <= MAX_NODE_SIZE
(13.0, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CLASS_KINDS",
    "CLASS_STYLES",
    "KINDS",
    "MAX_NODE_SIZE",
    "MIN_NODE_SIZE",
    "PALETTE",
    "SECTOR_COLOURS",
    "SECTOR_KINDS",
    "ClassStyle",
    "Kind",
    "border_colour",
    "class_styles",
    "kind_of",
    "node_size",
    "sector_colour",
    "NO_SECTOR_COLOUR",
]

#: Paul Tol's muted scheme (https://personal.sron.nl/~pault/), by name, and his pale grey.
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
    "grey": "#BBBBBB",
}


@dataclass(frozen=True)
class Kind:
    """A kind of thing on a map: its legend label, colour (``#RRGGBB``) and vis-network shape."""

    label: str
    colour: str
    shape: str


def _kind(label: str, colour: str, shape: str) -> Kind:
    return Kind(label, PALETTE[colour], shape)


#: Every kind, in the order legends list them.
KINDS: dict[str, Kind] = {
    "organisation": _kind("organisation", "indigo", "dot"),
    "agency": _kind("kind of agency", "cyan", "dot"),
    "service": _kind("service or programme", "teal", "square"),
    "person": _kind("person or role", "rose", "triangleDown"),
    "evaluation": _kind("evaluation, objective or theme", "green", "hexagon"),
    "event": _kind("event or meeting", "wine", "star"),
    "session": _kind("session of an event", "sand", "star"),
    "model": _kind("phase or delivery model", "purple", "square"),
    "question": _kind("discussion question", "cyan", "diamond"),
    "point": _kind("point made", "sand", "diamond"),
    "finding": _kind("finding", "teal", "diamond"),
    "recommendation": _kind("recommendation or request", "wine", "diamond"),
    "claim": _kind("claim from another source", "purple", "diamond"),
    "topic": _kind("topic or group discussed", "green", "triangle"),
    "document": _kind("document or section", "indigo", "hexagon"),
    "other": _kind("other", "grey", "dot"),
}

#: The kind of every hubspoke class, by CURIE; any other class is "other".
CLASS_KINDS: dict[str, str] = {
    **dict.fromkeys(["hs:Organisation", "hs:LocalAuthority"], "organisation"),
    **dict.fromkeys(["hs:AgencyType", "hs:Sector"], "agency"),
    **dict.fromkeys(["hs:Service", "hs:Programme", "hs:Deliverable"], "service"),
    **dict.fromkeys(["hs:Person", "hs:RoleHolding", "hs:Role"], "person"),
    **dict.fromkeys(
        ["hs:Evaluation", "hs:EvaluationObjective", "hs:EvaluationTheme", "hs:EvaluationStrand"],
        "evaluation",
    ),
    **dict.fromkeys(["hs:Event", "hs:LearningExchange", "hs:Meeting", "hs:EventSeries"], "event"),
    **dict.fromkeys(
        [
            "hs:Session",
            "hs:Roundtable",
            "hs:ModelPresentation",
            "hs:ModelPresentations",
            "hs:FeedbackSession",
            "hs:FindingsPresentation",
            "hs:FunderConsultation",
            "hs:ParticipationSession",
            "hs:PolicyUpdate",
        ],
        "session",
    ),
    **dict.fromkeys(["hs:ProgrammePhase", "hs:DeliveryModel", "hs:DateStatus"], "model"),
    "hs:DiscussionQuestion": "question",
    **dict.fromkeys(
        [
            "hs:Statement",
            "hs:DiscussionPoint",
            "hs:Narrative",
            "hs:Aim",
            "hs:Challenge",
            "hs:FeedbackComment",
            "hs:LeadIn",
        ],
        "point",
    ),
    "hs:Finding": "finding",
    **dict.fromkeys(
        ["hs:Recommendation", "hs:PolicySuggestion", "hs:SupportRequest"], "recommendation"
    ),
    "hs:Claim": "claim",
    **dict.fromkeys(["hs:Topic", "hs:TargetGroup", "hs:SensitivityLevel"], "topic"),
    **dict.fromkeys(["hs:Document", "hs:WebPage", "hs:Section", "hs:Citation"], "document"),
}

#: Kinds coloured by their sector when they have one.
SECTOR_KINDS = frozenset({"organisation", "agency"})

#: Paul Tol's bright scheme, for sectors (matched on a word of the sector's label).
SECTOR_COLOURS = {
    "statutory": "#4477AA",
    "voluntary": "#228833",
    "funder": "#CCBB44",
    "government": "#AA3377",
    "academic": "#EE6677",
    "private": "#66CCEE",
}
_SPARE_SECTOR_COLOURS = ("#BBBBBB",)

#: The fill of an organisation or kind of agency with no sector stated, on a map coloured by
#: sector (and of their entries in its legend): a grey that no sector or kind uses.
NO_SECTOR_COLOUR = "#9AA1A9"


def kind_of(cls: str) -> str:
    """The kind (a key of :data:`KINDS`) of the class ``cls`` (a CURIE)."""
    return CLASS_KINDS.get(cls, "other")


def sector_colour(label: str) -> str:
    """The colour of the sector labelled ``label`` (grey for a sector the table does not know)."""
    words = label.casefold().replace("-", " ").split()
    for word, colour in SECTOR_COLOURS.items():
        if word in words:
            return colour
    return _SPARE_SECTOR_COLOURS[0]


@dataclass(frozen=True)
class ClassStyle:
    """The colour (``#RRGGBB``) and vis-network shape of one class (those of its kind)."""

    colour: str
    shape: str


#: The style of every hubspoke class, by CURIE: the style of its kind.
CLASS_STYLES: dict[str, ClassStyle] = {
    cls: ClassStyle(KINDS[kind].colour, KINDS[kind].shape) for cls, kind in CLASS_KINDS.items()
}


def class_styles(classes: Iterable[str]) -> dict[str, ClassStyle]:
    """The style of each class in ``classes``: that of its kind ("other" for unknown ones)."""
    return {
        cls: ClassStyle(KINDS[kind_of(cls)].colour, KINDS[kind_of(cls)].shape)
        for cls in set(classes)
    }


#: Smallest and largest node radius, in map pixels.
MIN_NODE_SIZE = 13.0
MAX_NODE_SIZE = 40.0


def node_size(degree: float, *, largest: float | None = None) -> float:
    """Node radius growing with the square root of ``degree`` (area ~ degree).

    With ``largest`` (the largest degree in the map) sizes are spread over the whole range.

    >>> node_size(4, largest=4)
    40.0
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
