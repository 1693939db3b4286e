"""The hubspoke vocabulary as a closed namespace: a misspelt term fails loudly.

Generated from ``ontology/hubspoke.ttl`` by ``scripts/generate_vocabulary.py``; do not edit.

Examples
--------
>>> from graph.rdf.vocabulary import HS
>>> HS.Statement
rdflib.term.URIRef('https://w3id.org/hubspoke/ontology#Statement')
>>> HS.Statment  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Statment' not in namespace 'https://w3id.org/hubspoke/ontology#'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["HS"]


class HS(DefinedNamespace):
    """Terms of the hubspoke ontology (classes, properties and named individuals)."""

    _fail = True
    _NS = Namespace("https://w3id.org/hubspoke/ontology#")

    AgencyType: URIRef  # agency type
    Aim: URIRef  # aim
    Challenge: URIRef  # challenge
    Citation: URIRef  # citation
    Claim: URIRef  # claim
    CodeAssignment: URIRef  # code assignment
    Coder: URIRef  # coder
    Confirmed: URIRef  # confirmed
    DateStatus: URIRef  # date status
    Deliverable: URIRef  # deliverable
    DeliveryModel: URIRef  # Hub and Spoke delivery model
    DiscussionPoint: URIRef  # discussion point
    DiscussionQuestion: URIRef  # discussion question
    Document: URIRef  # document
    Evaluation: URIRef  # evaluation
    EvaluationObjective: URIRef  # evaluation objective
    EvaluationStrand: URIRef  # evaluation strand
    EvaluationTheme: URIRef  # evaluation theme
    Event: URIRef  # event
    EventSeries: URIRef  # event series
    FeedbackComment: URIRef  # feedback comment
    FeedbackSession: URIRef  # feedback session
    Finding: URIRef  # finding
    FindingsPresentation: URIRef  # presentation of findings
    FunderConsultation: URIRef  # funder consultation
    LeadIn: URIRef  # lead-in
    LearningExchange: URIRef  # learning exchange
    LocalAuthority: URIRef  # local authority
    Meeting: URIRef  # meeting
    Memo: URIRef  # memo
    ModelPresentation: URIRef  # model presentation
    ModelPresentations: URIRef  # model presentations session
    Narrative: URIRef  # narrative paragraph
    Organisation: URIRef  # organisation
    ParticipationSession: URIRef  # participation session
    Person: URIRef  # person
    PolicySuggestion: URIRef  # policy suggestion
    PolicyUpdate: URIRef  # policy update
    Programme: URIRef  # programme
    ProgrammePhase: URIRef  # programme phase
    Provisional: URIRef  # provisional
    Public: URIRef  # public
    Recommendation: URIRef  # recommendation
    Restricted: URIRef  # restricted
    Role: URIRef  # role
    RoleHolding: URIRef  # role holding
    Roundtable: URIRef  # roundtable discussions
    Section: URIRef  # section
    Sector: URIRef  # sector
    SensitivityLevel: URIRef  # sensitivity level
    Service: URIRef  # Hub and Spoke service
    Session: URIRef  # session
    Statement: URIRef  # statement
    SupportRequest: URIRef  # support request
    TargetGroup: URIRef  # target group
    TeamOnly: URIRef  # team
    Topic: URIRef  # topic
    WebPage: URIRef  # web page
    about: URIRef  # about
    acronym: URIRef  # acronym
    activeYear: URIRef  # active year
    addressedTo: URIRef  # addressed to
    agencySector: URIRef  # sector of agencies of this type
    agencyType: URIRef  # has agency type
    aimOf: URIRef  # aim of
    answers: URIRef  # answers
    assignedCode: URIRef  # assigned code
    attendedBy: URIRef  # attended by
    attendeeCount: URIRef  # attendee count
    author: URIRef  # author
    availableFrom: URIRef  # available from
    bringsTogetherPhase: URIRef  # brings together phase
    citedDocument: URIRef  # cited document
    citedFor: URIRef  # cited for
    cites: URIRef  # cites
    citesSource: URIRef  # cites source
    claimedProperty: URIRef  # claimed property
    claimedValue: URIRef  # claimed value
    codedBy: URIRef  # coded by
    codedOn: URIRef  # coded on
    codedStatement: URIRef  # coded statement
    concernsGroup: URIRef  # concerns group
    concernsRole: URIRef  # concerns role
    concernsTopic: URIRef  # concerns topic
    conductedBy: URIRef  # conducted by
    consideredQuestion: URIRef  # considered question
    contactDetail: URIRef  # holds contact details
    date: URIRef  # date
    dateStatus: URIRef  # has date status
    deliveryModel: URIRef  # delivery model
    describesSession: URIRef  # describes session
    developedBy: URIRef  # developed by
    discussedAt: URIRef  # discussed at
    dueYear: URIRef  # due year
    email: URIRef  # e-mail address
    endDate: URIRef  # end date
    endLine: URIRef  # end line
    evaluates: URIRef  # evaluates
    evidence: URIRef  # evidence
    firstTimeTogether: URIRef  # first time together
    focus: URIRef  # focus
    fundedBy: URIRef  # funded by
    groupCount: URIRef  # group count
    gssCode: URIRef  # GSS code
    holder: URIRef  # holder
    honorific: URIRef  # post-nominal
    hubOrganisation: URIRef  # hub organisation
    inPhase: URIRef  # in phase
    inSection: URIRef  # in section
    inSeries: URIRef  # in series
    involves: URIRef  # involves
    isbn: URIRef  # ISBN
    memoAbout: URIRef  # memo about
    memoText: URIRef  # memo text
    modelNumber: URIRef  # model number
    namesAgency: URIRef  # names agency
    objectiveNumber: URIRef  # objective number
    objectiveOf: URIRef  # objective of
    orgId: URIRef  # org-id identifier
    organisedBy: URIRef  # organised by
    pages: URIRef  # pages
    parentSection: URIRef  # parent section
    partOfProgramme: URIRef  # part of programme
    partOfStatement: URIRef  # part of statement
    phaseNumber: URIRef  # phase number
    position: URIRef  # position
    presentedByRole: URIRef  # presented by role
    presentingServiceCount: URIRef  # presenting service count
    presentsModel: URIRef  # presents model
    proposedFor: URIRef  # proposed for
    publishedBy: URIRef  # published by
    questionLetter: URIRef  # question letter
    raisedIn: URIRef  # raised in
    reportsOn: URIRef  # reports on
    role: URIRef  # has role
    sectionNumber: URIRef  # section number
    sectionOf: URIRef  # section of
    sector: URIRef  # has sector
    sensitivity: URIRef  # sensitivity
    seriesNumber: URIRef  # number in series
    servesArea: URIRef  # serves area
    sessionOf: URIRef  # session of
    sourceDocument: URIRef  # source document
    spokeHost: URIRef  # spoke host agency
    spokeSetting: URIRef  # places spokes in
    startDate: URIRef  # start date
    startLine: URIRef  # start line
    strandOf: URIRef  # strand of
    supportedBy: URIRef  # supported by
    telephone: URIRef  # telephone number
    text: URIRef  # verbatim text
    themeNumber: URIRef  # theme number
    underObjective: URIRef  # under objective
    underTheme: URIRef  # under theme
    url: URIRef  # address
    within: URIRef  # within
    workingPattern: URIRef  # working pattern
