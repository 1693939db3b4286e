"""The audience policy itself: contact details found in every real-world form, a sensitivity
that must be a level of the scheme, withheld names masked in derived labels and texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SDO, XSD

import graph
from graph.errors import AudienceError
from graph.privacy import AudiencePolicy, check_audience, find_contacts, mask_contacts, redact
from graph.privacy.contacts import iri_holds_contact, is_contact_link
from graph.rdf.namespaces import HS

# (text, the contact details in it)
CONTACT_FORMS = [
    ("ring 0044 1632 960005 today", ["0044 1632 960005"]),
    ("ring 00 44 1632 960 008 today", ["00 44 1632 960 008"]),
    ("Fax: 01632 960999", ["01632 960999"]),
    ("fax +44 (0)1632 960 999", ["+44 (0)1632 960 999"]),
    ("tel. +44 1632 960123", ["+44 1632 960123"]),
    ("(01632) 960123", ["(01632) 960123"]),
    ("01632-960-123 or 01632.960.123", ["01632-960-123", "01632.960.123"]),
    ("Tel/Fax 01632/960123", ["01632/960123"]),
    ("mobile 07700 900123", ["07700 900123"]),
    ("call +1 202 555 0143", ["+1 202 555 0143"]),
    ("write to Jo.Bloggs@example.org.", ["Jo.Bloggs@example.org"]),
    ("mailto:jo+cse@sub.example.co.uk", ["jo+cse@sub.example.co.uk"]),
    ("o'neil@example.org", ["o'neil@example.org"]),
]
# texts that hold numbers but no contact detail
NOT_CONTACTS = [
    "Between 2013 and 2017, 30 people met on 2015-12-01.",
    "ISBN 9781911168447, pages 169-178",
    "GSS code E06000055, charity 1099682",
    "0.5 of a post, 3.0123456 ratio",
    "dated 01/12/2015",
    "a ratio of 0.1234567890123",
]


@pytest.mark.parametrize("text, contacts", CONTACT_FORMS, ids=[t for t, _ in CONTACT_FORMS])
def test_contact_details_are_found_in_every_form(text: str, contacts: list[str]) -> None:
    assert find_contacts(text) == contacts
    masked = mask_contacts(text)
    assert all(contact not in masked for contact in contacts)


@pytest.mark.parametrize("text", NOT_CONTACTS)
def test_numbers_that_are_not_contacts_are_left_alone(text: str) -> None:
    assert find_contacts(text) == [] and mask_contacts(text) == text


S = URIRef("https://w3id.org/hubspoke/id/person/someone")

# (a triple, whether a public output may hold it as it is)
CONTACT_TRIPLES = [
    ((S, HS.email, Literal("jo@example.org")), "dropped"),
    ((S, SDO.faxNumber, Literal("01632 960999")), "dropped"),
    ((S, FOAF.mbox, URIRef("mailto:jo@example.org")), "dropped"),
    ((S, SDO.url, Literal("mailto:jo@example.org", datatype=XSD.anyURI)), "dropped"),
    ((S, SDO.url, Literal("MAILTO:jo@example.org", datatype=XSD.anyURI)), "dropped"),
    ((S, RDFS.seeAlso, URIRef("tel:+441632960123")), "dropped"),
    ((S, RDFS.comment, Literal("jo@example.org", datatype=XSD.token)), "masked"),
    ((S, RDFS.comment, Literal("ring 0044 1632 960005", datatype=XSD.normalizedString)), "masked"),
    ((S, RDFS.comment, Literal("ring 0044 1632 960005", lang="en")), "masked"),
    ((S, RDFS.seeAlso, URIRef("https://example.org/people/jo.bloggs@example.org")), "dropped"),
    ((S, RDFS.seeAlso, URIRef("https://example.org/people/jo.bloggs%40example.org")), "dropped"),
    ((URIRef("https://example.org/jo@example.org"), RDFS.label, Literal("Jo")), "dropped"),
    ((S, RDFS.comment, Literal("30 people in 2015")), "kept"),
]


@pytest.mark.parametrize(
    "triple, fate", CONTACT_TRIPLES, ids=[f"{t[1]}-{t[2]}" for t, _ in CONTACT_TRIPLES]
)
def test_a_public_graph_holds_no_contact_detail(
    triple: tuple[URIRef, URIRef, Literal], fate: str
) -> None:
    g = Graph()
    g.add(triple)
    public = redact(g, "public")
    if fate == "kept":
        assert set(public) == {triple}
    elif fate == "dropped":
        assert len(public) == 0
    else:
        ((_, _, masked),) = list(public)
        assert isinstance(masked, Literal) and masked.datatype == triple[2].datatype
        assert find_contacts(str(masked)) == [] and "withheld]" in str(masked)
    assert set(redact(g, "team")) == {triple}  # the team keeps contact details


def test_contact_links_and_iris_are_recognised() -> None:
    assert is_contact_link(URIRef("fax:+441632960999"))
    assert iri_holds_contact(URIRef("https://example.org/a?email=jo%40example.org"))
    assert not iri_holds_contact(URIRef("https://w3id.org/hubspoke/id/org/csefa"))


# (the value of hs:sensitivity, whether the public and the team may see the node)
SENSITIVITIES = [
    (HS.Public, True, True),
    (HS.TeamOnly, False, True),
    (HS.Restricted, False, False),
    (Literal("restricted"), False, False),  # a string is not a level: fail closed
    (Literal("public"), False, False),
    (URIRef("https://w3id.org/hubspoke/ontology#Restrictd"), False, False),  # misspelt
]


@pytest.mark.parametrize(
    "level, public, team", SENSITIVITIES, ids=[str(s[0]) for s in SENSITIVITIES]
)
def test_only_the_levels_of_the_scheme_let_a_node_through(
    level: object, public: bool, team: bool
) -> None:
    g = Graph()
    g.add((S, HS.sensitivity, level))  # type: ignore[arg-type]
    g.add((S, RDFS.label, Literal("Someone")))
    assert AudiencePolicy.of(g, "public").allows(S) is public
    assert AudiencePolicy.of(g, "team").allows(S) is team


def test_a_sensitivity_given_as_a_string_is_a_violation(tmp_path: Path) -> None:
    data = tmp_path / "string-sensitivity.ttl"
    data.write_text(
        "@prefix hs: <https://w3id.org/hubspoke/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/hubspoke/id/org/x> a hs:Organisation ; rdfs:label "X"@en ;\n'
        '    hs:sensitivity "restricted" .\n',
        encoding="utf-8",
    )
    report = graph.load([data]).validate(warnings=False)
    rules = [v.rule for v in report.violations if v.path == "hs:sensitivity"]
    assert rules == ["hsh:SensitivityShape"]


def test_a_restricted_persons_name_is_masked_wherever_it_stays() -> None:
    g = Graph()
    person, holding, statement = (URIRef(f"https://example.org/{n}") for n in ("p", "h", "s"))
    g.add((person, RDF.type, HS.Person))
    g.add((person, FOAF.name, Literal("Ulrich Hiddenfield")))
    g.add((person, HS.sensitivity, HS.Restricted))
    g.add((holding, HS.holder, person))
    g.add((holding, RDFS.label, Literal("Ulrich Hiddenfield, lead", lang="en")))
    g.add(
        (
            statement,
            HS.text,
            Literal("Mr Hiddenfield and ULRICH HIDDENFIELD? Ulrich  Hiddenfield said"),
        )
    )
    for audience in ("public", "team"):
        seen = redact(g, audience)
        assert (holding, None, None) not in seen  # the role holding goes with its holder
        (text,) = seen.objects(statement, HS.text)
        assert "Hiddenfield" not in str(text)
        assert str(text).startswith("Mr [name withheld] and")


@pytest.mark.parametrize("audience", ["restricted", "everyone", ""])
def test_restricted_is_never_an_audience(audience: str) -> None:
    with pytest.raises(AudienceError, match="unknown audience"):
        check_audience(audience)
