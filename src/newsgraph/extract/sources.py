"""Who speaks: the words naming the source of a report, and the actors they name.

The source of a cue is its subject, the agent of a passive, the antecedent of a
relative pronoun, the noun a present participle modifies, the object of the verb
an infinitive complements, or the subject a participle, conjunct or gerund shares
with the verb it hangs on. A source that names no known actor becomes a
description of its own ("analysts", "a senior official"); none, or an unresolved
pronoun, is the article's one unnamed source.
"""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicon
from .context import Context
from .cues import source_heads

NON_ACTORS = {"Place", "Conflict"}
PERSONAL = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
            "his", "its", "their", "our", "my", "your"}
RELATIVE = {"who", "which", "that"}
# words a parser may take for the subject of a report that name nobody ("That said, ...")
NOT_SOURCES = {"that", "this", "what", "there", "nobody", "none", "nothing"}
UNNAMED_SOURCE = "unnamed_source"


def source_token(token: Token) -> Token | None:
    """The words naming who speaks, thinks or wants: subject, passive agent,
    relative antecedent, the noun a present participle modifies, or the
    subject a participle or conjunct shares."""
    current = token
    for _ in range(4):
        subject = None
        for child in current.children:
            if child.dep_ == "agent":
                subject = next((g for g in child.children if g.dep_ == "pobj"), None)
                break
            if child.dep_ == "nsubj":
                subject = child
        if subject is not None:
            return subject  # "officials who said": "who" names them here
        passive_subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
        if current is not token and passive_subject is not None:
            return passive_subject  # "X was forced to retreat and said ...": X
        if passive_subject is not None or any(c.dep_ == "expl" for c in current.children):
            return None  # "it was reported that", "X is expected to"
        if current.dep_ == "xcomp" and (controller := object_controller(current)) is not None:
            return controller  # "the vote led analysts to predict ...": the analysts
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in {
                "NOUN", "PROPN", "PRON"}:
            return current.head  # "voters describing themselves as": the voters
        if current.dep_ == "pcomp" and current.head.head.pos_ in {"VERB", "AUX"}:
            current = current.head.head  # "X responded by saying": X
            continue
        if current.dep_ in {"conj", "advcl", "xcomp", "acomp", "relcl"} and (
                current.head != current):
            if current.dep_ == "relcl":
                return current.head
            current = current.head
            continue
        break
    return None


def object_controller(clause: Token) -> Token | None:
    """The object of the verb an infinitive complements, which is that infinitive's
    subject ("asked the envoy to say", "prompted critics to warn")."""
    return next((c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i), None)


def speakers_of(ctx: Context, source: Token | None, any_noun: bool = False) -> list[str]:
    """The actors a source names; a description of its own ("analysts", "some";
    any noun for a speech verb: "the actress said"), the unnamed source for none
    or an unresolved pronoun; nothing for a subject that cannot be a source
    ("the operation would continue")."""
    if source is None:
        return [unnamed_source(ctx)]
    keys = actor_keys(ctx, source)
    if keys:
        return keys
    if source.lower_ in RELATIVE and source.head.dep_ == "relcl":
        source = source.head.head  # "the farmers, who said": the farmers
    of = next((g for c in source.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"), None)
    if of is not None and source.lemma_.lower() in lexicon.QUANTITY_HEADS:
        source = of  # "hundreds of protesters": the protesters
    if source.pos_ in {"PROPN", "NUM"} or (any_noun and source.pos_ == "NOUN") or (
            source.pos_ in {"NOUN", "PRON", "DET", "ADJ", "NUM"}
            and source.lemma_.lower() in source_heads()):
        return [ctx.group_for(source)]
    if source.lower_ in NOT_SOURCES:
        return []
    if source.lower_ in PERSONAL or (any_noun and source.lower_ in RELATIVE):
        return [unnamed_source(ctx)]
    if any_noun:
        return [ctx.group_for(source)]  # "another said", "someone asked"
    return []


def actor_keys(ctx: Context, token: Token) -> list[str]:
    """The known actors ``token`` names as a speaker (places and conflicts never speak)."""
    from .statements import speaker_keys

    return [k for k in speaker_keys(ctx, token) if ctx.entities[k].type not in NON_ACTORS]


def unnamed_source(ctx: Context) -> str:
    """The article's one unnamed source: who speaks in "it was reported that"."""
    if UNNAMED_SOURCE not in ctx.entities:
        ctx.add_entity("unnamed source", "Group", key=UNNAMED_SOURCE, confidence=0.3)
    return UNNAMED_SOURCE
