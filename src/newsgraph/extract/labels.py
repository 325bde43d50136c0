"""Speaker labels: a paragraph that opens with a name and a colon.

Headlines attribute this way ("Kessler: the dam will hold."), and so do
interview transcripts ("MORENO: Why not now?"). The paragraph after the colon
is what the named actor says; the colon is the cue. Only a name the article
knows as an actor counts, so that section labels ("Update:", "The Latest:",
"Editor's note:") give nothing.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..model import Statement
from .context import Context
from .sources import actor_keys
from .spans import attach
from .statement_types import refine_type
from .syntax import sentence_span

# the longest name a label holds, in words
LONGEST_NAME = 4
# named-entity types of a speaker's name
NAME_TYPES = {"PERSON", "ORG", "NORP", "GPE"}


def labelled_statement(ctx: Context, sent: Span) -> Statement | None:
    """The statement of a sentence that opens a paragraph with "Name: ...", if any."""
    text = ctx.article.text
    if sent.start_char > 0 and text[sent.start_char - 1] != "\n":
        return None
    colon = next((t for t in sent[:LONGEST_NAME + 1] if t.text == ":"), None)
    if colon is None or colon.i == sent.start or sent.end - colon.i < 4:
        return None
    name = ctx.doc[sent.start:colon.i]
    if not all(t.is_title or t.is_upper for t in name if t.is_alpha) or not any(
            t.ent_type_ in NAME_TYPES for t in name):
        return None
    keys = actor_keys(ctx, name.root)
    if not keys:
        return None
    content = {t.i for t in sent if t.i > colon.i}
    said = " ".join(sent.doc[i].lower_ for i in sorted(content))
    kind = refine_type(ctx, "Claim", colon, said, keys[0])
    stmt = Statement(span=sentence_span(sent), type=kind, speakers=keys[:1], cue=":",
                     confidence=0.5)
    return attach(stmt, sent, [colon], name.root, content, text)
