"""The attribution triple's spans: cue words, content, source, from the parse.

Every statement with a cue gets the words that signal it (``cue_span``), what
was said (``content_spans``: the complement clause, or the quotation, widened
to the whole quotation when a quote runs over sentences) and the words naming
the speaker (``source_span``). The evidence is widened to hold cue and content,
so a reader of the graph finds all three inside it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..model import Span as TextSpan
from ..model import Statement
from .cues import cue_of
from .quotemarks import QUOTATION_RE
from .syntax import sentence_span

CONTENT_DEPS = ("ccomp", "xcomp", "advcl", "dobj", "prep", "attr", "oprd")
TRIM = " \t\n,.;:—–-“”\"«»‘’'()"


def token_span(tokens: Iterable[Token]) -> TextSpan | None:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return TextSpan(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def trimmed(text: str, start: int, end: int) -> TextSpan | None:
    """The span without surrounding blanks, punctuation and quote marks."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return TextSpan(start, end) if end > start else None


def runs(doc: Doc, indices: set[int], text: str) -> list[TextSpan]:
    """Contiguous runs of the given tokens, as trimmed spans (content minus the
    cue and source tokens inside it, e.g. "X, he said, Y")."""
    pairs: list[tuple[int, int]] = []  # first and last token of each run
    start, prev = None, -2
    for i in sorted(indices):
        if start is None or i != prev + 1:
            if start is not None:
                pairs.append((start, prev))
            start = i
        prev = i
    if start is not None:
        pairs.append((start, prev))
    out = []
    for a, b in pairs:
        span = trimmed(text, doc[a].idx, doc[b].idx + len(doc[b].text))
        if span is not None and any(ch.isalnum() for ch in text[span.start:span.end]):
            out.append(span)
    return out


def source_phrase(token: Token, text: str) -> TextSpan:
    """The words naming the speaker: the subject's phrase without a trailing
    relative clause or apposition ("Smith, who ..." -> "Smith")."""
    toks = [token]
    for child in token.children:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"} and child.i > token.i:
            continue
        toks.extend(child.subtree)
    toks = [t for t in toks if not t.is_punct or t.i < token.i]
    span = token_span(toks)
    assert span is not None
    return trimmed(text, span.start, span.end) or span


def complement_tokens(verb: Token, skip: set[int]) -> set[int]:
    """The tokens of what a cue verb reports: its clausal complement first,
    then other complements; a parenthetical cue ("X, he said, Y", "X, he
    said") reports the clause it hangs on."""
    for deps in (("ccomp",), ("xcomp",), ("dobj", "prep", "attr", "oprd", "advcl")):
        found = {t.i for c in verb.children if c.dep_ in deps and c.i not in skip
                 and not (c.dep_ == "advcl" and cue_of(c) is not None)  # "..., adding"
                 for t in c.subtree}
        if found:
            return found - skip
    if verb.dep_ in {"parataxis", "ccomp", "advcl", "conj"} and verb.head != verb:
        head = verb.head
        return {t.i for t in head.subtree} - {t.i for t in verb.subtree} - skip
    return set()


@functools.lru_cache(maxsize=64)
def quote_regions(text: str, start: int, end: int) -> tuple[TextSpan, ...]:
    """Quotations in ``text[start:end]`` (a paragraph): paired quote marks, or
    an opening mark running to the end of the paragraph.

    Cached: every statement of a paragraph asks for the paragraph's quotations,
    and a scraped text with no line break is one paragraph of up to 100,000
    characters, so scanning it again for each statement would cost quadratic
    time (a string caches its own hash, so the key is cheap)."""
    return tuple(TextSpan(m.start(), m.end()) for m in QUOTATION_RE.finditer(text, start, end))


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def widen_to_quotes(text: str, spans: list[TextSpan], cue: TextSpan) -> list[TextSpan]:
    """A content span inside a quotation becomes the whole quotation (a quote
    the sentence splitter cut in two), cue words never included."""
    if not spans:
        return spans
    p_start, p_end = paragraph_of(text, spans[0].start)
    quotes = quote_regions(text, p_start, p_end)
    out: list[TextSpan] = []
    for span in spans:
        for quote in quotes:
            if quote.overlaps(span) and not quote.overlaps(cue):
                span = trimmed(text, min(span.start, quote.start), max(span.end, quote.end)
                               ) or span
        out.append(span)
    return merged(out)


def merged(spans: list[TextSpan]) -> list[TextSpan]:
    out: list[TextSpan] = []
    for span in sorted(spans):
        if out and span.start <= out[-1].end:
            out[-1] = TextSpan(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return out


def attach(stmt: Statement, sent: Span, cue: list[Token], source: Token | None,
           content: set[int] | list[TextSpan], text: str) -> Statement:
    """Give ``stmt`` its cue, source and content spans and widen its evidence
    to hold them. Without content tokens the content is the sentence less the
    cue and the source; ``text`` is the article text the offsets index."""
    doc = sent.doc
    cue_span = token_span(cue)
    assert cue_span is not None
    skip = {t.i for t in cue}
    source_span = source_phrase(source, text) if source is not None else None
    if source is not None and source.doc is doc:
        skip |= {t.i for t in source.subtree} - (content if isinstance(content, set) else set())
    if isinstance(content, set):
        content = runs(doc, content - skip, text)
    if not content:
        rest = {t.i for t in sent if t.i not in skip}
        content = runs(doc, rest, text)
    content = widen_to_quotes(text, content, cue_span) or [cue_span]
    stmt.cue_span, stmt.content_spans, stmt.source_span = cue_span, content, source_span
    stmt.span = sentence_span(sent)
    return cover(stmt)


def cover(stmt: Statement) -> Statement:
    """Widen the evidence to hold the cue and every content span."""
    spans = [stmt.span, *([stmt.cue_span] if stmt.cue_span else []), *stmt.content_spans]
    stmt.span = TextSpan(min(s.start for s in spans), max(s.end for s in spans))
    return stmt
