"""The ontology's closed lists as Python types: statement, event and casualty types,
entity classes, relation properties.

GENERATED FILE, DO NOT EDIT. It is written by ``scripts/gen_namespace.py``
from ``ontology/newsgraph.ttl`` (with ``namespace.py``); after changing the
ontology, regenerate both with::

    .venv/bin/python scripts/gen_namespace.py

(``tests/rdf/test_ontology.py`` fails while this file is stale.)

Each ``Literal`` type is what a field of a record in ``model.py`` may hold, so
a misspelt type fails at type-check time rather than at SHACL validation; each
tuple holds the same names, sorted, for run-time checks. No rdflib here:
extraction reads these through ``model.py`` and never touches RDF.
"""

from typing import Final, Literal, get_args

#: The one definition of the Wikidata item namespace (an external vocabulary, so
#: not in the ontology): a linked entity is ``owl:sameAs`` ``WIKIDATA_ENTITY + "Q399"``.
WIKIDATA_ENTITY: Final = "http://www.wikidata.org/entity/"

__all__ = [
    "ACTOR_TYPES",
    "ActorType",
    "CASUALTY_TYPES",
    "COUNT_QUALIFIERS",
    "CasualtyType",
    "CountQualifier",
    "ENTITY_TYPES",
    "EVENT_TYPES",
    "EntityType",
    "EventType",
    "RELATION_PREDICATES",
    "RelationPredicate",
    "STATEMENT_TYPES",
    "StatementType",
    "VICTIM_TYPES",
    "VictimType",
    "WIKIDATA_ENTITY",
]

#: The concepts of ng:CasualtyTypes.
CasualtyType = Literal[
    "Captured",
    "Displaced",
    "Injured",
    "Killed",
    "Missing",
]
CASUALTY_TYPES: Final[tuple[CasualtyType, ...]] = get_args(CasualtyType)

#: The concepts of ng:CountQualifiers.
CountQualifier = Literal[
    "Approximately",
    "AtLeast",
    "AtMost",
    "Exactly",
    "LessThan",
    "MoreThan",
]
COUNT_QUALIFIERS: Final[tuple[CountQualifier, ...]] = get_args(CountQualifier)

#: The concepts of ng:EventTypes.
EventType = Literal[
    "Attack",
    "Ceasefire",
    "CeasefireViolation",
    "Deployment",
    "Fighting",
    "Interview",
    "Meeting",
    "MilitaryAdvance",
    "Negotiation",
    "PhoneCall",
    "TerritorialCapture",
]
EVENT_TYPES: Final[tuple[EventType, ...]] = get_args(EventType)

#: The concepts of ng:StatementTypes.
StatementType = Literal[
    "Accusation",
    "Announcement",
    "Appeal",
    "Claim",
    "Criticism",
    "Demand",
    "Denial",
    "Report",
    "Support",
    "Threat",
]
STATEMENT_TYPES: Final[tuple[StatementType, ...]] = get_args(StatementType)

#: The concepts of ng:VictimTypes.
VictimType = Literal[
    "Civilians",
    "Combatants",
    "People",
]
VICTIM_TYPES: Final[tuple[VictimType, ...]] = get_args(VictimType)

#: Classes of actors (below ng:Actor).
ActorType = Literal[
    "Country",
    "Group",
    "MediationGroup",
    "Organization",
    "Person",
]
ACTOR_TYPES: Final[tuple[ActorType, ...]] = get_args(ActorType)

#: Classes of entities (what ng:mention may describe), ng:Actor aside.
EntityType = Literal[
    "Conflict",
    "Country",
    "Group",
    "MediationGroup",
    "Organization",
    "Person",
    "Place",
]
ENTITY_TYPES: Final[tuple[EntityType, ...]] = get_args(EntityType)

#: Relation properties: domain and range are entity classes.
RelationPredicate = Literal[
    "affiliatedWith",
    "controls",
    "disputedTerritory",
    "legallyPartOf",
    "mediates",
    "mediator",
    "parentOrganization",
    "party",
    "supports",
]
RELATION_PREDICATES: Final[tuple[RelationPredicate, ...]] = get_args(RelationPredicate)
