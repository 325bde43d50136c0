"""The vocabulary the scorer shares: kinds, type classes, predicates and RDF terms."""

from __future__ import annotations

import re

from newsgraph.model import ENTITY_TYPES
from newsgraph.namespace import NG

NG_IRI = "https://w3id.org/newsgraph/ontology#"
WD_IRI = "http://www.wikidata.org/entity/"

KINDS = ("actors", "statements", "events", "figures", "mediation", "relations")

STATEMENT_CLASSES = {
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
EVENT_CLASSES = {
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
#: Predicates a gold relation may use.
RELATION_PREDICATES = ("supports", "controls", "legallyPartOf", "party", "disputedTerritory")
#: Relation predicates scored only when the gold annotates at least one of them.
OPT_IN_RELATION_PREDICATES = frozenset({"disputedTerritory"})
MEDIATION_PREDICATES = ("parentOrganization", "mediator", "mediates")

#: An actor key that need not be declared: the article's narrator (``dcterms:publisher``).
PUBLISHER_KEY = "publisher"

QID = re.compile(r"Q[1-9][0-9]*")

# Terms, looked up once (``NG["count"]``: a plain ``Namespace`` is a ``str``).
ARTICLE = NG["Article"]
TEXT = NG["text"]
STATEMENT = NG["Statement"]
EVENT = NG["Event"]
FIGURE = NG["CasualtyFigure"]
BEGIN = NG["beginIndex"]
END = NG["endIndex"]
IN_ARTICLE = NG["inArticle"]
EVIDENCE = NG["evidence"]
MENTION = NG["mention"]
REPORTED_IN = NG["reportedIn"]
SPEAKER = NG["speaker"]
STATEMENT_TYPE = NG["statementType"]
EVENT_TYPE = NG["eventType"]
AGENT = NG["agent"]
PARTICIPANT = NG["participant"]
PLACE = NG["place"]
COUNT = NG["count"]
CASUALTY_TYPE = NG["casualtyType"]
REPORTS_FIGURE = NG["reportsFigure"]
CONFLICT = NG["Conflict"]
ENTITY_CLASSES = frozenset(NG[name] for name in ("Actor", *ENTITY_TYPES))
PREDICATES = {NG[name]: name for name in (*RELATION_PREDICATES, *MEDIATION_PREDICATES)}
