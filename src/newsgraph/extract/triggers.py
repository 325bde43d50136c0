"""Which words are event triggers, and of which event type.

A trigger is a row of the event-trigger table (``event_triggers.tsv``): a lemma
used as a noun or as a verb, the event type it signals and what it needs
(an object for "sent", an actor for "killed", the plural for "talks"). A few
constructions are triggers whatever their words' rows say: a phone call
("phoned", "spoke by phone"), "agreed to halt the fighting", "came under
fire", "an exchange of fire", "told Al-Manar television". Hypothetical,
negated and intended events ("any attack", "refused to meet") are not events.
"""

from __future__ import annotations

from spacy.tokens import Token

from . import lexicons
from .context import acts_as_verb
from .docfacts import facts

# The event-trigger table: (lemma, NOUN/VERB) -> row; every lemma in it; the nouns
# matched as words ("fighting" whatever its lemma).
TRIGGER_TABLE = lexicons.by_pos("event_trigger")
TRIGGER_LEMMAS = lexicons.words("event_trigger")
WORD_FORM_TRIGGERS = lexicons.conditioned("event_trigger", "word")
# Words of the constructions that are triggers of their own.
PHONE_WORDS = lexicons.words("phone_word")
PHONE_VERBS = lexicons.words("phone_verb")
CALL_NOUNS = lexicons.words("call_noun")
HALT_VERBS = lexicons.words("halt_verb")
HALTED_OBJECTS = lexicons.words("halted_object")
UNDER_FIRE_NOUNS = lexicons.words("under_fire_noun")
EXCHANGED_FIRE_NOUNS = lexicons.words("exchanged_fire_noun")
MEDIA_WORDS = lexicons.words("media_word")
# Words around a trigger that decide whether it is an event.
DEPLOYMENT_OBJECTS = lexicons.words("deployment_object")
CEASEFIRE_VERBS = lexicons.words("ceasefire_verb")
VIOLATION_WORDS = lexicons.words("violation_word")
NEGATING_DETERMINERS = lexicons.words("negating_determiner")
UNREALISED_HEADS = lexicons.words("unrealised_head")
# "agreed to halt the fighting" happened, though "agreed to meet" has not yet.
HALT_UNREALISED_HEADS = UNREALISED_HEADS - lexicons.conditioned("unrealised_head", "except_halt")


def trigger_type(token: Token) -> str | None:
    """The event type ``token`` triggers, if any."""
    if token.pos_ not in {"NOUN", "VERB"}:
        return None
    verbal = acts_as_verb(token)
    lemma = trigger_lemma(token, verbal)
    if verbal:
        return verb_construction(token, lemma) or table_type(token, lemma, "VERB")
    return noun_construction(token, lemma) or table_type(token, lemma, "NOUN")


def trigger_lemma(token: Token, verbal: bool) -> str:
    """The lemma, or the noun itself where the table says so ("fighting", which
    the tagger may lemmatise as "fight")."""
    if not verbal and token.lower_ in WORD_FORM_TRIGGERS:
        return token.lower_
    return token.lemma_.lower()


def noun_construction(token: Token, lemma: str) -> str | None:
    """"an exchange of rocket fire", "a phone call"."""
    if lemma == "exchange" and any(
            g.lemma_.lower() in EXCHANGED_FIRE_NOUNS
            for p in token.children if p.lower_ == "of" for g in p.subtree):
        return "Fighting"
    if lemma in CALL_NOUNS and has_phone(token):
        return "PhoneCall"
    return None


def verb_construction(token: Token, lemma: str) -> str | None:
    """"phoned", "spoke by phone", "agreed to halt the fighting", "the convoy came
    under fire", "told Al-Manar television"."""
    if lemma in PHONE_VERBS or has_phone(token):
        return "PhoneCall"
    if lemma in HALT_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in HALTED_OBJECTS
            for c in token.children):
        return "Ceasefire"
    if lemma == "come" and any(
            g.lemma_.lower() in UNDER_FIRE_NOUNS
            for p in token.children if p.lower_ == "under" for g in p.children):
        return "Attack"
    if lemma == "tell" and any(
            c.dep_ in {"dobj", "dative"} and any(t.lower_ in MEDIA_WORDS
                                                  for t in c.subtree) for c in token.children):
        return "Interview"
    return None


