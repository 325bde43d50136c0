"""Events: trigger words mapped to event types, with their arguments.

A verb trigger takes its subject (or passive "by" agent) as agent and its
object as affected; a noun trigger takes "with X" and the subject of its
clause as participants ("a phone call with X", "an interview with X"). Fighting
with no named sides is between the conflict's parties. Place comes from
"in/at/near/to X", or else from a place named in the same sentence; time
from a date expression attached to the trigger's clause.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import EVENT_TYPES, Event, one_of
from ..model import Span as TextSpan
from . import lexicons
from .context import Context, acts_as_verb
from .dates import normalise_date
from .triggers import trigger_type, unrealised

REPEAT_DETERMINERS = lexicons.words("repeat_determiner")

CONTACT_TYPES = {"PhoneCall", "Meeting", "Negotiation", "Interview"}
VIOLENCE_TYPES = {"Fighting", "Attack", "MilitaryAdvance", "TerritorialCapture", "Deployment",
                  "CeasefireViolation"}


def find_events(ctx: Context, speaker_by_sentence: dict[int, str]) -> list[Event]:
    events: list[Event] = []
    for sent in ctx.doc.sents:
        ref = speaker_by_sentence.get(sent.start)
        for token in ctx.tokens[sent.start:sent.end]:
            kind = trigger_type(token)
            if kind is None:
                continue
            if ctx.is_headline(sent) or unrealised(token) or is_repeat(token, kind, events):
                continue
            if token.dep_ == "nsubj" and not acts_as_verb(token) and trigger_type(
                    token.head) == kind:
                continue  # "airstrikes hit ...": one event, carried by the verb
            event = build_event(ctx, sent, token, kind, ref)
            if event.agents or event.participants or event.affected or (
                    event.places and not event.confidence < 0.6):
                events.append(event)  # an event with nobody and nowhere says nothing
    return events


def is_repeat(token: Token, kind: str, events: list[Event]) -> bool:
    """"the call" / "the conversation" again: the same event, not a new one."""
    definite = any(c.lower_ in REPEAT_DETERMINERS for c in token.children)
    if not definite or token.pos_ != "NOUN":
        return False
    return any(e.type == kind for e in events)


@dataclass
class Roles:
    """Who an event's words name in each role, in the order found."""

    agents: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)


def build_event(ctx: Context, sent: Span, token: Token, kind: str, ref: str | None) -> Event:
    """The event ``token`` triggers, with its roles, place and time; ``ref`` is the
    speaker of the sentence, the point of view for "the other side"."""
    roles = Roles()
    if acts_as_verb(token):
        verb_roles(ctx, token, kind, ref, roles)
    else:
        noun_roles(ctx, token, kind, ref, roles)
    default_roles(ctx, token, kind, ref, roles)
    agents, participants, affected = roles.agents, roles.participants, roles.affected
    places = trigger_places(ctx, token) or [k for k in affected if
                                            ctx.entities[k].type in {"Place", "Country"}]
    confidence = 0.6
    if not places:
        places = sentence_places(ctx, sent, exclude=set(agents) | set(participants))
        confidence = 0.5  # the place is only named in the same sentence
    time_expression, date = time_of(ctx, token)
    return Event(
        span=evidence_span(token),
        type=one_of(kind, EVENT_TYPES),
        trigger=token.text,
        agents=dedupe(agents),
        participants=dedupe(p for p in participants if p not in agents),
        affected=dedupe(affected),
        places=dedupe(places),
        time_expression=time_expression,
        date=date,
        conflict=ctx.conflict if kind in VIOLENCE_TYPES else None,
        confidence=confidence,
    )


