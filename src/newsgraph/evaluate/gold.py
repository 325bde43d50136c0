"""Gold annotations: the dataclasses, and reading and validating a gold YAML file.

The format is the one ``docs/gold-format.md`` describes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..vocabulary import (
    CASUALTY_TYPES,
    COUNT_QUALIFIERS,
    ENTITY_TYPES,
    EVENT_TYPES,
    STATEMENT_TYPES,
    VICTIM_TYPES,
    CasualtyType,
    CountQualifier,
    EntityType,
    EventType,
    RelationPredicate,
    StatementType,
    VictimType,
)
from .terms import GOLD_RELATION_PREDICATES, PUBLISHER_KEY, QID, WIKIDATA_ENTITY

_Name = TypeVar("_Name", bound=str)


@dataclass(frozen=True)
class GoldActor:
    key: str
    label: str
    type: EntityType
    wikidata: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldStatement:
    anchor: str
    speakers: tuple[str, ...]
    type: StatementType
    accept: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    anchor: str
    type: EventType
    agents: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class GoldFigure:
    anchor: str
    count: int
    casualty: CasualtyType
    source: str | None = None
    qualifier: CountQualifier | None = None
    victims: VictimType | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldMediation:
    group: str
    parent: str | None = None
    mediators: tuple[str, ...] = ()
    conflict: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: RelationPredicate
    object: str
    anchor: str | None = None
    optional: bool = False


@dataclass
class Gold:
    """One gold file. ``actors`` is keyed by the local actor key."""

    path: Path
    article: str
    date: dt.date | None = None
    actors: dict[str, GoldActor] = field(default_factory=dict)
    statements: list[GoldStatement] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    figures: list[GoldFigure] = field(default_factory=list)
    mediation: list[GoldMediation] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        """The article identifier (``dcterms:identifier``): the file name without suffix."""
        return Path(self.article).stem


_SECTIONS = {
    "article",
    "date",
    "actors",
    "statements",
    "events",
    "figures",
    "mediation",
    "relations",
}
_FIELDS = {
    "actors": ({"key", "label", "type"}, {"wikidata", "optional"}),
    "statements": ({"anchor", "speaker", "type"}, {"accept", "target", "optional"}),
    "events": ({"anchor", "type"}, {"agent", "participants", "place", "optional"}),
    "figures": ({"anchor", "count", "casualty"}, {"qualifier", "victims", "source", "optional"}),
    "mediation": ({"group"}, {"parent", "mediators", "conflict", "optional"}),
    "relations": ({"subject", "predicate", "object"}, {"anchor", "optional"}),
}


class _Malformed(Exception):
    pass


def load_gold(path: str | Path, articles_dir: str | Path | None = None) -> Gold:
    """Read and validate a gold YAML file.

    Raises ``ValueError`` with a one-line reason naming the file when the gold is
    malformed. When the original article file (``article:``) is found in
    ``articles_dir`` or next to the gold file, every anchor must be an exact
    substring of it.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ValueError(f"{path}: not valid YAML: {reason}") from exc
    try:
        gold = _parse_gold(path, raw)
        text = _original_text(path, gold.article, articles_dir)
        if text is not None:
            _check_anchors(gold, text)
    except _Malformed as exc:
        raise ValueError(f"{path}: {exc}") from None
    return gold


def _parse_gold(path: Path, raw: object) -> Gold:
    if not isinstance(raw, dict):
        raise _Malformed("the top level must be a mapping")
    unknown = sorted(set(map(str, raw)) - _SECTIONS)
    if unknown:
        raise _Malformed(f"unknown section {unknown[0]!r}")
    article = raw.get("article")
    if not isinstance(article, str) or not article.strip():
        raise _Malformed("missing field 'article' (the article's file name)")
    reader = _SectionReader(Gold(path=path, article=article.strip(),
                                 date=_parse_date(raw.get("date"))))
    # actors first: the other sections refer to them by key
    for section in ("actors", "statements", "events", "figures", "mediation", "relations"):
        for where, item in _items(raw, section):
            getattr(reader, section)(item, where)
    return reader.gold


