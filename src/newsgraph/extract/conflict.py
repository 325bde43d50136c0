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

from . import lexicon
from .context import Context, acts_as_verb

INTERNATIONAL = {"un", "united_nations", "osce", "eu", "european_union", "nato", "icrc",
                 "un_security_council", "african_union", "arab_league"}


def find_conflict(ctx: Context) -> None:
    ctx.parties = explicit_parties(ctx) or frequent_parties(ctx)
    for token in ctx.doc:
        if is_conflict_noun(token):
            add_conflict_mention(ctx, token)


def is_conflict_noun(token: Token) -> bool:
    if token.lemma_.lower() not in lexicon.CONFLICT_NOUNS or token.pos_ != "NOUN":
        return False
    # "war zones", "war crimes": a modifier, not the conflict itself
    if token.dep_ == "compound" and token.head.lemma_.lower() not in {"region", "zone", "area"}:
        return False
    return token.dep_ != "compound" or token.head.lemma_.lower() in {"region", "area", "zone"}


def add_conflict_mention(ctx: Context, token: Token) -> None:
    territory = None
    # the name right before the noun: "the Nagorno-Karabakh conflict", "the Yemen war"
    previous = token.i - 1
    key = ctx.token_key.get(previous) if previous >= 0 else None
    if key and ctx.entities[key].type == "Place":
        territory = key
    if ctx.conflict is None:
        if territory is not None:
            label = f"{ctx.entities[territory].label} {token.lemma_.lower()}"
        elif len(ctx.parties) == 2:
            names = " and ".join(ctx.entities[p].label for p in ctx.parties)
            label = f"{token.lemma_.lower()} between {names}"
        else:
            label = f"{token.lemma_.lower()} reported in article {ctx.article.identifier}"
        entity = ctx.add_entity(label, "Conflict", key="conflict", confidence=0.7)
        ctx.conflict = entity.key
        if territory is not None:
            ctx.conflict_territory = territory
    start = token.i
    while territory is not None and start > 0 and ctx.token_key.get(start - 1) == territory:
        start -= 1
    span = ctx.doc[start : token.i + 1]
    ctx.add_mention(ctx.conflict, span.start_char, span.end_char)


HOSTILE_VERBS = {"fight", "clash", "battle", "trade", "exchange", "war"}


def explicit_parties(ctx: Context) -> list[str]:
    """"the war between X and Y", or "X and Y are fighting / traded fire"."""
    for token in ctx.doc:
        if token.lemma_.lower() in HOSTILE_VERBS and acts_as_verb(token):
            for child in token.children:
                if child.dep_ == "nsubj" and child.conjuncts:
                    keys = [k for k in ctx.resolve_all(child)
                            if ctx.entities[k].type in {"Country", "Organization", "Group"}]
                    if len(keys) >= 2:
                        return keys[:2]
    for token in ctx.doc:
        if token.lower_ != "between":
            continue
        head = token.head
        if head.lemma_.lower() not in lexicon.CONFLICT_NOUNS | {"fighting", "clash", "hostility"}:
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
        first[key] = min((m.start for m in entity.mentions), default=len(ctx.doc.text))
    ranked = sorted(counts, key=lambda k: (-counts[k], first[k]))
    return [k for k in ranked if counts[k] >= 2][:2]


def mediator_keys(ctx: Context) -> set[str]:
    """States named as subjects of "mediate" or as co-chairs."""
    keys: set[str] = set()
    for token in ctx.doc:
        if token.lemma_.lower() == "mediate" and acts_as_verb(token):
            for child in token.children:
                if child.dep_ == "nsubj":
                    keys.update(k for k in ctx.resolve_all(child, for_role="name"))
        if token.lower_ in {"co-chaired", "chaired"}:
            for agent in token.children:
                for pobj in agent.children:
                    keys.update(ctx.resolve_all(pobj, for_role="name"))
    return keys
