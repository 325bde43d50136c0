"""Reports inside reports: which statements stay statements of their own when
their cue lies inside what another statement reports."""

from __future__ import annotations

from ..model import Statement, StatementType

# Statement types that stay statements of their own inside another's report.
DIRECTED_ACTS: frozenset[StatementType] = frozenset(
    {"Accusation", "Denial", "Threat", "Demand", "Appeal"})


def embedded(stmt: Statement, statements: list[Statement]) -> bool:
    """A claim, report or stance whose cue lies inside what another statement
    reports ("officials said the group believed ...", "she said polls showed
    ..."): part of that content, not an attribution of the article's own. A
    speech act aimed at someone (an accusation, denial, threat, demand or
    appeal) stays a statement of its own even when reported: who accused whom
    is what users ask of the graph."""
    cue = stmt.cue_span
    if cue is None or stmt.type in DIRECTED_ACTS or stmt.cue == "according to":
        return False  # "X said ..., according to Y": Y reports all of it
    return any(other is not stmt and any(c.start <= cue.start < c.end for c in other.content_spans)
               for other in statements)
