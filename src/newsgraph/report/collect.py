"""Read a newsgraph graph back into the plain facts the HTML report shows.

The report never re-runs extraction: everything it shows is read from the RDF
as docs/rdf-model.md specifies it, so an analyst sees exactly what the graph
says, whether it was built a second ago or loaded from a file written months
earlier. Plain triple access is used rather than SPARQL because every node is
read whole (all its properties) and the union graph is small.

Every node gets a short, deterministic id (``A1`` article, ``E3`` entity,
``S2`` statement, ``V1`` event, ``F1`` figure, ``M4`` mention, ``R1`` relation)
assigned in document order, so two reports of the same data are identical
and the embedded JSON stays small.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from ..rdf.namespace import ENTITY_CLASSES, NG, NG_IRI, WD
from ..rdf.reader import union
from ..resources import ontology_path
from ..vocabulary import ACTOR_TYPES, RELATION_PREDICATES, EntityType

SCHEMA_URL = URIRef("http://schema.org/url")
QID = re.compile(r"Q[1-9][0-9]*")

#: The classes whose members can be actors in the network (docs/rdf-model.md).
ACTOR_CLASSES = tuple(ENTITY_CLASSES[kind] for kind in ACTOR_TYPES)
#: Entity kinds in the order used to pick one when a node has several (a node linked
#: in two articles may have two classes): the ontology's entity types, in this order.
KIND_PREFERENCE: tuple[EntityType, ...] = (
    "Person", "Country", "Organization", "MediationGroup", "Group", "Place", "Conflict")

ACTOR_DEFINITION = (
    "An actor is a node typed ng:Person, ng:Country, ng:Organization, ng:MediationGroup or "
    "ng:Group that has at least one ng:mention, i.e. the article names or refers to it. "
    "The article's narrator (its publisher, never mentioned) is therefore not an actor."
)

#: Relations between entities, drawn in the network (subject -> object): all of them.
RELATION_PROPERTIES = tuple(URIRef(NG_IRI + name) for name in RELATION_PREDICATES)

Facts = dict[str, Any]


def actor_iris(data: Graph | Dataset) -> set[str]:
    """The IRIs of the actors in ``data`` (see :data:`ACTOR_DEFINITION`)."""
    graph = union(data)
    return {str(node) for cls in ACTOR_CLASSES for node in graph.subjects(RDF.type, cls)
            if isinstance(node, URIRef) and graph.value(node, NG.mention) is not None}


@functools.cache
def _concept_labels() -> dict[str, str]:
    """English labels of the ontology's concepts (statement, event, casualty types)."""
    ontology = Graph().parse(ontology_path(), format="turtle")
    labels: dict[str, str] = {}
    for predicate in (RDFS.label, SKOS.prefLabel):
        for node, label in ontology.subject_objects(predicate):
            if isinstance(label, Literal) and label.language in (None, "en"):
                labels[str(node)] = str(label)
    return labels


def local_name(node: Node | None) -> str:
    text = str(node or "")
    return re.split(r"[#/]", text)[-1]


def concept_label(node: Node | None) -> str:
    """The ontology's label of a concept, else its local name split into words."""
    if node is None:
        return ""
    label = _concept_labels().get(str(node))
    if label:
        return label
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(node)).lower()


