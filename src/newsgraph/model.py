"""Plain dataclasses passed between pipeline stages.

Extraction produces these; the mapper turns them into RDF. Neither side
imports the other: extraction never touches rdflib and the mapper never
looks at text except through the spans recorded here. The type fields take the
ontology's names, as ``Literal`` types generated from it (``vocabulary.py``), so
that a misspelt type fails at type-check time, not at SHACL validation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from .vocabulary import (
    ACTOR_TYPES,
    CASUALTY_TYPES,
    COUNT_QUALIFIERS,
    ENTITY_TYPES,
    EVENT_TYPES,
    RELATION_PREDICATES,
    STATEMENT_TYPES,
    VICTIM_TYPES,
    ActorType,
    CasualtyType,
    CountQualifier,
    EntityType,
    EventType,
    RelationPredicate,
    StatementType,
    VictimType,
)

# The closed lists of the ontology (generated from it): re-exported here, where the
# records that hold them are defined. QUALIFIERS is the older name of COUNT_QUALIFIERS.
__all__ = [
    "ACTOR_TYPES", "CASUALTY_TYPES", "COUNT_QUALIFIERS", "ENTITY_TYPES", "EVENT_TYPES",
    "QUALIFIERS", "RELATION_PREDICATES", "STATEMENT_TYPES", "VICTIM_TYPES", "ActorType",
    "Article", "CasualtyType", "CountQualifier", "Entity", "EntityType", "Event", "EventType",
    "Extraction", "Figure", "one_of", "Relation", "RelationPredicate", "Span", "Statement",
    "StatementType", "VictimType",
]
QUALIFIERS = COUNT_QUALIFIERS

_Name = TypeVar("_Name", bound=str)


def one_of(name: str, allowed: tuple[_Name, ...]) -> _Name:
    """``name`` as a member of one of the ontology's closed lists: word lists are data
    (plain strings), so a value read from them is checked once where a record is made,
    and a misspelt type in a data file fails there, naming itself."""
    for member in allowed:
        if member == name:
            return member
    raise ValueError(f"{name!r} is not one of {', '.join(allowed)}")


@dataclass(frozen=True, order=True)
class Span:
    """Code-point offsets into ``Article.text``; ``end`` is exclusive."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}-{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Article:
    """One cleaned article; every offset in the pipeline indexes ``text``."""

    identifier: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publisher: str | None = None
    language: str = "en"
    source: str | None = None
    # What the text's dateline says ("KHARTOUM, May 12 (Reuters) -"), as metadata;
    # the date only when a year is known (see newsgraph.ingest.wire).
    dateline_place: str | None = None
    dateline_date: dt.date | None = None
    agency: str | None = None


@dataclass
class Entity:
    """An actor, place or conflict referred to in the article.

    ``key`` is unique within one extraction; other records refer to entities
    by key. ``identity`` (or ``wikidata``) is what makes it the same node
    across articles.
    """

    key: str
    label: str
    type: EntityType
    mentions: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    gazetteer_id: str | None = None
    confidence: float = 0.8
    link_confidence: float | None = None
    # a proper name of one specific thing, not a description ("analysts") or a pronoun
    named: bool = False
    # corpus-wide name "family/slug" (``person/ilham-aliyev``): the same in every article
    # that names the entity; None keeps the entity in its article (see identity.py)
    identity: str | None = None


@dataclass
class Statement:
    span: Span
    type: StatementType
    speakers: list[str]
    cue: str
    quote: str | None = None
    targets: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    via: str | None = None
    refutes: list[str] = field(default_factory=list)
    corroborates: list[str] = field(default_factory=list)
    confidence: float = 0.7
    id: str = ""
    # The attribution triple as written: the cue words, what was said (a quote
    # and its continuation are two spans), the words naming the speaker here.
    cue_span: Span | None = None
    content_spans: list[Span] = field(default_factory=list)
    source_span: Span | None = None


@dataclass
class Event:
    span: Span
    type: EventType
    trigger: str
    agents: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    time_expression: str | None = None
    date: dt.date | None = None
    conflict: str | None = None
    confidence: float = 0.6
    id: str = ""


@dataclass
class Figure:
    span: Span
    count: int
    qualifier: CountQualifier
    casualty: CasualtyType
    victims: VictimType
    places: list[str] = field(default_factory=list)
    confidence: float = 0.8
    id: str = ""


@dataclass
class Relation:
    """A triple between two entities, e.g. (turkey, supports, azerbaijan)."""

    subject: str
    predicate: RelationPredicate
    object: str
    span: Span
    confidence: float = 0.7


@dataclass
class Extraction:
    """Everything read out of one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    narrator: str = "publisher"
    # entity key -> the key of the side it acts or speaks for (a minister -> her country):
    # the post-processing tells sides apart with it, and states it as affiliatedWith
    affiliation: dict[str, str] = field(default_factory=dict)
