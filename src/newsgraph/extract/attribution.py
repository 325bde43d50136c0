"""General attribution rules over the dependency parse, driven by the cue lexicon.

They run after the specific statement rules (``statements.py``) on every cue
word those left alone, so that no attribution is dropped for want of a known
actor:

- a cue verb in any voice and tense, finite, participial ("..., saying") or
  infinitival, licensed by what it needs (a clause, an object, a quotation, a
  particle: see ``data/lexicons/en/cues.tsv``); quote-first and parenthetical
  cues ("“...,” he added", "X, she said, Y") report the clause they hang on;
- views held in the passive ("is seen as", "is considered a", "was thought
  to"), stance adjectives over a clause ("X is confident that"), documents
  issued ("released a statement"); a negated report reports nothing;
- nominal cues with a source or a clause ("calls by X", "X's demand that",
  "his threat to");
- who speaks is read by :mod:`.sources` (subject, agent, antecedent, a
  description of its own, or the article's unnamed source).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Span as TextSpan
from ..model import Statement
from . import lexicon
from .context import Context
from .cues import Cue, cue_lemmas, cue_of
from .docfacts import facts
from .embedding import within_report
from .sources import UNNAMED_SOURCE, source_token, speakers_of, unnamed_source
from .spans import attach, complement_tokens, quote_regions
from .statement_types import has_clause, refine_type

CLAUSE_DEPS = {"ccomp", "xcomp"}
OBJECT_DEPS = {"dobj", "dative", "pobj", "attr", "oprd"}
PREDICATIVE = {"parataxis", "ccomp", "advcl", "conj"}
APPEAL_PARTICLES = {"for", "on", "upon"}
# prepositions before a gerund of speech that say how, when or amid what someone spoke
# ("by saying", "with protesters chanting")
MANNER_PREPS = {"by", "after", "in", "without", "with"}
NOMINAL_SOURCE_PREPS = {"by", "from", "of"}
NOMINAL_CONTENT_PREPS = {"for", "on", "to", "against", "that", "about", "of"}


def generic_statements(ctx: Context, sent: Span, taken: set[int], quote: str | None,
                       earlier: list[Statement]) -> list[Statement]:
    """Statements for the cue words of ``sent`` no other rule used; a cue inside
    what the same speaker is already reported to say ("X said he hoped ...")
    adds nothing and is left out."""
    found: list[Statement] = []
    # a quotation of three words or more licenses a cue; "firmly" is a scare quote
    quotes = [q for q in quote_regions(ctx.article.text, sent.start_char, sent.end_char)
              if len(ctx.article.text[q.start:q.end].split()) >= 3] if quote else []
    before = ctx.quotation_before(sent.start_char)  # "“...!” / one person tweeted."
    in_lexicon = cue_lemmas()
    for token in ctx.tokens[sent.start:sent.end]:
        if token.i in taken or ctx.in_quotation(token.idx):
            continue
        cue = (cue_of(token) if ctx.lemmas[token.i] in in_lexicon else None) or clause_taking(
            token)
        if cue is None or first_or_second_person(token, cue):
            continue  # "I think", "you know": a speaker's own words, not a report
        if cue.needs == "nominal":
            stmt = nominal_statement(ctx, sent, token, cue)
        elif cue.needs == "adverb":
            stmt = adverb_statement(ctx, sent, token, cue)
        else:
            # a quotation licenses the cue that introduces it, not a word inside it
            inside = any(q.start <= token.idx < q.end for q in quotes)
            leading = before is not None and token.i - sent.start <= 6 and not any(
                c.dep_ == "ccomp" for c in token.children)
            stmt = verbal_statement(ctx, sent, token, cue, quote if quotes and not inside
                                    else "" if leading else None,
                                    [before] if leading and before else None)
        if stmt is not None and not restates(stmt, [*earlier, *found]):
            taken.add(token.i)
            found.append(stmt)
    return found


def restates(stmt: Statement, earlier: list[Statement]) -> bool:
    """A cue after a statement's cue, inside what the same speaker is reported to
    say ("X said he hoped ..."); one before it ("..., he added, X said") is not."""
    cue = stmt.cue_span
    return cue is not None and any(
        other.speakers == stmt.speakers and within_report(cue, other) for other in earlier)


def licensed(token: Token, cue: Cue, quoted: bool) -> bool:
    """Whether the verb has what its lexicon entry needs to be a cue here."""
    deps = {c.dep_ for c in token.children}
    words = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "agent"}}
    clause = bool(deps & CLAUSE_DEPS) or parenthetical(token) or colon_after(token)
    if cue.needs == "none":
        return True
    if cue.needs == "as":  # "is seen as", "views X as": only as a view of something
        return construed(token)
    if cue.frame == "cognition" and cue.needs == "clause":  # "thinks that X", "X, she believes"
        return "ccomp" in deps or parenthetical(token) or construed(token) or (
            "xcomp" in deps and token.lemma_.lower() == "expect")
    if cue.needs == "clause":
        return clause or quoted
    if cue.needs == "object":  # the passive subject is the object: "X was accused by Y"
        return clause or quoted or bool(deps & {"dobj", "dative", "nsubjpass"}) or any(
            c.dep_ == "prep" and c.lower_ not in {"in", "at", "during", "after", "before"}
            for c in token.children)
    if cue.needs == "quote":
        return quoted or bool(deps & {"ccomp"}) or colon_after(token)
    if cue.needs == "call":  # "called for", "called him a liar", "called it “a menu”"
        nominals = [c for c in token.children if c.dep_ in {"dobj", "oprd", "attr", "npadvmod"}]
        return appeals(token) or bool(deps & {"oprd", "ccomp"}) or (
            len(nominals) >= 2) or (quoted and "dobj" in deps)
    if cue.needs == "state":  # "seemed unperturbed", "appears to agree"
        return bool(deps & {"acomp", "xcomp", "ccomp", "attr", "oprd"})
    if cue.needs == "document":  # "released a statement", not "released prisoners"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in lexicon.DOCUMENT_NOUNS
                   for c in token.children)
    if cue.needs == "about":  # "spoke about", not "spoke by phone on Friday"
        return bool(words & {"about", "of"})
    return cue.needs in words  # "out", "to"


def appeals(token: Token) -> bool:
    """"called for", "calls on X to": an appeal, however the parser attached its
    particle (a child, or the next word heading a clause of its own)."""
    after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return after in APPEAL_PARTICLES or any(c.lower_ in APPEAL_PARTICLES for c in token.children)


def construed(token: Token) -> bool:
    """"X is seen as Y", "X is considered a risk", "X was thought to be Y": a
    view held of something, in the passive (its holder often unnamed). The
    active "A sees B as C" is left out: it mostly states a stance as fact; and
    "was seen leaving the building" is something seen, not a view held."""
    deps = {c.dep_ for c in token.children}
    if not deps & {"nsubjpass", "auxpass"}:
        return False
    return any(c.dep_ == "oprd" or (c.dep_ == "xcomp" and c.tag_ != "VBG")
               or (c.dep_ == "prep" and c.lower_ == "as") for c in token.children)


def parenthetical(token: Token) -> bool:
    """"..., he said." or "X, she said, Y": the cue hangs on the reported clause."""
    return token.dep_ in PREDICATIVE and token.head != token and token.head.pos_ in {
        "VERB", "AUX"} and cue_of(token.head) is None


def clause_taking(token: Token) -> Cue | None:
    """A verb outside the lexicon that reports a that-clause of its subject's
    ("X recognised that ...", "X speculated that ..."): a claim, unless the verb
    is one of those that take a clause without reporting one ("make sure that")."""
    if token.i not in facts(token.doc).subject_heads or token.pos_ != "VERB":
        return None  # asked of every word of every sentence: the cheap test first
    if token.lemma_.lower() in lexicon.NON_REPORTING_CLAUSE_VERBS:
        return None
    if not any(c.dep_ == "nsubj" for c in token.children):
        return None
    for clause in (c for c in token.children if c.dep_ == "ccomp" and c.i > token.i):
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            return Cue(token.lemma_.lower(), "VERB", "speech", "Claim", "clause")
    return None


def first_or_second_person(token: Token, cue: Cue) -> bool:
    """A thought or stance in the first or second person ("I think", "you know")
    is how a speaker talks, not a report; a writer's own report outside a quotation
    ("I said", "we asked him") is one, of the article's unnamed source."""
    subjects = {c.lower_ for c in token.children if c.dep_ == "nsubj"}
    if cue.frame == "speech":
        return "you" in subjects
    return not subjects.isdisjoint({"i", "we", "you"})


