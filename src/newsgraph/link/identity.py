"""Corpus identity: which entities are the same node in every article.

An article's graph is built from the article alone, so two articles can only
share a node if each derives the same name for it on its own: its Wikidata
QID when linked (the mapper prefers it), otherwise its type family and
canonical name (``person/ilham-aliyev``). No counter, table or store is
consulted, so the name does not depend on article order, batching, workers
or what a store held before: separate builds merge by themselves.

Only what names one specific thing gets such a name. Descriptions
("analysts", "an Israeli general"), pronoun-only entities, surname-only
persons that never got a full name, and names the gazetteer marks
ambiguous ("Georgia", "Tripoli") stay in their article: a wrong merge
multiplies one article's error across the corpus. Spelling variants merge
through the gazetteer (its entry id is the canonical name: "Hizbullah" and
"Hezbollah" are ``organization/hezbollah``); otherwise the name is folded
(case, accents, hyphens, a leading "the").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..model import Entity, Extraction
from .gazetteer import Gazetteer, GazetteerEntry, normalise

# Types that may share a node: an NER "Organization" and a gazetteer "Group"
# can be one armed movement; a person is never a place.
FAMILY = {
    "Person": "person",
    "Country": "place",
    "Place": "place",
    "Organization": "organization",
    "MediationGroup": "organization",
    "Group": "organization",
    "Conflict": "conflict",
}
DIRECTIONS = {"eastern": "east", "western": "west", "northern": "north", "southern": "south"}
# Letters NFKD does not decompose into a base letter and a mark.
FOLD = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ð": "d",
                      "þ": "th", "æ": "ae", "œ": "oe", "ə": "a", "’": "'"})


def name_slug(name: str) -> str:
    """A name folded for IRIs: "Recep Tayyip Erdoğan" -> "recep-tayyip-erdogan".

    A name with no Latin letters or digits (Arabic or Cyrillic script) gets a
    short hash of its normalised form instead, which is still the same in
    every article."""
    folded = unicodedata.normalize("NFKD", normalise(name).translate(FOLD))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.replace("'", "")).strip("-")
    if slug:
        return slug
    return "n" + hashlib.sha256(normalise(name).encode("utf-8")).hexdigest()[:12]


def given_names(label: str) -> list[str]:
    """The words of a person's name without titles ("Mr", "General", "Dr.")."""
    from ..extract.lexicon import HONORIFICS  # the word list; extract imports this module

    return [w for w in label.split() if w.lower().rstrip(".") not in HONORIFICS]


def direction_slug(name: str) -> str:
    """"eastern Aleppo" and "east Aleppo" are one region: ``east-aleppo``."""
    slug = name_slug(name)
    for long, short in DIRECTIONS.items():
        if slug.startswith(long + "-"):
            return short + slug[len(long):]
    return slug


def entry_slug(entry: GazetteerEntry) -> str:
    """A gazetteer entry's canonical name: its id ("hezbollah", "ilham_aliyev")."""
    return name_slug(entry.id.replace("_", " "))


def compatible(entity_type: str, entry_type: str) -> bool:
    return FAMILY.get(entity_type) == FAMILY.get(entry_type)


def gazetteer_entry(entity: Entity, gaz: Gazetteer) -> GazetteerEntry | None:
    """The entry the entity came from, or whose name or alias it carries
    (type-compatible: "Jordan" the person is not Jordan the country)."""
    entry = gaz.get(entity.gazetteer_id)
    if entry is not None:
        return entry
    for name in (entity.label, *entity.aliases):
        entry = gaz.lookup(name)
        if entry is not None and compatible(entity.type, entry.type):
            return entry
    return None


def identity_of(entity: Entity, gaz: Gazetteer) -> str | None:
    """``family/slug`` for an entity that names one specific thing, else None."""
    family = FAMILY.get(entity.type)
    if family is None or family == "conflict":
        return None  # a conflict's name comes from its territory (extract/conflict.py)
    entry = gazetteer_entry(entity, gaz)
    if entry is not None:
        if entry.ambiguous or gaz.is_shared_name(entity.label):
            return None
        if compatible(entity.type, entry.type):
            return f"{family}/{entry_slug(entry)}"
    if not entity.named or gaz.is_shared_name(entity.label):
        return None
    if entity.type == "Person":
        names = given_names(entity.label)
        if len(names) < 2:
            return None  # "Aliyev" alone, "Mr Aliyev", could be any Aliyev
        return f"person/{name_slug(' '.join(names))}"  # "Dr. Grace Okafor" is Grace Okafor
    if family == "place":
        return f"place/{direction_slug(entity.label)}"
    return f"{family}/{name_slug(entity.label)}"


def canonical_label(entity: Entity, entry: GazetteerEntry | None) -> None:
    """One label per merged node: the gazetteer's, the article's spelling as alias."""
    if entry is None or entity.label == entry.label:
        return
    if entity.label not in entity.aliases:
        entity.aliases.append(entity.label)
    if entry.label in entity.aliases:
        entity.aliases.remove(entry.label)
    entity.label = entry.label


def body_alias(entity: Entity, entry: GazetteerEntry | None, gaz: Gazetteer) -> None:
    """A state's body under its verified name ("Sudanese Armed Forces") also
    carries the name it has without one ("Army of Sudan"), which says whose
    body it is to readers and to ``evaluate`` (a statement by a state's body
    counts for the state)."""
    kind = entry.body if entry is not None else None
    state = gaz.get(entry.country) if entry is not None and kind else None
    if kind is None or state is None:
        return
    alias = f"{kind.capitalize()} of {state.label}"
    if alias.lower() not in {n.lower() for n in (entity.label, *entity.aliases)}:
        entity.aliases.append(alias)


def assign_identities(extraction: Extraction, gaz: Gazetteer) -> Extraction:
    """Give every entity of an article its corpus identity (or none).

    The publisher named by the article's metadata is one organisation per
    name; without a publisher the narrator stays the article's own voice."""
    for key, entity in extraction.entities.items():
        if entity.identity is not None:
            continue
        if key == extraction.narrator:
            if extraction.article.publisher and entity.type == "Organization":
                entity.identity = f"organization/{name_slug(extraction.article.publisher)}"
            continue
        entity.identity = identity_of(entity, gaz)
        entry = gazetteer_entry(entity, gaz)
        if entry is not None and compatible(entity.type, entry.type):
            body_alias(entity, entry, gaz)
            if entity.identity is not None and not entity.wikidata:
                canonical_label(entity, entry)
    return extraction