class _SectionReader:
    """Reads the items of each section into ``gold``, checking actor keys against it."""

    def __init__(self, gold: Gold) -> None:
        self.gold = gold

    def keys(
        self, item: dict, name: str, where: str, *, publisher: bool = False,
        required: bool = False,
    ) -> tuple[str, ...]:
        value = item.get(name)
        values: list = [] if value is None else value if isinstance(value, list) else [value]
        if required and not values:
            raise _Malformed(f"{where}: missing field {name!r}")
        for key in values:
            if not isinstance(key, str):
                raise _Malformed(f"{where}: {name}: actor key expected, got {key!r}")
            if key not in self.gold.actors and not (publisher and key == PUBLISHER_KEY):
                raise _Malformed(f"{where}: {name}: unknown actor key {key!r}")
        return tuple(values)

    def key(
        self, item: dict, name: str, where: str, *, publisher: bool = False,
        required: bool = False,
    ) -> str | None:
        values = self.keys(item, name, where, publisher=publisher, required=required)
        if len(values) > 1:
            raise _Malformed(f"{where}: {name}: one actor key expected, got a list")
        return values[0] if values else None

    def actors(self, item: dict, where: str) -> None:
        actor = GoldActor(
            key=_string(item, "key", where),
            label=_string(item, "label", where),
            type=_choice(item, "type", ENTITY_TYPES, where),
            wikidata=_qid(item.get("wikidata"), where),
            optional=_bool(item, where),
        )
        if actor.key in self.gold.actors:
            raise _Malformed(f"{where}: duplicate actor key {actor.key!r}")
        self.gold.actors[actor.key] = actor

    def statements(self, item: dict, where: str) -> None:
        self.gold.statements.append(GoldStatement(
            anchor=_string(item, "anchor", where),
            speakers=self.keys(item, "speaker", where, publisher=True, required=True),
            type=_choice(item, "type", STATEMENT_TYPES, where),
            accept=self.keys(item, "accept", where, publisher=True),
            targets=self.keys(item, "target", where, publisher=True),
            optional=_bool(item, where),
        ))

    def events(self, item: dict, where: str) -> None:
        self.gold.events.append(GoldEvent(
            anchor=_string(item, "anchor", where),
            type=_choice(item, "type", EVENT_TYPES, where),
            agents=self.keys(item, "agent", where),
            participants=self.keys(item, "participants", where),
            places=self.keys(item, "place", where),
            optional=_bool(item, where),
        ))

    def figures(self, item: dict, where: str) -> None:
        count = item.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _Malformed(f"{where}: count must be a non-negative integer, got {count!r}")
        self.gold.figures.append(GoldFigure(
            anchor=_string(item, "anchor", where),
            count=count,
            casualty=_choice(item, "casualty", CASUALTY_TYPES, where),
            source=self.key(item, "source", where, publisher=True),
            qualifier=_optional_choice(item, "qualifier", COUNT_QUALIFIERS, where),
            victims=_optional_choice(item, "victims", VICTIM_TYPES, where),
            optional=_bool(item, where),
        ))

    def mediation(self, item: dict, where: str) -> None:
        self.gold.mediation.append(GoldMediation(
            group=self.key(item, "group", where, required=True) or "",
            parent=self.key(item, "parent", where),
            mediators=self.keys(item, "mediators", where),
            conflict=self.key(item, "conflict", where),
            optional=_bool(item, where),
        ))

    def relations(self, item: dict, where: str) -> None:
        anchor = item.get("anchor")
        if anchor is not None:
            anchor = _string(item, "anchor", where)
        self.gold.relations.append(GoldRelation(
            subject=self.key(item, "subject", where, required=True) or "",
            predicate=_choice(item, "predicate", GOLD_RELATION_PREDICATES, where),
            object=self.key(item, "object", where, required=True) or "",
            anchor=anchor,
            optional=_bool(item, where),
        ))


def _items(raw: dict, section: str) -> Iterable[tuple[str, dict]]:
    value = raw.get(section)
    if value is None:
        return
    if not isinstance(value, list):
        raise _Malformed(f"{section}: a list expected")
    required, allowed = _FIELDS[section]
    for i, item in enumerate(value):
        where = f"{section}[{i}]"
        if not isinstance(item, dict):
            raise _Malformed(f"{where}: a mapping expected, got {item!r}")
        names = set(map(str, item))
        missing, unknown = sorted(required - names), sorted(names - required - allowed)
        if missing:
            raise _Malformed(f"{where}: missing field {missing[0]!r}")
        if unknown:
            raise _Malformed(f"{where}: unknown field {unknown[0]!r}")
        yield where, item


def _string(item: dict, name: str, where: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _Malformed(f"{where}: {name} must be a non-empty string, got {value!r}")
    return value


def _choice(item: dict, name: str, choices: Sequence[_Name], where: str) -> _Name:
    """The value of ``name``, one of ``choices`` (the ontology's names: a checked type)."""
    value = item.get(name)
    if value not in choices:
        raise _Malformed(f"{where}: {name} must be one of {', '.join(choices)}; got {value!r}")
    return choices[choices.index(value)]


def _optional_choice(
    item: dict, name: str, choices: Sequence[_Name], where: str
) -> _Name | None:
    return None if item.get(name) is None else _choice(item, name, choices, where)


def _bool(item: dict, where: str) -> bool:
    value = item.get("optional", False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Malformed(f"{where}: optional must be true or false, got {value!r}")
    return value


def _qid(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        qid = value.strip()
        for prefix in (WIKIDATA_ENTITY, "wd:"):
            qid = qid.removeprefix(prefix)
        if QID.fullmatch(qid):
            return qid
    raise _Malformed(f"{where}: wikidata must be a QID such as Q399 or null, got {value!r}")


def _parse_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Malformed(f"date must be YYYY-MM-DD or null, got {value!r}")


def _original_text(path: Path, article: str, articles_dir: str | Path | None) -> str | None:
    candidates = [path.parent / article]
    if articles_dir is not None:
        candidates.insert(0, Path(articles_dir) / article)
    for candidate in candidates:
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def _check_anchors(gold: Gold, text: str) -> None:
    sections: list[tuple[str, Sequence[Any]]] = [
        ("statements", gold.statements),
        ("events", gold.events),
        ("figures", gold.figures),
        ("relations", gold.relations),
    ]
    for section, items in sections:
        for i, item in enumerate(items):
            if item.anchor is not None and item.anchor not in text:
                raise _Malformed(
                    f"{section}[{i}]: anchor not found in the article text: {item.anchor!r}"
                )
