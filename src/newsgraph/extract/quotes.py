"""Quotations: the quoted words of a sentence, and paragraphs of quotes.

A sentence that is nothing but a quotation continues the last quoted
statement (a paragraph of quotes after "he said"); its words are more of that
statement's content.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..model import Span as TextSpan
from ..model import Statement, StatementType
from .context import Context
from .docfacts import span_text
from .quotemarks import QUOTED_RE, starts_quotation
from .spans import cover, trimmed, widen_to_quotes
from .statement_types import denies
from .syntax import sentence_span


def quote_in(sent: Span) -> str | None:
    match = QUOTED_RE.search(span_text(sent))
    return match.group(1).strip(" ,.") if match else None


def continued(ctx: Context, sent: Span, previous: list[Statement]) -> list[Statement]:
    """A sentence that is nothing but a quotation continues the last quoted
    statement close before it (a paragraph of quotes after "he said"): its
    words become more of that statement's content. A continuation that is a
    speech act of its own (a denial, a demand) is also a statement of the same
    speaker, signalled by its quotation marks."""
    text = sent.text.strip()
    if not re.search(r"\w", text) or not starts_quotation(text) or not previous:
        return []
    last = previous[-1]
    if last.quote is None or not last.content_spans or sent.start_char - last.span.end > 300:
        return []
    span = sentence_span(sent)
    last.content_spans = widen_to_quotes(ctx.article.text, [*last.content_spans, span],
                                         last.cue_span or span)
    cover(last)
    content = text.lower()
    kind: StatementType | None = "Denial" if denies(content) else "Demand" if re.search(
        r"\b(must|should)\b", content) else None
    if kind is None or kind == last.type:
        return []
    mark = TextSpan(span.start, span.start + 1)
    inner = trimmed(ctx.article.text, span.start, span.end) or span
    return [Statement(span=span, type=kind, speakers=list(last.speakers), cue="quotation",
                      quote=quote_in(sent) or text, confidence=0.5, cue_span=mark,
                      content_spans=[inner])]