def verb_roles(ctx: Context, token: Token, kind: str, ref: str | None, roles: Roles) -> None:
    """Subject or "by" agent as agent; object as participant (contact) or affected."""
    for child in token.children:
        if child.dep_ == "nsubj":
            roles.agents.extend(ctx.resolve_all(child, ref))
        elif child.dep_ == "agent":
            # "by X", or "by opposing forces" parsed as by -> opposing -> forces
            for noun in (t for t in child.subtree if t.pos_ in {"NOUN", "PROPN", "PRON"}):
                roles.agents.extend(ctx.resolve_all(noun, ref))
                break
        elif child.dep_ in {"dobj", "nsubjpass"} and kind in CONTACT_TYPES:
            roles.participants.extend(ctx.resolve_all(child, ref))  # "met Houthi negotiators"
        elif child.dep_ in {"dobj", "nsubjpass"}:
            roles.affected.extend(ctx.resolve_all(child, ref, for_role="place") or
                                  places_in(ctx, child))
    if kind in CONTACT_TYPES:
        roles.participants.extend(with_participants(ctx, token, ref))
    for noun in token.children:
        # "coalition airstrikes hit ...": the airstrikes' owner is the agent
        if noun.dep_ == "nsubj" and trigger_type(noun) == kind and not roles.agents:
            roles.agents.extend(k for c in noun.children if c.dep_ in {"compound", "amod", "poss"}
                                for k in ctx.resolve(c, ref))
    if not roles.agents and token.dep_ in {"pcomp", "xcomp", "advcl"}:
        roles.agents.extend(accused_agent(ctx, token, ref))


def noun_roles(ctx: Context, token: Token, kind: str, ref: str | None, roles: Roles) -> None:
    """"talks with X", "Russia's offensive", "X and Y agreed a truce", "a meeting of
    the foreign ministers of X and Y"."""
    participants = roles.participants
    participants.extend(with_participants(ctx, token, ref))
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None:
        (participants if kind in CONTACT_TYPES else roles.agents).extend(ctx.resolve(owner, ref))
    if kind in {"Ceasefire", "CeasefireViolation"}:
        subject = clause_subject(token)  # "X and Y agreed a truce", "X violated it"
        if subject is not None:
            (participants if kind == "Ceasefire" else roles.agents).extend(
                ctx.resolve_all(subject, ref))
        participants.extend(with_participants(ctx, token, ref))
    if kind in CONTACT_TYPES:
        participants.extend(actors_within(ctx, token))
        subject = clause_subject(token)
        if subject is not None:
            participants.extend(ctx.resolve_all(subject, ref))
        if not participants and kind == "Negotiation":
            participants.extend(ctx.parties)


def default_roles(ctx: Context, token: Token, kind: str, ref: str | None, roles: Roles) -> None:
    """Roles the words leave open but the situation fills: the speaker's side took
    what "had been liberated", the conflict's parties fight and agree truces."""
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
    if kind in {"TerritorialCapture", "MilitaryAdvance"} and passive and not roles.agents and ref:
        # "6,000 square kilometres had been liberated, Kyiv said": the speaker's side
        roles.agents.append(ctx.country_of(ref) or ref)
    if kind == "Deployment" and passive and not roles.agents:
        # "Turkish advisers had been sent": the state whose forces were sent
        roles.agents.extend(k for k in roles.affected if ctx.entities[k].type == "Country")
        roles.affected = [k for k in roles.affected if k not in roles.agents]
    if kind == "Ceasefire" and not roles.participants:
        roles.participants.extend(ctx.parties)
    if kind == "Fighting" and not roles.agents and not roles.participants:
        subject = clause_subject(token)
        named = ctx.resolve_all(subject, ref) if subject is not None else []
        sides = [k for k in named if ctx.entities[k].type != "Place"]
        roles.participants.extend(sides if len(sides) >= 2 else ctx.parties)


