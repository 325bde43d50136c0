"""Small syntactic helpers shared by the relation and mediation rules."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Span as TextSpan
from . import lexicons
from .context import Context
from .docfacts import span_text

RELATIVE_PRONOUNS = lexicons.words("relative_pronoun")
RELATIVES = RELATIVE_PRONOUNS


def sentence_span(sent: Span) -> TextSpan:
    """The sentence without surrounding white space."""
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return TextSpan(start, sent.start_char + len(text.rstrip()))


def antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on: "Iran, which backs ..." -> Iran."""
    if verb.dep_ in {"relcl", "acl"} and verb.head != verb:
        return verb.head
    return None


def clause_span(token: Token) -> TextSpan:
    tokens = [token, *[t for c in token.children if c.dep_ not in {"cc", "punct"}
                       and not (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})
                       for t in c.subtree]]
    return TextSpan(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def subjects(ctx: Context, verb: Token) -> list[str]:
    """The actors a verb's subject names; a relative pronoun stands for the
    noun its clause modifies ("Turkey, which backs the GNA")."""
    for child in verb.children:
        if child.dep_ in {"nsubj"}:
            head = antecedent(verb)
            if child.lower_ in RELATIVE_PRONOUNS and head is not None:
                child = head
            return actors(ctx, ctx.resolve_all(child))
    if verb.dep_ == "conj" and verb.head != verb:
        return subjects(ctx, verb.head)  # "X condemned Y and backed Z"
    return []


def actors(ctx: Context, keys: list[str]) -> list[str]:
    return [k for k in keys if ctx.entities[k].type not in {"Place", "Conflict"}]


def pobjs(token: Token, preps: set[str]) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in preps:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found
