"""Link: give entities their Wikidata items from the offline gazetteer.

An entity found through the gazetteer carries its entry id; others are
looked up by label and alias. A link is made only when the entry has a
verified QID and its type is compatible with the entity's (a person never
links to a country); an entry marked ambiguous ("Georgia") links only when
the article also names its capital or a demonym. Otherwise the entity stays
unlinked (NIL): a wrong link is worse than none.

Last, every entity gets its corpus identity (``identity.py``): the name that
makes it one node across articles even without a QID.
"""

from __future__ import annotations

from ..model import Extraction
from .gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from .identity import assign_identities

COMPATIBLE = {
    "Person": {"Person"},
    "Country": {"Country"},
    "Organization": {"Organization", "MediationGroup"},
    "MediationGroup": {"MediationGroup", "Organization"},
    "Group": {"Group"},
    "Place": {"Place", "Country"},
    "Conflict": {"Conflict"},
}


def link(extraction: Extraction, gazetteer: Gazetteer | None = None) -> Extraction:
    gaz = gazetteer or load_gazetteer()
    text = extraction.article.text
    for entity in extraction.entities.values():
        entry = gaz.get(entity.gazetteer_id)
        by_label = entry is None
        if entry is None:
            for name in (entity.label, *entity.aliases):
                # a name two entries share ("Congo") links only through extraction,
                # which reads the article for which one it is
                entry = None if gaz.is_shared_name(name) else gaz.lookup(name)
                if entry is not None:
                    break
        if entry is None or entry.qid is None:
            continue
        if entry.type not in COMPATIBLE.get(entity.type, set()):
            continue
        if entry.ambiguous and not confirmed_by_context(entry, text, gaz):
            continue
        entity.wikidata = entry.qid
        entity.link_confidence = 0.8 if by_label else 0.95
        entity.confidence = max(entity.confidence, entity.link_confidence)
    return assign_identities(extraction, gaz)


def confirmed_by_context(entry: GazetteerEntry, text: str, gaz: Gazetteer | None = None
                         ) -> bool:
    """An ambiguous name counts only beside its capital or demonym; a place's
    beside its country's name or demonym ("Tripoli" in a story that names Libya)."""
    clues = [entry.capital, *entry.demonyms] if entry.capital else list(entry.demonyms)
    country = gaz.get(entry.country) if gaz is not None and entry.type == "Place" else None
    if country is not None:
        clues += [*country.names, *country.demonyms]
    return any(clue and clue in text for clue in clues)
