"""Mediation: groups and formats, their parent organisations and mediators.

A mediation group is a gazetteer entry of that type ("OSCE Minsk Group") or
a named format in the text: a head noun such as format, process, initiative,
channel, committee, mechanism or mission with a proper-name modifier or in a
mediation context ("the Astana format", "the Berlin Process", "a monitoring
committee chaired by ..."), or an envoy's office ("the UN special envoy for
Yemen, Hans Grundberg").

- parent: an organisation in the group's name ("UN Support Mission", "the
  Minsk Group of the OSCE", "... (OSCE)");
- mediators: "chaired/brokered/led/sponsored/co-chaired by A and B",
  "including C", "A brokered the X together with B", "the guarantor countries
  of the X, A, B and C", "A, B and C mediate the conflict", the envoy in post;
- mediates: every group mediates the article's conflict.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Relation
from . import lexicons
from .context import Context, acts_as_verb, noun_phrase, window_start
from .syntax import actors, clause_span, pobjs, sentence_span, subjects

GROUP_HEADS = lexicons.words("group_head")
MEDIATION_WORDS = lexicons.words("mediation_word")
GENERIC_GROUP_HEADS = lexicons.words("generic_group_head")
BARE_GROUP_NAMES = lexicons.words("bare_group_name")
MEDIATOR_VERBS = lexicons.words("mediator_verb")
GROUP_NAME_FILLERS = lexicons.words("group_name_filler")
ENVOY_NOUNS = lexicons.words("envoy_noun")
MEMBER_NOUNS = lexicons.words("member_noun")
MEDIATING_VERBS = lexicons.words("mediating_verb")


def find_mediation(ctx: Context) -> list[Relation]:
    groups = find_groups(ctx)
    relations: list[Relation] = []
    for token, key in groups:
        relations += group_parent(ctx, token, key)
        relations += group_mediators(ctx, token, key)
        if ctx.conflict:
            relations.append(Relation(key, "mediates", ctx.conflict, sentence_span(token.sent),
                                      0.6))
    relations += mediating_states(ctx, groups)
    return relations


def find_groups(ctx: Context) -> list[tuple[Token, str]]:
    """Each mediation group with the token heading its first mention."""
    found: dict[str, Token] = {}
    for token in ctx.tokens:
        key = ctx.token_key.get(token.i)
        if key and ctx.entities[key].type == "MediationGroup":
            head = token
            while head.dep_ == "compound" and ctx.token_key.get(head.head.i) == key:
                head = head.head
            found.setdefault(key, head)
            continue
        if ctx.lemmas[token.i] not in GROUP_HEADS and ctx.lemmas[token.i] not in ENVOY_NOUNS:
            continue  # neither a format ("the Minsk Group") nor an envoy's office
        key = named_format(ctx, token) or envoy_office(ctx, token)
        if key:
            found.setdefault(key, token)
    return [(token, key) for key, token in found.items()]


def named_format(ctx: Context, token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in {"NOUN", "PROPN"} or lemma not in GROUP_HEADS:
        return None
    if token.dep_ == "compound":
        return None
    modifiers = [c for c in token.children if c.dep_ in {"compound", "amod"}]
    named = any(c.text[:1].isupper() for c in modifiers) or token.text[:1].isupper()
    context = {t.lemma_.lower() for t in token.sent} & MEDIATION_WORDS
    if not context or not (named or modifiers) or token.i in ctx.token_key:
        return None  # "Wagner Group" is a known organisation, not a format
    if lemma in GENERIC_GROUP_HEADS and not named and not chaired(token):
        return None  # "a jihadist group", "a military committee": not a mediation format
    phrase = group_phrase(token)
    if not phrase or phrase.lower() in BARE_GROUP_NAMES:
        return None
    entity = ctx.add_entity(phrase, "MediationGroup", confidence=0.6)
    start = min([token.idx] + [c.left_edge.idx for c in modifiers])
    ctx.add_mention(entity.key, start, token.idx + len(token.text), range(token.i, token.i + 1))
    return entity.key


def chairing_verbs(token: Token) -> list[Token]:
    """"a committee chaired by ..." (a participle on the noun, or, when the
    parser made the noun its subject, the verb above it)."""
    verbs = [c for c in token.children if c.dep_ in {"acl", "relcl"}]
    if token.dep_ in {"nsubj", "nsubjpass"} and any(c.dep_ == "agent"
                                                     for c in token.head.children):
        verbs.append(token.head)
    return [v for v in verbs if v.lemma_.lower() in MEDIATOR_VERBS]


def chaired(token: Token) -> bool:
    """"a committee chaired by ...", "a mission led by ...": someone mediates in it."""
    return bool(chairing_verbs(token))


def group_phrase(token: Token) -> str:
    """"the so-called Astana format" -> "Astana format"; keeps "for X" / "in X"."""
    words = [c for c in token.subtree if c.i < token.i and c.dep_ in {"compound", "amod",
                                                                       "nmod", "punct"}
             and c.lower_ not in GROUP_NAME_FILLERS]
    tail = []
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"for", "in", "on"}:
            for t in child.subtree:  # "for Yemen", not "for Yemen, Hans Grundberg"
                if t.is_punct or t.dep_ == "appos":
                    break
                tail.append(t)
            break
    text = " ".join(t.text for t in [*words, token, *tail])
    return text.replace(" - ", "-").strip()


def envoy_office(ctx: Context, token: Token) -> str | None:
    """"the UN special envoy for Yemen, Hans Grundberg": an office that mediates."""
    if token.lemma_.lower() not in ENVOY_NOUNS:
        return None
    orgs = [c for c in token.children if c.dep_ in {"compound", "poss", "nmod"}
            and ctx.entities.get(ctx.token_key.get(c.i, ""), None) is not None
            and ctx.entities[ctx.token_key[c.i]].type == "Organization"]
    near = [*token.children, *(g for c in token.children if c.dep_ == "prep"
                               for p in c.children for g in p.children)]
    person = next((c for c in near if c.dep_ in {"appos", "compound"}
                   and ctx.token_key.get(c.i) and ctx.entities[ctx.token_key[c.i]].type
                   == "Person"), None)
    if not orgs or person is None:
        return None
    label = group_phrase(token)
    entity = ctx.add_entity(label, "MediationGroup", confidence=0.6)
    phrase = noun_phrase(token)
    ctx.add_mention(entity.key, phrase.start_char, token.idx + len(token.text))
    ctx.envoys[entity.key] = ctx.token_key[person.i]
    return entity.key


def group_parent(ctx: Context, token: Token, group: str) -> list[Relation]:
    """"the Minsk Group of the OSCE", "the OSCE Minsk Group", "UN Support Mission"."""
    candidates: list[Token] = list(pobjs(token, {"of", "within"}))
    candidates += [c for c in token.children if c.dep_ in {"appos", "compound", "poss", "nmod"}]
    parents: list[str] = []
    for cand in candidates:
        for tok in cand.subtree:
            key = ctx.token_key.get(tok.i)
            if key and key != group and ctx.entities[key].type == "Organization":
                parents.append(key)
                break
    entry = ctx.gaz.get(ctx.entities[group].gazetteer_id)
    if not parents and entry is not None and entry.parent in ctx.entities:
        parents.append(entry.parent)  # named in the article, tied by the gazetteer
    span = sentence_span(token.sent)
    return [Relation(group, "parentOrganization", p, span, 0.8) for p in dict.fromkeys(parents)]


def group_mediators(ctx: Context, token: Token, group: str) -> list[Relation]:
    keys: list[str] = []
    span = sentence_span(token.sent)
    if group in ctx.envoys:
        keys.append(ctx.envoys[group])
    # "a committee chaired by A and including B"
    for verb in chairing_verbs(token):
        for v in (verb, *verb.conjuncts):
            if v.lemma_.lower() in MEDIATOR_VERBS:
                for arg in v.subtree:
                    # "chaired by A and including B": objects of by/including
                    if arg.dep_ in {"pobj", "dobj"} and arg.i != token.i and (
                            arg.head == v or arg.head.lower_ in {"by", "including"}):
                        keys += actors(ctx, ctx.resolve_all(arg))
    # "A brokered the X (together) with B"
    head = token.head
    if token.dep_ == "dobj" and acts_as_verb(head) and head.lemma_.lower() in MEDIATOR_VERBS:
        keys += subjects(ctx, head)
        for prep in head.children:
            if prep.dep_ in {"prep", "advmod"} and prep.lower_ in {"with", "together"}:
                for pobj in (t for t in prep.subtree if t.dep_ == "pobj"):
                    keys += actors(ctx, ctx.resolve_all(pobj))
    # "the guarantor countries of the X, A, B and C"
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        owner = token.head.head
        members = MEMBER_NOUNS
        if owner.lemma_.lower() in members or any(
                c.lemma_.lower() in members for c in owner.children):
            for appos in (c for c in (*owner.children, *token.children) if c.dep_ == "appos"):
                keys += actors(ctx, ctx.resolve_all(appos))
    keys = [k for k in dict.fromkeys(keys) if k != group]
    return [Relation(group, "mediator", k, span, 0.7) for k in keys]


def mediating_states(ctx: Context, groups: list[tuple[Token, str]]) -> list[Relation]:
    """"A, B and C mediate the conflict": mediators of the group named nearby,
    or of an unnamed group when the article names none."""
    found: list[Relation] = []
    for token in ctx.tokens:
        if not (ctx.lemmas[token.i] in MEDIATING_VERBS and acts_as_verb(token)):
            continue
        if any(c.dep_ == "dobj" and ctx.token_key.get(c.i) in dict(
                (k, t) for t, k in groups) for c in token.children):
            continue  # "brokered the X": handled with the group
        mediators = subjects(ctx, token)
        if not mediators:
            continue
        group = nearest_group(token, groups)
        span = clause_span(token)
        if group is None:
            label = f"mediation in the {ctx.entities[ctx.conflict].label}" if ctx.conflict \
                else "mediation"
            entity = ctx.add_entity(label, "MediationGroup", key="mediation_group",
                                    confidence=0.5)
            subtree = list(token.subtree)
            ctx.add_mention(entity.key, subtree[0].idx, subtree[-1].idx + len(subtree[-1].text))
            group = entity.key
            if ctx.conflict:
                found.append(Relation(group, "mediates", ctx.conflict, span, 0.6))
        found += [Relation(group, "mediator", m, span, 0.75) for m in mediators]
    return found


def nearest_group(token: Token, groups: list[tuple[Token, str]]) -> str | None:
    """The group named in this or the two previous sentences."""
    first = window_start(token, 2)
    candidates = [(t.i, k) for t, k in groups if first <= t.i < token.sent.end]
    return max(candidates)[1] if candidates else None
