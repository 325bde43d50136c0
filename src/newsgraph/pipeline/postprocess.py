"""What every extractor's records get before linking, whichever extractor made them.

An extractor reports what the text says; the rest follows from the records
alone, so it lives here rather than in the rule package and a new extractor
gets it for free:

- the narrator (the publisher, or the article's author) and its statements
  for figures and relations that no statement carries, ids, and which
  statement is about, refutes or corroborates which (:mod:`.record_links`);
- every reference made to fit its role: speakers are actors, places are
  places (:mod:`.role_repair`), since the shapes refuse anything else;
- entities no record refers to and no text mentions dropped.
"""

from __future__ import annotations

from ..model import Article, Entity, Extraction
from .record_links import attach_narration, link_records
from .role_repair import conform_roles


def postprocess(extraction: Extraction) -> Extraction:
    """Complete an extractor's records in place (the order matters: role repair needs
    the narrator's statements, and only then is it known what is unused)."""
    extraction.entities[extraction.narrator] = narrator_entity(extraction.article)
    attach_narration(extraction)
    link_records(extraction, extraction.affiliation)
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
