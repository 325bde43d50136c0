"""Where a name stands in its sentence: as a place, an office, a dateline.

The small NER model often types a town as a person or an organisation
("fled Goma", "near Qana", "the town of Saraqeb"), and a capital used as a
place is not its government ("talks in Moscow" vs "Moscow said"). These
tests read the syntactic role of a name; entities.py decides with them.
"""

from __future__ import annotations

from spacy.tokens import Span

from . import lexicon
from .context import Context

LOCATIVE_PREPS = {"in", "at", "near", "to", "into", "from", "around", "outside", "inside",
                  "across", "toward", "towards", "through", "over", "on", "off", "within",
                  "beyond", "between", "via", "throughout", "along"}
PLACE_NOUNS = {"city", "capital", "town", "region", "province", "village", "area", "district",
               "port", "airport", "suburb", "outskirts", "outskirt", "centre", "center",
               "street", "neighbourhood", "neighborhood", "downtown", "streets"}
PLACE_VERBS = {"control", "hold", "seize", "capture", "take", "enter", "shell", "bomb", "attack",
               "strike", "besiege", "surround", "occupy", "liberate", "recapture", "retake",
               "visit", "reach", "leave", "evacuate", "encircle", "target", "hit"}
SPATIAL_PREPS = {"in", "near", "outside", "inside", "around", "across", "throughout", "into",
                 "towards", "toward", "within"}
TERRITORY_VERBS = {"seize", "capture", "shell", "bomb", "besiege", "surround", "occupy",
                   "liberate", "recapture", "retake", "enter", "flee", "evacuate", "encircle"}
# Nouns of taking ground, whose object is a place (not "attack": "an attack on the FSA").
ASSAULT_NOUNS = {"assault", "offensive", "advance", "siege", "push", "march"}


def in_dateline(ctx: Context, ent: Span) -> bool:
    """"MOSCOW, Nov 10 (Reuters) -": the place a story was filed from (ingest
    found it), not its government speaking nor a person."""
    place = ctx.article.dateline_place
    return place is not None and bool(place) and ctx.article.text.find(place) == ent.start_char


def part_of_a_title(ent: Span) -> bool:
    """"Secretary of State", "Minister of Defence": the noun after "of" in a
    title names an office, not an organisation of its own."""
    root = ent.root
    if len(ent) > 1 or root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    return root.head.head.lower_ in lexicon.HONORIFICS | lexicon.PERSON_TITLES


def located(ent: Span) -> bool:
    """The name is where something happens: the object of a spatial preposition
    ("in", "near", not "at" or "to": "an analyst at X", "according to X") or of
    a verb of territory ("seized", "fled")."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in SPATIAL_PREPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (
            root.head.head.lemma_.lower() in PLACE_NOUNS):
        return True  # "the town of Saraqeb"
    if root.dep_ == "pobj" and root.head.lower_ in {"on", "of"} and (
            root.head.head.lemma_.lower() in ASSAULT_NOUNS):
        return True  # "an assault on El Fasher", "the siege of Mariupol"
    if root.dep_ == "pobj" and root.head.lower_ == "from" and (
            root.head.head.lemma_.lower() in TERRITORY_VERBS | {"withdraw", "retreat", "pull"}):
        return True  # "withdraw from El Fasher"
    return root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in TERRITORY_VERBS


def is_locative(ent: Span) -> bool:
    """A place name used as a place ("in Moscow", "the city of Baku"), not
    as its government ("Moscow said", "accused Moscow", "Moscow's forces")."""
    root = ent.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    if root.dep_ == "pobj":
        prep = root.head
        if prep.lower_ in LOCATIVE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True
    if root.dep_ in {"appos", "compound"} and root.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if any(c.dep_ in {"compound", "appos"} and c.lemma_.lower() in PLACE_NOUNS
           for c in root.children):
        return True  # "the capital Sanaa"
    if root.dep_ == "poss" and root.head.lemma_.lower() in PLACE_NOUNS:
        return True  # "Beirut's southern suburbs"
    if root.dep_ in {"dobj", "nsubjpass"} and root.head.lemma_.lower() in PLACE_VERBS:
        return True  # "seized Kabul", "Kharkiv was shelled"
    if ent.start > 0 and ent.doc[ent.start - 1].lemma_.lower() in PLACE_VERBS:
        return True  # the same, when the parser missed the verb
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        return root.head.head.lower_ in LOCATIVE_PREPS
    return False
