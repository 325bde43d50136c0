"""Scoring one article: gold items against the predictions, kind by kind.

The rules are those of ``docs/gold-format.md`` ("How predictions are matched").
Beyond the gold format itself the scorer settles four policies:

* narration is not an attributed statement: a predicted statement whose
  speakers are all the narrator is only counted when it agrees with a gold
  statement spoken by ``publisher``;
* relations: ``ng:disputedTerritory`` triples are scored only when the gold
  annotates at least one ``disputedTerritory`` relation;
* actors: a predicted QID that no gold actor has, on a node whose label matches
  a gold actor with ``wikidata: null``, is neither a true nor a false positive;
* a state's body (an organisation ``ng:affiliatedWith`` a country and named
  after it: "Army of Sudan") is that state wherever the gold names the state,
  as speaker, agent, participant, source or relation end.
"""

from __future__ import annotations

import re

from rdflib import RDF, Graph

from ..rdf.namespace import NG
from .gold import Gold, GoldActor
from .matching import Unit, score_kind
from .predictions import (
    Entity,
    View,
    predicted_actors,
    predicted_events,
    predicted_figures,
    predicted_statements,
    predicted_triples,
    typed,
)
from .results import Evaluation
from .terms import (
    EVENT_CLASSES,
    OPT_IN_RELATION_PREDICATES,
    PUBLISHER_KEY,
    STATEMENT_CLASSES,
)
from .text import Spans, label_tokens, labels_match, locate, overlaps


def score(gold: Gold, graph: Graph) -> Evaluation:
    """Score the predictions in ``graph`` (a Graph or Dataset) for ``gold``'s article."""
    view = View(graph, gold)
    ev = Evaluation(articles=[gold.identifier])
    ctx = _Context(gold, view, ev)
    _score_actors(ctx)
    _score_statements(ctx)
    _score_events(ctx)
    _score_figures(ctx)
    _score_triples(ctx)
    return ev


class _Context:
    """What the kinds share: the gold, the article view, anchor spans, entity comparison."""

    def __init__(self, gold: Gold, view: View, ev: Evaluation) -> None:
        self.gold, self.view, self.ev = gold, view, ev
        self._anchors: dict[str, Spans] = {}

    def where(self, kind: str, anchor: str) -> Spans:
        """The spans of a gold anchor in the stored text; warns once when there are none."""
        if anchor not in self._anchors:
            self._anchors[anchor] = locate(anchor, self.view.text)
        message = f"{self.gold.path.name}: {kind}: anchor not found in the article text: {anchor!r}"
        if not self._anchors[anchor] and message not in self.ev.warnings:
            self.ev.warnings.append(message)
        return self._anchors[anchor]

    def same(self, key: str, entity: Entity) -> bool:
        """Whether the gold actor ``key`` is the predicted ``entity``: by QID when both
        have one, else by label; ``publisher`` is the narrator."""
        if entity.is_narrator and key == PUBLISHER_KEY:
            return True
        actor = self.gold.actors.get(key)
        if actor is None:
            return False
        if actor.type == "Country" and (entity.node, RDF.type, NG.Organization) in self.view.graph:
            # an organisation is a state only through ng:affiliatedWith, never because
            # its name holds the state's ("Army of Sudan" ~ "Sudan")
            return labels_equal(actor.label, entity) or self.body_of_state(actor, entity)
        return self.is_actor(actor, entity)

    def is_actor(self, actor: GoldActor, entity: Entity) -> bool:
        """By QID when both have one, else by label."""
        if actor.wikidata and entity.qids:
            return actor.wikidata in entity.qids
        return self.same_label(actor, entity)

    def body_of_state(self, actor: GoldActor, entity: Entity) -> bool:
        """Whether ``entity`` is a body of the gold's state: an organisation
        ``ng:affiliatedWith`` that state and named after it ("Army of Sudan",
        "Ministry of Defense of Ukraine", "Israel Defense Forces"). What such a
        body says or does counts for its state through that link; an armed
        group affiliated with a state ("Hezbollah", Lebanon) is not named after
        it and does not count."""
        graph = self.view.graph
        if (entity.node, RDF.type, NG.Organization) not in graph:
            return False
        for node in graph.objects(entity.node, NG.affiliatedWith):
            state = self.view.entity(node)
            if (node, RDF.type, NG.Country) in graph and self.is_actor(actor, state) and any(
                    re.search(rf"\b{re.escape(name)}\b", label, re.IGNORECASE)
                    for name in state.labels for label in entity.labels):
                return True
        return False

    def same_label(self, actor: GoldActor, entity: Entity) -> bool:
        """The label comparison: a conflict only matches a conflict."""
        if entity.is_conflict != (actor.type == "Conflict") and typed(self.view, entity.node):
            return False
        return any(labels_match(actor.label, label) for label in entity.labels)

    def who(self, key: str | None) -> str:
        if key is None:
            return "-"
        actor = self.gold.actors.get(key)
        return f"{actor.label} ({key})" if actor else key


def labels_equal(label: str, entity: Entity) -> bool:
    return any(label_tokens(label) == label_tokens(name) for name in entity.labels)


