"""Links between extracted records, and the narrator's statements.

- a statement is ``about`` the events inside its evidence and ``reportsFigure``
  for the figures inside it;
- a figure or a relation that no statement carries is the article's own
  assertion: a Report by the narrator (the publisher);
- a denial ``refutes`` the latest earlier accusation by another side; a
  supporting statement ``corroborates`` the latest earlier statement by
  another speaker.
"""

from __future__ import annotations

from ..model import Extraction, Relation, Statement

ASSERTIONS = {"Report", "Claim", "Announcement", "Support"}
# statements whose words can report a casualty figure (not appeals, threats, denials)
FIGURE_CARRIERS = ASSERTIONS | {"Accusation", "Criticism"}
NARRATED_PREDICATES = {"supports", "controls", "legallyPartOf"}
LOOKBACK_CHARS = 1200
AFFILIATED_TYPES = {"Person", "Organization", "Group", "MediationGroup"}


def inside(inner, outer) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def attach_narration(extraction: Extraction) -> None:
    """Give every figure and narrated relation a statement that carries it."""
    narrator = extraction.narrator
    for figure in extraction.figures:
        carriers = [s for s in extraction.statements
                    if inside(figure.span, s.span) and s.type in FIGURE_CARRIERS]
        if not carriers:
            extraction.statements.append(Statement(
                span=figure.span, type="Report", speakers=[narrator], cue="",
                confidence=0.6))
    for rel in extraction.relations:
        if rel.predicate not in NARRATED_PREDICATES:
            continue
        if any(inside(rel.span, s.span) for s in extraction.statements):
            continue
        extraction.statements.append(Statement(
            span=rel.span, type="Report", speakers=[narrator], cue="", confidence=0.6))
    extraction.statements.sort(key=lambda s: (s.span.start, s.span.end))


def link_records(extraction: Extraction, affiliation: dict[str, str]) -> None:
    assign_ids(extraction)
    statements = extraction.statements
    for stmt in statements:
        stmt.about = [e.id for e in extraction.events if inside(e.span, stmt.span)]
        if stmt.type in FIGURE_CARRIERS:
            stmt.figures = [f.id for f in extraction.figures if inside(f.span, stmt.span)]
    for index, stmt in enumerate(statements):
        if stmt.type == "Denial":
            target = latest(statements[:index], stmt, {"Accusation", "Criticism"},
                            same_side=affiliation)
            if target is not None:
                stmt.refutes = [target.id]
        elif stmt.type == "Support":
            target = latest(statements[:index], stmt,
                            {"Accusation", "Claim", "Report", "Announcement"},
                            same_side=affiliation)
            if target is not None:
                stmt.corroborates = [target.id]
    for key, home in sorted(affiliation.items()):
        if key in extraction.entities and home in extraction.entities and key != home:
            entity = extraction.entities[key]
            if entity.mentions and entity.type in AFFILIATED_TYPES:
                extraction.relations.append(
                    Relation(key, "affiliatedWith", home, entity.mentions[0], 0.8))


def latest(earlier: list[Statement], stmt: Statement, types: set[str],
           same_side: dict[str, str]) -> Statement | None:
    def side(key: str) -> str:
        return same_side.get(key, key)

    mine = {side(k) for k in stmt.speakers} | set(stmt.speakers)
    for other in reversed(earlier):
        if stmt.span.start - other.span.end > LOOKBACK_CHARS:
            break
        if other.type not in types or other.cue == "":
            continue
        if mine & ({side(k) for k in other.speakers} | set(other.speakers)):
            continue
        return other
    return None


def assign_ids(extraction: Extraction) -> None:
    """Deterministic ids: kind, evidence offsets, and a counter per span."""
    for kind, records in (("statement", extraction.statements), ("event", extraction.events),
                          ("figure", extraction.figures)):
        seen: dict[tuple[int, int], int] = {}
        for record in records:
            key = (record.span.start, record.span.end)
            seen[key] = seen.get(key, 0) + 1
            record.id = f"{kind}/{key[0]}-{key[1]}-{seen[key]}"
