"""State bodies: a state's army, ministry or government as an organisation of its own.

"Sudan's army said", "the Israeli military", "Ukraine's defence ministry" and
"the Sudanese government" name an organisation ``affiliatedWith`` its state,
not the state itself: one node in every article ("Army of Sudan", or the
gazetteer's verified name of that body, "Israel Defense Forces"), and a
statement by it counts for its state only through that link. Troops,
warplanes and other forces stand for their state ("Israeli jets struck").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..model import Entity
from . import lexicon, lexicons
from .context import noun_phrase
from .resolution import DETERMINERS

if TYPE_CHECKING:
    from .resolution import Resolution

def body_kinds() -> dict[str, str]:
    """Head noun of a state's own body -> its kind ("military" -> "army")."""
    return lexicons.signals("own_body")


def state_body(ctx: Resolution, token: Token, ref: str | None, create: bool = False,
               for_role: str = "actor") -> list[str] | None:
    """A state's army, ministry or government is an organisation of its own,
    ``affiliatedWith`` its state ("Sudan's army", "the Israeli military",
    "Ukraine's defence ministry", "the Sudanese government" said); troops,
    warplanes and the like stand for their state."""
    lemma = token.lemma_.lower()
    if lemma not in lexicon.STATE_BODY_HEADS | lexicon.FORCE_HEADS:
        return None
    country = ctx.modifier_country(token, ref)
    if country is None and any(c.lower_ in lexicon.GOVERNMENT_SIDE for c in token.children):
        country = home_state(ctx)  # "government troops" in a civil war
    if country is None:
        return None
    if for_role == "place":
        return [country]  # "in army-held areas": where, not who
    is_state = ctx.entities[country].type == "Country"
    # a government speaks in its own name; where it acts (brokers, backs, mediates)
    # relations name its state
    own = lemma in body_kinds() and (create or lemma != "government")
    if (create and lemma in lexicon.SPEAKING_FORCES) or (is_state and own):
        return [body(ctx, token, country)]  # "the Israeli military said": its own voice
    if lemma in lexicon.FORCE_HEADS or lemma == "government":
        return [country]
    return [ministry(ctx, token, country)]


def home_state(ctx: Resolution) -> str | None:
    """The state the conflict is fought in: its territory's state, or the
    most often named state."""
    if ctx.conflict_state:
        return ctx.conflict_state
    counts = {k: len(e.mentions) for k, e in ctx.entities.items() if e.type == "Country"}
    return max(counts, key=lambda k: (counts[k], k)) if counts else None


def body(ctx: Resolution, token: Token, country: str) -> str:
    """An army, command or government speaking or acting for itself: the
    state's body by its kind ("Army of Sudan", or the gazetteer's name) when
    only the state qualifies it, else named as written ("Southern
    Operational Command")."""
    words = [t for t in noun_phrase(token) if t.dep_ != "poss" and t.head.dep_ != "poss"
             and t.lower_ not in DETERMINERS and t.dep_ != "case" and t.i <= token.i]
    plain = all(t.i == token.i or t.i in ctx.demonym_key or t.i in ctx.token_key
                or described(t, token) for t in words)
    phrase = body_phrase(ctx, token)
    if plain:
        # "Sudan's army", "the Sudanese army": one organisation in every article
        entity = plain_body(ctx, token, country)
        known = {n.lower() for n in (entity.label, *entity.aliases)}
        if phrase.text.lower() not in known and not any(t.pos_ == "PRON" for t in phrase):
            entity.aliases.append(phrase.text)  # "Sudan's army"; not "his army"
    else:
        label = " ".join(t.text for t in words) or token.text
        entity = ctx.add_entity(label, "Organization", confidence=0.7)
    ctx.affiliation.setdefault(entity.key, country)
    ctx.bodies.add(entity.key)
    ctx.add_mention(entity.key, phrase.start_char, phrase.end_char)
    return entity.key


def described(word: Token, head: Token) -> bool:
    """A word of a participle that describes the body rather than names it:
    "the US-backed Afghan government" is Afghanistan's government."""
    while word.i != head.i:
        if word.tag_ == "VBN" and word.head.i == head.i:
            return True
        word = word.head
    return False


def body_phrase(ctx: Resolution, token: Token) -> Span:
    """The words that name the body: its noun phrase up to the head, and an "of
    X" that names its state ("the army of Sudan"), not a clause the parser hung
    on it ("accused Sudan's army of bombing a market")."""
    phrase = noun_phrase(token)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"} and any(
                p.i in ctx.token_key for p in child.children if p.dep_ == "pobj"):
            end = max(end, child.right_edge.i + 1)
    return token.doc[phrase.start : min(end, phrase.end)]


def plain_body(ctx: Resolution, token: Token, country: str) -> Entity:
    """The state's body of the kind the head names: the gazetteer's entry
    when it has one ("Israel Defense Forces"), else "Army of Israel"."""
    kind = body_kinds().get(token.lemma_.lower(), token.lemma_.lower())
    state = ctx.entities[country]
    entry = ctx.gaz.state_body(state.gazetteer_id or country, kind)
    if entry is not None:
        return ctx.entity_from_gazetteer(entry)
    entity = ctx.add_entity(f"{kind.capitalize()} of {state.label}", "Organization",
                             confidence=0.7)
    entity.named = True
    return entity


def ministry(ctx: Resolution, token: Token, country: str) -> str:
    """A ministry or office, named canonically ("Ministry of Defense of Armenia")."""
    words = [c for c in token.children if c.dep_ in {"compound", "amod"}
             and c.i not in ctx.token_key and c.i not in ctx.demonym_key
             and c.pos_ in {"PROPN", "NOUN", "ADJ"} and "-" not in c.text]
    topic = " ".join(w.text for w in words).strip().title()
    topic = {"Defence": "Defense", "Foreign": "Foreign Affairs"}.get(topic, topic)
    country_label = ctx.entities[country].label
    head = token.text if token.text[:1].isupper() else token.text.capitalize()
    label = f"{head} of {topic} of {country_label}" if topic else f"{head} of {country_label}"
    entity = ctx.add_entity(label, "Organization", confidence=0.7)
    # "Ministry of Defense of Armenia" names one body in every article; "Office of
    # Israel" (whose office?) does not
    entity.named = bool(topic) and token.lemma_.lower() == "ministry"
    ctx.affiliation[entity.key] = country
    ctx.bodies.add(entity.key)
    phrase = noun_phrase(token)
    entity.aliases.append(phrase.text) if phrase.text not in entity.aliases else None
    ctx.add_mention(entity.key, phrase.start_char, phrase.end_char)
    return entity.key
