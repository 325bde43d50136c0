"""The vocabulary the scorer shares: kinds, type classes, predicates and RDF terms.

The names come from the ontology, through the generated ``vocabulary`` (types,
predicates) and ``namespace`` (IRIs) modules; what is the scorer's own is how
it groups them: the class of each statement and event type (tests check that
every type has one) and which relation predicates the gold format annotates.
"""

from __future__ import annotations

import re
from typing import Final

from rdflib import URIRef

from ..rdf.namespace import ENTITY_CLASSES as _ENTITY_CLASSES
from ..rdf.namespace import NG, NG_IRI
from ..vocabulary import WIKIDATA_ENTITY, EventType, RelationPredicate, StatementType

__all__ = [
    "AGENT", "ARTICLE", "BEGIN", "CASUALTY_TYPE", "CONFLICT", "COUNT", "END", "ENTITY_CLASSES",
    "EVENT", "EVENT_CLASSES", "EVENT_TYPE", "EVIDENCE", "FIGURE", "IN_ARTICLE", "KINDS",
    "MEDIATION_PREDICATES", "MENTION", "NG_IRI", "OPT_IN_RELATION_PREDICATES", "PARTICIPANT",
    "PLACE", "PREDICATES", "PUBLISHER_KEY", "QID", "GOLD_RELATION_PREDICATES", "REPORTED_IN",
    "REPORTS_FIGURE", "SPEAKER", "STATEMENT", "STATEMENT_CLASSES", "STATEMENT_TYPE", "TEXT",
    "WIKIDATA_ENTITY",
]

KINDS = ("actors", "statements", "events", "figures", "mediation", "relations")

#: The class a statement type is scored as (types of one class match each other).
STATEMENT_CLASSES: Final[dict[StatementType, str]] = {
    "Report": "assertion",
    "Claim": "assertion",
    "Announcement": "assertion",
    "Accusation": "accusation",
    "Criticism": "accusation",
    "Denial": "denial",
    "Appeal": "appeal",
    "Demand": "appeal",
    "Support": "support",
    "Threat": "threat",
}
#: The class an event type is scored as.
EVENT_CLASSES: Final[dict[EventType, str]] = {
    "Fighting": "violence",
    "Attack": "violence",
    "CeasefireViolation": "violence",
    "MilitaryAdvance": "movement",
    "TerritorialCapture": "movement",
    "Deployment": "movement",
    "PhoneCall": "contact",
    "Meeting": "contact",
    "Negotiation": "contact",
    "Interview": "contact",
    "Ceasefire": "peace",
}
#: The relation predicates a gold relation may use (a subset of the ontology's; the
#: others are mediation, below, or not annotated in gold: ``affiliatedWith``).
GOLD_RELATION_PREDICATES: Final[tuple[RelationPredicate, ...]] = (
    "supports", "controls", "legallyPartOf", "party", "disputedTerritory")
#: Gold relation predicates scored only when the gold annotates at least one of them.
OPT_IN_RELATION_PREDICATES: Final[frozenset[RelationPredicate]] = frozenset({"disputedTerritory"})
#: The relation predicates of the gold's mediation kind.
MEDIATION_PREDICATES: Final[tuple[RelationPredicate, ...]] = (
    "parentOrganization", "mediator", "mediates")

#: An actor key that need not be declared: the article's narrator (``dcterms:publisher``).
PUBLISHER_KEY = "publisher"

QID = re.compile(r"Q[1-9][0-9]*")

# Terms, looked up once.
ARTICLE = NG.Article
TEXT = NG.text
STATEMENT = NG.Statement
EVENT = NG.Event
FIGURE = NG.CasualtyFigure
BEGIN = NG.beginIndex
END = NG.endIndex
IN_ARTICLE = NG.inArticle
EVIDENCE = NG.evidence
MENTION = NG.mention
REPORTED_IN = NG.reportedIn
SPEAKER = NG.speaker
STATEMENT_TYPE = NG.statementType
EVENT_TYPE = NG.eventType
AGENT = NG.agent
PARTICIPANT = NG.participant
PLACE = NG.place
COUNT = NG.count
CASUALTY_TYPE = NG.casualtyType
REPORTS_FIGURE = NG.reportsFigure
CONFLICT = NG.Conflict
#: The classes that make a node an entity: an entity type's, or ng:Actor.
ENTITY_CLASSES: Final = frozenset((NG.Actor, *_ENTITY_CLASSES.values()))
#: The IRI of each scored predicate (gold relations and mediation) and its name.
PREDICATES: Final[dict[URIRef, RelationPredicate]] = {
    URIRef(NG_IRI + name): name for name in (*GOLD_RELATION_PREDICATES, *MEDIATION_PREDICATES)}
