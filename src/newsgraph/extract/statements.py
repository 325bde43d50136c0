"""Statements: who said what, of which kind, about whom.

Rules, each general:
- a reporting verb from the cue lexicon with its subject as speaker ("X said",
  "X accused Y of", "X called for", "X urged Y to");
- "according to X" (a report by X);
- passive reports: "X was said to have called for ...", "X was quoted as
  saying ..." (the speaker is the passive subject, the type comes from the
  embedded cue, the "from ..." source is the intermediary, ng:via);
- reciprocal blame: "both sides blame each other", "the parties mutually
  transfer responsibility" (one accusation per party, the other as target);
- nominal cues: "Macron's call for", "international calls for";
- the type follows the cue, then the content: a denial phrase ("fake news",
  "baseless") makes a denial, a "must" complement a demand, "also" plus a
  back-reference ("spoke of evidence for this") a supporting statement;
- a sentence that is only a quotation belongs to the speaker named in the
  next or previous sentence.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Statement
from . import lexicon
from .attribution import generic_statements
from .context import Context, acts_as_verb
from .embedding import embedded
from .labels import labelled_statement
from .quotes import continued, quote_in
from .spans import attach, complement_tokens
from .statement_types import counts_something, refine_type
from .syntax import sentence_span

SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "representative", "envoy"}


def find_statements(ctx: Context) -> list[Statement]:
    statements: list[Statement] = []
    for sent in ctx.doc.sents:
        if ctx.is_headline(sent):
            continue
        label = labelled_statement(ctx, sent)  # "Kessler: the dam will hold."
        found = [*([label] if label else []), *sentence_statements(ctx, sent)]
        if not found:
            found = continued(ctx, sent, statements)
        statements.extend(found)
    return [s for s in statements if not embedded(s, statements, ctx.doc)]


def sentence_statements(ctx: Context, sent: Span) -> list[Statement]:
    found: list[Statement] = []
    handled: set[int] = set()
    quote = quote_in(sent)
    for token in ctx.tokens[sent.start:sent.end]:
        if token.i in handled or ctx.in_quotation(token.idx):
            continue  # a cue inside a quotation is part of what the speaker said
        if ctx.lowers[token.i] == "according" and any(c.lower_ == "to" for c in token.children):
            stmts = according_to(ctx, sent, token)
        elif ctx.lemmas[token.i] in {"call", "appeal", "plea"} and token.pos_ == "NOUN":
            stmts = nominal_appeal(ctx, sent, token)
        elif not acts_as_verb(token) and not misread_verb(ctx, token):
            continue
        else:
            stmts = reciprocal_blame(ctx, sent, token) or verb_statement(
                ctx, sent, token, quote, handled)
        if stmts:
            handled.add(token.i)
            found.extend(stmts)
    found.extend(generic_statements(ctx, sent, handled, quote, found))
    return found


def cue_type(token: Token) -> str | None:
    """The statement type a verb signals, with its particle or object where the
    verb alone says little ("call for", "cast doubt on", "express concern")."""
    lemma = token.lemma_.lower()
    if lemma == "call":
        particles = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "mark"}}
        return "Appeal" if particles & lexicon.CALL_PARTICLES else None
    critical = lexicon.CRITICAL_OBJECTS.get(lemma)
    if critical and any(c.dep_ == "dobj" and c.lemma_.lower() in critical
                        for c in token.children):
        return "Criticism"
    return lexicon.CUE_VERBS.get(lemma)


def cue_parts(token: Token) -> list[Token]:
    """The cue verb with its particle ("point out") or the preposition that
    makes it a cue ("call for", "speak of")."""
    parts = [token]
    for child in token.children:
        if child.dep_ in {"prt"} or (child.dep_ == "prep" and token.lemma_ in {"call", "speak"}
                                      and child.lower_ in {"for", "on", "upon", "of"}):
            parts.append(child)
    parts.sort(key=lambda t: t.i)
    return parts


def cue_text(token: Token) -> str:
    return " ".join(t.text for t in cue_parts(token))


def verb_statement(ctx: Context, sent: Span, token: Token, quote: str | None,
                   handled: set[int]) -> list[Statement]:
    kind = cue_type(token)
    if kind is None:
        return []
    if token.dep_ in {"amod", "acl"} and token.tag_ == "VBN":
        return []  # "so-called", "the reported attack"
    if token.tag_ == "VBG" and token.dep_ in {"advcl", "xcomp", "conj"} and cue_type(
            token.head) is not None:
        return []  # "X denied it, saying ...": one statement, carried by the main cue
    lemma = token.lemma_.lower()
    complement = [c for c in token.children if c.dep_ in {"ccomp", "xcomp", "dobj", "prep"}]
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.ANONYMITY_VERBS
           for c in complement):
        return []  # "who asked not to be named"
    if lemma in lexicon.NEEDS_COMPLEMENT and not (quote or any(
            c.dep_ == "ccomp" for c in token.children) or counts_something(token)):
        return []
    if lemma in {"speak", "talk"} and not any(c.lower_ in {"of", "about"} for c in complement):
        return []
    cue = cue_text(token)
    inner = next((c for c in token.children if c.dep_ == "xcomp"), None)
    found = speakers_of_verb(ctx, token, (kind, cue, inner), handled)
    if found is None:
        return []
    speaker_tokens, (kind, cue, via), passive_target = found
    cue_tokens = cue_parts(token) + ([inner] if inner is not None and inner.i in handled
                                     else [])
    return spoken(ctx, sent, token, (kind, cue, quote, via), speaker_tokens, cue_tokens,
                  passive_target)


def speakers_of_verb(ctx: Context, token: Token, what: tuple,
                     handled: set[int]) -> tuple | None:
    """Who speaks through a cue verb, with the cue's type and words and the
    intermediary: the subject; the agent of a passive ("is accused by
    Washington"); the passive subject of a report ("X was said to have ...",
    "X was quoted as saying"); the object of "Reuters quoted X as saying".
    None when no one speaks."""
    kind, cue, inner = what
    lemma = token.lemma_.lower()
    via = None
    passive_subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    passive_target = None
    if agent_of(token) is not None and lemma != "quote":
        # "Iran, which ... is accused by Washington of ...": the agent speaks
        passive_subject = passive_subject or subject_of(token)
        passive_target = passive_subject
    if passive_subject is not None:
        if lemma == "quote" and passive_target is None:
            # "X was quoted by TOLOnews as saying": X speaks, the outlet relays
            return [passive_subject], ("Claim", cue, source_of(ctx, token)), None
        if inner is None or lemma not in {"say", "quote", "report", "believe", "claim"}:
            agent = agent_of(token)
            return None if agent is None else ([agent], (kind, cue, via), passive_target)
        inner_kind = cue_type(inner) or (
            "Claim" if inner.lemma_.lower() in {"say", "tell", "state"} else None)
        if inner_kind is not None:
            kind, cue = inner_kind, f"{token.text} to {cue_text(inner)}"
            handled.add(inner.i)
        return [passive_subject], (kind, cue, source_of(ctx, token)), passive_target
    if lemma == "quote" and any(c.dep_ == "dobj" for c in token.children):
        # "Reuters quoted Khalilzad as saying": the quoted person speaks
        subject = subject_of(token)
        keys = ctx.resolve(subject, create=True) if subject is not None else []
        return ([next(c for c in token.children if c.dep_ == "dobj")],
                (kind, cue, keys[0] if keys else None), None)
    subject = subject_of(token) or name_before(ctx, token)
    return None if subject is None else ([subject], (kind, cue, via), None)


def spoken(ctx: Context, sent: Span, token: Token, what: tuple, speaker_tokens: list[Token],
           cue_tokens: list[Token], passive_target: Token | None) -> list[Statement]:
    """One statement per speaker the subject names, typed from cue and
    complement, with its targets and its attribution spans."""
    kind, cue, quote, via = what
    speakers = [k for tok in speaker_tokens for k in speaker_keys(ctx, tok)]
    if not speakers:
        return []
    kind = refine_type(ctx, kind, token, complement_text(token, quote), speakers[0])
    targets = target_keys(ctx, token, speakers[0]) if kind in {
        "Accusation", "Criticism", "Appeal", "Demand", "Threat", "Denial"} else []
    if passive_target is not None and kind in {"Accusation", "Criticism"}:
        if passive_target.lower_ in {"which", "who", "that"} and passive_target.head.head:
            passive_target = passive_target.head.head
        targets = targets or ctx.resolve_all(passive_target)
    skip = {t.i for tok in speaker_tokens for t in tok.subtree} | {t.i for t in cue_tokens}
    content_tokens = complement_tokens(token, skip)
    return [
        attach(Statement(span=sentence_span(sent), type=kind, speakers=[speaker], cue=cue,
                         quote=quote, targets=[t for t in targets if t != speaker], via=via,
                         confidence=0.8 if len(speakers) == 1 else 0.7),
               sent, cue_tokens, speaker_tokens[0], content_tokens, ctx.article.text)
        for speaker in speakers
    ]


def subject_of(token: Token) -> Token | None:
    """The subject of a cue verb, shared through coordination and control.

    "X said A would respect the truce but accused B": the parser often hangs
    the second cue on the reported clause; a cue coordinated inside another
    cue's complement belongs to the outer speaker.
    """
    current = token
    if (token.dep_ == "conj" and token.head.dep_ == "ccomp" and cue_type(token.head.head)
            and not any(c.dep_ == "nsubj" for c in token.children)):
        current = token.head.head
    for _ in range(3):
        for child in current.children:
            if child.dep_ in {"nsubj", "expl"} and child.dep_ != "expl":
                return child
        if current.dep_ in {"conj", "xcomp", "advcl", "acomp"} and current.head != current:
            current = current.head  # "X was quick to dismiss": up through "quick"
        else:
            break
    return None


MISREAD_VERB_FORMS = {"rejects", "denies", "says", "accuses", "warns", "urges", "insists",
                      "confirms", "blames", "condemns", "dismisses"}


def misread_verb(ctx: Context, token: Token) -> bool:
    """"a charge Pakistan rejects": a third-person verb the tagger took for a
    plural noun, right after an actor's name."""
    return (ctx.lowers[token.i] in MISREAD_VERB_FORMS and token.i > 0
            and ctx.token_key.get(token.i - 1) is not None)


