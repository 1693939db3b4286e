"""National-scale synthetic data: a register of services and years of reports, made up.

The generator writes what a national register and a long run of event reports would hold:
local authorities with GSS-like codes, hub organisations and the partner agencies of each
area, Hub and Spoke services with their spoke placements, events in regional series with
their sessions, and reports of those events with sections, statements tagged with topics
from ``ontology/schemes.ttl``, evaluation objectives, themes and findings, discussion
questions and the points that answer them, support requests and recommendations.

Every IRI lives under ``https://w3id.org/hubspoke/id/synthetic/`` so synthetic data never
collides with curated data; it refers to the curated programme, phases and delivery models
and to the concept schemes, so it is meant to be loaded *with* the packaged graph (as an
extra file) and then conforms to the SHACL shapes. The same configuration and seed give the
same bytes.

Examples
--------
>>> config = SyntheticConfig(services=3, reports=1, seed=7)
>>> g = synthesize(config)
>>> len(g) > 100
True
>>> g2 = synthesize(SyntheticConfig(services=3, reports=1, seed=7))
>>> sorted(g) == sorted(g2)
True
>>> from graph.rdf.namespaces import HS
>>> from rdflib.namespace import RDF
>>> len(set(g.subjects(RDF.type, HS.Service)))
3
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import IO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from graph.atomic import write_with
from graph.rdf.namespaces import HS, HSD, PREFIXES

__all__ = [
    "SYNTHETIC",
    "SIZES",
    "SyntheticConfig",
    "config_for_size",
    "entities",
    "synthesize",
    "write_synthetic",
]

#: Root of every synthetic IRI.
SYNTHETIC = f"{HSD}synthetic/"

_COLLECTIONS = ("la", "org", "service", "person", "holding", "series", "event", "report")

Node = URIRef | Literal
#: One described node: its IRI and its (predicate, object) pairs, ``rdf:type`` first.
Entity = tuple[URIRef, list[tuple[URIRef, Node]]]


@dataclass(frozen=True)
class SyntheticConfig:
    """What to generate.

    Parameters
    ----------
    services : int
        Hub and Spoke services in the register (about 18 triples each with their hubs).
    reports : int
        Event reports, each with its event, sessions, sections and about 100 statements
        (about 1,500 triples each).
    seed : int
        Seed of the random choices: the same configuration gives the same output.
    local_authorities : int
        Local authorities (England has about 150 upper-tier ones), each with four partner
        agencies (police, children's social care, health, youth work).
    """

    services: int = 30
    reports: int = 5
    seed: int = 1
    local_authorities: int = 153

    def __post_init__(self) -> None:
        for name in ("services", "reports", "local_authorities"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")


#: Configurations for about 10k, 100k and 1M triples (with the packaged graph added).
SIZES: dict[str, SyntheticConfig] = {
    "10k": SyntheticConfig(services=40, reports=4),
    "100k": SyntheticConfig(services=400, reports=106),
    "1m": SyntheticConfig(services=4000, reports=1140),
}


def config_for_size(size: str, seed: int = 1) -> SyntheticConfig:
    """The configuration for a named size (``10k``, ``100k`` or ``1m``).

    >>> config_for_size("10k").reports
    4
    >>> config_for_size("2m")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown size '2m': use one of 10k, 100k, 1m
    """
    key = size.lower()
    if key not in SIZES:
        raise ValueError(f"unknown size {size!r}: use one of {', '.join(SIZES)}")
    base = SIZES[key]
    return SyntheticConfig(base.services, base.reports, seed, base.local_authorities)


# ---------------------------------------------------------------------------- vocabulary


def _iri(collection: str, local: str) -> URIRef:
    return URIRef(f"{SYNTHETIC}{collection}/{local}")


_PROGRAMME = HSD["programme/hub-and-spoke"]
_EVALUATION = HSD["evaluation/hub-and-spoke"]
_MODELS = [HSD[f"model/{n}"] for n in range(1, 6)]
_PHASES = [HSD[f"phase/{n}"] for n in range(1, 4)]
_AGENCY = f"{HSD}agency-type/"
_SECTOR = f"{HSD}sector/"
_ROLE = f"{HSD}role/"
#: Partner agencies of an area are recorded as sub-organisations of its local authority.
_SUB_ORGANISATION_OF = URIRef("http://www.w3.org/ns/org#subOrganizationOf")


@cache
def _schemes() -> dict[str, list[tuple[URIRef, str]]]:
    """Concepts of the packaged schemes by class name: (IRI, preferred label), sorted by IRI."""
    from graph.rdf.loading import parse_file
    from graph.rdf.resources import ontology_files

    g = Graph()
    for path in ontology_files():
        if path.name == "schemes.ttl":
            parse_file(g, path)
    found: dict[str, list[tuple[URIRef, str]]] = {}
    for name in ("Topic", "TargetGroup", "AgencyType", "Role"):
        concepts = []
        for concept in g.subjects(RDF.type, HS[name]):
            if isinstance(concept, URIRef):
                label = g.value(concept, SKOS.prefLabel) or g.value(concept, RDFS.label)
                concepts.append((concept, str(label or concept)))
        found[name] = sorted(concepts)
    return found


_PLACE_HEADS = (
    "Ash",
    "Bex",
    "Brad",
    "Carl",
    "Cold",
    "Dun",
    "East",
    "El",
    "Fair",
    "Glen",
    "Hart",
    "Hay",
    "Ing",
    "Kings",
    "Lang",
    "Mar",
    "Mill",
    "North",
    "Oak",
    "Pen",
    "Ravens",
    "Red",
    "Stan",
    "Thorn",
    "Up",
    "West",
    "Wey",
    "Whit",
    "Wolver",
    "Brom",
)
_PLACE_TAILS = (
    "ford",
    "ton",
    "by",
    "ham",
    "field",
    "bury",
    "wick",
    "mouth",
    "ley",
    "stead",
    "worth",
    "bridge",
    "minster",
    "dale",
    "port",
    "chester",
    "hampton",
    "borough",
)
_REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
#: GSS entity codes of upper-tier English local authorities and how many to draw from each.
_GSS_KINDS = (
    ("E06", "Council", 63),
    ("E08", "Metropolitan Borough Council", 36),
    ("E09", "London Borough Council", 33),
    ("E10", "County Council", 21),
)
_GIVEN = (
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farah",
    "George",
    "Hannah",
    "Imran",
    "Jade",
    "Kieran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Owen",
    "Priya",
    "Rachel",
    "Sam",
    "Tom",
    "Usha",
    "Victoria",
    "Will",
    "Yasmin",
    "Zoe",
)
_FAMILY = (
    "Ahmed",
    "Baker",
    "Clarke",
    "Davies",
    "Evans",
    "Fletcher",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nolan",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Smith",
    "Taylor",
    "Walsh",
    "Wright",
    "Young",
)
_CHARITY_WORDS = (
    "Safe Futures",
    "Young People's Trust",
    "Children's Alliance",
    "Youth Action",
    "Family Support Network",
    "Safeguarding Partnership Trust",
    "Open Doors",
    "New Horizons",
)
_PARTNERS = (
    ("police", "Police", "police", "statutory"),
    ("csc", "Children's Social Care", "childrens-social-care", "statutory"),
    ("health", "Health and Care Trust", "health-services", "statutory"),
    ("youth", "Youth Service", "youth-work-services", "statutory"),
)


# ---------------------------------------------------------------------------- text

_FINDINGS = (
    "Spoke workers placed in {agency} reported that {topic} improved when managers met the hub each month",
    "Services in {place} found that {topic} depended on how the voluntary sector was valued locally",
    "Evidence from {place} suggests that {topic} is strongest where roles were agreed at the start",
    "Where {topic} was discussed at the multi-agency meeting, referrals reached the spoke sooner",
    "Hub managers said that {topic} needed more time than the funding period allowed",
    "Young people in {place} valued workers who kept to their word, which made {topic} easier",
)
_QUESTIONS = (
    "How can {topic} be strengthened in a Hub and Spoke model?",
    "What helps {topic} work well between hubs and host agencies?",
    "What gets in the way of {topic}, and how have services overcome it?",
    "How should services measure progress on {topic}?",
)
_POINTS = (
    "Participants from {place} said that {topic} worked best when the spoke sat with the team",
    "Some services hold joint supervision with {agency} to support {topic}",
    "It was felt that {topic} needs clear agreements about information sharing",
    "Attendees noted that {topic} is harder when staff turnover in {agency} is high",
    "One service described a shared referral form that made {topic} simpler",
    "Workers asked for regular time with the hub to reflect on {topic}",
)
_CHALLENGES = (
    "Spoke workers in {place} found {topic} difficult when they were seen as extra staff",
    "Short funding cycles made {topic} hard to plan beyond the current year",
)
_REQUESTS = (
    "Help services to raise the profile of {topic} with local commissioners in {place}",
    "Fund shared training for hubs and {agency} on {topic}",
    "Bring services together twice a year to share practice on {topic}",
)
_RECOMMENDATIONS = (
    "{agency_type} should name a lead for {topic} in each area the service covers",
    "Commissioners should fund {topic} for at least three years to allow services to embed",
    "Local safeguarding partnerships should review {topic} with the hub every six months",
    "National guidance on {topic} should recognise the role of voluntary sector spokes",
)
_NARRATIVES = (
    "The event brought together {count} people from services, host agencies and funders in {place}",
    "The day was organised by {hub} and opened with an update on {topic}",
    "This report summarises the presentations and discussions of the day, section by section",
)


def _label(text: str) -> str:
    """A short label: the first words of ``text``, at most about 60 characters."""
    if len(text) <= 60:
        return text
    cut = text[:57].rsplit(" ", 1)[0]
    return f"{cut}..."


# ---------------------------------------------------------------------------- generator


def _pl(value: str | int, datatype: URIRef | None = None) -> Literal:
    return Literal(str(value), datatype=datatype)


@dataclass
class _Area:
    iri: URIRef
    name: str
    code: str
    region: str
    partners: list[URIRef] = field(default_factory=list)


@dataclass
class _State:
    rng: random.Random
    areas: list[_Area] = field(default_factory=list)
    hubs: list[tuple[URIRef, str]] = field(default_factory=list)
    funders: list[URIRef] = field(default_factory=list)
    services: list[tuple[URIRef, str, list[_Area], URIRef]] = field(default_factory=list)
    people: list[tuple[URIRef, str]] = field(default_factory=list)


def _place_names(rng: random.Random, n: int) -> list[str]:
    names = [h + t for h in _PLACE_HEADS for t in _PLACE_TAILS]
    rng.shuffle(names)
    out = names[:n]
    while len(out) < n:  # more areas than combinations: number the rest
        out.append(f"{names[len(out) % len(names)]} {len(out) // len(names) + 1}")
    return out


def _areas(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    names = _place_names(state.rng, config.local_authorities)
    kinds = [(prefix, suffix) for prefix, suffix, count in _GSS_KINDS for _ in range(count)]
    for i, name in enumerate(names):
        prefix, suffix = kinds[i % len(kinds)]
        code = f"{prefix}{i + 1:06d}"
        area = _Area(_iri("la", code), name, code, _REGIONS[i % len(_REGIONS)])
        yield (
            area.iri,
            [
                (RDF.type, HS.LocalAuthority),
                (RDFS.label, Literal(f"{name} {suffix}", lang="en")),
                (HS.gssCode, Literal(code)),
                (HS.sector, URIRef(f"{_SECTOR}statutory")),
                (HS.agencyType, URIRef(f"{_AGENCY}local-authority")),
            ],
        )
        for key, kind, agency, sector in _PARTNERS:
            partner = _iri("org", f"{key}-{code.lower()}")
            area.partners.append(partner)
            yield (
                partner,
                [
                    (RDF.type, HS.Organisation),
                    (RDFS.label, Literal(f"{name} {kind}", lang="en")),
                    (HS.sector, URIRef(f"{_SECTOR}{sector}")),
                    (HS.agencyType, URIRef(f"{_AGENCY}{agency}")),
                    (_SUB_ORGANISATION_OF, area.iri),
                ],
            )
        state.areas.append(area)


def _hubs(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    count = max(1, config.services // 3)
    for i in range(count):
        area = state.areas[i % len(state.areas)]
        name = f"{area.name} {_CHARITY_WORDS[i % len(_CHARITY_WORDS)]}"
        hub = _iri("org", f"hub-{i + 1:04d}")
        state.hubs.append((hub, name))
        yield (
            hub,
            [
                (RDF.type, HS.Organisation),
                (RDFS.label, Literal(name, lang="en")),
                (HS.sector, URIRef(f"{_SECTOR}voluntary")),
                (HS.agencyType, URIRef(f"{_AGENCY}voluntary-organisation")),
                (HS.orgId, Literal(f"GB-CHC-{1000000 + i * 7919 % 8999999}")),
            ],
        )
    for i, region in enumerate(_REGIONS):
        funder = _iri("org", f"funder-{i + 1}")
        state.funders.append(funder)
        yield (
            funder,
            [
                (RDF.type, HS.Organisation),
                (RDFS.label, Literal(f"{region} Children's Fund", lang="en")),
                (HS.sector, URIRef(f"{_SECTOR}funder")),
                (HS.agencyType, URIRef(f"{_AGENCY}funder")),
            ],
        )


def _services(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    rng = state.rng
    for i in range(config.services):
        first = (i * 7) % len(state.areas)
        areas = [state.areas[(first + k) % len(state.areas)] for k in range(rng.randint(1, 3))]
        hub, _ = state.hubs[i % len(state.hubs)]
        phase = rng.randrange(3)
        service = _iri("service", f"{i + 1:05d}")
        name = f"{areas[0].name} Hub and Spoke service"
        if i >= len(state.areas):
            name = f"{areas[0].name} Hub and Spoke service {i // len(state.areas) + 1}"
        hosts = [rng.choice(area.partners) for area in areas]
        pairs: list[tuple[URIRef, Node]] = [
            (RDF.type, HS.Service),
            (RDFS.label, Literal(name, lang="en")),
            (HS.partOfProgramme, _PROGRAMME),
            (HS.hubOrganisation, hub),
            (HS.deliveryModel, _MODELS[rng.randrange(5)]),
            (HS.inPhase, _PHASES[phase]),
            (HS.startDate, _pl(2013 + phase + rng.randrange(2), XSD.gYear)),
        ]
        pairs += [(HS.servesArea, a.iri) for a in areas]
        pairs += [(HS.spokeHost, h) for h in sorted(set(hosts))]
        state.services.append((service, name, areas, hub))
        yield service, pairs


def _people(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    count = max(4, config.reports * 2)
    for i in range(count):
        given = _GIVEN[i % len(_GIVEN)]
        family = _FAMILY[(i // len(_GIVEN) + i) % len(_FAMILY)]
        person = _iri("person", f"{i + 1:05d}")
        name = f"{given} {family}"
        state.people.append((person, name))
        yield (
            person,
            [
                (RDF.type, HS.Person),
                (RDFS.label, Literal(f"{name} ({i + 1})", lang="en")),
                (FOAF.name, Literal(name)),
                (FOAF.givenName, Literal(given)),
                (FOAF.familyName, Literal(family)),
            ],
        )


class _Report:
    """Builds one report: its event and sessions, document, sections and statements."""

    def __init__(
        self, state: _State, number: int, series: URIRef, series_number: int, when: date
    ) -> None:
        self.state = state
        self.rng = state.rng
        self.number = number
        self.key = f"r{number:05d}"
        self.series = series
        self.series_number = series_number
        self.when = when
        self.document = _iri("report", self.key)
        self.event = _iri("event", self.key)
        _, _, self.areas, self.hub = self.rng.choice(state.services)
        self.hub_name = next(n for h, n in state.hubs if h == self.hub)
        self.place = self.areas[0].name
        self.line = 5
        self.out: list[Entity] = []
        self.first_statement: URIRef | None = None
        self.authors: list[URIRef] = []
        schemes = _schemes()
        self.topics = schemes["Topic"]
        self.groups = schemes["TargetGroup"]
        self.agency_types = schemes["AgencyType"]
        self.roles = schemes["Role"]

    # -- helpers
    def _topics(self, k: int) -> list[tuple[URIRef, str]]:
        return self.rng.sample(self.topics, k)

    def _fill(self, template: str, topic: str) -> str:
        partner = self.rng.choice(self.areas[0].partners)
        agency = str(partner).rsplit("/", 1)[1].split("-", 1)[0]
        agency_name = {
            "police": "the police",
            "csc": "children's social care",
            "health": "health services",
            "youth": "youth services",
        }[agency]
        return template.format(
            topic=topic,
            place=self.place,
            agency=agency_name,
            hub=self.hub_name,
            count=self.rng.randint(15, 80),
            agency_type=self.rng.choice(("Local authorities", "Police forces", "Health trusts")),
        )

    def _section(
        self,
        local: str,
        title: str,
        number: str | None,
        position: int,
        session: URIRef,
        parent: URIRef | None = None,
    ) -> tuple[URIRef, int]:
        section = _iri("report", f"{self.key}-section-{local}")
        start = self.line
        self.line += 2
        pairs: list[tuple[URIRef, Node]] = [
            (RDF.type, HS.Section),
            (RDFS.label, Literal(f"{number}. {title}" if number else title, lang="en")),
            (DCTERMS.title, Literal(title)),
            (HS.sectionOf, self.document),
            (HS.position, _pl(position, XSD.positiveInteger)),
            (HS.describesSession, session),
        ]
        if number:
            pairs.append((HS.sectionNumber, Literal(number)))
        if parent is not None:
            pairs.append((HS.parentSection, parent))
        self.out.append((section, pairs))
        return section, start

    def _close(self, section: URIRef, start: int) -> None:
        for subject, pairs in reversed(self.out):
            if subject == section:
                pairs += [
                    (HS.startLine, _pl(start, XSD.positiveInteger)),
                    (HS.endLine, _pl(self.line - 1, XSD.positiveInteger)),
                ]
                return

    def _statement(
        self,
        cls: URIRef,
        text: str,
        section: URIRef,
        position: int,
        topics: Iterable[URIRef],
        extra: list[tuple[URIRef, Node]],
    ) -> URIRef:
        start = self.line
        end = start + (1 if len(text) > 110 else 0)
        self.line = end + 2
        statement = _iri("report", f"{self.key}-line-{start}")
        pairs: list[tuple[URIRef, Node]] = [
            (RDF.type, cls),
            (RDFS.label, Literal(_label(text), lang="en")),
            (HS.text, Literal(text)),
            (HS.sourceDocument, self.document),
            (HS.inSection, section),
            (HS.startLine, _pl(start, XSD.positiveInteger)),
            (HS.endLine, _pl(end, XSD.positiveInteger)),
            (HS.position, _pl(position, XSD.positiveInteger)),
        ]
        pairs += [(HS.concernsTopic, t) for t in topics]
        pairs += extra
        self.out.append((statement, pairs))
        if self.first_statement is None:
            self.first_statement = statement
        return statement

    # -- the report
    def build(self) -> list[Entity]:
        rng = self.rng
        sessions = {
            kind: _iri("event", f"{self.key}-{kind}")
            for kind in ("findings", "models", "roundtables", "feedback")
        }
        # 1. background
        background, start = self._section("1", "BACKGROUND", "1", 1, self.event)
        for i, template in enumerate(_NARRATIVES, start=1):
            topic, label = self._topics(1)[0]
            self._statement(
                HS.Narrative,
                self._fill(template, label),
                background,
                i,
                [topic],
                [(HS.about, self.event)],
            )
        self._close(background, start)
        # 2. findings: one objective, its themes and their findings
        findings, start = self._section(
            "2", "PRESENTATION OF FINDINGS", "2", 2, sessions["findings"]
        )
        position = 1
        objective = self._statement(
            HS.EvaluationObjective,
            f"Objective {self.number % 3 + 1}: supporting specialist CSE workers in {self.place}",
            findings,
            position,
            [],
            [
                (HS.objectiveNumber, _pl(self.number % 3 + 1, XSD.positiveInteger)),
                (HS.objectiveOf, _EVALUATION),
            ],
        )
        for theme_number in range(1, rng.randint(2, 3) + 1):
            position += 1
            topic, label = self._topics(1)[0]
            theme = self._statement(
                HS.EvaluationTheme,
                f"Theme {theme_number}: {label}",
                findings,
                position,
                [topic],
                [
                    (HS.themeNumber, _pl(theme_number, XSD.positiveInteger)),
                    (HS.underObjective, objective),
                ],
            )
            for _ in range(rng.randint(3, 6)):
                position += 1
                tagged = [topic] + [t for t, _ in self._topics(rng.randint(0, 2))]
                text = self._fill(rng.choice(_FINDINGS), label)
                self._statement(
                    HS.Finding,
                    text,
                    findings,
                    position,
                    sorted(set(tagged)),
                    [(HS.underTheme, theme), (HS.raisedIn, sessions["findings"])],
                )
        self._close(findings, start)
        # 3. roundtable questions with the points that answer them
        roundtables, start = self._section(
            "3", "ROUNDTABLE DISCUSSIONS", "3", 3, sessions["roundtables"]
        )
        for q, letter in enumerate("abcd"[: rng.randint(2, 4)], start=1):
            topic, label = self._topics(1)[0]
            question_text = rng.choice(_QUESTIONS).format(topic=label)
            sub, sub_start = self._section(
                f"3{letter}",
                question_text,
                f"3{letter}",
                q,
                sessions["roundtables"],
                parent=roundtables,
            )
            question = self._statement(
                HS.DiscussionQuestion,
                question_text,
                sub,
                1,
                [topic],
                [(HS.questionLetter, Literal(letter)), (HS.discussedAt, sessions["roundtables"])],
            )
            for p in range(2, rng.randint(6, 12)):
                challenge = rng.random() < 0.2
                template = rng.choice(_CHALLENGES if challenge else _POINTS)
                group = rng.choice(self.groups)[0]
                extra: list[tuple[URIRef, Node]] = [
                    (HS.answers, question),
                    (HS.raisedIn, sessions["roundtables"]),
                    (HS.concernsGroup, group),
                ]
                if rng.random() < 0.3:
                    extra.append((HS.namesAgency, rng.choice(self.areas[0].partners)))
                self._statement(
                    HS.Challenge if challenge else HS.DiscussionPoint,
                    self._fill(template, label),
                    sub,
                    p,
                    sorted({topic, *(t for t, _ in self._topics(rng.randint(0, 1)))}),
                    extra,
                )
            self._close(sub, sub_start)
        self._close(roundtables, start)
        # 4. support requested from a funder
        funder = rng.choice(self.state.funders)
        support, start = self._section(
            "4", "WHAT SUPPORT COULD FUNDERS PROVIDE?", "4", 4, self.event
        )
        for p in range(1, rng.randint(3, 6) + 1):
            topic, label = self._topics(1)[0]
            self._statement(
                HS.SupportRequest,
                self._fill(rng.choice(_REQUESTS), label),
                support,
                p,
                [topic],
                [(HS.addressedTo, funder), (HS.raisedIn, self.event), (HS.namesAgency, funder)],
            )
        self._close(support, start)
        # 5. recommendations to agency types, roles or the local authority
        recommendations, start = self._section("5", "RECOMMENDATIONS", "5", 5, self.event)
        for p in range(1, rng.randint(4, 9) + 1):
            topic, label = self._topics(1)[0]
            addressee = rng.choice(
                (
                    rng.choice(self.agency_types)[0],
                    rng.choice(self.roles)[0],
                    self.areas[0].iri,
                )
            )
            cls = HS.PolicySuggestion if rng.random() < 0.3 else HS.Recommendation
            self._statement(
                cls,
                self._fill(rng.choice(_RECOMMENDATIONS), label),
                recommendations,
                p,
                [topic],
                [
                    (HS.addressedTo, addressee),
                    (HS.raisedIn, self.event),
                    (HS.concernsGroup, rng.choice(self.groups)[0]),
                ],
            )
        self._close(recommendations, start)
        # 6. feedback
        feedback, start = self._section("6", "EVENT FEEDBACK", "6", 6, sessions["feedback"])
        self._statement(
            HS.FeedbackComment,
            f"Participants rated the day highly and asked for a further event in {self.place}",
            feedback,
            1,
            [URIRef(f"{HSD}topic/event-organisation")],
            [(HS.raisedIn, sessions["feedback"])],
        )
        self._close(feedback, start)
        return [*self._event(sessions), self._document(), *self.out]

    def _event(self, sessions: dict[str, URIRef]) -> list[Entity]:
        rng = self.rng
        evidence = self.first_statement
        assert evidence is not None
        phases = sorted(rng.sample(_PHASES, rng.randint(1, 3)))
        attendees = sorted({self.hub, *self.areas[0].partners[: rng.randint(1, 4)]})
        event: Entity = (
            self.event,
            [
                (RDF.type, HS.LearningExchange if self.number % 4 else HS.Meeting),
                (
                    RDFS.label,
                    Literal(f"Learning Exchange, {self.place}, {self.when.isoformat()}", lang="en"),
                ),
                (HS.inSeries, self.series),
                (HS.seriesNumber, _pl(self.series_number, XSD.positiveInteger)),
                (HS.date, _pl(self.when.isoformat(), XSD.date)),
                (HS.dateStatus, HS.Confirmed),
                (HS.attendeeCount, _pl(rng.randint(15, 80), XSD.nonNegativeInteger)),
                (HS.organisedBy, self.hub),
                (HS.evidence, evidence),
                *((HS.bringsTogetherPhase, p) for p in phases),
                *((HS.attendedBy, a) for a in attendees),
            ],
        )
        labels = {
            "findings": (HS.FindingsPresentation, "Presentation of findings"),
            "models": (HS.ModelPresentations, "Models of Hub and Spoke"),
            "roundtables": (HS.Roundtable, "Roundtable discussions"),
            "feedback": (HS.FeedbackSession, "Event feedback"),
        }
        out = [event]
        for kind, session in sessions.items():
            cls, title = labels[kind]
            pairs: list[tuple[URIRef, Node]] = [
                (RDF.type, cls),
                (RDFS.label, Literal(f"{title} ({self.place}, {self.when.year})", lang="en")),
                (HS.sessionOf, self.event),
                (HS.evidence, evidence),
            ]
            if kind == "roundtables":
                pairs.append((HS.groupCount, _pl(rng.randint(2, 6), XSD.positiveInteger)))
            out.append((session, pairs))
        for k, model in enumerate(sorted(rng.sample(_MODELS, rng.randint(1, 3))), start=1):
            out.append(
                (
                    _iri("event", f"{self.key}-model-{k}"),
                    [
                        (RDF.type, HS.ModelPresentation),
                        (
                            RDFS.label,
                            Literal(
                                f"Presentation of {model.rsplit('/', 1)[1]} "
                                f"({self.place}, {self.when.year})",
                                lang="en",
                            ),
                        ),
                        (HS.sessionOf, sessions["models"]),
                        (HS.presentsModel, model),
                        (HS.presentingServiceCount, _pl(rng.randint(1, 4), XSD.nonNegativeInteger)),
                        (HS.evidence, evidence),
                    ],
                )
            )
        return out

    def _document(self) -> Entity:
        authors = self.rng.sample(self.state.people, min(3, len(self.state.people)))
        self.authors = sorted(person for person, _ in authors)
        title = f"Learning Exchange Event Report: {self.place} ({self.when.isoformat()})"
        pairs: list[tuple[URIRef, Node]] = [
            (RDF.type, HS.Document),
            (RDFS.label, Literal(title, lang="en")),
            (DCTERMS.title, Literal(title)),
            (HS.reportsOn, self.event),
            (HS.publishedBy, self.hub),
            (DCTERMS.issued, _pl((self.when + timedelta(days=30)).isoformat(), XSD.date)),
        ]
        pairs += [(HS.author, person) for person in self.authors]
        return self.document, pairs


def _series(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    for i, region in enumerate(_REGIONS):
        yield (
            _iri("series", f"region-{i + 1}"),
            [
                (RDF.type, HS.EventSeries),
                (RDFS.label, Literal(f"{region} Learning Exchange", lang="en")),
            ],
        )


def _reports(state: _State, config: SyntheticConfig) -> Iterator[Entity]:
    counters = [0] * len(_REGIONS)
    start = date(2014, 1, 15)
    holding = 0
    for number in range(1, config.reports + 1):
        region = number % len(_REGIONS)
        counters[region] += 1
        when = start + timedelta(days=7 * number + state.rng.randrange(5))
        report = _Report(
            state, number, _iri("series", f"region-{region + 1}"), counters[region], when
        )
        yield from report.build()
        # the authors' roles, evidenced by the report's first statement
        evidence = report.first_statement
        assert evidence is not None
        for author in report.authors:
            holding += 1
            yield (
                _iri("holding", f"{holding:06d}"),
                [
                    (RDF.type, HS.RoleHolding),
                    (RDFS.label, Literal(f"Report author {holding}", lang="en")),
                    (HS.holder, author),
                    (HS.role, URIRef(f"{_ROLE}practitioner")),
                    (HS.within, report.hub),
                    (HS.evidence, evidence),
                ],
            )


def entities(config: SyntheticConfig) -> Iterator[Entity]:
    """Every synthetic entity with its (predicate, object) pairs, in a fixed order."""
    state = _State(random.Random(config.seed))
    yield from _areas(state, config)
    yield from _hubs(state, config)
    yield from _services(state, config)
    yield from _people(state, config)
    yield from _series(state, config)
    yield from _reports(state, config)


def synthesize(config: SyntheticConfig) -> Graph:
    """The synthetic graph in memory (for small configurations; large ones: write a file)."""
    g = Graph()
    for subject, pairs in entities(config):
        for predicate, obj in pairs:
            g.add((subject, predicate, obj))
    return g


# ---------------------------------------------------------------------------- Turtle


def _prefixes() -> dict[str, str]:
    names = {
        "hs": PREFIXES["hs"],
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
        "dcterms": str(DCTERMS),
        "foaf": str(FOAF),
        "org": "http://www.w3.org/ns/org#",
        "topic": PREFIXES["topic"],
        "group": PREFIXES["group"],
        "agency": PREFIXES["agency"],
        "sector": PREFIXES["sector"],
        "role": PREFIXES["role"],
        "model": PREFIXES["model"],
        "phase": PREFIXES["phase"],
        "hsd": str(HSD),
    }
    for collection in _COLLECTIONS:
        names[f"syn-{collection}"] = f"{SYNTHETIC}{collection}/"
    return names


_SAFE_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


class _Turtle:
    def __init__(self) -> None:
        prefixes = _prefixes()
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {}

    def head(self) -> str:
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.prefixes)]
        return "\n".join(
            ["# Synthetic hubspoke data (graph.synthetic): not real services.", *lines, "", ""]
        )

    def iri(self, iri: str) -> str:
        short = self.cache.get(iri)
        if short is None:
            short = f"<{iri}>"
            for prefix, ns in self.prefixes:
                if iri.startswith(ns):
                    local = iri[len(ns) :]
                    if local and set(local) <= _SAFE_LOCAL:
                        short = f"{prefix}:{local}"
                    break
            if len(self.cache) < 100_000:
                self.cache[iri] = short
        return short

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return "a" if node == RDF.type else self.iri(str(node))
        if node.datatype is not None:
            return f'"{node}"^^{self.iri(str(node.datatype))}'
        return node.n3()

    def entity(self, subject: URIRef, pairs: list[tuple[URIRef, Node]]) -> str:
        lines = []
        for i, (predicate, obj) in enumerate(pairs):
            sep = " ." if i == len(pairs) - 1 else " ;"
            lines.append(f"    {self.term(predicate)} {self.term(obj)}{sep}")
        return f"{self.iri(str(subject))}\n" + "\n".join(lines) + "\n\n"


def write_synthetic(path: Path, config: SyntheticConfig) -> Path:
    """Write the synthetic graph of ``config`` as Turtle to ``path`` (atomically); return it.

    The file streams entity by entity, so a million triples never sit in memory as one
    string or one graph.
    """

    def write(handle: IO[bytes]) -> None:
        turtle = _Turtle()
        handle.write(turtle.head().encode("utf-8"))
        batch: list[str] = []
        for subject, pairs in entities(config):
            batch.append(turtle.entity(subject, pairs))
            if len(batch) >= 2000:
                handle.write("".join(batch).encode("utf-8"))
                batch.clear()
        handle.write("".join(batch).encode("utf-8"))

    return write_with(Path(path), write)
