"""Reports inside reports: which statements stay statements of their own when
their cue lies inside what another statement reports."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Span as TextSpan
from ..model import Statement, StatementType

# Statement types that stay statements of their own inside another's report.
DIRECTED_ACTS: frozenset[StatementType] = frozenset(
    {"Accusation", "Denial", "Threat", "Demand", "Appeal"})


# clauses joined to reported content rather than being it ("as the rebels claimed",
# "..., and the army admitted", "with the minister saying"): on train, reports in
# them were gold about half the time, those in the complement itself one in eight
ADJOINED = {"advcl", "conj", "pcomp"}


def embedded(stmt: Statement, statements: list[Statement], doc: Doc) -> bool:
    """A claim, report or stance whose cue lies inside what another statement
    reports and under that statement's cue word in the parse ("officials said the
    group believed ...", "she said polls showed ..."): part of that content, not
    an attribution of the article's own. A speech act aimed at someone (an
    accusation, denial, threat, demand or appeal) stays a statement of its own
    even when reported: who accused whom is what users ask of the graph. So do
    reports before the other's cue, which that cue hangs on or follows ("X
    welcomed the deal, the agency reported"; "residents told ..., and a source
    said ..."): on train these were gold in half the cases, the embedded ones
    after the cue in a quarter."""
    cue = stmt.cue_span
    if cue is None or stmt.type in DIRECTED_ACTS or stmt.cue == "according to":
        return False  # "X said ..., according to Y": Y reports all of it
    inner = cue_word(doc, cue)
    if inner is None or (inner.dep_ in ADJOINED and inner.tag_ != "VB"):
        return False  # "X said that, as the rebels claimed, ...": a report of its own
        # (not "... would meet to discuss": a purpose, part of what was said)
    return any(
        other is not stmt and within_report(cue, other)
        and (outer := cue_word(doc, other.cue_span)) is not None and outer in inner.ancestors
        for other in statements)


def within_report(cue: TextSpan, other: Statement) -> bool:
    """Whether ``cue`` comes after ``other``'s cue and lies inside what it reports."""
    return other.cue_span is not None and other.cue_span.start < cue.start and any(
        c.start <= cue.start < c.end for c in other.content_spans)


def cue_word(doc: Doc, span: TextSpan | None) -> Token | None:
    """The head word of a cue span in the parse."""
    if span is None:
        return None
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    return words.root if words is not None else None