def dedupe(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def accused_agent(ctx: Context, token: Token, ref: str | None) -> list[str]:
    """"X accused Y of relocating ...": Y is the one relocating."""
    head = token.head
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "dobj":
        return ctx.resolve_all(head, ref)
    if head.pos_ == "VERB":
        for dep in ("dobj", "nsubj"):
            for child in head.children:
                if child.dep_ == dep:
                    return ctx.resolve_all(child, ref)
    return []


def with_participants(ctx: Context, token: Token, ref: str | None) -> list[str]:
    """"talks with X", "a call between X and Y"; for a verb also "with X" hung
    on its object ("discussed the plan by phone with X")."""
    keys: list[str] = []
    holders = [token]
    if acts_as_verb(token):
        holders += [c for c in token.children if c.dep_ == "dobj"]
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "prep" and child.lower_ in {"with", "between", "among"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys.extend(ctx.resolve_all(pobj, ref))
    return keys


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause a noun sits in ("Aliyev said after a call ...").

    Only the nearest verb counts: in "he accused X of obstructing
    negotiations" the negotiations are not his.
    """
    current = token
    for _ in range(6):
        if current.head == current:
            break
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            for child in current.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child != token:
                    return child
            return None
    return None


def actors_within(ctx: Context, token: Token) -> list[str]:
    """Actors named inside a contact noun's phrase: "talks under the umbrella
    of the Minsk Group", "a meeting of the foreign ministers of X and Y"."""
    keys: list[str] = []
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ in {"with", "between", "among"}:
            continue
        for tok in child.subtree:
            key = ctx.token_key.get(tok.i)
            if key and ctx.entities[key].type in {"Person", "Country", "Organization",
                                                   "MediationGroup", "Group"}:
                keys.append(ctx.government_of(key))
                break
    return keys


def trigger_places(ctx: Context, token: Token) -> list[str]:
    """Places in "in/at/near/on X" on the trigger, or on the verb a noun trigger
    is subject or object of ("fighting broke out near X", "launched strikes on X")."""
    keys: list[str] = []
    holders = [token]
    if not acts_as_verb(token) and token.dep_ in {"nsubj", "dobj"} and acts_as_verb(token.head):
        holders.append(token.head)
    for child in (c for h in holders for c in h.children):
        if child.dep_ == "prep" and child.lower_ in {"in", "at", "near", "to", "into", "on",
                                                      "around", "across", "over"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys.extend(places_in(ctx, pobj))
    return keys


def places_in(ctx: Context, token: Token) -> list[str]:
    """Place entities named in a noun phrase ("the city of Terter")."""
    keys: list[str] = []
    for tok in token.subtree:
        key = ctx.token_key.get(tok.i)
        if key and ctx.entities[key].type in {"Place"} and key not in keys:
            keys.append(key)
    if not keys:
        for tok in token.subtree:
            key = ctx.token_key.get(tok.i)
            if key and ctx.entities[key].type == "Country" and key not in keys:
                keys.append(key)
    return keys


def sentence_places(ctx: Context, sent: Span, exclude: set[str]) -> list[str]:
    for tok in sent:
        key = ctx.token_key.get(tok.i)
        if key and key not in exclude and ctx.entities[key].type == "Place":
            return [key]
    return []


def time_of(ctx: Context, token: Token) -> tuple[str | None, dt.date | None]:
    clause = token if acts_as_verb(token) else token.head
    candidates = [token, clause] if clause != token else [token]
    for node in candidates:
        for child in node.children:
            if child.dep_ == "prep":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ == "DATE":
                    end = pobj.i
                    while end + 1 < len(ctx.doc) and ctx.doc[end + 1].ent_iob_ == "I":
                        end += 1
                    words = ctx.doc[child.i : end + 1]
                    return words.text, normalise_date(words.text, ctx.article.date)
            if child.ent_type_ == "DATE" and child.dep_ in {"npadvmod", "tmod"}:
                words = next(e for e in ctx.doc.ents if e.start <= child.i < e.end)
                return words.text, normalise_date(words.text, ctx.article.date)
    return None, None


def evidence_span(token: Token) -> TextSpan:
    """A noun trigger's phrase, or a verb trigger's clause without its
    complement clauses and punctuation."""
    if not acts_as_verb(token):
        tokens = list(token.subtree)
    else:
        tokens = [token] + [t for c in token.children
                            if c.dep_ not in {"ccomp", "punct"} for t in c.subtree]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return TextSpan(start, end)
