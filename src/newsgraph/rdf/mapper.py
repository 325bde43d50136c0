"""Map: an ``Extraction`` -> an rdflib ``Dataset`` with one named graph.

The mapper mints IRIs and writes ontology terms; it never looks at article
text except to store it and to cut mention anchors at recorded offsets.
What it writes is specified in ``docs/rdf-model.md``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from ..model import Entity, Extraction, Span
from ..roles import EVENT_ROLES, RELATION_ROLES, STATEMENT_ROLES, Kind, fits
from .namespace import ENTITY_CLASSES, NG, WD

DEFAULT_BASE = "https://w3id.org/newsgraph/id/"
SCHEMA = Namespace("http://schema.org/")

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


# Cached: rdflib's Literal with a datatype costs ~10 us to make, and an article has
# hundreds of offsets and confidences, mostly the same few values (a Literal is immutable).
@functools.lru_cache(maxsize=256)
def decimal(value: float) -> Literal:
    return Literal(Decimal(f"{min(max(value, 0.0), 1.0):.2f}"), datatype=XSD.decimal)


@functools.lru_cache(maxsize=8192)
def nonneg(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.nonNegativeInteger)


# The terms written for every mention and record, looked up once: an attribute of a
# DefinedNamespace goes through its metaclass each time, and an article has thousands.
_TYPE, _MENTION, _IN_ARTICLE = RDF.type, NG.Mention, NG.inArticle
_BEGIN, _END, _ANCHOR = NG.beginIndex, NG.endIndex, NG.anchorOf
_EVIDENCE, _CONFIDENCE, _REPORTED_IN = NG.evidence, NG.confidence, NG.reportedIn


class RoleMismatch(ValueError):
    """A record refers to an entity that cannot fill the role (a bug upstream)."""


class _Mapper:
    """Adds an extraction's triples to ``graph``: an rdflib Graph or a plain set."""

    def __init__(self, extraction: Extraction, base: str, graph: Graph | set) -> None:
        self.x = extraction
        self.base = base
        self.g = graph
        self.article = article_iri(extraction.article.text, base)
        self.ids: dict[str, URIRef] = {}
        self.mentions: dict[Span, URIRef] = {}  # the mentions written so far

    def entity_iri(self, key: str) -> URIRef:
        """Corpus-wide when the entity has a QID or an identity (``entity/person/
        ilham-aliyev``), so articles built apart share the node; else the article's."""
        entity = self.x.entities[key]
        if entity.wikidata:
            return URIRef(f"{self.base}entity/{entity.wikidata}")
        if entity.identity:
            return URIRef(f"{self.base}entity/{entity.identity}")
        return URIRef(f"{self.article}/entity/{key}")

    def ref(self, key: str, kind: Kind) -> URIRef:
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

    def mention(self, span: Span) -> URIRef:
        iri = self.mentions.get(span)
        if iri is None:
            iri = self.mentions[span] = URIRef(f"{self.article}/mention/{span.start}-{span.end}")
            add = self.g.add
            add((iri, _TYPE, _MENTION))
            add((iri, _BEGIN, nonneg(span.start)))
            add((iri, _END, nonneg(span.end)))
            add((iri, _ANCHOR, Literal(self.x.article.text[span.start : span.end])))
            add((iri, _IN_ARTICLE, self.article))
        return iri

    def extracted(self, node: URIRef, span: Span, confidence: float) -> None:
        add = self.g.add
        add((node, _EVIDENCE, self.mention(span)))
        add((node, _CONFIDENCE, decimal(confidence)))
        add((node, _REPORTED_IN, self.article))

    def run(self) -> None:
        self.map_article()
        for key, entity in self.x.entities.items():
            self.map_entity(key, entity)
        for record_id in (*(s.id for s in self.x.statements), *(e.id for e in self.x.events),
                          *(f.id for f in self.x.figures)):
            self.ids[record_id] = URIRef(f"{self.article}/{record_id}")
        for stmt in self.x.statements:
            self.map_statement(stmt)
        for event in self.x.events:
            self.map_event(event)
        for figure in self.x.figures:
            self.map_figure(figure)
        for rel in self.x.relations:
            self.map_relation(rel)

    def map_article(self) -> None:
        art = self.x.article
        g, a = self.g, self.article
        g.add((a, RDF.type, NG.Article))
        g.add((a, NG["text"], Literal(art.text)))
        g.add((a, DCTERMS.identifier, Literal(art.identifier)))
        g.add((a, DCTERMS.language, Literal(art.language)))
        if art.title:
            g.add((a, DCTERMS.title, Literal(art.title)))
        if art.date:
            g.add((a, DCTERMS.date, Literal(art.date.isoformat(), datatype=XSD.date)))
        if art.url:
            g.add((a, SCHEMA.url, URIRef(art.url)))
        if art.dateline_place:
            g.add((a, NG.datelinePlace, Literal(art.dateline_place)))
        if art.dateline_date:
            g.add((a, NG.datelineDate, Literal(art.dateline_date.isoformat(), datatype=XSD.date)))
        if art.agency:
            g.add((a, NG.sourceAgency, Literal(art.agency)))
        g.add((a, DCTERMS.publisher, self.entity_iri(self.x.narrator)))

    def map_entity(self, key: str, entity: Entity) -> None:
        g = self.g
        node = self.entity_iri(key)
        g.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
        g.add((node, RDFS.label, Literal(entity.label)))
        for alias in entity.aliases:
            if alias != entity.label:
                g.add((node, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            g.add((node, OWL.sameAs, WD[entity.wikidata]))
        for span in sorted(entity.mentions):
            g.add((node, NG.mention, self.mention(span)))
        if entity.mentions:
            g.add((node, NG.evidence, self.mention(min(entity.mentions))))
        g.add((node, NG.confidence, decimal(entity.confidence)))
        g.add((node, NG.reportedIn, self.article))

    def map_statement(self, stmt) -> None:
        g, node = self.g, self.ids[stmt.id]
        g.add((node, RDF.type, NG.Statement))
        g.add((node, NG.statementType, NG[stmt.type]))
        for key in stmt.speakers:
            g.add((node, NG.speaker, self.ref(key, STATEMENT_ROLES["speakers"])))
        if stmt.cue:
            g.add((node, NG.cue, Literal(stmt.cue)))
        if stmt.quote:
            g.add((node, NG.quote, Literal(stmt.quote)))
        for key in stmt.targets:
            g.add((node, NG.target, self.ref(key, STATEMENT_ROLES["targets"])))
        for ref in stmt.about:
            g.add((node, NG.about, self.ids[ref]))
        for ref in stmt.figures:
            g.add((node, NG.reportsFigure, self.ids[ref]))
        if stmt.via:
            g.add((node, NG.via, self.ref(stmt.via, STATEMENT_ROLES["via"])))
        for ref in stmt.refutes:
            g.add((node, NG.refutes, self.ids[ref]))
        for ref in stmt.corroborates:
            g.add((node, NG.corroborates, self.ids[ref]))
        if stmt.cue_span is not None:
            g.add((node, NG.cueMention, self.mention(stmt.cue_span)))
        for span in stmt.content_spans:
            g.add((node, NG.contentMention, self.mention(span)))
        if stmt.source_span is not None:
            g.add((node, NG.sourceMention, self.mention(stmt.source_span)))
        self.extracted(node, stmt.span, stmt.confidence)

    def map_event(self, event) -> None:
        g, node = self.g, self.ids[event.id]
        g.add((node, RDF.type, NG.Event))
        g.add((node, NG.eventType, NG[event.type]))
        g.add((node, NG.trigger, Literal(event.trigger)))
        for prop, field in ((NG.agent, "agents"), (NG.participant, "participants"),
                            (NG.affected, "affected"), (NG.place, "places")):
            for key in getattr(event, field):
                g.add((node, prop, self.ref(key, EVENT_ROLES[field])))
        if event.time_expression:
            g.add((node, NG.timeExpression, Literal(event.time_expression)))
        if event.date:
            g.add((node, NG["date"], Literal(event.date.isoformat(), datatype=XSD.date)))
        if event.conflict:
            g.add((node, NG.partOf, self.ref(event.conflict, EVENT_ROLES["conflict"])))
        self.extracted(node, event.span, event.confidence)

    def map_figure(self, figure) -> None:
        g, node = self.g, self.ids[figure.id]
        g.add((node, RDF.type, NG.CasualtyFigure))
        g.add((node, NG["count"], nonneg(figure.count)))
        g.add((node, NG.countQualifier, NG[figure.qualifier]))
        g.add((node, NG.casualtyType, NG[figure.casualty]))
        g.add((node, NG.victims, NG[figure.victims]))
        for key in figure.places:
            g.add((node, NG.place, self.ref(key, "place")))
        self.extracted(node, figure.span, figure.confidence)

    def map_relation(self, rel) -> None:
        subject_kind, object_kind = RELATION_ROLES[rel.predicate]
        s, p, o = (self.ref(rel.subject, subject_kind), NG[rel.predicate],
                   self.ref(rel.object, object_kind))
        self.g.add((s, p, o))
        digest = hashlib.sha256(f"{s} {p} {o}".encode()).hexdigest()[:16]
        node = URIRef(f"{self.article}/relation/{digest}")
        self.g.add((node, RDF.type, RDF.Statement))
        self.g.add((node, RDF.subject, s))
        self.g.add((node, RDF.predicate, p))
        self.g.add((node, RDF.object, o))
        self.extracted(node, rel.span, rel.confidence)


def to_graph(extraction: Extraction, base: str = DEFAULT_BASE) -> Graph:
    """The article's triples as a plain graph (the article's named graph)."""
    graph = Graph(identifier=article_iri(extraction.article.text, base))
    bind_prefixes(graph, base)
    _Mapper(extraction, base, graph).run()
    return graph


def to_triples(extraction: Extraction, base: str = DEFAULT_BASE,
               ) -> tuple[URIRef, set[tuple[Node, Node, Node]]]:
    """The article's graph name and triples, without an rdflib Graph (which indexes
    every triple three ways: a third of the cost of a corpus build's mapping)."""
    triples: set[tuple[Node, Node, Node]] = set()
    _Mapper(extraction, base, triples).run()
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