def framed(token: Token, cue: Cue) -> bool:
    """Whether the cue's clause is an attribution and not part of an action or
    a description: "was meant to support talks", "would continue to fight" (a
    cue controlled by a verb that is no cue), "Iran, which supports the group"
    (a relative clause without a reported clause), "asked not to be named"."""
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in token.children)
    controlled = token.dep_ == "acl" or (token.dep_ in {"xcomp", "advcl"} and not (
        cue.frame == "speech" or (cue.frame == "cognition" and token.dep_ == "xcomp")))
    if controlled and not own_subject and token.tag_ != "VBG" and cue_of(token.head) is None:
        return False  # "kept the right to defend itself"; but "went on to say" reports"
    if token.tag_ == "VBG" and token.dep_ == "pcomp" and token.head.head.lemma_ == "quote":
        return False  # "was quoted as saying": one cue
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    # "was asked", "was told", "is known"; but "an exchange of fire was reported"
    asked = cue.frame == "cognition" or cue.type in {"Appeal", "Claim"}
    if passive and not asked and not construed(token) and not any(
            c.dep_ in {"agent", "xcomp"} or (c.dep_ == "ccomp" and c.i > token.i)
            or c.dep_ == "expl" for c in token.children):
        return False  # "an exchange of fire was reported": an event, not a report
    if token.dep_ == "relcl" and not any(c.dep_ == "ccomp" for c in token.children) and (
            cue.frame in {"evidence", "intention"}):
        return False  # "the figures, which show losses": a description
    return not any(c.dep_ == "xcomp" and c.lemma_.lower() in lexicon.ANONYMITY_VERBS
                   for c in token.children)


