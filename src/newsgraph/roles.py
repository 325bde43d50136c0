"""Which kind of entity each role of a record may point to.

The shapes require, for instance, that a statement's speaker is an actor and
an event's place is a place. Extraction repairs its records against this table
(:mod:`newsgraph.pipeline.role_repair`) and the mapper refuses to write a reference
that breaks it, so a build can never emit "a speaker that is not an actor".
A test checks the table against ``shapes/newsgraph.shacl.ttl``.

Pure Python on purpose: both extraction (no rdflib) and the mapper import it.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["actor", "place", "country", "conflict", "organization", "mediation",
               "actor_or_place"]

ACTOR_TYPES = frozenset({"Person", "Country", "Organization", "MediationGroup", "Group"})
PLACE_TYPES = frozenset({"Place", "Country"})

KIND_TYPES: dict[str, frozenset[str]] = {
    "actor": ACTOR_TYPES,
    "place": PLACE_TYPES,
    "country": frozenset({"Country"}),
    "conflict": frozenset({"Conflict"}),
    "organization": frozenset({"Organization", "MediationGroup"}),
    "mediation": frozenset({"MediationGroup"}),
    "actor_or_place": ACTOR_TYPES | PLACE_TYPES,
}

# record field -> the kind of entity it refers to
STATEMENT_ROLES: dict[str, Kind] = {"speakers": "actor", "targets": "actor", "via": "actor"}
EVENT_ROLES: dict[str, Kind] = {"agents": "actor", "participants": "actor",
                                "affected": "actor_or_place", "places": "place",
                                "conflict": "conflict"}
FIGURE_ROLES: dict[str, Kind] = {"places": "place"}

# relation predicate -> (subject kind, object kind)
RELATION_ROLES: dict[str, tuple[Kind, Kind]] = {
    "supports": ("actor", "actor"),
    "controls": ("actor", "place"),
    "affiliatedWith": ("actor", "actor"),
    "legallyPartOf": ("place", "country"),
    "party": ("conflict", "actor"),
    "disputedTerritory": ("conflict", "place"),
    "mediator": ("mediation", "actor"),
    "mediates": ("mediation", "conflict"),
    "parentOrganization": ("organization", "organization"),
}


def fits(entity_type: str, kind: Kind) -> bool:
    """Whether an entity of ``entity_type`` may fill a role of ``kind``."""
    return entity_type in KIND_TYPES[kind]
