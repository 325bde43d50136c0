"""Map: an ``Extraction`` -> an rdflib ``Dataset`` with one named graph.

The mapper mints IRIs and writes ontology terms; it never looks at article
text except to store it and to cut mention anchors at recorded offsets.
What it writes is specified in ``docs/rdf-model.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from rdflib import XSD, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from ..model import Entity, Extraction, Span
from ..roles import EVENT_ROLES, RELATION_ROLES, STATEMENT_ROLES, Kind, fits
from .namespace import NG, WD
from .rdftext import TextTriples
from .terms import RDFLIB, SCHEMA, TEXT, Terms

DEFAULT_BASE = "https://w3id.org/newsgraph/id/"

PREFIXES = {
    "ng": str(NG._NS),
    "wd": str(WD),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "xsd": str(XSD),
}


def article_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_iri(text: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}article/{article_hash(text)}")


def bind_prefixes(graph: Graph, base: str = DEFAULT_BASE) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", base, override=True, replace=True)


class RoleMismatch(ValueError):
    """A record refers to an entity that cannot fill the role (a bug upstream)."""


class _Mapper:
    """Adds an extraction's triples to ``graph`` (an rdflib Graph, or a set), with the
    terms of ``terms`` (rdflib terms, or N-Triples text: :mod:`.terms`)."""

    def __init__(self, extraction: Extraction, base: str, graph: Graph | set,
                 terms: Terms = RDFLIB) -> None:
        self.x = extraction
        self.base = base
        self.g = graph
        self.t = terms
        self.prefix = str(article_iri(extraction.article.text, base))  # the article's IRI
        self.article = terms.iri(self.prefix)
        self.ids: dict[str, Any] = {}
        self.mentions: dict[Span, Any] = {}  # the mentions written so far
        ng = terms.ng  # the terms of every mention and record, looked up once
        self._mention_terms = (terms.rdf.type, ng.Mention, ng.beginIndex, ng.endIndex,
                               ng.anchorOf, ng.inArticle)
        self._record_terms = (ng.evidence, ng.confidence, ng.reportedIn)

    def entity_iri(self, key: str) -> str:
        """Corpus-wide when the entity has a QID or an identity (``entity/person/
        ilham-aliyev``), so articles built apart share the node; else the article's."""
        entity = self.x.entities[key]
        if entity.wikidata:
            return f"{self.base}entity/{entity.wikidata}"
        if entity.identity:
            return f"{self.base}entity/{entity.identity}"
        return f"{self.prefix}/entity/{key}"

    def ref(self, key: str, kind: Kind) -> str:
        """The IRI of entity ``key`` in a role that needs a ``kind`` of entity.

        Refuses a reference the shapes would reject (a speaker that is not an
        actor, an unknown key): extraction's role repair should have made every
        reference fit, so this is a bug, reported on the article's line.
        """
        entity = self.x.entities.get(key)
        if entity is None:
            raise RoleMismatch(f"the {kind} role of a record refers to no entity ({key!r})")
        if not fits(entity.type, kind):
            raise RoleMismatch(
                f"{entity.type} {entity.label!r} cannot fill the {kind} role of a record")
        return self.entity_iri(key)

    def node(self, key: str, kind: Kind) -> Any:
        """:meth:`ref` as a term."""
        return self.t.iri(self.ref(key, kind))

    def mention(self, span: Span) -> Any:
        iri = self.mentions.get(span)
        if iri is None:
            t = self.t
            iri = self.mentions[span] = t.iri(f"{self.prefix}/mention/{span.start}-{span.end}")
            rdf_type, mention, begin, end, anchor, in_article = self._mention_terms
            add = self.g.add
            add((iri, rdf_type, mention))
            add((iri, begin, t.nonneg(span.start)))
            add((iri, end, t.nonneg(span.end)))
            add((iri, anchor, t.literal(self.x.article.text[span.start : span.end])))
            add((iri, in_article, self.article))
        return iri

    def extracted(self, node: Any, span: Span, confidence: float) -> None:
        evidence, confidence_, reported_in = self._record_terms
        add = self.g.add
        add((node, evidence, self.mention(span)))
        add((node, confidence_, self.t.decimal(confidence)))
        add((node, reported_in, self.article))

    def run(self) -> None:
        self.map_article()
        for key, entity in self.x.entities.items():
            self.map_entity(key, entity)
        for record_id in (*(s.id for s in self.x.statements), *(e.id for e in self.x.events),
                          *(f.id for f in self.x.figures)):
            self.ids[record_id] = self.t.iri(f"{self.prefix}/{record_id}")
        for stmt in self.x.statements:
            self.map_statement(stmt)
        for event in self.x.events:
            self.map_event(event)
        for figure in self.x.figures:
            self.map_figure(figure)
        for rel in self.x.relations:
            self.map_relation(rel)

    def map_article(self) -> None:
        art, t = self.x.article, self.t
        g, a, ng, dcterms = self.g, self.article, t.ng, t.dcterms
        g.add((a, t.rdf.type, ng.Article))
        g.add((a, ng["text"], t.literal(art.text)))
        g.add((a, dcterms.identifier, t.literal(art.identifier)))
        g.add((a, dcterms.language, t.literal(art.language)))
        if art.title:
            g.add((a, dcterms.title, t.literal(art.title)))
        if art.date:
            g.add((a, dcterms.date, t.typed(art.date.isoformat(), XSD.date)))
        if art.url:
            g.add((a, t.schema.url, t.iri(art.url)))
        if art.dateline_place:
            g.add((a, ng.datelinePlace, t.literal(art.dateline_place)))
        if art.dateline_date:
            g.add((a, ng.datelineDate, t.typed(art.dateline_date.isoformat(), XSD.date)))
        if art.agency:
            g.add((a, ng.sourceAgency, t.literal(art.agency)))
        g.add((a, dcterms.publisher, t.iri(self.entity_iri(self.x.narrator))))

    def map_entity(self, key: str, entity: Entity) -> None:
        g, t = self.g, self.t
        ng = t.ng
        node = t.iri(self.entity_iri(key))
        g.add((node, t.rdf.type, t.classes[entity.type]))
        g.add((node, t.rdfs.label, t.literal(entity.label)))
        for alias in entity.aliases:
            if alias != entity.label:
                g.add((node, t.skos.altLabel, t.literal(alias)))
        if entity.wikidata:
            g.add((node, t.owl.sameAs, t.wd[entity.wikidata]))
        for span in sorted(entity.mentions):
            g.add((node, ng.mention, self.mention(span)))
        if entity.mentions:
            g.add((node, ng.evidence, self.mention(min(entity.mentions))))
        g.add((node, ng.confidence, t.decimal(entity.confidence)))
        g.add((node, ng.reportedIn, self.article))

    def map_statement(self, stmt) -> None:
        g, node, ng, role = self.g, self.ids[stmt.id], self.t.ng, STATEMENT_ROLES
        g.add((node, self.t.rdf.type, ng.Statement))
        g.add((node, ng.statementType, ng[stmt.type]))
        for key in stmt.speakers:
            g.add((node, ng.speaker, self.node(key, role["speakers"])))
        if stmt.cue:
            g.add((node, ng.cue, self.t.literal(stmt.cue)))
        if stmt.quote:
            g.add((node, ng.quote, self.t.literal(stmt.quote)))
        for key in stmt.targets:
            g.add((node, ng.target, self.node(key, role["targets"])))
        for ref in stmt.about:
            g.add((node, ng.about, self.ids[ref]))
        for ref in stmt.figures:
            g.add((node, ng.reportsFigure, self.ids[ref]))
        if stmt.via:
            g.add((node, ng.via, self.node(stmt.via, role["via"])))
        for ref in stmt.refutes:
            g.add((node, ng.refutes, self.ids[ref]))
        for ref in stmt.corroborates:
            g.add((node, ng.corroborates, self.ids[ref]))
        if stmt.cue_span is not None:
            g.add((node, ng.cueMention, self.mention(stmt.cue_span)))
        for span in stmt.content_spans:
            g.add((node, ng.contentMention, self.mention(span)))
        if stmt.source_span is not None:
            g.add((node, ng.sourceMention, self.mention(stmt.source_span)))
        self.extracted(node, stmt.span, stmt.confidence)

    def map_event(self, event) -> None:
        g, node, t = self.g, self.ids[event.id], self.t
        ng = t.ng
        g.add((node, t.rdf.type, ng.Event))
        g.add((node, ng.eventType, ng[event.type]))
        g.add((node, ng.trigger, t.literal(event.trigger)))
        for prop, field in (("agent", "agents"), ("participant", "participants"),
                            ("affected", "affected"), ("place", "places")):
            for key in getattr(event, field):
                g.add((node, ng[prop], self.node(key, EVENT_ROLES[field])))
        if event.time_expression:
            g.add((node, ng.timeExpression, t.literal(event.time_expression)))
        if event.date:
            g.add((node, ng["date"], t.typed(event.date.isoformat(), XSD.date)))
        if event.conflict:
            g.add((node, ng.partOf, self.node(event.conflict, EVENT_ROLES["conflict"])))
        self.extracted(node, event.span, event.confidence)

    def map_figure(self, figure) -> None:
        g, node, t = self.g, self.ids[figure.id], self.t
        ng = t.ng
        g.add((node, t.rdf.type, ng.CasualtyFigure))
        g.add((node, ng["count"], t.nonneg(figure.count)))
        g.add((node, ng.countQualifier, ng[figure.qualifier]))
        g.add((node, ng.casualtyType, ng[figure.casualty]))
        g.add((node, ng.victims, ng[figure.victims]))
        for key in figure.places:
            g.add((node, ng.place, self.node(key, "place")))
        self.extracted(node, figure.span, figure.confidence)

    def map_relation(self, rel) -> None:
        subject_kind, object_kind = RELATION_ROLES[rel.predicate]
        s, o = self.ref(rel.subject, subject_kind), self.ref(rel.object, object_kind)
        t, rdf = self.t, self.t.rdf
        subject, p, object_ = t.iri(s), t.ng[rel.predicate], t.iri(o)
        self.g.add((subject, p, object_))
        digest = hashlib.sha256(f"{s} {NG[rel.predicate]} {o}".encode()).hexdigest()[:16]
        node = t.iri(f"{self.prefix}/relation/{digest}")
        self.g.add((node, rdf.type, rdf.Statement))
        self.g.add((node, rdf.subject, subject))
        self.g.add((node, rdf.predicate, p))
        self.g.add((node, rdf.object, object_))
        self.extracted(node, rel.span, rel.confidence)


