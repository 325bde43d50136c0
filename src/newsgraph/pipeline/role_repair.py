"""Make every reference fit its role: speakers are actors, places are places.

On real news the small NER model types many names wrongly or by their literal
sense: a surname read as a place ("Kasich said"), a state or city that acts
("Florida voted", "the city sued"). The shapes rightly refuse a speaker that is
not an actor, so this last extraction step repairs what the rules produced,
against the role table of :mod:`newsgraph.roles`:

- a place in an actor role whose name is the surname of a person of the same
  article is that person (the NER read one mention wrongly);
- any other place in an actor role stands for those who act for it: an
  article-scoped group of the same name takes the role and the mentions inside
  the record, while the place keeps its other roles and mentions;
- anything else that cannot fill its role (a person as an event's place) loses
  that role; a statement left without a speaker and a relation whose ends do
  not fit are dropped, since the shapes could not accept them.
"""

from __future__ import annotations

from ..model import Entity, Event, Extraction, Figure, Relation, Span, Statement
from ..roles import EVENT_ROLES, FIGURE_ROLES, RELATION_ROLES, STATEMENT_ROLES, Kind, fits
from .record_links import inside

ACTING_SUFFIX = "_acting"


class RoleRepair:
    """Repairs one extraction's references; remembers the stand-ins it made."""

    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.surnames = _surnames(extraction.entities)

    def fitted(self, key: str, kind: Kind, span: Span) -> str | None:
        """The key that fills a ``kind`` role for ``key`` in a record at ``span``."""
        entity = self.x.entities.get(key)
        if entity is None:
            return None
        if fits(entity.type, kind):
            return key
        if entity.type != "Place" or not fits("Group", kind):
            return None
        person = self.surnames.get(entity.label)
        if person is not None:
            return self._moved(entity, person, span)
        return self._stand_in(entity, span)

    def _moved(self, place: Entity, person: str, span: Span) -> str:
        _move_mentions(place, self.x.entities[person], span)
        return person

    def _stand_in(self, place: Entity, span: Span) -> str:
        key = place.key + ACTING_SUFFIX
        actor = self.x.entities.get(key)
        if actor is None:
            actor = Entity(key=key, label=place.label, type="Group", aliases=list(place.aliases),
                           confidence=min(place.confidence, 0.5))
            self.x.entities[key] = actor
        _move_mentions(place, actor, span)
        return key

    def keys(self, keys: list[str], kind: Kind, span: Span) -> list[str]:
        fitted = (self.fitted(key, kind, span) for key in keys)
        return list(dict.fromkeys(key for key in fitted if key is not None))

    def record(self, record: Statement | Event | Figure, roles: dict[str, Kind]) -> None:
        for name, kind in roles.items():
            value = getattr(record, name)
            if isinstance(value, list):
                setattr(record, name, self.keys(value, kind, record.span))
            elif value is not None:
                setattr(record, name, self.fitted(value, kind, record.span))

    def relation(self, rel: Relation) -> bool:
        roles = RELATION_ROLES.get(rel.predicate)
        if roles is None:
            return False
        subject = self.fitted(rel.subject, roles[0], rel.span)
        obj = self.fitted(rel.object, roles[1], rel.span)
        if subject is None or obj is None or subject == obj:
            return False
        rel.subject, rel.object = subject, obj
        return True


def conform_roles(extraction: Extraction) -> None:
    """Repair every record's references in place (see the module docstring)."""
    repair = RoleRepair(extraction)
    for stmt in extraction.statements:
        repair.record(stmt, STATEMENT_ROLES)
    for event in extraction.events:
        repair.record(event, EVENT_ROLES)
    for figure in extraction.figures:
        repair.record(figure, FIGURE_ROLES)
    extraction.relations = [rel for rel in extraction.relations if repair.relation(rel)]
    kept = [stmt for stmt in extraction.statements if stmt.speakers]
    if len(kept) != len(extraction.statements):
        extraction.statements = kept
        _drop_dangling(extraction)


def _drop_dangling(extraction: Extraction) -> None:
    """References to records that were dropped."""
    ids = {*(stmt.id for stmt in extraction.statements),
           *(event.id for event in extraction.events),
           *(figure.id for figure in extraction.figures)}
    for stmt in extraction.statements:
        stmt.about = [ref for ref in stmt.about if ref in ids]
        stmt.figures = [ref for ref in stmt.figures if ref in ids]
        stmt.refutes = [ref for ref in stmt.refutes if ref in ids]
        stmt.corroborates = [ref for ref in stmt.corroborates if ref in ids]


def _move_mentions(source: Entity, target: Entity, span: Span) -> None:
    """The mentions of ``source`` inside a record's ``span`` become ``target``'s."""
    moved = [m for m in source.mentions if inside(m, span)]
    target.mentions.extend(m for m in moved if m not in target.mentions)
    source.mentions = [m for m in source.mentions if m not in moved]


def _surnames(entities: dict[str, Entity]) -> dict[str, str]:
    """Last name -> person key, for surnames that belong to one person only."""
    owners: dict[str, set[str]] = {}
    for key, entity in entities.items():
        if entity.type == "Person" and " " in entity.label:
            owners.setdefault(entity.label.rsplit(" ", 1)[1], set()).add(key)
    return {name: next(iter(keys)) for name, keys in owners.items() if len(keys) == 1}
