"""Alignments written as modifiers and nouns rather than verbs.

- "the Russian-backed separatists", "the Iran-aligned Houthis", "the
  LNA-allied militia": the modifier's actor supports the noun's;
- "the Houthi-held port of Hodeidah", "Taliban-controlled districts": the
  modifier's actor controls the place;
- "Turkey, Azerbaijan's closest ally", "the government and its Russian and
  Iranian allies": an ally supports its principal;
- "the LNA has the support of Russia and Egypt": the supporters support the
  subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Relation
from . import lexicons
from .context import Context
from .syntax import actors, clause_span, pobjs

BACKING_PARTICIPLES = lexicons.words("backing_participle")
HOLDING_PARTICIPLES = lexicons.words("holding_participle")
PARTICIPLES = BACKING_PARTICIPLES | HOLDING_PARTICIPLES
LED_ALLIANCES = lexicons.words("led_alliance")
ALLY_NOUNS = lexicons.words("ally_noun")
SUPPORT_NOUNS = lexicons.words("support_noun")
HAVING_VERBS = lexicons.words("having_verb")


def find_alignments(ctx: Context) -> list[Relation]:
    found: list[Relation] = []
    for token, lemma, lower in zip(ctx.tokens, ctx.lemmas, ctx.lowers, strict=True):
        if lower not in PARTICIPLES and lemma not in ALLY_NOUNS and lemma not in SUPPORT_NOUNS:
            continue  # none of the rules below is about this word
        found += hyphenated(ctx, token)
        found += allies(ctx, token)
        found += support_of(ctx, token)
    return found


def modifier_actor(ctx: Context, participle: Token) -> list[str]:
    """The actor in "Russian-backed" / "Houthi-held" / "US-backed"."""
    keys: list[str] = []
    for child in participle.children:
        if child.dep_ in {"npadvmod", "compound", "amod", "nmod", "advmod"}:
            if child.i in ctx.demonym_key:
                keys.append(ctx.demonym_key[child.i])
            else:
                keys += actors(ctx, ctx.resolve(child))
    if not keys and participle.i > 1 and ctx.doc[participle.i - 1].text == "-":
        prev = ctx.doc[participle.i - 2]  # the parser sometimes leaves "X - backed" flat
        keys = [ctx.demonym_key[prev.i]] if prev.i in ctx.demonym_key else actors(
            ctx, ctx.resolve(prev))
    return keys


def hyphenated(ctx: Context, token: Token) -> list[Relation]:
    lower = token.lower_
    if token.dep_ not in {"amod", "compound", "acl"} or lower not in PARTICIPLES:
        return []
    if lower == "led" and token.head.lemma_.lower() not in LED_ALLIANCES:
        return []  # "Saudi-led coalition" is led (backed) by Saudi Arabia; "UN-led talks" not
    owners = modifier_actor(ctx, token)
    if not owners:
        return []
    head = token.head
    span = clause_span(head)
    if lower in HOLDING_PARTICIPLES:
        places = [k for k in ctx.resolve(head, for_role="place")
                  if ctx.entities[k].type == "Place"]
        places += [k for p in pobjs(head, {"of"}) for k in ctx.resolve(p, for_role="place")
                   if ctx.entities[k].type == "Place"]
        return [Relation(o, "controls", p, span, 0.7) for o in owners for p in places]
    backed = actors(ctx, ctx.resolve(head, create=True))
    if not backed and head.pos_ in {"NOUN", "PROPN"}:
        backed = [ctx.group_for(head)]
    return [Relation(o, "supports", b, span, 0.7) for o in owners for b in backed if o != b]


def allies(ctx: Context, token: Token) -> list[Relation]:
    """"Turkey, Azerbaijan's closest ally"; "its Russian and Iranian allies"."""
    if token.lemma_.lower() not in ALLY_NOUNS or token.pos_ != "NOUN":
        return []
    principal = [k for c in token.children if c.dep_ == "poss"
                 for k in actors(ctx, ctx.resolve(c))]
    if not principal:
        return []
    supporters: list[str] = []
    if token.dep_ == "appos":
        supporters += actors(ctx, ctx.resolve_all(token.head))
    for child in token.children:
        if child.dep_ in {"amod", "compound"}:
            for tok in (child, *child.conjuncts):
                if tok.i in ctx.demonym_key:
                    supporters.append(ctx.demonym_key[tok.i])
        if child.dep_ == "appos":
            supporters += actors(ctx, ctx.resolve_all(child))
    span = clause_span(token)
    return [Relation(s, "supports", p, span, 0.7) for s in dict.fromkeys(supporters)
            for p in principal if s != p]


def support_of(ctx: Context, token: Token) -> list[Relation]:
    """"X has the support of A, B and C"; "X enjoys the backing of A"."""
    if token.lemma_.lower() not in SUPPORT_NOUNS or token.dep_ != "dobj":
        return []
    verb = token.head
    if verb.lemma_.lower() not in HAVING_VERBS:
        return []
    backed = [k for c in verb.children if c.dep_ == "nsubj" for k in actors(ctx, ctx.resolve(c))]
    backers = [k for p in pobjs(token, {"of", "from"}) for k in actors(ctx, ctx.resolve_all(p))]
    span = clause_span(verb)
    return [Relation(b, "supports", x, span, 0.7) for b in backers for x in backed if b != x]