def table_type(token: Token, lemma: str, pos: str) -> str | None:
    """The type of the table's row for (lemma, pos), if the row's condition holds."""
    row = TRIGGER_TABLE.get((lemma, pos))
    if row is None or row.signals is None:
        return None
    if row.condition == "plural" and token.tag_ != "NNS":
        return None
    if token.dep_ in {"amod", "compound"} or (token.dep_ == "acl" and token.tag_ == "VBN"
                                               and token.head.pos_ == "NOUN"):
        return None  # "occupied territories", "war zones", "the so-called"
    if row.condition == "deployment_object" and not deployment_object(token):
        return None
    if row.signals == "Ceasefire":
        if any(w.lemma_.lower() in VIOLATION_WORDS
               for w in (token.head, *token.children)):
            return "CeasefireViolation"
        return row.signals if ceasefire_happened(token) else None
    if row.condition == "actor_subject" and not has_actor_subject(token):
        return None  # "200 people were killed": a casualty figure, not an attack event
    return row.signals


def ceasefire_happened(token: Token) -> bool:
    """"agreed a truce", "the ceasefire took effect", "a truce that came into force"."""
    governors = [token.head]
    if token.head.dep_ == "prep":
        governors.append(token.head.head)
    governors += [c for c in token.children if c.dep_ in {"relcl", "acl"}]
    return any(g.lemma_.lower() in CEASEFIRE_VERBS and acts_as_verb(g)
               and not unrealised(g) for g in governors if g != token)


def has_actor_subject(token: Token) -> bool:
    """"Russian shelling killed 12" has an event as subject: the casualty
    figure, not a second event."""
    return any(c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"}
               and c.lemma_.lower() not in TRIGGER_LEMMAS
               and c.lower_ not in WORD_FORM_TRIGGERS
               for c in token.children)


def halted_unrealised(token: Token) -> bool:
    """"agreed to halt the fighting" happened; "urged them to halt it" did not."""
    return token.head.lemma_.lower() in HALT_UNREALISED_HEADS


def unrealised(token: Token) -> bool:
    """Hypothetical, negated or intended events are not events: "any attack",
    "did not meet", "refused to meet", "no talks"."""
    for node in (token, token.head, token.head.head):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det"
                                       and child.lower_ in NEGATING_DETERMINERS):
                return True  # "did not meet", "any attack", "no interest in talks"
        if node != token and acts_as_verb(node):
            break
    if acts_as_verb(token) and token.dep_ == "acl" and token.tag_ == "VBG":
        return True  # "the coalition fighting in Yemen": a description, not a report
    if acts_as_verb(token) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        if token.lemma_.lower() in HALT_VERBS:
            return halted_unrealised(token)
        return token.head.lemma_.lower() in UNREALISED_HEADS
    return False


def has_phone(token: Token) -> bool:
    """"a phone call", "spoke by phone", "discussed the plan by phone" (the
    parser may hang "by phone" on the object)."""
    phone = PHONE_WORDS
    if phone.isdisjoint(facts(token.doc).lemma_set):
        return False  # asked of every verb; most articles have no phone in them
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    return any(c.lemma_.lower() in phone for c in token.children) or any(
        c.lower_ in {"by", "on", "over"} and any(g.lemma_.lower() in phone for g in c.children)
        for h in holders for c in h.children
    )


def deployment_object(token: Token) -> bool:
    """"sent troops", "advisers were sent", "sent a battalion of marines"."""
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            heads = [child, *[g for p in child.children if p.lower_ == "of" for g in p.children]]
            if any(h.lemma_.lower() in DEPLOYMENT_OBJECTS for h in heads):
                return True
    return False
