"""Extract: the rule-based extractor, a parsed article -> an ``Extraction`` of plain dataclasses.

The order matters: entities first (names, acronyms, demonyms), then the
conflict and its parties (descriptions like "both sides" resolve to them),
then statements (their speakers are the point of view for "the other side"
in events), events, figures and relations. What follows from the records
alone (the narrator's statements, which statement refutes or corroborates
which, role repair) is the pipeline's, the same for any extractor
(:mod:`newsgraph.pipeline.postprocess`); :class:`RuleExtractor` is this
package's side of the seam (:mod:`newsgraph.pipeline.extractor`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..link.gazetteer import Gazetteer, load_gazetteer
from ..model import Article, Extraction
from ..nlp import parse, parse_texts
from .conflict import find_conflict
from .context import Context
from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .relations import find_relations
from .statements import find_statements

__all__ = ["RuleExtractor", "extract"]


class RuleExtractor:
    """The rules of this package on spaCy's parse: an
    :class:`~newsgraph.pipeline.extractor.Extractor`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer

    def parse(self, articles: Sequence[Article]) -> list[Doc | None]:
        """The articles' spaCy ``Doc``s, parsed with ``nlp.pipe`` (fastest in batches)."""
        return list(parse_texts(a.text for a in articles))

    def extract(self, article: Article, parsed: Doc | None = None) -> Extraction:
        doc = parsed if parsed is not None else parse(article)
        return extract(doc, article, self.gazetteer)


def extract(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """The records the rules find in ``article``, parsed as ``doc`` (not post-processed)."""
    ctx = Context(doc, article, gazetteer or load_gazetteer())
    find_entities(ctx)
    find_conflict(ctx)
    statements = find_statements(ctx)
    speaker_by_sentence: dict[int, str] = {}
    for stmt in statements:
        sent = doc.char_span(stmt.span.start, stmt.span.end, alignment_mode="expand")
        if sent is not None:
            speaker_by_sentence.setdefault(sent.sent.start, stmt.speakers[0])
    events = find_events(ctx, speaker_by_sentence)
    figures = find_figures(ctx)
    relations = find_relations(ctx)
    return Extraction(article=article, entities=ctx.entities, statements=statements,
                      events=events, figures=figures, relations=relations,
                      affiliation=ctx.affiliation)
