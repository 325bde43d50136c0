"""Facts about a parsed document that the rules ask of many tokens, made once per ``Doc``.

spaCy computes a ``Span``'s text by making a ``Token`` object for each of its tokens,
and a token's children the same way; the rules ask for the text of the same sentences,
and whether a noun heads a clause with a subject, thousands of times per article. The
answers are made once, for the document being read, so that a helper given only a token
or a span finds them without a :class:`.context.Context`.

They are kept beside the document, not in it: in ``Doc.user_data`` the tokens would
make a reference cycle with their document (which then outlives its article until the
garbage collector's full pass, and memory grows with the corpus), and a ``Doc`` with
them would no longer serialise. One document at a time is remembered, the last one
asked about (the extractor reads one article at a time).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import nsubj, nsubjpass
from spacy.tokens import Doc, Span, Token

_SUBJECT_DEPS = (nsubj, nsubjpass)


@dataclass(frozen=True)
class DocFacts:
    """The document's tokens (iterating a ``Doc`` makes a new ``Token`` object per token
    each time) and text (``Doc.text``, joined once), the tokens that have a subject among
    their children (by index), and each token's lower-case lemma and form."""

    tokens: list[Token]
    text: str
    subject_heads: frozenset[int]
    lemmas: list[str]
    lowers: list[str]
    lemma_set: frozenset[str]


_latest: tuple[Doc, DocFacts] | None = None


def facts(doc: Doc) -> DocFacts:
    """The facts of ``doc``, made on first use (and again if another document was asked
    about in between)."""
    global _latest
    latest = _latest  # one read: another thread may replace it
    if latest is not None and latest[0] is doc:
        return latest[1]
    found = _make(doc)
    _latest = (doc, found)
    return found


def _make(doc: Doc) -> DocFacts:
    tokens = list(doc)
    heads = frozenset(t.head.i for t in tokens if t.dep in _SUBJECT_DEPS)
    lemmas = [t.lemma_.lower() for t in tokens]
    text = "".join(t.text_with_ws for t in tokens)  # Doc.text, without another pass
    return DocFacts(tokens, text, heads, lemmas, [t.lower_ for t in tokens],
                    frozenset(lemmas))


def span_text(span: Span) -> str:
    """``span.text``, sliced from the document's text: the same string, without a
    ``Token`` object per token."""
    return facts(span.doc).text[span.start_char:span.end_char]
