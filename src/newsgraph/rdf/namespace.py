"""The ``ng:`` vocabulary as a closed rdflib namespace.

GENERATED FILE, DO NOT EDIT. It is written by ``scripts/gen_namespace.py``
from ``ontology/newsgraph.ttl``; after changing the ontology, regenerate it
with::

    .venv/bin/python scripts/gen_namespace.py

(``tests/rdf/test_ontology.py`` fails while this file is stale.)
"""

from typing import Final

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from ..vocabulary import ENTITY_TYPES, WIKIDATA_ENTITY, EntityType

__all__ = ["ENTITY_CLASSES", "NG", "NG_IRI", "WD"]

NG_IRI: Final = "https://w3id.org/newsgraph/ontology#"
#: Wikidata items (``wd:Q399``): what ``owl:sameAs`` of a linked entity points to.
WD = Namespace(WIKIDATA_ENTITY)


class NG(DefinedNamespace):
    """newsgraph ontology terms, ``https://w3id.org/newsgraph/ontology#``.

    The namespace is closed: ``NG.Statement`` and ``NG["Statement"]`` give the
    term's ``URIRef``; an undeclared name raises ``AttributeError``.

    Attribute access is the form a type checker understands (each term is
    annotated below; mypy reads a subscript of the class as a type application). Term
    names that are also names of ``str`` methods (``count``, ``text``,
    ``date``, ...) work as attributes too, because ``NG`` is a class, not a
    ``str``, and lookups fall through to the namespace metaclass.
    """

    _NS = Namespace(NG_IRI)
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


#: The class of each entity type, the one class the mapper gives an entity node.
ENTITY_CLASSES: Final[dict[EntityType, URIRef]] = {
    name: URIRef(NG_IRI + name) for name in ENTITY_TYPES
}
