"""The conflict an article is about, and its parties.

Parties are taken from an explicit "conflict/war/fighting between X and Y"
when the text has one; otherwise they are the two most often named states
(or armed organisations) that are not mediators. The conflict entity is
named after the territory in its name ("the Nagorno-Karabakh conflict") or
after its parties.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ..link.identity import identity_of
from ..model import Entity
from . import lexicons
from .context import Context, acts_as_verb
from .syntax import pobjs

CONFLICT_NOUNS = lexicons.words("conflict_noun")
WAR_ZONE_NOUNS = lexicons.words("war_zone_noun")
INTERNATIONAL = lexicons.words("international_organisation")  # gazetteer keys
CASUAL_MODIFIERS = lexicons.words("casual_modifier")
WAGING_VERBS = lexicons.words("waging_verb")
FOUGHT_OVER_NOUNS = lexicons.words("fought_over_noun")
HOSTILE_VERBS = lexicons.words("hostile_verb")
BETWEEN_NOUNS = lexicons.words("between_noun")
CHAIRING_WORDS = lexicons.words("chairing_word")

PARTY_TYPES = {"Country", "Organization", "Group"}


def find_conflict(ctx: Context) -> None:
    ctx.parties = explicit_parties(ctx)
    ctx.parties_explicit = bool(ctx.parties)
    ctx.parties = ctx.parties or frequent_parties(ctx)
    nouns = [t for t in ctx.tokens if ctx.lemmas[t.i] in CONFLICT_NOUNS and is_conflict_noun(t)]
    if not nouns:
        return
    names = sorted([*(describe(ctx, t) + (t.i,) for t in nouns), *fought_over(ctx)],
                   key=lambda c: (c[0], c[3]))
    labels = list(dict.fromkeys(name for _, name, _, _ in names if name))
    home = next((t for _, _, t, _ in names if t), None)
    if home is not None:
        # the names people give a war: "the Yemen war", "the war in Yemen"
        place = ctx.entities[home].label
        noun = nouns[0].lemma_.lower()
        labels += [n for n in (f"{place} {noun}", f"{noun} in {place}") if n not in labels]
    label = labels[0] if labels else nouns[0].lemma_.lower()
    entity = ctx.add_entity(label, "Conflict", key="conflict", confidence=0.7)
    entity.aliases.extend(labels[1:])
    if home is not None:
        corpus_name(ctx, entity, home)
    elif names and names[0][0] == 4 and ctx.parties_explicit:
        parties_name(ctx, entity)
    ctx.conflict = entity.key
    ctx.conflict_territory = next((t for p, _, t, _ in names if p == 1 and t and
                                   ctx.entities[t].type == "Place"), None)
    ctx.conflict_state = next((t for _, _, t, _ in names if t and
                               ctx.entities[t].type == "Country"), None)
    for token in nouns:
        start = token.i
        territory = ctx.token_key.get(token.i - 1)
        while territory and start > 0 and ctx.token_key.get(start - 1) == territory:
            start -= 1
        span = ctx.doc[start : token.i + 1]
        ctx.add_mention(ctx.conflict, span.start_char, span.end_char)


def corpus_name(ctx: Context, conflict: Entity, territory: str) -> None:
    """A conflict named after its territory or state is one node in every article
    that names it so ("the Nagorno-Karabakh conflict", "the war over
    Nagorno-Karabakh", "the Nagorno-Karabakh war"): its identity is the
    territory's, its label "<territory> conflict", the article's words aliases."""
    place = ctx.entities[territory]
    place_identity = identity_of(place, ctx.gaz)
    if place_identity is None:
        return  # an ambiguous or unnamed territory: the conflict stays in its article
    entry = ctx.gaz.get(place.gazetteer_id)
    label = f"{entry.label if entry is not None else place.label} conflict"
    conflict.identity = "conflict/" + place_identity.split("/", 1)[1]
    if conflict.label != label:
        conflict.aliases.insert(0, conflict.label)
        conflict.label = label
    conflict.aliases[:] = [a for a in dict.fromkeys(conflict.aliases) if a != label]


def parties_name(ctx: Context, conflict: Entity) -> None:
    """A conflict the text names after its two parties ("the war between Israel and
    Hezbollah", "Hezbollah's war with Israel") is one node in every article that
    does so, whichever party comes first: ``conflict/hezbollah--israel``."""
    sides = []
    for key in ctx.parties[:2]:
        identity = identity_of(ctx.entities[key], ctx.gaz)
        if identity is None:
            return  # a party that stays in its article: so does the conflict
        entry = ctx.gaz.get(ctx.entities[key].gazetteer_id)
        sides.append((identity.split("/", 1)[1],
                      entry.label if entry is not None else ctx.entities[key].label))
    if len(sides) != 2 or sides[0][0] == sides[1][0]:
        return
    sides.sort()
    conflict.identity = f"conflict/{sides[0][0]}--{sides[1][0]}"
    label = f"{sides[0][1]}-{sides[1][1]} conflict"
    if conflict.label != label:
        conflict.aliases.insert(0, conflict.label)
        conflict.label = label
    conflict.aliases[:] = [a for a in dict.fromkeys(conflict.aliases) if a != label]


def is_conflict_noun(token: Token) -> bool:
    if token.lemma_.lower() not in CONFLICT_NOUNS or token.pos_ != "NOUN":
        return False
    # "war zones", "war crimes": a modifier, not the conflict itself
    return token.dep_ != "compound" or token.head.lemma_.lower() in WAR_ZONE_NOUNS


def describe(ctx: Context, token: Token) -> tuple[int, str | None, str | None]:
    """How a conflict noun names its conflict: (priority, label, territory).

    1 "the Nagorno-Karabakh conflict", "the Syrian conflict"; 2 "Libya's civil
    war" -> "Libyan civil war"; 3 "the war in Yemen" -> "Yemen war"; 4 "Russia's
    war against Ukraine", "the conflict between Israel and Hezbollah" ->
    "Russia-Ukraine war"; 9 a bare "the conflict".
    """
    noun = token.lemma_.lower()
    mods = [c.lower_ for c in token.children
            if c.dep_ == "amod" and c.lower_ in CASUAL_MODIFIERS]
    tail = " ".join([*mods, noun])
    previous = ctx.token_key.get(token.i - 1)
    if previous and ctx.entities[previous].type in {"Place", "Country"}:
        first = token.i - 1
        while first > 0 and ctx.token_key.get(first - 1) == previous:
            first -= 1
        return 1, f"{ctx.doc[first:token.i].text} {noun}", previous
    for child in token.children:
        if child.dep_ == "amod" and child.i in ctx.demonym_key:
            return 1, f"{child.text} {tail}", ctx.demonym_key[child.i]
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    other = [p for p in pobjs(token, {"against", "with", "between"})]
    owner_keys = ctx.resolve(owner) if owner is not None else []
    if owner_keys and other:
        sides = [owner_keys[0], *ctx.resolve_all(other[0])]
        return 4, "-".join(ctx.entities[k].label for k in sides[:2]) + f" {noun}", None
    if owner_keys and ctx.entities[owner_keys[0]].type == "Country":
        return 2, f"{adjective(ctx, owner_keys[0])} {tail}", owner_keys[0]
    places = pobjs(token, {"in", "on"})
    if token.dep_ == "dobj" and token.head.lemma_.lower() in WAGING_VERBS:
        places += pobjs(token.head, {"in", "on", "against"})  # "waging war on Yemen"
    for place in places:
        keys = ctx.resolve(place, for_role="place")
        if keys and ctx.entities[keys[0]].type in {"Place", "Country"}:
            return 3, f"{ctx.entities[keys[0]].label} {tail}", keys[0]
    if other:
        sides = ctx.resolve_all(other[0])
        if len(sides) >= 2:
            return 4, "-".join(ctx.entities[k].label for k in sides[:2]) + f" {noun}", None
    if len(ctx.parties) == 2:
        return 8, "-".join(ctx.entities[k].label for k in ctx.parties) + f" {noun}", None
    return 9, None, None


def fought_over(ctx: Context) -> list[tuple[int, str, str, int]]:
    """"fighting over Nagorno-Karabakh", "the battle for Aleppo": the territory
    a war is about names it ("Nagorno-Karabakh conflict")."""
    found = []
    for token in ctx.tokens:
        if ctx.lemmas[token.i] not in FOUGHT_OVER_NOUNS:
            continue
        for place in pobjs(token, {"over", "for"}):
            keys = ctx.resolve(place, for_role="place")
            if keys and ctx.entities[keys[0]].type == "Place":
                found.append((1, f"{ctx.entities[keys[0]].label} conflict", keys[0], token.i))
    return found


def adjective(ctx: Context, country: str) -> str:
    """"Libya" -> "Libyan": the gazetteer's first demonym, else the name."""
    entry = ctx.gaz.get(ctx.entities[country].gazetteer_id)
    return entry.demonyms[0] if entry is not None and entry.demonyms else \
        ctx.entities[country].label



def explicit_parties(ctx: Context) -> list[str]:
    """"the war between X and Y", "X's war against (with) Y", or "X and Y are fighting"."""
    return owned_war(ctx) or fighting_subjects(ctx) or war_between(ctx)


def owned_war(ctx: Context) -> list[str]:
    """"Russia's war against Ukraine", "Hezbollah's war with Israel"."""
    for token in ctx.tokens:
        if ctx.lemmas[token.i] not in CONFLICT_NOUNS:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        against = pobjs(token, {"against", "on", "with"})
        if owner is not None and against:
            keys = [k for k in (*ctx.resolve(owner), *ctx.resolve(against[0]))
                    if ctx.entities[k].type in PARTY_TYPES]
            if len(keys) == 2:
                return keys
    return []


def fighting_subjects(ctx: Context) -> list[str]:
    """"Armenia and Azerbaijan are fighting", "X and Y clashed"."""
    for token in ctx.tokens:
        if ctx.lemmas[token.i] not in HOSTILE_VERBS or not acts_as_verb(token):
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and child.conjuncts:
                keys = [k for k in ctx.resolve_all(child) if ctx.entities[k].type in PARTY_TYPES]
                if len(keys) >= 2:
                    return keys[:2]
    return []


def war_between(ctx: Context) -> list[str]:
    """"the conflict between X and Y", "fighting between X and Y"."""
    nouns = CONFLICT_NOUNS | BETWEEN_NOUNS
    for token in ctx.tokens:
        if ctx.lowers[token.i] != "between" or ctx.lemmas[token.head.i] not in nouns:
            continue
        for pobj in token.children:
            if pobj.dep_ != "pobj":
                continue
            keys = [k for k in ctx.resolve_all(pobj) if ctx.entities[k].type != "Place"]
            if len(keys) >= 2:
                return keys[:2]
    return []


def frequent_parties(ctx: Context) -> list[str]:
    mediators = mediator_keys(ctx)
    demonyms = Counter(ctx.demonym_key.values())
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for key, entity in ctx.entities.items():
        if entity.type not in {"Country", "Organization"} or key in INTERNATIONAL:
            continue
        if key in mediators:
            continue
        counts[key] = len(entity.mentions) + demonyms.get(key, 0)
        first[key] = min((m.start for m in entity.mentions), default=len(ctx.article.text))
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    return [k for k in ranked if counts[k] >= 2][:2]


def mediator_keys(ctx: Context) -> set[str]:
    """States named as subjects of "mediate" or as co-chairs."""
    keys: set[str] = set()
    for token in ctx.tokens:
        if ctx.lemmas[token.i] == "mediate" and acts_as_verb(token):
            for child in token.children:
                if child.dep_ == "nsubj":
                    keys.update(k for k in ctx.resolve_all(child, for_role="name"))
        if ctx.lowers[token.i] in CHAIRING_WORDS:
            for agent in token.children:
                for pobj in agent.children:
                    keys.update(ctx.resolve_all(pobj, for_role="name"))
    return keys