class Collector:
    """Walks the union graph once and returns the facts as JSON-ready dicts."""

    def __init__(self, data: Graph | Dataset) -> None:
        self.g = union(data)
        self.ids: dict[Node | tuple, str] = {}
        self.counters: dict[str, int] = defaultdict(int)
        # keyed by Node | None: a lookup of a missing value (``one`` gives None) misses
        self.articles: dict[Node | None, Facts] = {}
        self.order: dict[Node | None, int] = {}
        self.spans: dict[Node | None, tuple[Node, int, int, str]] = {}
        self.entities: dict[str, Facts] = {}

    # -- small readers --------------------------------------------------------

    def _id(self, prefix: str, node: Node | tuple) -> str:
        if node not in self.ids:
            self.counters[prefix] += 1
            self.ids[node] = f"{prefix}{self.counters[prefix]}"
        return self.ids[node]

    def one(self, node: Node, predicate: Node) -> Node | None:
        """One value (the smallest, so that duplicates across articles are stable)."""
        values = sorted(self.g.objects(node, predicate), key=str)
        return values[0] if values else None

    def text(self, node: Node, predicate: Node) -> str | None:
        value = self.one(node, predicate)
        return None if value is None else str(value)

    def number(self, node: Node, predicate: Node) -> float | None:
        value = self.one(node, predicate)
        if not isinstance(value, Literal):
            return None
        try:
            return round(float(value.toPython()), 2)
        except (TypeError, ValueError):
            return None

    def nodes_of(self, cls: Node) -> list[Node]:
        """Members of ``cls`` in document order: article, position, IRI."""
        return sorted(set(self.g.subjects(RDF.type, cls)), key=self._position)

    def _position(self, node: Node) -> tuple[int, int, str]:
        article = self.one(node, NG.reportedIn)
        span = self.spans.get(self.one(node, NG.evidence))
        return (self.order.get(article, len(self.order)), span[1] if span else -1, str(node))

    def evidence(self, node: Node) -> Facts:
        """Where a node's evidence is: article id, offsets and the words."""
        mention = self.one(node, NG.evidence)
        article = self.one(node, NG.reportedIn)
        out: Facts = {"article": self.articles.get(article, {}).get("id")}
        if mention in self.spans:
            span_article, begin, end, anchor = self.spans[mention]
            out.update(article=self.articles[span_article]["id"], begin=begin, end=end,
                       evidence=anchor)
        elif mention is not None:
            out["evidence"] = self.text(mention, NG.anchorOf)
        return out

    def entity(self, node: Node) -> str:
        """The id of an entity, registering a minimal one for an untyped node."""
        if node not in self.ids:
            self._register_entity(node, "Other")
        return self.ids[node]

    def entity_list(self, node: Node, predicate: Node) -> list[str]:
        values = [self.entity(v) for v in self.g.objects(node, predicate)
                  if not isinstance(v, Literal)]
        return sorted(set(values), key=_id_key)

    # -- articles and mentions -------------------------------------------------

    def read_articles(self) -> None:
        nodes = sorted(set(self.g.subjects(RDF.type, NG.Article)),
                       key=lambda n: (self.text(n, DCTERMS.identifier) or "", str(n)))
        for index, node in enumerate(nodes):
            self.order[node] = index
            url = self.text(node, SCHEMA_URL)
            publisher = self.one(node, DCTERMS.publisher)
            self.articles[node] = {
                "id": self._id("A", node), "iri": str(node),
                "identifier": self.text(node, DCTERMS.identifier),
                "title": self.text(node, DCTERMS.title),
                "date": self.text(node, DCTERMS.date),
                "url": url if url and re.match(r"https?://", url) else None,
                "publisher": self.text(publisher, RDFS.label) if publisher else None,
                "text": self.text(node, NG["text"]) or "",
            }
        for mention in self.g.subjects(RDF.type, NG.Mention):
            article = self.one(mention, NG.inArticle)
            begin, end = self.one(mention, NG.beginIndex), self.one(mention, NG.endIndex)
            if article is None or article not in self.articles or begin is None or end is None:
                continue
            text = self.articles[article]["text"]
            b, e = int(str(begin)), int(str(end))  # what int() of a Literal (a str) reads
            if 0 <= b < e <= len(text):  # a span outside the text cannot be highlighted
                self.spans[mention] = (article, b, e, text[b:e])

    # -- entities --------------------------------------------------------------

    def read_entities(self) -> None:
        typed: dict[Node, str] = {}
        for kind in reversed(KIND_PREFERENCE):  # the first kind in the list wins
            for node in self.g.subjects(RDF.type, ENTITY_CLASSES[kind]):
                typed[node] = kind
        for node in sorted(typed, key=lambda n: (self._label(n).lower(), str(n))):
            self._register_entity(node, typed[node])

    def _label(self, node: Node) -> str:
        return self.text(node, RDFS.label) or local_name(node).replace("_", " ")

    def _register_entity(self, node: Node, kind: str) -> None:
        qids = sorted(str(o)[len(WD):] for o in self.g.objects(node, OWL.sameAs)
                      if str(o).startswith(WD))
        qid = next((q for q in qids if QID.fullmatch(q)), None)
        mentions = sorted((m for m in self.g.objects(node, NG.mention) if m in self.spans),
                          key=lambda m: (self.order[self.spans[m][0]], self.spans[m][1], str(m)))
        key = self._id("E", node)
        # A corpus entity (a QID or a name identity) is one node however many articles
        # name it: the report lists them, in corpus order, for its one network node.
        articles = {self.spans[m][0] for m in mentions} | {
            a for a in self.g.objects(node, NG.reportedIn) if a in self.articles}
        self.entities[key] = {
            "articles": [self.articles[a]["id"]
                         for a in sorted(articles, key=self.order.__getitem__)],
            "id": key, "iri": str(node), "label": self._label(node), "kind": kind,
            "actor": kind in ACTOR_TYPES and self.one(node, NG.mention) is not None,
            "qid": qid, "alt": sorted({str(o) for o in self.g.objects(node, SKOS.altLabel)}),
            "confidence": self.number(node, NG.confidence),
            "mentions": [self._id("M", m) for m in mentions],
        }

    def finish_entities(self) -> None:
        """Affiliations are read last: they may name entities registered late."""
        for node, key in list(self.ids.items()):
            if key.startswith("E") and not isinstance(node, tuple):  # entities are nodes
                self.entities[key]["affiliatedWith"] = self.entity_list(node, NG.affiliatedWith)

    # -- statements, events, figures, relations ------------------------------

    def read_statements(self) -> dict[str, Facts]:
        out: dict[str, Facts] = {}
        for node in self.nodes_of(NG.Statement):
            key = self._id("S", node)
            stype = self.one(node, NG.statementType)
            out[key] = {
                "id": key, "iri": str(node), "type": local_name(stype),
                "typeLabel": concept_label(stype),
                "speakers": self.entity_list(node, NG.speaker),
                "targets": self.entity_list(node, NG.target),
                "via": self.entity_list(node, NG.via),
                "cue": self.text(node, NG.cue), "quote": self.text(node, NG.quote),
                "confidence": self.number(node, NG.confidence), **self.evidence(node),
            }
        return out

    def link_statements(self, statements: dict[str, Facts]) -> None:
        """Links between statements and to events/figures, once all have ids."""
        by_id = {key: n for n, key in self.ids.items() if not isinstance(n, tuple)}
        for key, facts in statements.items():
            node = by_id[key]
            facts["about"] = sorted({self.ids.get(o) or self.entity(o)
                                     for o in self.g.objects(node, NG.about)}, key=_id_key)
            facts["figures"] = self._known(node, NG.reportsFigure)
            facts["refutes"] = self._known(node, NG.refutes)
            facts["corroborates"] = self._known(node, NG.corroborates)
        for key, facts in statements.items():
            for other in facts["refutes"]:
                statements[other].setdefault("refutedBy", []).append(key)
            for other in facts["corroborates"]:
                statements[other].setdefault("corroboratedBy", []).append(key)

    def _known(self, node: Node, predicate: Node) -> list[str]:
        return sorted({self.ids[o] for o in self.g.objects(node, predicate) if o in self.ids},
                      key=_id_key)

    def read_events(self) -> dict[str, Facts]:
        out: dict[str, Facts] = {}
        for node in self.nodes_of(NG.Event):
            key = self._id("V", node)
            etype = self.one(node, NG.eventType)
            out[key] = {
                "id": key, "iri": str(node), "type": local_name(etype),
                "typeLabel": concept_label(etype), "trigger": self.text(node, NG.trigger),
                "agents": self.entity_list(node, NG.agent),
                "participants": self.entity_list(node, NG.participant),
                "affected": self.entity_list(node, NG.affected),
                "places": self.entity_list(node, NG.place),
                "partOf": self.entity_list(node, NG.partOf),
                "timeExpression": self.text(node, NG.timeExpression),
                "date": self.text(node, NG["date"]),
                "confidence": self.number(node, NG.confidence), **self.evidence(node),
            }
        return out

    def read_figures(self) -> dict[str, Facts]:
        out: dict[str, Facts] = {}
        for node in self.nodes_of(NG.CasualtyFigure):
            key = self._id("F", node)
            count = self.one(node, NG["count"])
            reporters = sorted(self.g.subjects(NG.reportsFigure, node), key=str)
            out[key] = {
                "id": key, "iri": str(node),
                "count": int(count) if isinstance(count, Literal) else None,
                "qualifier": local_name(self.one(node, NG.countQualifier)),
                "qualifierLabel": concept_label(self.one(node, NG.countQualifier)),
                "casualtyType": concept_label(self.one(node, NG.casualtyType)),
                "victims": concept_label(self.one(node, NG.victims)),
                "places": self.entity_list(node, NG.place),
                "sources": sorted({e for r in reporters for e in self.entity_list(r, NG.speaker)},
                                  key=_id_key),
                "reportedBy": reporters,  # replaced by statement ids in link_figures
                "confidence": self.number(node, NG.confidence), **self.evidence(node),
            }
        return out

    def link_figures(self, figures: dict[str, Facts]) -> None:
        for facts in figures.values():
            facts["reportedBy"] = sorted({self.ids[n] for n in facts["reportedBy"]
                                          if n in self.ids}, key=_id_key)

    def read_relations(self) -> list[Facts]:
        reified: dict[tuple[Node, Node, Node], list[Node]] = defaultdict(list)
        for node in self.g.subjects(RDF.type, RDF.Statement):
            triple = (self.one(node, RDF.subject), self.one(node, RDF.predicate),
                      self.one(node, RDF.object))
            reified[triple].append(node)  # type: ignore[index]
        triples = [(s, p, o) for p in RELATION_PROPERTIES for s, o in self.g.subject_objects(p)
                   if not isinstance(o, Literal)]
        out = []
        for s, p, o in sorted(triples, key=lambda t: (self._rel_order(reified[t]), str(t))):
            records = sorted(reified[(s, p, o)], key=self._position)
            key = self._id("R", records[0] if records else (s, p, o))
            facts = {"id": key, "subject": self.entity(s), "object": self.entity(o),
                     "predicate": local_name(p), "predicateLabel": concept_label(p),
                     "confidence": max((c for r in records
                                        if (c := self.number(r, NG.confidence)) is not None),
                                       default=None)}
            facts.update(self.evidence(records[0]) if records else {"article": None})
            out.append(facts)
        return out

    def _rel_order(self, records: list[Node]) -> tuple[int, int, str]:
        return min((self._position(r) for r in records), default=(len(self.order), -1, ""))

    def mention_marks(self) -> dict[str, Facts]:
        """Mentions of entities (names, pronouns, descriptions) that can be highlighted."""
        marks: dict[str, Facts] = {}
        for facts in self.entities.values():
            for mention in facts["mentions"]:
                marks.setdefault(mention, {"id": mention, "entities": []})["entities"].append(
                    facts["id"])
        by_id = {self.ids[n]: n for n in self.spans if n in self.ids}
        for key, mark in marks.items():
            article, begin, end, anchor = self.spans[by_id[key]]
            mark.update(article=self.articles[article]["id"], begin=begin, end=end, text=anchor)
        return dict(sorted(marks.items(), key=lambda kv: _id_key(kv[0])))


def _id_key(key: str | None) -> tuple[str, int]:
    """Sort ids naturally: E2 before E10."""
    if not key:
        return ("", 0)
    return (key[0], int(key[1:]) if key[1:].isdigit() else 0)


def collect(data: Graph | Dataset) -> Facts:
    """Everything the report shows about ``data``, as JSON-ready dicts keyed by id."""
    c = Collector(data)
    c.read_articles()
    c.read_entities()
    statements = c.read_statements()
    events = c.read_events()
    figures = c.read_figures()
    c.link_statements(statements)
    c.link_figures(figures)
    relations = c.read_relations()
    c.finish_entities()
    return {
        "articles": list(c.articles.values()),
        "entities": c.entities,
        "mentions": c.mention_marks(),
        "statements": statements,
        "events": events,
        "figures": figures,
        "relations": relations,
    }


def sort_ids(ids: Iterable[str]) -> list[str]:
    return sorted(ids, key=_id_key)
