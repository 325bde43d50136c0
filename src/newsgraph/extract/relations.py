"""Relations between entities: alignment, control, legal status, mediation.

- supports: "X is on the side of Y", "X sides with Y", "X backs Y",
  "X is an ally of Y", "Y sees X as a protective power / ally / protector";
- controls: "X controls P", "P is controlled/held by X", "P is under X's control";
- legallyPartOf: "P belongs to C", "P is (internationally recognised as) part of C";
- party / disputedTerritory: the conflict's parties and the territory in its name;
- mediation: see ``mediation.py``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import RELATION_PREDICATES, Relation, one_of
from ..model import Span as TextSpan
from . import lexicons
from .alignments import find_alignments
from .context import Context, acts_as_verb
from .mediation import find_mediation
from .syntax import RELATIVES, actors, antecedent, clause_span, pobjs, subjects

SUPPORT_VERBS = lexicons.words("support_verb")
SPONSOR_VERBS = lexicons.words("sponsor_verb")
BACKING_VERBS = SUPPORT_VERBS | SPONSOR_VERBS  # "backed by", "financed and armed by"
COPULA_VERBS = lexicons.words("copula_verb")
SEEING_VERBS = lexicons.words("seeing_verb")
ALLY_ATTRIBUTES = lexicons.words("ally_attribute")
PROTECTOR_NOUNS = lexicons.words("protector_noun")
CONTROL_VERBS = lexicons.words("control_verb")
STRONGHOLD_NOUNS = lexicons.words("stronghold_noun")
RECOGNISING_VERBS = lexicons.words("recognising_verb")
TERRITORY_NOUNS = lexicons.words("territory_noun")
BELONG_VERBS = lexicons.words("belong_verb")
LEGAL_WORDS = lexicons.words("legal_word")
WAR_NOUNS = lexicons.words("war_noun")


# every lemma supports() looks at
SUPPORT_LEMMAS = frozenset({"be", *COPULA_VERBS, *SUPPORT_VERBS, *BACKING_VERBS, *SEEING_VERBS})


# every lemma the rules over single tokens look at (each returns nothing for another)
TOKEN_RULE_LEMMAS = frozenset({*SUPPORT_LEMMAS, *CONTROL_VERBS, *BELONG_VERBS,
                               *RECOGNISING_VERBS, *STRONGHOLD_NOUNS})


def find_relations(ctx: Context) -> list[Relation]:
    relations: list[Relation] = []
    for token, lemma in zip(ctx.tokens, ctx.lemmas, strict=True):
        if lemma not in TOKEN_RULE_LEMMAS:
            continue
        relations.extend(supports(ctx, token))
        relations.extend(controls(ctx, token))
        relations.extend(legally_part_of(ctx, token))
        relations.extend(recognised_as_part(ctx, token))
        relations.extend(strongholds(ctx, token))
    relations.extend(find_alignments(ctx))
    relations.extend(find_mediation(ctx))
    relations.extend(conflict_relations(ctx))
    return dedupe(relations)


def dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for rel in relations:
        triple = (rel.subject, rel.predicate, rel.object)
        if triple not in seen and rel.subject != rel.object:
            seen.add(triple)
            kept.append(rel)
    return kept


def supports(ctx: Context, token: Token) -> list[Relation]:
    """"X is on the side of Y", "X sides with Y", "Y, backed by X", "Y sees X as an ally"."""
    lemma = token.lemma_.lower()
    if lemma not in SUPPORT_LEMMAS:
        return []  # asked of every token: the verb test only where it can matter
    verbal = acts_as_verb(token)
    if verbal and lemma == "be" or lemma in COPULA_VERBS:
        return sided_with(ctx, token)
    if lemma in SUPPORT_VERBS and not verbal and misparsed_verb(token):
        holders, allies = surface_pair(ctx, token)
        return pairs(ctx, holders, actors(ctx, allies), token, "supports")
    if lemma in BACKING_VERBS and by_agent(token):
        # "Hezbollah, which is financed and armed by Iran"; "the GNA, backed by Turkey"
        backers = [k for a in by_agent(token) for k in actors(ctx, ctx.resolve_all(a))]
        return pairs(ctx, backers, passive_object(ctx, token), token, "supports")
    if verbal and lemma in SUPPORT_VERBS:
        objs = pobjs(token, {"with"}) if lemma == "side" else [
            c for c in token.children if c.dep_ == "dobj"]
        found: list[Relation] = []
        for obj in objs:
            found += pairs(ctx, subjects(ctx, token), actors(ctx, ctx.resolve_all(obj)), token,
                           "supports")
        return found
    if verbal and lemma in SEEING_VERBS:
        return seen_as_protector(ctx, token)
    return []


def sided_with(ctx: Context, token: Token) -> list[Relation]:
    """"X is on the side of Y", "X stands by the side of Y", "X is an ally of Y"."""
    found: list[Relation] = []
    for on in pobjs(token, {"on", "by"}):
        if on.lemma_.lower() == "side":
            for obj in pobjs(on, {"of"}):
                found += pairs(ctx, subjects(ctx, token), ctx.resolve_all(obj), token,
                               "supports")
    for attr in token.children:
        if attr.dep_ == "attr" and attr.lemma_.lower() in ALLY_ATTRIBUTES:
            for obj in pobjs(attr, {"of"}):
                found += pairs(ctx, subjects(ctx, token), ctx.resolve_all(obj), token,
                               "supports")
    return found


def seen_as_protector(ctx: Context, token: Token) -> list[Relation]:
    """"Armenia sees Russia as a protective power": Russia supports Armenia."""
    found: list[Relation] = []
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        roles = [g for p in token.children if p.lower_ == "as" for g in p.children]
        roles += [g for p in obj.children if p.lower_ == "as" for g in p.children]
        if any(r.lemma_.lower() in PROTECTOR_NOUNS for r in roles):
            found += pairs(ctx, actors(ctx, ctx.resolve_all(obj)), subjects(ctx, token),
                           token, "supports")
    return found


def by_agent(token: Token) -> list[Token]:
    """The "by X" of a passive verb, shared by conjoined participles ("financed
    and armed by"), not by an active verb beside a passive one."""
    agents = pobjs(token, {"by"})
    if not agents and token.tag_ in {"VBN", "JJ"} and not any(
            c.dep_ == "dobj" for c in token.children):
        for verb in token.conjuncts:
            agents += pobjs(verb, {"by"})
    return agents


def passive_object(ctx: Context, verb: Token) -> list[str]:
    """What a passive verb is about: its subject, the noun a participle or a
    relative clause modifies ("the government, backed by Riyadh")."""
    lemma = verb.lemma_.lower()
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if target is None and verb.dep_ == "conj":
        target = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
        verb = verb.head
    if target is not None and target.lower_ in RELATIVES and antecedent(verb) is not None:
        target = antecedent(verb)
    if target is None:
        target = antecedent(verb)
    if target is None:
        return []
    found = actors(ctx, ctx.resolve_all(target, create=True)) or [
        k for k in ctx.resolve_all(target, for_role="place")
        if ctx.entities[k].type == "Place"]
    if not found and target.pos_ == "NOUN" and lemma in BACKING_VERBS:
        found = [ctx.group_for(target)]  # "the junta, which is armed by X"
    return found


def pairs(ctx: Context, subjects_: list[str], objects: list[str], token: Token,
          predicate: str) -> list[Relation]:
    span = clause_span(token)
    checked = one_of(predicate, RELATION_PREDICATES)
    return [Relation(s, checked, o, span, 0.75) for s in subjects_ for o in objects
            if ctx.entities[o].type != "Conflict"]


def controls(ctx: Context, token: Token) -> list[Relation]:
    lemma = token.lemma_.lower()
    if lemma not in CONTROL_VERBS:
        return []
    places: list[str] = []
    holders: list[str] = []
    if not acts_as_verb(token):
        if misparsed_verb(token):
            holders, places = surface_pair(ctx, token)
            places = [p for p in places if ctx.entities[p].type == "Place"]
            return pairs(ctx, holders, places, token, "controls")
        return []
    if by_agent(token):
        # "Idlib, which is largely held by HTS"; "Crimea is controlled by Russia"
        places = passive_object(ctx, token)
        for agent in by_agent(token):
            holders = actors(ctx, ctx.resolve_all(agent))
    else:
        holders = subjects(ctx, token)
        for child in token.children:
            if child.dep_ == "dobj":
                places = ctx.resolve_all(child, for_role="place")
    if not places and token.tag_.startswith("VB"):
        surface_holders, places = surface_pair(ctx, token)
        holders = holders or surface_holders
    places = [p for p in places if ctx.entities[p].type == "Place"]
    return pairs(ctx, holders, places, token, "controls")


def misparsed_verb(token: Token) -> bool:
    """A present-tense verb the small model read as a noun between two names
    ("The Taliban control Kabul", "Belarus sides with Russia")."""
    return token.tag_ in {"NN", "NNS", "VBZ", "VBP"} and token.dep_ in {"compound", "ROOT"}


def surface_pair(ctx: Context, verb: Token) -> tuple[list[str], list[str]]:
    """"ACTOR verb PLACE" read off the words when the parse went wrong
    (the small model sometimes takes "controls" for a noun compound)."""
    doc = verb.doc
    before = ctx.token_key.get(verb.i - 1) if verb.i > 0 else None
    after = next((ctx.token_key[i] for i in range(verb.i + 1, min(verb.i + 4, len(doc)))
                  if i in ctx.token_key), None)
    if before is None or after is None:
        return [], []
    return actors(ctx, [ctx.government_of(before)]), [after]


def strongholds(ctx: Context, token: Token) -> list[Relation]:
    """"Tarhuna, an LNA stronghold": the holder controls the place."""
    if token.lemma_.lower() not in STRONGHOLD_NOUNS or token.dep_ != "appos":
        return []
    place = [k for k in ctx.resolve(token.head, for_role="place")
             if ctx.entities[k].type == "Place"]
    holders = [k for c in token.children if c.dep_ in {"compound", "poss", "nmod"}
               for k in actors(ctx, ctx.resolve(c))]
    return pairs(ctx, holders, place, token, "controls")


def recognised_as_part(ctx: Context, token: Token) -> list[Relation]:
    """"P is internationally recognised as part of C", "P, regarded by the UN as
    Syrian territory": the legal status of a place."""
    if token.lemma_.lower() not in RECOGNISING_VERBS:
        return []
    found: list[Relation] = []
    for role in pobjs(token, {"as"}):
        countries: list[str] = []
        if role.lemma_.lower() == "part":
            for obj in pobjs(role, {"of"}):
                countries += country_in(ctx, obj)
        elif role.lemma_.lower() in TERRITORY_NOUNS:
            countries += [ctx.demonym_key[c.i] for c in role.children if c.i in ctx.demonym_key]
            for obj in pobjs(role, {"of"}):
                countries += country_in(ctx, obj)
        places = [k for k in passive_object(ctx, token) if ctx.entities[k].type == "Place"]
        found += pairs(ctx, places, countries, token, "legallyPartOf")
    return found


def legally_part_of(ctx: Context, token: Token) -> list[Relation]:
    lemma = token.lemma_.lower()
    found: list[Relation] = []
    if lemma in BELONG_VERBS and acts_as_verb(token):
        place = place_subject(ctx, token)
        for obj in pobjs(token, {"to"}):
            found += pairs(ctx, place, country_in(ctx, obj), token, "legallyPartOf")
    elif lemma == "be" and token.pos_ in {"AUX", "VERB"}:
        parts = [a for a in token.children if a.dep_ == "attr" and a.lemma_.lower() == "part"]
        if not parts or not any(t.lower_ in LEGAL_WORDS for t in token.subtree):
            return found
        for attr in parts:
            for obj in pobjs(attr, {"of"}):
                found += pairs(ctx, place_subject(ctx, token), country_in(ctx, obj), token,
                               "legallyPartOf")
    return found


def place_subject(ctx: Context, verb: Token) -> list[str]:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            keys = ctx.resolve_all(child, for_role="place")
            return [k for k in keys if ctx.entities[k].type == "Place"]
    return []


def country_in(ctx: Context, token: Token) -> list[str]:
    """The state named in "the Islamic part of Azerbaijan" or "Azerbaijan"."""
    for tok in token.subtree:
        key = ctx.token_key.get(tok.i)
        if key and ctx.entities[key].type == "Country":
            return [key]
    return []


def conflict_relations(ctx: Context) -> list[Relation]:
    if ctx.conflict is None:
        return []
    entity = ctx.entities[ctx.conflict]
    span = between_span(ctx) or (entity.mentions[0] if entity.mentions else None)
    if span is None:
        return []
    # parties guessed from how often they are named are used to resolve "both
    # sides", but asserted as conflict parties only when the text says so
    stated = ctx.parties_explicit or between_span(ctx) is not None
    found = [Relation(ctx.conflict, "party", p, span, 0.7) for p in ctx.parties] if stated \
        else []
    if ctx.conflict_territory:
        found.append(Relation(ctx.conflict, "disputedTerritory", ctx.conflict_territory,
                              entity.mentions[0], 0.7))
    return found


def between_span(ctx: Context) -> TextSpan | None:
    """"the conflict between the two former Soviet republics"."""
    for token in ctx.tokens:
        if ctx.lowers[token.i] == "between" and ctx.lemmas[token.head.i] in WAR_NOUNS:
            tokens = list(token.head.subtree)
            return TextSpan(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
    return None