def name_before(ctx: Context, token: Token) -> Token | None:
    """"a charge Pakistan rejects": when the parser found no subject for a
    finite cue, an actor named right before it speaks."""
    if (token.tag_ not in {"VBZ", "VBD", "VBP"} and not misread_verb(ctx, token)) or (
            token.i == 0):
        return None
    prev = token.doc[token.i - 1]
    key = ctx.token_key.get(prev.i)
    if key and ctx.entities[key].type in {"Person", "Country", "Organization", "Group"}:
        return prev
    return None


def agent_of(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def speaker_keys(ctx: Context, token: Token) -> list[str]:
    """The speaker: a named person in the subject first ("Haftar's spokesman
    Ahmed al-Mismari"), else a spokesman's principal ("France's spokesman"),
    else whatever the subject refers to."""
    for tok in (token, *(c for c in token.children if c.dep_ in {"appos", "compound"})):
        key = ctx.token_key.get(tok.i)
        if key and ctx.entities[key].type == "Person":
            return [key]
    if token.lemma_.lower() in SPOKES_NOUNS:
        for child in token.children:
            if child.dep_ in {"poss", "compound", "nmod"}:
                keys = ctx.resolve(child)
                if keys:
                    return keys[:1]
        country = ctx.modifier_country(token, None)
        if country:
            return [country]
    return ctx.resolve_all(token, create=True)


def source_of(ctx: Context, verb: Token) -> str | None:
    """The intermediary of a passive report: "From circles at the Elysee, X was said ..."."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    keys = ctx.resolve(pobj, create=True)
                    if keys:
                        return keys[0]
        if child.lower_ == "according":
            for to in child.children:
                for pobj in to.children:
                    keys = ctx.resolve(pobj, create=True)
                    if keys:
                        return keys[0]
    return None


def complement_text(token: Token, quote: str | None) -> str:
    parts = [quote or ""]
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp", "dobj", "prep", "advcl"}:
            parts.append(" ".join(t.text for t in child.subtree))
    return " ".join(parts).lower()


def target_keys(ctx: Context, token: Token, speaker: str) -> list[str]:
    keys: list[str] = []
    for child in token.children:
        if child.dep_ in {"dobj", "dative"}:
            keys.extend(ctx.resolve_all(child, speaker))
        if child.dep_ == "prep" and child.lower_ in {"on", "upon"}:
            for pobj in child.children:
                keys.extend(ctx.resolve_all(pobj, speaker))
    return [k for k in dict.fromkeys(keys) if ctx.entities[k].type != "Place"]


def according_to(ctx: Context, sent: Span, token: Token) -> list[Statement]:
    """"according to X": a report by X; the content is the clause it modifies."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or pobj is None or pobj.lemma_.lower() in lexicon.NON_SOURCE_NOUNS:
        return []  # "according to international law" names no speaker
    source = pobj
    author = document_author(pobj)
    speakers = [k for k in ctx.resolve_all(author or pobj, create=True)
                if ctx.entities[k].type not in {"Place", "Conflict"}]
    if not speakers and pobj.pos_ in {"NOUN", "PROPN"}:
        speakers = [ctx.group_for(pobj)]
    if not speakers:
        return []
    head = token.head if token.head != token else token
    if cue_type(head) is not None and subject_of(head) is not None and (
            author is not None or token.i < head.i):
        # "X threatened ..., according to a statement from X": X's own statement;
        # "X said ..., according to a broadcaster" is the broadcaster's report
        return []
    content = {t.i for t in head.subtree} - {t.i for t in token.subtree}
    return [attach(Statement(span=sentence_span(sent), type="Report", speakers=[s],
                             cue="according to", quote=quote_in(sent), confidence=0.8),
                   sent, [token, to], source, content, ctx.article.text)
            for s in speakers]


def document_author(noun: Token) -> Token | None:
    """"a statement from his office", "a readout of the call by X": who a
    document speaks for, when the phrase names them."""
    if noun.lemma_.lower() not in lexicon.DOCUMENT_NOUNS:
        return None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                return pobj
    return None


def nominal_appeal(ctx: Context, sent: Span, token: Token) -> list[Statement]:
    """"Macron's call for a ceasefire", "international calls for restraint"."""
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"for", "on"}),
                None)
    if prep is None:
        return []
    speakers: list[str] = []
    source = None
    for child in token.children:
        if child.dep_ == "poss":
            speakers.extend(ctx.resolve(child))
            source = child
        elif child.dep_ == "amod" and child.lower_ == "international":
            entity = ctx.add_entity("international community", "Group", confidence=0.5)
            ctx.add_mention(entity.key, child.idx, child.idx + len(child.text))
            speakers.append(entity.key)
            source = child
    content = {t.i for t in prep.subtree} - {prep.i}
    return [attach(Statement(span=sentence_span(sent), type="Appeal", speakers=[s],
                             cue=f"{token.text} for", confidence=0.6),
                   sent, [token, prep], source, content, ctx.article.text)
            for s in speakers]


def reciprocal_blame(ctx: Context, sent: Span, token: Token) -> list[Statement]:
    """"Both sides blamed each other": each party accuses the other."""
    lemma = token.lemma_.lower()
    blame_verb = lemma in {"blame", "accuse"}
    transfer = lemma in lexicon.BLAME_TRANSFER_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.BLAME_NOUNS for c in token.children)
    if not (blame_verb or transfer):
        return []  # asked of every verb: the words of its subtree only for these
    words = " ".join(t.lower_ for t in token.subtree)
    if not any(marker in words for marker in lexicon.RECIPROCAL_MARKERS):
        return []
    subject = subject_of(token)
    if subject is None:
        return []
    parties = ctx.resolve_all(subject)
    if len(parties) < 2:
        return []
    content = complement_tokens(token, {t.i for t in subject.subtree} | {token.i})
    return [
        attach(Statement(span=sentence_span(sent), type="Accusation", speakers=[p],
                         targets=[q for q in parties if q != p], cue=token.text,
                         confidence=0.7), sent, [token], subject, content, ctx.article.text)
        for p in parties
    ]