def colon_after(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.text == ":"


def verbal_statement(ctx: Context, sent: Span, token: Token, cue: Cue,
                     quote: str | None, quoted_before: list[TextSpan] | None = None
                     ) -> Statement | None:
    if token.dep_ == "amod" or (token.dep_ == "acl" and token.tag_ == "VBN"):
        return None  # "the reported attack", "a plan backed by X"
    if token.tag_ == "VBG" and token.dep_ in {"pcomp", "compound"} and not any(
            c.dep_ in CLAUSE_DEPS for c in token.children) and not (
            token.dep_ == "pcomp" and token.head.lower_ in MANNER_PREPS and (
                cue.frame == "speech" or token.head.lower_ in {"after", "in"})):
        return None  # "shelled by opposing forces"; but "responded by calling X a liar"
    if token.dep_ == "aux" or not licensed(token, cue, quote is not None):
        return None
    if not framed(token, cue) or (cue.type == "Report" and any(
            c.dep_ == "neg" for c in token.children)):
        return None  # "X has not disclosed its losses": nothing is reported
    source = source_token(token)
    speakers = speakers_of(ctx, source, cue.needs != "quote" and (
        cue.frame != "evidence" or cue.needs == "state" or has_clause(token)))
    if not speakers:
        return None
    kind = cue.type
    if cue.needs == "call" and not appeals(token):
        kind = "Claim"  # "called the plan a disgrace"
    # the source's words, but not the cue's own clause a modified noun holds
    skip = {t.i for t in source.subtree} - {t.i for t in token.subtree} if (
        source is not None and sent.start <= source.i < sent.end) else set()
    tokens = complement_tokens(token, skip | {token.i})
    text = " ".join(token.doc[i].lower_ for i in sorted(tokens))
    content: set[int] | list[TextSpan] = tokens
    if quoted_before:
        content = quoted_before  # the quotation the cue follows
    elif kind == "Claim" and cue.needs == "call":  # "called X “Y”": X and what X is called
        content = {t.i for c in token.children if c.dep_ not in {"conj", "cc"}
                   for t in c.subtree} - skip  # not "... and said Z": a report of its own
    kind = refine_type(ctx, kind, token, text, speakers[0])
    cue_tokens = [token, *(c for c in token.children if c.dep_ == "prt"
                           or (c.dep_ == "prep" and cue.needs in {"call", "about", "to", "for"}))]
    stmt = Statement(span=sent_span(sent), type=kind, speakers=speakers[:1],
                     cue=" ".join(t.text for t in sorted(cue_tokens, key=lambda t: t.i)),
                     quote=quote, confidence=0.6 if speakers[0] != UNNAMED_SOURCE else 0.4)
    return attach(stmt, sent, cue_tokens, source if source is not None and source.pos_ in {
        "NOUN", "PROPN", "PRON", "NUM", "DET"} else None, content, ctx.article.text)


def sent_span(sent: Span):
    from .syntax import sentence_span

    return sentence_span(sent)


def adverb_statement(ctx: Context, sent: Span, token: Token, cue: Cue) -> Statement | None:
    """"X was reportedly killed": a report by an unnamed source of the clause the
    adverb modifies."""
    head = token.head
    if token.dep_ != "advmod" or head.pos_ not in {"VERB", "AUX"}:
        return None
    stmt = Statement(span=sent_span(sent), type=cue.type, speakers=[unnamed_source(ctx)],
                     cue=token.text, confidence=0.4)
    return attach(stmt, sent, [token], None, {t.i for t in head.subtree} - {token.i},
                  ctx.article.text)


def nominal_statement(ctx: Context, sent: Span, token: Token, cue: Cue) -> Statement | None:
    """"calls by X for Y", "X's demand that Y", "his threat to Y": a cue noun
    with a named source or a reported clause; not the medium of a cue verb
    ("said in a statement that")."""
    if token.head.dep_ == "prep" and cue_of(token.head.head) is not None:
        return None
    source = next((c for c in token.children if c.dep_ == "poss" or (
        c.dep_ == "nsubj" and any(g.dep_ == "case" for g in c.children))), None)
    cue_tokens = [token]
    if source is None:
        for prep in (c for c in token.children if c.dep_ == "prep"
                     and c.lower_ in NOMINAL_SOURCE_PREPS):
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and (prep.lower_ != "of" or pobj.pos_ == "PROPN"):
                source, cue_tokens = pobj, [token, prep]  # "calls by"
                break
    content = {t.i for c in token.children
               if c.dep_ in {"acl", "ccomp", "xcomp", "relcl"} and c.i > token.i
               or (c.dep_ == "prep" and c.lower_ in NOMINAL_CONTENT_PREPS
                   and (source is None or source not in c.subtree))
               for t in c.subtree}
    if not content and source is not None:  # "calls by X for Y": Y hangs on X
        content = {t.i for c in source.children if c.dep_ == "prep"
                   and c.lower_ in NOMINAL_CONTENT_PREPS - NOMINAL_SOURCE_PREPS
                   for t in c.subtree}
    if not content or (source is None and not any(
            c.dep_ in {"acl", "ccomp"} for c in token.children)):
        return None
    speakers = speakers_of(ctx, source, any_noun=True)
    if not speakers:
        return None
    kind = cue.type
    if kind == "Threat" and token.lemma_.lower() == "warning" and any(
            c.dep_ in {"acl", "xcomp"} and c.tag_ == "VB" for c in token.children):
        kind = "Appeal"  # "warnings to stay away": others are to act
    stmt = Statement(span=sent_span(sent), type=kind, speakers=speakers[:1],
                     cue=token.text, confidence=0.5)
    return attach(stmt, sent, cue_tokens, source, content - {token.i}, ctx.article.text)
