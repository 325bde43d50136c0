"""The ``ng:`` vocabulary as a closed rdflib namespace.

GENERATED FILE, DO NOT EDIT. It is written by ``scripts/gen_namespace.py``
from ``ontology/newsgraph.ttl``; after changing the ontology, regenerate it
with::

    .venv/bin/python scripts/gen_namespace.py

(``tests/test_ontology.py`` fails while this file is stale.)
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["NG"]


class NG(DefinedNamespace):
    """newsgraph ontology terms, ``https://w3id.org/newsgraph/ontology#``.

    The namespace is closed: ``NG.Statement`` and ``NG["Statement"]`` give the
    term's ``URIRef``; an undeclared name raises ``AttributeError``.

    Some term names (``count``, ``text``, ``date``, ...) are also names of
    ``str`` methods. Attribute access ``NG.count`` still returns the term,
    because ``NG`` is a class, not a ``str``, and lookups fall through to the
    namespace metaclass; ``NG["count"]`` is the form that is safe everywhere
    (e.g. with type checkers and linters) and is preferred for those names.
    """

    _NS = Namespace("https://w3id.org/newsgraph/ontology#")
    _fail = True

    # Classes
    Actor: URIRef  # actor
    Article: URIRef  # article
    CasualtyFigure: URIRef  # casualty figure
    Conflict: URIRef  # conflict
    Country: URIRef  # country
    Event: URIRef  # event
    Group: URIRef  # group
    MediationGroup: URIRef  # mediation group
    Mention: URIRef  # mention
    Organization: URIRef  # organization
    Person: URIRef  # person
    Place: URIRef  # place
    Statement: URIRef  # statement

    # Properties
    about: URIRef  # about
    affected: URIRef  # affected
    affiliatedWith: URIRef  # affiliated with
    agent: URIRef  # agent
    anchorOf: URIRef  # anchor of
    beginIndex: URIRef  # begin index
    casualtyType: URIRef  # casualty type
    confidence: URIRef  # confidence
    contentMention: URIRef  # content mention
    controls: URIRef  # controls
    corroborates: URIRef  # corroborates
    count: URIRef  # count
    countQualifier: URIRef  # count qualifier
    cue: URIRef  # cue
    cueMention: URIRef  # cue mention
    date: URIRef  # date
    datelineDate: URIRef  # dateline date
    datelinePlace: URIRef  # dateline place
    disputedTerritory: URIRef  # disputed territory
    endIndex: URIRef  # end index
    eventType: URIRef  # event type
    evidence: URIRef  # evidence
    inArticle: URIRef  # in article
    legallyPartOf: URIRef  # legally part of
    mediates: URIRef  # mediates
    mediator: URIRef  # mediator
    mention: URIRef  # mention
    parentOrganization: URIRef  # parent organization
    partOf: URIRef  # part of
    participant: URIRef  # participant
    party: URIRef  # party
    place: URIRef  # place
    quote: URIRef  # quote
    refutes: URIRef  # refutes
    reportedIn: URIRef  # reported in
    reportsFigure: URIRef  # reports figure
    sourceAgency: URIRef  # source agency
    sourceMention: URIRef  # source mention
    speaker: URIRef  # speaker
    statementType: URIRef  # statement type
    supports: URIRef  # supports
    target: URIRef  # target
    text: URIRef  # text
    timeExpression: URIRef  # time expression
    trigger: URIRef  # trigger
    via: URIRef  # via
    victims: URIRef  # victims

    # Concept schemes
    CasualtyTypes: URIRef  # casualty types
    CountQualifiers: URIRef  # count qualifiers
    EventTypes: URIRef  # event types
    StatementTypes: URIRef  # statement types
    VictimTypes: URIRef  # victim types

    # Concepts
    Accusation: URIRef  # accusation
    Announcement: URIRef  # announcement
    Appeal: URIRef  # appeal
    Approximately: URIRef  # approximately
    AtLeast: URIRef  # at least
    AtMost: URIRef  # at most
    Attack: URIRef  # attack
    Captured: URIRef  # captured
    Ceasefire: URIRef  # ceasefire
    CeasefireViolation: URIRef  # ceasefire violation
    Civilians: URIRef  # civilians
    Claim: URIRef  # claim
    Combatants: URIRef  # combatants
    Criticism: URIRef  # criticism
    Demand: URIRef  # demand
    Denial: URIRef  # denial
    Deployment: URIRef  # deployment
    Displaced: URIRef  # displaced
    Exactly: URIRef  # exactly
    Fighting: URIRef  # fighting
    Injured: URIRef  # injured
    Interview: URIRef  # interview
    Killed: URIRef  # killed
    LessThan: URIRef  # less than
    Meeting: URIRef  # meeting
    MilitaryAdvance: URIRef  # military advance
    Missing: URIRef  # missing
    MoreThan: URIRef  # more than
    Negotiation: URIRef  # negotiation
    People: URIRef  # people (unspecified)
    PhoneCall: URIRef  # phone call
    Report: URIRef  # report
    Support: URIRef  # support
    TerritorialCapture: URIRef  # territorial capture
    Threat: URIRef  # threat
