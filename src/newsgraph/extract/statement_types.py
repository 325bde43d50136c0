"""Statement types from what was said, not only from the cue.

The cue verb gives a first type ("said" -> Claim, "accused" -> Accusation);
the complement can change it: a denial phrase makes a denial, "must" a
demand, "also" with a back-reference a support, a threat of retaliation a
threat, and "said the other side attacked" an accusation.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import StatementType
from . import lexicon
from .context import Context

DENIAL_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in lexicon.DENIAL_PHRASES) + r")\b")


def refine_type(ctx: Context, kind: StatementType, token: Token, content: str,
                speaker: str) -> StatementType:
    """The complement can change the type a cue gives.

    - a denial phrase ("fake news", "baseless") makes a denial; "must" a demand;
    - "also" with a back-reference ("spoke of evidence for this") a support;
    - a threat of retaliation ("would respond", "reserves the right to
      respond") a threat; "warn that" without one is a claim;
    - "confirm" + a clause is an assertion; "confirm" + "this/the reports" a support;
    - "say/claim/allege that the other side attacked" an accusation.
    """
    lemma = token.lemma_.lower()
    if lemma == "warn":
        own = own_action(ctx, token, speaker)
        return "Threat" if threatens(content) or own or not has_clause(token) else "Claim"
    if lemma in lexicon.INSISTING_CUES and negated_clause(token):
        return "Denial"  # "X insists that the attack did not breach the truce"
    if lemma == "confirm":
        if has_clause(token):
            return "Report"
        return "Support" if refers_back(token) else "Report"
    if kind in {"Claim", "Report"}:
        if denies(content):
            return "Denial"
        if modal_demand(token):
            return "Demand"
        adverbs = {c.lower_ for c in token.children if c.dep_ == "advmod"}
        if adverbs & lexicon.ALSO_ADVERBS and refers_back(token):
            return "Support"
        if threatens(content):
            return "Threat"
        if lemma in lexicon.ALLEGING_CUES and blames_other_side(ctx, token, speaker):
            return "Accusation"
    return kind



def own_action(ctx: Context, token: Token, speaker: str) -> bool:
    """"warned that they would attack": the speaker names what it will do
    itself (the clause's subject is the speaker, or "we"/"I"), with a modal."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"}
                   for c in clause.children):
            continue
        for subj in (c for c in clause.children if c.dep_ == "nsubj"):
            if subj.lower_ in {"we", "i"} or speaker in ctx.resolve_all(subj):
                return True
    return False


def negated_clause(token: Token) -> bool:
    return any(c.dep_ == "ccomp" and any(g.dep_ == "neg" for g in c.children)
               for c in token.children)


def has_clause(token: Token) -> bool:
    """Whether a verb reports a clause ("warned that ...", "the count shows that ..."):
    evidence over a clause has any noun as its source, a bare object does not ("the
    storm showed no sign of weakening")."""
    return any(c.dep_ == "ccomp" for c in token.children)


# The threat patterns as one expression: asked of the content of every claim.
THREAT_RE = re.compile("|".join(f"(?:{pattern})" for pattern in lexicon.THREAT_PATTERNS))


def threatens(content: str) -> bool:
    return THREAT_RE.search(content) is not None



def blames_other_side(ctx: Context, token: Token, speaker: str) -> bool:
    """"the GNA said LNA forces had shelled ...": the reported clause has the
    speaker's adversary attacking, in the active voice."""
    mine = ctx.side_of(speaker)
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        verbs = [clause, *clause.conjuncts]
        for verb in verbs:
            if lexicon.EVENT_TRIGGERS.get(verb.lemma_.lower()) not in {"Attack", "Fighting"}:
                continue
            for subj in (c for c in verb.children if c.dep_ == "nsubj"):
                for key in ctx.resolve_all(subj, speaker):
                    if ctx.side_of(key) != mine and key != speaker:
                        return True
    return False



def counts_something(token: Token) -> bool:
    """"The ministry puts the death toll at 3,800": a report of a number."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in {"toll", "number", "figure", "total"}
               for c in token.children)



def modal_demand(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "ccomp" and any(
            c.dep_ == "aux" and c.lower_ in lexicon.DEMAND_MODALS for c in child.children
        ):
            return True
    return False



def denies(content: str) -> bool:
    """A denial phrase as whole words ("lies", not "families")."""
    return DENIAL_RE.search(content) is not None



def refers_back(token: Token) -> bool:
    """The complement points at an earlier statement: "evidence for this",
    "confirmed the reports" (a "that" introducing a clause does not)."""
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp", "dobj", "prep"}:
            for t in child.subtree:
                if t.lower_ in lexicon.BACK_REFERENCES and t.dep_ != "mark":
                    return True
    return False
