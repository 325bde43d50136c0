"""Events: trigger words mapped to event types, with their arguments.

A verb trigger takes its subject (or passive "by" agent) as agent and its
object as affected; a noun trigger takes "with X" and the subject of its
clause as participants ("a phone call with X", "an interview with X"). Fighting
with no named sides is between the conflict's parties. Place comes from
"in/at/near/to X", or else from a place named in the same sentence; time
from a date expression attached to the trigger's clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Event
from ..model import Span as TextSpan
from . import lexicon
from .context import Context, acts_as_verb
from .dates import normalise_date

HALT_VERBS = {"halt", "stop", "end", "cease", "suspend"}
CONTACT_TYPES = {"PhoneCall", "Meeting", "Negotiation", "Interview"}
VIOLENCE_TYPES = {"Fighting", "Attack", "MilitaryAdvance", "TerritorialCapture", "Deployment",
                  "CeasefireViolation"}
NOUN_ONLY = {"consultation", "fighting", "hostility", "escalation", "offensive",
             "counteroffensive", "airstrike",
             "bombardment", "shelling", "deployment", "meeting", "summit", "negotiation",
             "mediation", "interview", "ceasefire", "truce", "armistice", "clash", "battle",
             "combat", "skirmish", "talk"}
VERB_ONLY = {"bomb", "bombard", "shell", "liberate", "seize", "capture", "recapture", "retake",
             "occupy", "conquer", "deploy", "relocate", "send", "dispatch", "transfer",
             "mobilize", "mobilise", "advance", "fight", "meet", "negotiate", "mediate",
             "march", "push", "ambush", "raid", "strike", "attack", "target", "enter",
             "pound", "hammer", "blast", "kill", "destroy", "fly", "ship", "shoot",
             "overrun", "storm"}
BOTH_FORMS = {"attack", "strike", "raid", "advance", "capture", "ambush", "push", "barrage"}
NEEDS_DEPLOYMENT_OBJECT = {"send", "dispatch", "transfer", "relocate", "station", "move",
                           "fly", "ship"}


def trigger_type(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    verbal = acts_as_verb(token)
    if not verbal and token.lower_ in {"fighting", "shelling", "bombing"}:
        lemma = token.lower_
    kind = lexicon.EVENT_TRIGGERS.get(lemma)
    if token.pos_ not in {"NOUN", "VERB"}:
        return None
    if lemma == "exchange" and not verbal and any(
            g.lemma_.lower() in {"fire", "gunfire", "shelling", "artillery"}
            for p in token.children if p.lower_ == "of" for g in p.subtree):
        return "Fighting"  # "an exchange of rocket fire"
    if not verbal and lemma in lexicon.CALL_NOUNS and has_phone(token):
        return "PhoneCall"
    if verbal and (lemma in lexicon.PHONE_VERBS or has_phone(token)):
        return "PhoneCall"  # "phoned", "spoke by phone", "discussed it by phone with X"
    if verbal and lemma in HALT_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in {"fighting", "hostility", "operation",
                                                       "offensive", "attack"}
            for c in token.children):
        return "Ceasefire"  # "agreed to halt the fighting", "will stop military operations"
    if verbal and lemma == "come" and any(
            g.lemma_.lower() in {"fire", "attack", "shelling", "bombardment"}
            for p in token.children if p.lower_ == "under" for g in p.children):
        return "Attack"  # "the convoy came under fire"
    if verbal and lemma == "tell" and any(
            c.dep_ in {"dobj", "dative"} and any(t.lower_ in lexicon.MEDIA_WORDS
                                                  for t in c.subtree) for c in token.children):
        return "Interview"
    if kind is None:
        return None
    if not verbal and lemma in VERB_ONLY and lemma not in NOUN_ONLY | BOTH_FORMS:
        return None
    if verbal and lemma in NOUN_ONLY and lemma not in VERB_ONLY:
        return None
    if lemma == "talk" and token.tag_ != "NNS":
        return None
    if token.dep_ in {"amod", "compound"} or (token.dep_ == "acl" and token.tag_ == "VBN"
                                               and token.head.pos_ == "NOUN"):
        return None  # "occupied territories", "war zones", "the so-called"
    if lemma in NEEDS_DEPLOYMENT_OBJECT and not deployment_object(token):
        return None
    if kind == "Ceasefire":
        if any(w.lemma_.lower() in lexicon.VIOLATION_WORDS for w in (token.head, *token.children)):
            return "CeasefireViolation"
        return kind if ceasefire_happened(token) else None
    if lemma in {"kill", "destroy"} and not has_actor_subject(token):
        return None  # "200 people were killed": a casualty figure, not an attack event
    return kind


def ceasefire_happened(token: Token) -> bool:
    """"agreed a truce", "the ceasefire took effect", "a truce that came into force"."""
    governors = [token.head]
    if token.head.dep_ == "prep":
        governors.append(token.head.head)
    governors += [c for c in token.children if c.dep_ in {"relcl", "acl"}]
    return any(g.lemma_.lower() in lexicon.CEASEFIRE_VERBS and acts_as_verb(g)
               and not unrealised(g) for g in governors if g != token)


def has_actor_subject(token: Token) -> bool:
    """"Russian shelling killed 12" has an event as subject: the casualty
    figure, not a second event."""
    return any(c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"}
               and c.lemma_.lower() not in lexicon.EVENT_TRIGGERS and c.lower_ not in {
                   "fighting", "shelling", "bombing"} for c in token.children)


def halted_unrealised(token: Token) -> bool:
    """"agreed to halt the fighting" happened; "urged them to halt it" did not."""
    return token.head.lemma_.lower() in lexicon.UNREALISED_HEADS - {"agree"}


def unrealised(token: Token) -> bool:
    """Hypothetical, negated or intended events are not events: "any attack",
    "did not meet", "refused to meet", "no talks"."""
    for node in (token, token.head, token.head.head):
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in {
                    "any", "no", "every", "each"}):
                return True  # "did not meet", "any attack", "no interest in talks"
        if node != token and acts_as_verb(node):
            break
    if acts_as_verb(token) and token.dep_ == "acl" and token.tag_ == "VBG":
        return True  # "the coalition fighting in Yemen": a description, not a report
    if acts_as_verb(token) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        if token.lemma_.lower() in HALT_VERBS:
            return halted_unrealised(token)
        return token.head.lemma_.lower() in lexicon.UNREALISED_HEADS
    return False




def has_phone(token: Token) -> bool:
    """"a phone call", "spoke by phone", "discussed the plan by phone" (the
    parser may hang "by phone" on the object)."""
    holders = [token, *(c for c in token.children if c.dep_ == "dobj")]
    return any(c.lemma_.lower() in lexicon.PHONE_WORDS for c in token.children) or any(
        c.lower_ in {"by", "on", "over"} and any(g.lemma_.lower() in lexicon.PHONE_WORDS
                                                  for g in c.children)
        for h in holders for c in h.children
    )


def deployment_object(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            heads = [child, *[g for p in child.children if p.lower_ == "of" for g in p.children]]
            if any(h.lemma_.lower() in lexicon.DEPLOYMENT_OBJECTS for h in heads):
                return True
    return False


def find_events(ctx: Context, speaker_by_sentence: dict[int, str]) -> list[Event]:
    events: list[Event] = []
    for sent in ctx.doc.sents:
        ref = speaker_by_sentence.get(sent.start)
        for token in sent:
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
    definite = any(c.lower_ in {"the", "this", "that"} for c in token.children)
    if not definite or token.pos_ != "NOUN":
        return False
    return any(e.type == kind for e in events)


def build_event(ctx: Context, sent: Span, token: Token, kind: str, ref: str | None) -> Event:
    agents: list[str] = []
    participants: list[str] = []
    affected: list[str] = []
    if acts_as_verb(token):
        for child in token.children:
            if child.dep_ == "nsubj":
                agents.extend(ctx.resolve_all(child, ref))
            elif child.dep_ == "agent":
                # "by X", or "by opposing forces" parsed as by -> opposing -> forces
                for noun in (t for t in child.subtree if t.pos_ in {"NOUN", "PROPN", "PRON"}):
                    agents.extend(ctx.resolve_all(noun, ref))
                    break
            elif child.dep_ in {"dobj", "nsubjpass"} and kind in CONTACT_TYPES:
                participants.extend(ctx.resolve_all(child, ref))  # "met Houthi negotiators"
            elif child.dep_ in {"dobj", "nsubjpass"}:
                affected.extend(ctx.resolve_all(child, ref, for_role="place") or
                                places_in(ctx, child))
        if kind in CONTACT_TYPES:
            participants.extend(with_participants(ctx, token, ref))
        for noun in token.children:
            # "coalition airstrikes hit ...": the airstrikes' owner is the agent
            if noun.dep_ == "nsubj" and trigger_type(noun) == kind and not agents:
                agents.extend(k for c in noun.children if c.dep_ in {"compound", "amod", "poss"}
                              for k in ctx.resolve(c, ref))
        if not agents and token.dep_ in {"pcomp", "xcomp", "advcl"}:
            agents.extend(accused_agent(ctx, token, ref))
    else:
        participants.extend(with_participants(ctx, token, ref))
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            (participants if kind in CONTACT_TYPES else agents).extend(ctx.resolve(owner, ref))
        if kind in {"Ceasefire", "CeasefireViolation"}:
            subject = clause_subject(token)  # "X and Y agreed a truce", "X violated it"
            if subject is not None:
                (participants if kind == "Ceasefire" else agents).extend(
                    ctx.resolve_all(subject, ref))
            participants.extend(with_participants(ctx, token, ref))
        if kind in CONTACT_TYPES:
            participants.extend(actors_within(ctx, token))
            subject = clause_subject(token)
            if subject is not None:
                participants.extend(ctx.resolve_all(subject, ref))
            if not participants and kind == "Negotiation":
                participants.extend(ctx.parties)
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
    if kind in {"TerritorialCapture", "MilitaryAdvance"} and passive and not agents and ref:
        # "6,000 square kilometres had been liberated, Kyiv said": the speaker's side
        agents.append(ctx.country_of(ref) or ref)
    if kind == "Deployment" and passive and not agents:
        # "Turkish advisers had been sent": the state whose forces were sent
        agents.extend(k for k in affected if ctx.entities[k].type == "Country")
        affected = [k for k in affected if k not in agents]
    if kind == "Ceasefire" and not participants:
        participants.extend(ctx.parties)
    if kind == "Fighting" and not agents and not participants:
        subject = clause_subject(token)
        named = ctx.resolve_all(subject, ref) if subject is not None else []
        sides = [k for k in named if ctx.entities[k].type != "Place"]
        participants.extend(sides if len(sides) >= 2 else ctx.parties)
    places = trigger_places(ctx, token) or [k for k in affected if
                                            ctx.entities[k].type in {"Place", "Country"}]
    confidence = 0.6
    if not places:
        places = sentence_places(ctx, sent, exclude=set(agents) | set(participants))
        confidence = 0.5  # the place is only named in the same sentence
    time_expression, date = time_of(ctx, token)
    span = evidence_span(token)
    return Event(
        span=span,
        type=kind,
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


def dedupe(keys) -> list[str]:
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


def time_of(ctx: Context, token: Token) -> tuple[str | None, object]:
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