def _score_actors(ctx: _Context) -> None:
    required: dict[str, str] = {}
    optional: dict[str, str] = {}
    for actor in ctx.gold.actors.values():
        if actor.wikidata:
            (optional if actor.optional else required).setdefault(actor.wikidata, actor.label)
    gold_units = [Unit(f"{label} [{qid}]", qid) for qid, label in sorted(required.items())]
    gold_units += [
        Unit(f"{label} [{qid}]", qid, optional=True)
        for qid, label in sorted(optional.items())
        if qid not in required
    ]

    # A QID on a node named like a gold actor without a QID cannot be judged: the
    # gold knows no verified item for it. It counts only if it is a gold QID after all.
    unlinked = [actor for actor in ctx.gold.actors.values() if actor.wikidata is None]
    preds = predicted_actors(ctx.view)
    for unit in preds:
        _, entities = unit.payload
        unit.neutral = any(ctx.same_label(a, e) for a in unlinked for e in entities)

    score_kind(ctx.ev, "actors", gold_units, preds, lambda g, p: g == p[0])


def _score_statements(ctx: _Context) -> None:
    gold_units = []
    for st in ctx.gold.statements:
        spans = ctx.where("statements", st.anchor)
        for speaker in st.speakers:
            desc = f"{st.type} by {ctx.who(speaker)} @ {st.anchor!r}"
            payload = (spans, speaker, st.accept, STATEMENT_CLASSES[st.type])
            gold_units.append(Unit(desc, payload, optional=st.optional))

    def ok(g, p) -> bool:
        g_spans, speaker, accept, g_class = g
        p_spans, entity, p_class, narration = p
        keys = (speaker, *accept)
        if narration:  # the narrator's own voice: only a gold `publisher` statement
            keys = tuple(key for key in keys if key == PUBLISHER_KEY)
        return (
            g_class == p_class
            and entity is not None
            and overlaps(g_spans, p_spans)
            and any(ctx.same(key, entity) for key in keys)
        )

    score_kind(ctx.ev, "statements", gold_units, predicted_statements(ctx.view), ok)


def _score_events(ctx: _Context) -> None:
    gold_units = []
    who = ctx.who
    for event in ctx.gold.events:
        spans = ctx.where("events", event.anchor)
        keys = (*event.agents, *event.participants, *event.places)
        roles = []
        if event.agents:
            roles.append("agent " + ", ".join(map(who, event.agents)))
        if event.participants:
            roles.append("participants " + ", ".join(map(who, event.participants)))
        if event.places:
            roles.append("place " + ", ".join(map(who, event.places)))
        desc = f"{event.type} ({'; '.join(roles) or 'no entities'}) @ {event.anchor!r}"
        gold_units.append(
            Unit(desc, (spans, keys, EVENT_CLASSES[event.type]), optional=event.optional)
        )

    def ok(g, p) -> bool:
        g_spans, keys, g_class = g
        p_spans, entities, p_class = p
        if g_class != p_class or not overlaps(g_spans, p_spans):
            return False
        return not keys or any(ctx.same(k, e) for k in keys for e in entities)

    score_kind(ctx.ev, "events", gold_units, predicted_events(ctx.view), ok)


def _score_figures(ctx: _Context) -> None:
    gold_units = []
    for fig in ctx.gold.figures:
        spans = ctx.where("figures", fig.anchor)
        desc = f"{fig.count} {fig.casualty} (source {ctx.who(fig.source)}) @ {fig.anchor!r}"
        gold_units.append(
            Unit(desc, (spans, fig.count, fig.casualty, fig.source), optional=fig.optional)
        )

    def ok(g, p) -> bool:
        g_spans, g_count, g_casualty, source = g
        p_spans, p_count, p_casualty, sources = p
        return (
            g_count == p_count
            and g_casualty == p_casualty
            and overlaps(g_spans, p_spans)
            and (source is None or any(ctx.same(source, e) for e in sources))
        )

    score_kind(ctx.ev, "figures", gold_units, predicted_figures(ctx.view), ok)


def _score_triples(ctx: _Context) -> None:
    gold, who = ctx.gold, ctx.who
    mediation: list[Unit] = []
    for entry in gold.mediation:
        triples = []
        if entry.parent:
            triples.append((entry.group, "parentOrganization", entry.parent))
        triples += [(entry.group, "mediator", m) for m in entry.mediators]
        if entry.conflict:
            triples.append((entry.group, "mediates", entry.conflict))
        for s, p, o in triples:
            mediation.append(Unit(f"{who(s)} {p} {who(o)}", (s, p, o), optional=entry.optional))
    relations = []
    for rel in gold.relations:
        desc = f"{who(rel.subject)} {rel.predicate} {who(rel.object)}"
        if rel.anchor:
            desc += f" @ {rel.anchor!r}"
        relations.append(
            Unit(desc, (rel.subject, rel.predicate, rel.object), optional=rel.optional)
        )

    preds = predicted_triples(ctx.view)
    # disputedTerritory is optional in the gold format: scored only where annotated.
    ignored = OPT_IN_RELATION_PREDICATES - {rel.predicate for rel in gold.relations}
    preds["relations"] = [u for u in preds["relations"] if u.payload[1] not in ignored]

    def ok(g, p) -> bool:
        return g[1] == p[1] and ctx.same(g[0], p[0]) and ctx.same(g[2], p[2])

    score_kind(ctx.ev, "mediation", mediation, preds["mediation"], ok)
    score_kind(ctx.ev, "relations", relations, preds["relations"], ok)