def to_graph(extraction: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """The article's triples as a plain graph (the article's named graph)."""
    graph = Graph(identifier=article_iri(extraction.article.text, base))
    bind_prefixes(graph, base)
    _Mapper(extraction, base, graph).run()
    return graph


def to_triples(extraction: Extraction, base: str = DEFAULT_BASE,
               ) -> tuple[URIRef, TextTriples]:
    """The article's graph name and triples, each term in its N-Triples form
    (:data:`.terms.TEXT`; :func:`.rdftext.ntriples` makes them lines), without an rdflib
    Graph or rdflib terms: the mapping of a corpus build, which only needs text."""
    triples = TextTriples()
    _Mapper(extraction, base, triples, TEXT).run()
    return article_iri(extraction.article.text, base), triples


def new_dataset(base: str = DEFAULT_BASE) -> Dataset:
    """An empty dataset whose default graph is the union of the article graphs."""
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset, base)
    return dataset


def to_dataset(extractions: Iterable[Extraction], base: str = DEFAULT_BASE,
               into: Dataset | None = None) -> Dataset:
    """One named graph per article, graph IRI = article IRI (added to ``into`` if given)."""
    dataset = new_dataset(base) if into is None else into
    for extraction in extractions:
        named = dataset.graph(article_iri(extraction.article.text, base))
        _Mapper(extraction, base, named).run()
    return dataset
