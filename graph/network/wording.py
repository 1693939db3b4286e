"""Links in plain words: what each property of a view says, read forwards and backwards.

A view's link ``A --property--> B`` is read "A *forward* B" ("WISE *is run by* Barnardo's")
and, from B's side, "B *backward* A" ("Barnardo's *runs* WISE"). Maps and exports show these
phrases instead of property names, so a reader who has never seen the ontology can follow a
link. A property missing from :data:`LINK_WORDS` is read by its ``rdfs:label``.

Examples
--------
>>> link_words("https://w3id.org/hubspoke/ontology#fundedBy")
('is funded by', 'funds')
>>> link_words("https://example.org/unknown#prop", label="some property")
('some property', 'is some property of')
"""

from __future__ import annotations

__all__ = ["LINK_WORDS", "link_words"]

_HS = "https://w3id.org/hubspoke/ontology#"

#: Forward and backward phrases of the properties the views draw, by local name (hs:) or IRI.
LINK_WORDS: dict[str, tuple[str, str]] = {
    # who works with whom
    "hubOrganisation": ("is run by", "runs"),
    "spokeHost": ("places spokes in", "hosts spokes from"),
    "fundedBy": ("is funded by", "funds"),
    "supportedBy": ("is supported by", "supports"),
    "spokeSetting": ("places spokes in", "hosts spokes of"),
    "strandOf": ("is a strand of", "has the strand"),
    "agencySector": ("is in the sector", "includes"),
    "servesArea": ("serves", "is served by"),
    "agencyType": ("is a", "includes"),
    "sector": ("is in the sector", "includes"),
    "http://www.w3.org/ns/org#subOrganizationOf": ("is part of", "includes"),
    "attendedBy": ("was attended by", "attended"),
    "organisedBy": ("was organised by", "organised"),
    "involves": ("involved", "took part in"),
    "conductedBy": ("is carried out by", "carries out"),
    "developedBy": ("is developed by", "develops"),
    "availableFrom": ("is available from", "can supply"),
    "within": ("works within", "has among its people"),
    "role": ("holds the role", "is held by"),
    "holder": ("is held by", "holds"),
    "evaluates": ("evaluates", "is evaluated by"),
    "addressedTo": ("is addressed to", "is asked by"),
    "namesAgency": ("names", "is named in"),
    "about": ("is about", "is the subject of"),
    # what was learned where
    "sessionOf": ("is a session of", "has the session"),
    "discussedAt": ("was discussed at", "discussed"),
    "answers": ("answers", "is answered by"),
    "raisedIn": ("was raised in", "heard"),
    "underTheme": ("comes under the theme", "covers"),
    "underObjective": ("comes under the objective", "covers"),
    "objectiveOf": ("is an objective of", "has the objective"),
    "aimOf": ("is an aim of", "has the aim"),
    "concernsTopic": ("is about", "is discussed in"),
    "concernsGroup": ("is about", "is discussed in"),
    "concernsRole": ("is about", "is discussed in"),
    "partOfStatement": ("is part of", "includes"),
    "presentsModel": ("presents", "is presented in"),
    "presentedByRole": ("was presented by", "presented"),
    "inSeries": ("is one of the series", "includes"),
    "http://www.w3.org/2004/02/skos/core#related": (
        "discussed together with",
        "discussed together with",
    ),
    "http://www.w3.org/2004/02/skos/core#broader": ("is a kind of", "includes"),
    # programme and models
    "deliveryModel": ("follows", "is followed by"),
    "inPhase": ("is in", "includes"),
    "partOfProgramme": ("is part of", "includes"),
    "bringsTogetherPhase": ("brought together services of", "was brought together at"),
    "dateStatus": ("has a date that is", "is the date status of"),
    # documents and sources
    "evidence": ("is stated in", "states"),
    "inSection": ("is in the section", "contains"),
    "sourceDocument": ("is quoted from", "is the source of"),
    "sectionOf": ("is a section of", "has the section"),
    "parentSection": ("is a part of the section", "has the subsection"),
    "describesSession": ("reports on", "is reported in"),
    "reportsOn": ("reports on", "is reported in"),
    "publishedBy": ("was published by", "published"),
    "author": ("was written by", "wrote"),
    "cites": ("cites", "is cited by"),
    "citedDocument": ("refers to", "is referred to by"),
    "citesSource": ("is quoted from", "is the source of"),
    "sensitivity": ("may be seen by", "is the audience of"),
}


def link_words(prop: str, *, label: str | None = None) -> tuple[str, str]:
    """The forward and backward phrases of the property ``prop`` (an IRI).

    A property not in :data:`LINK_WORDS` reads as its ``label`` (or its local name) forwards
    and "is LABEL of" backwards.
    """
    key = prop[len(_HS) :] if prop.startswith(_HS) else prop
    if key in LINK_WORDS:
        return LINK_WORDS[key]
    name = label or key.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return name, f"is {name} of"
