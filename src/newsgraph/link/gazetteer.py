"""The offline gazetteer: known actors and places, with verified Wikidata QIDs.

Entries live in ``newsgraph/data/gazetteer/*.jsonl`` (format in that
directory's README). They serve twice: as spaCy EntityRuler patterns, so that
known names get the right entity type before the statistical NER guesses,
and as the offline linker's knowledge (QIDs, demonyms, capitals, offices).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..model import ENTITY_TYPES, EntityType, one_of
from ..resources import data_path

GAZETTEER_DIR = data_path("gazetteer")

# spaCy entity labels for gazetteer types.
SPACY_LABEL = {
    "Person": "PERSON",
    "Country": "GPE",
    "Organization": "ORG",
    "MediationGroup": "ORG",
    "Group": "NORP",
    "Place": "GPE",
}


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    type: EntityType
    label: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    capital: str | None = None
    country: str | None = None
    organization: str | None = None
    office: str | None = None
    parent: str | None = None
    members: tuple[str, ...] = ()
    metonym_for: str | None = None
    body: str | None = None
    ambiguous: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    by_demonym: dict[str, str] = field(default_factory=dict)
    by_metonym: dict[str, str] = field(default_factory=dict)
    # names that two entries share ("Abbas"?): they identify neither on their own
    shared: set[str] = field(default_factory=set)
    by_loose_name: dict[str, str] = field(default_factory=dict)
    # (country id, body kind) -> the entry that is that state's body ("army")
    by_body: dict[tuple[str, str], str] = field(default_factory=dict)
    # name -> the ids of every entry that carries it, in entry order (names looked up
    # once per named entity: scanning every entry's names each time cost half of
    # extraction)
    carriers: dict[str, list[str]] = field(default_factory=dict)

    def get(self, entry_id: str | None) -> GazetteerEntry | None:
        return self.entries.get(entry_id) if entry_id else None

    def lookup(self, name: str) -> GazetteerEntry | None:
        """Find an entry by exact name or alias (case-insensitive, 'the' ignored)."""
        return self.get(self.by_name.get(normalise(name)))

    def lookup_loose(self, name: str) -> GazetteerEntry | None:
        """By name without any "the": "Democratic Republic of Congo" is the
        gazetteer's "Democratic Republic of the Congo"."""
        return self.get(self.by_loose_name.get(loose(name)))

    def demonym(self, word: str) -> GazetteerEntry | None:
        return self.get(self.by_demonym.get(normalise(word)))

    def metonym(self, name: str) -> GazetteerEntry | None:
        """The government a name stands for ("the Kremlin" -> Russia)."""
        return self.get(self.by_metonym.get(normalise(name)))

    def state_body(self, country: str, kind: str) -> GazetteerEntry | None:
        """The verified name of a state's body: Sudan's "army" is the Sudanese
        Armed Forces."""
        return self.get(self.by_body.get((country, kind)))

    def sharing(self, name: str) -> list[GazetteerEntry]:
        """The entries that carry a shared name ("Congo": both Congos)."""
        return [self.entries[i] for i in self.carriers.get(normalise(name), ())]

    def is_shared_name(self, name: str) -> bool:
        """Whether two entries carry this name: a merge by it would be a guess."""
        return normalise(name) in self.shared


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The form names are compared in. Remembered: the rules normalise every name of a
    gazetteer entry each time one of them is met in a text."""
    name = name.strip().lower().replace("’", "'").replace("é", "e")
    if name.startswith("the "):
        name = name[4:]
    return " ".join(name.replace("-", " ").split())


def loose(name: str) -> str:
    return " ".join(w for w in normalise(name).split() if w != "the")


def _entry(data: dict) -> GazetteerEntry:
    return GazetteerEntry(
        id=data["id"],
        type=one_of(data["type"], ENTITY_TYPES),
        label=data["label"],
        qid=data.get("qid"),
        aliases=tuple(data.get("aliases") or ()),
        demonyms=tuple(data.get("demonyms") or ()),
        metonyms=tuple(data.get("metonyms") or ()),
        capital=data.get("capital"),
        country=data.get("country"),
        organization=data.get("organization"),
        office=data.get("office"),
        parent=data.get("parent"),
        members=tuple(data.get("members") or ()),
        metonym_for=data.get("metonym_for"),
        body=data.get("body"),
        ambiguous=bool(data.get("ambiguous", False)),
    )


def load_entries(directory: Path = GAZETTEER_DIR) -> list[GazetteerEntry]:
    entries = []
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entries.append(_entry(json.loads(line)))
    return entries


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    for entry in load_entries():
        gaz.entries[entry.id] = entry
    for entry in gaz.entries.values():
        for name in entry.names:
            if gaz.by_name.setdefault(normalise(name), entry.id) != entry.id:
                gaz.shared.add(normalise(name))
            carriers = gaz.carriers.setdefault(normalise(name), [])
            if entry.id not in carriers:
                carriers.append(entry.id)
            gaz.by_loose_name.setdefault(loose(name), entry.id)
        for word in entry.demonyms:
            gaz.by_demonym.setdefault(normalise(word), entry.id)
        for name in entry.metonyms:
            gaz.by_metonym.setdefault(normalise(name), entry.id)
        if entry.body and entry.country:
            gaz.by_body[(entry.country, entry.body)] = entry.id
        if entry.metonym_for:
            for name in entry.names:
                gaz.by_metonym.setdefault(normalise(name), entry.metonym_for)
    return gaz


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """EntityRuler patterns for every name, alias, demonym and metonym.

    Patterns carry the entry id (``ent_id_``), so extraction knows which entry
    a span came from. Names are matched case-sensitively as written, plus
    with a leading "the" for organisations and metonyms.
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, entry_id: str) -> None:
        if (text, label) in seen or not text.strip():
            return
        seen.add((text, label))
        patterns.append({"label": label, "pattern": text, "id": entry_id})

    entries = sorted(gaz.entries.values(), key=lambda e: e.id)
    # Own names first: "Baku" is first of all the city; whether it stands for
    # the government is decided in context by extraction.
    for entry in entries:
        label = SPACY_LABEL.get(entry.type, "ORG")
        for name in entry.names:
            add(label, name, entry.id)
    for entry in entries:
        for word in entry.demonyms:
            add("NORP", word, entry.id)
    for entry in entries:
        for name in entry.metonyms:
            add("GPE" if name == entry.capital else "FAC", name, entry.id)
    return patterns
