"""Extract: a parsed article -> an ``Extraction`` of plain dataclasses.

The order matters: entities first (names, acronyms, demonyms), then the
conflict and its parties (descriptions like "both sides" resolve to them),
then statements (their speakers are the point of view for "the other side"
in events), events, figures and relations; last, the links between them
(which statement reports which figure, refutes or corroborates which).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..link.gazetteer import Gazetteer, load_gazetteer
from ..model import Article, Entity, Extraction
from ..pipeline.record_links import attach_narration, link_records
from ..pipeline.role_repair import conform_roles
from .conflict import find_conflict
from .context import Context
from .entities import find_entities
from .events import find_events
from .figures import find_figures
from .relations import find_relations
from .statements import find_statements

__all__ = ["extract"]


def extract(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
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
    extraction = Extraction(article=article, entities=ctx.entities, statements=statements,
                            events=events, figures=figures, relations=relations)
    extraction.entities[extraction.narrator] = narrator_entity(article)
    attach_narration(extraction)
    link_records(extraction, ctx.affiliation)
    conform_roles(extraction)
    drop_unused_entities(extraction)
    return extraction


def narrator_entity(article: Article) -> Entity:
    """The article's own voice: its publisher, or a group named after the article."""
    if article.publisher:
        return Entity(key="publisher", label=article.publisher, type="Organization",
                      confidence=1.0)
    return Entity(key="publisher", label=f"author of article {article.identifier}",
                  type="Group", confidence=1.0)


def drop_unused_entities(extraction: Extraction) -> None:
    """Entities created while resolving but never mentioned nor referred to."""
    used: set[str] = {extraction.narrator}
    for stmt in extraction.statements:
        used.update(stmt.speakers, stmt.targets, [stmt.via] if stmt.via else [])
    for event in extraction.events:
        used.update(event.agents, event.participants, event.affected, event.places)
        if event.conflict:
            used.add(event.conflict)
    for figure in extraction.figures:
        used.update(figure.places)
    for rel in extraction.relations:
        used.update((rel.subject, rel.object))
    for key in list(extraction.entities):
        if key not in used and not extraction.entities[key].mentions:
            del extraction.entities[key]
