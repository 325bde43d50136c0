"""Reading predictions out of a newsgraph RDF graph (``docs/rdf-model.md``).

:class:`View` is the part of the graph that belongs to the gold's article; the
``predicted_*`` functions turn its nodes into the :class:`Unit` objects to match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL
from rdflib.term import Identifier, Node

from ..rdf.reader import union
from .gold import Gold
from .matching import Unit
from .terms import (
    AGENT,
    ARTICLE,
    BEGIN,
    CASUALTY_TYPE,
    CONFLICT,
    COUNT,
    END,
    ENTITY_CLASSES,
    EVENT,
    EVENT_CLASSES,
    EVENT_TYPE,
    EVIDENCE,
    FIGURE,
    IN_ARTICLE,
    MEDIATION_PREDICATES,
    MENTION,
    NG_IRI,
    PARTICIPANT,
    PLACE,
    PREDICATES,
    QID,
    REPORTED_IN,
    REPORTS_FIGURE,
    SPEAKER,
    STATEMENT,
    STATEMENT_CLASSES,
    STATEMENT_TYPE,
    TEXT,
    WIKIDATA_ENTITY,
)
from .text import Spans


@dataclass(frozen=True)
class Entity:
    node: Node
    qids: frozenset[str]
    labels: tuple[str, ...]
    is_conflict: bool
    is_narrator: bool

    def describe(self) -> str:
        name = self.labels[0] if self.labels else short(self.node)
        if self.qids:
            name += f" [{', '.join(sorted(self.qids))}]"
        return name


def short(node: Node) -> str:
    text = str(node)
    return text.rsplit("/", 1)[-1] if "/" in text else text


def ordered(nodes: Iterable[Node]) -> list[Node]:
    """``nodes`` sorted as rdflib orders terms (what ``sorted`` does on them at run time)."""
    return sorted(nodes, key=_term)


def _term(node: Node) -> Identifier:
    assert isinstance(node, Identifier), node  # graph nodes are terms, which rdflib can order
    return node


def local(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text[len(NG_IRI) :] if text.startswith(NG_IRI) else text


class View:
    """The triples of one article, with helpers."""

    def __init__(self, graph: Graph, gold: Gold) -> None:
        self.graph, self.article = article_graph(graph, gold)
        g = self.graph
        text = g.value(self.article, TEXT)
        if text is None:
            raise ValueError(f"article {self.article} has no ng:text")
        self.text = str(text)
        self.narrator = g.value(self.article, DCTERMS.publisher)
        self.single = len(set(g.subjects(RDF.type, ARTICLE))) == 1
        self._entities: dict[Node, Entity] = {}

    def in_article(self, node: Node) -> bool:
        if self.single or (node, REPORTED_IN, self.article) in self.graph:
            return True
        return any(
            (m, IN_ARTICLE, self.article) in self.graph for m in self.graph.objects(node, EVIDENCE)
        )

    def mention_in_article(self, mention: Node) -> bool:
        return self.single or (mention, IN_ARTICLE, self.article) in self.graph

    def spans(self, node: Node, predicate: URIRef = EVIDENCE) -> Spans:
        out = []
        for m in self.graph.objects(node, predicate):
            begin, end = self.graph.value(m, BEGIN), self.graph.value(m, END)
            if isinstance(begin, Literal) and isinstance(end, Literal):
                try:
                    out.append((int(begin.toPython()), int(end.toPython())))
                except (TypeError, ValueError):
                    continue
        return tuple(sorted(out))

    def snippet(self, spans: Spans, limit: int = 90) -> str:
        if not spans:
            return "(no evidence)"
        begin, end = spans[0]
        text = " ".join(self.text[begin:end].split())
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        return f"{begin}-{end} {text!r}"

    def entity(self, node: Node) -> Entity:
        if node not in self._entities:
            g = self.graph
            linked = (str(o)[len(WIKIDATA_ENTITY) :] for o in g.objects(node, OWL.sameAs)
                      if str(o).startswith(WIKIDATA_ENTITY))
            qids = frozenset(q for q in linked if QID.fullmatch(q))
            labels = sorted(str(o) for o in g.objects(node, RDFS.label))
            labels += sorted(str(o) for o in g.objects(node, SKOS.altLabel))
            self._entities[node] = Entity(
                node=node,
                qids=qids,
                labels=tuple(labels),
                is_conflict=(node, RDF.type, CONFLICT) in g,
                is_narrator=self.narrator is not None and node == self.narrator,
            )
        return self._entities[node]


def article_graph(graph: Graph, gold: Gold) -> tuple[Graph, Node]:
    """The graph to score and the article node in it."""
    if graph.context_aware:  # a Dataset (or ConjunctiveGraph): one graph per article
        quads = list(graph.quads((None, None, None, None)))  # type: ignore[attr-defined]
        articles = {s for s, p, o, _ in quads if p == RDF.type and o == ARTICLE}
        article = choose_article(graph, articles, gold, quads=quads)
        own = Graph()
        for s, p, o, c in quads:
            if getattr(c, "identifier", c) == article:
                own.add((s, p, o))
        if (article, TEXT, None) not in own:  # not one graph per article: all of them
            own = union(graph, into=Graph())
        return own, article
    articles = set(graph.subjects(RDF.type, ARTICLE))
    return graph, choose_article(graph, articles, gold)


def choose_article(
    graph: Graph, articles: set[Node], gold: Gold, quads: list[tuple[Node, ...]] | None = None
) -> Node:
    if not articles:
        raise ValueError(f"{gold.path}: the graph has no ng:Article")
    wanted = {gold.identifier, gold.article}

    def identifiers(node: Node) -> set[str]:
        if quads is not None:
            return {str(o) for s, p, o, _ in quads if s == node and p == DCTERMS.identifier}
        return {str(o) for o in graph.objects(node, DCTERMS.identifier)}

    matching = ordered(a for a in articles if identifiers(a) & wanted)
    if matching:
        return matching[0]
    if len(articles) == 1:
        return next(iter(articles))
    raise ValueError(
        f"{gold.path}: no ng:Article with dcterms:identifier {gold.identifier!r} in the graph"
    )


def class_of(classes: Mapping[Any, str], name: str | None) -> str | None:
    """The scoring class of a statement or event type (an unknown type is its own class)."""
    return classes.get(name or "", name)


def typed(view: View, node: Node) -> bool:
    """Whether ``node`` has an actor / place / conflict class."""
    return any(t in ENTITY_CLASSES for t in view.graph.objects(node, RDF.type))


def nodes(view: View, cls: URIRef) -> list[Node]:
    return ordered(n for n in set(view.graph.subjects(RDF.type, cls)) if view.in_article(n))


def predicted_actors(view: View) -> list[Unit]:
    """One unit per QID of an entity with a mention in the article.

    The payload is ``(qid, entities)``: the entities (sorted by node) linked to it."""
    found: dict[str, list[Entity]] = {}
    g = view.graph
    for node in ordered({s for s, _, _ in g.triples((None, MENTION, None))}):
        if not typed(view, node):
            continue
        if not any(view.mention_in_article(m) for m in g.objects(node, MENTION)):
            continue
        entity = view.entity(node)
        for qid in entity.qids:
            found.setdefault(qid, []).append(entity)
    return [
        Unit(entities[0].describe(), (qid, tuple(entities)), order=(qid,))
        for qid, entities in sorted(found.items())
    ]


def predicted_statements(view: View) -> list[Unit]:
    """One unit per statement and speaker: ``(spans, speaker entity, class, narration)``.

    ``narration`` is true when every speaker of the statement is the narrator;
    such a unit is ``neutral`` (see :class:`Unit`)."""
    preds = []
    for node in nodes(view, STATEMENT):
        spans = view.spans(node)
        stype = local(view.graph.value(node, STATEMENT_TYPE))
        klass = class_of(STATEMENT_CLASSES, stype)
        speakers = ordered(view.graph.objects(node, SPEAKER))
        narration = bool(speakers) and all(view.entity(s).is_narrator for s in speakers)
        each: list[Node | None] = [*speakers] if speakers else [None]  # a unit without one
        for speaker in each:
            entity = view.entity(speaker) if speaker is not None else None
            name = entity.describe() if entity else "(no speaker)"
            desc = f"{stype} by {name} @ {view.snippet(spans)}"
            preds.append(
                Unit(
                    desc,
                    (spans, entity, klass, narration),
                    order=(spans, str(node), name),
                    neutral=narration,
                )
            )
    return preds


def predicted_events(view: View) -> list[Unit]:
    """One unit per event: ``(spans, agent / participant / place entities, class)``."""
    preds = []
    g = view.graph
    for node in nodes(view, EVENT):
        spans = view.spans(node)
        etype = local(g.value(node, EVENT_TYPE))
        klass = class_of(EVENT_CLASSES, etype)
        entities = [
            view.entity(o) for p in (AGENT, PARTICIPANT, PLACE) for o in ordered(g.objects(node, p))
        ]
        roles = ", ".join(e.describe() for e in entities) or "no entities"
        desc = f"{etype} ({roles}) @ {view.snippet(spans)}"
        preds.append(Unit(desc, (spans, entities, klass), order=(spans, str(node))))
    return preds


def predicted_figures(view: View) -> list[Unit]:
    """One unit per figure: ``(spans, count, casualty type, source entities)``.

    The sources are the speakers of the statements that ``ng:reportsFigure`` it."""
    preds = []
    g = view.graph
    for node in nodes(view, FIGURE):
        spans = view.spans(node)
        value = g.value(node, COUNT)
        try:
            count = int(value.toPython()) if isinstance(value, Literal) else None
        except (TypeError, ValueError):
            count = None
        casualty = local(g.value(node, CASUALTY_TYPE))
        sources = [
            view.entity(sp)
            for st in ordered(g.subjects(REPORTS_FIGURE, node))
            for sp in ordered(g.objects(st, SPEAKER))
        ]
        names = ", ".join(e.describe() for e in sources) or "none"
        desc = f"{count} {casualty} (source {names}) @ {view.snippet(spans)}"
        preds.append(Unit(desc, (spans, count, casualty, sources), order=(spans, str(node))))
    return preds


def predicted_triples(view: View) -> dict[str, list[Unit]]:
    """Mediation and relation triples, by kind: ``(subject entity, predicate, object entity)``.

    With one article in the graph, the direct triples; with several, the
    reified triples reported in this article."""
    g = view.graph
    found: set[tuple[Node, str, Node]] = set()
    if view.single:
        for predicate, name in PREDICATES.items():
            found.update((s, name, o) for s, o in g.subject_objects(predicate))
    else:  # several articles in one graph: the reified triples reported in this one
        for r in g.subjects(RDF.type, RDF.Statement):
            said = g.value(r, RDF.predicate)
            s, o = g.value(r, RDF.subject), g.value(r, RDF.object)
            if (isinstance(said, URIRef) and said in PREDICATES and s is not None
                    and o is not None and view.in_article(r)):
                found.add((s, PREDICATES[said], o))
    preds: dict[str, list[Unit]] = {"mediation": [], "relations": []}
    for s, p, o in sorted(found):
        subj, obj = view.entity(s), view.entity(o)
        kind = "mediation" if p in MEDIATION_PREDICATES else "relations"
        desc = f"{subj.describe()} {p} {obj.describe()}"
        preds[kind].append(Unit(desc, (subj, p, obj), order=(p, str(s), str(o))))
    return preds
