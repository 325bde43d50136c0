"""Tests for shapes/newsgraph.shacl.ttl and newsgraph.validate.

A small graph that follows docs/rdf-model.md conforms; each mutation in
MUTATIONS breaks one constraint and must be reported by the expected shape
with the expected message. test_every_shape_has_a_failing_case makes sure a
shape added to the file without a failing case here fails the suite.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from newsgraph import model
from newsgraph.errors import InputError, NewsgraphError
from newsgraph.resources import ontology_path
from newsgraph.validate import ValidationReport, load_data, shapes_graph, validate

NG = Namespace("https://w3id.org/newsgraph/ontology#")
NGSH = Namespace("https://w3id.org/newsgraph/shapes#")
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace("https://w3id.org/newsgraph/id/")

TEXT = (
    "Armenia accused Azerbaijan of shelling Stepanakert on Saturday. "
    "Azerbaijan denied the claim. "
    "More than 200 people were killed, Armenian officials said. "
    "Macron called for a ceasefire. "
    "The OSCE Minsk Group, co-chaired by France, mediates the conflict. "
    "Turkey is on the side of Azerbaijan."
)


def nni(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def conf(x: str) -> Literal:
    return Literal(Decimal(x))


def add_mention(g: Graph, article: URIRef, text: str, anchor: str, start: int = 0) -> URIRef:
    """A mention of the first occurrence of ``anchor`` at or after ``start``."""
    begin = text.index(anchor, start)
    end = begin + len(anchor)
    m = URIRef(f"{article}/mention/{begin}-{end}")
    g.add((m, RDF.type, NG.Mention))
    g.add((m, NG.beginIndex, nni(begin)))
    g.add((m, NG.endIndex, nni(end)))
    g.add((m, NG.anchorOf, Literal(text[begin:end])))
    g.add((m, NG.inArticle, article))
    return m


def build() -> tuple[Graph, SimpleNamespace]:
    """The valid graph; ``n`` holds its nodes by name for the mutations."""
    g = Graph()
    g.bind("ng", NG)
    a = ID["article/0123456789abcdef"]
    n = SimpleNamespace(article=a)
    g.add((a, RDF.type, NG.Article))
    g.add((a, NG.text, Literal(TEXT)))
    g.add((a, DCTERMS.identifier, Literal("000_test")))
    g.add((a, DCTERMS.date, Literal("2020-10-04", datatype=XSD.date)))

    def entity(name: str, cls: URIRef, label: str, qid: str | None = None) -> URIRef:
        e = ID[f"entity/{qid}"] if qid else URIRef(f"{a}/entity/{name}")
        g.add((e, RDF.type, cls))
        g.add((e, RDFS.label, Literal(label)))
        g.add((e, NG.reportedIn, a))
        g.add((e, NG.confidence, conf("0.9")))
        if qid:
            g.add((e, OWL.sameAs, WD[qid]))
        if label in TEXT:
            m = add_mention(g, a, TEXT, label)
            g.add((e, NG.mention, m))
            g.add((e, NG.evidence, m))
        setattr(n, name, e)
        return e

    entity("publisher", NG.Organization, "Example News")
    g.add((a, DCTERMS.publisher, n.publisher))
    entity("armenia", NG.Country, "Armenia", "Q399")
    entity("azerbaijan", NG.Country, "Azerbaijan", "Q227")
    entity("turkey", NG.Country, "Turkey", "Q43")
    entity("france", NG.Country, "France", "Q142")
    entity("macron", NG.Person, "Macron", "Q3052772")
    entity("officials", NG.Group, "Armenian officials")
    entity("stepanakert", NG.Place, "Stepanakert", "Q185418")
    entity("osce", NG.Organization, "OSCE", "Q81299")
    entity("minsk", NG.MediationGroup, "OSCE Minsk Group", "Q1364371")
    entity("conflict", NG.Conflict, "Nagorno-Karabakh conflict", "Q15087")
    g.add((n.officials, NG.affiliatedWith, n.armenia))
    # a second mention of Azerbaijan (the subject of the denial)
    second = add_mention(g, a, TEXT, "Azerbaijan", TEXT.index("denied") - 12)
    g.add((n.azerbaijan, NG.mention, second))

    # mediation and conflict
    g.add((n.minsk, NG.parentOrganization, n.osce))
    g.add((n.minsk, NG.mediator, n.france))
    g.add((n.minsk, NG.mediates, n.conflict))
    g.add((n.conflict, NG.party, n.armenia))
    g.add((n.conflict, NG.party, n.azerbaijan))
    g.add((n.conflict, NG.disputedTerritory, n.stepanakert))
    g.add((n.stepanakert, NG.legallyPartOf, n.azerbaijan))
    g.add((n.armenia, NG.controls, n.stepanakert))

    def extracted(kind: str, cls: URIRef, clause: str, confidence: str = "0.8") -> URIRef:
        m = add_mention(g, a, TEXT, clause)
        begin, end = TEXT.index(clause), TEXT.index(clause) + len(clause)
        node = URIRef(f"{a}/{kind}/{begin}-{end}-0")
        g.add((node, RDF.type, cls))
        g.add((node, NG.evidence, m))
        g.add((node, NG.confidence, conf(confidence)))
        g.add((node, NG.reportedIn, a))
        return node

    # the event
    n.event = ev = extracted("event", NG.Event, "shelling Stepanakert on Saturday", "0.7")
    g.add((ev, NG.eventType, NG.Attack))
    g.add((ev, NG.trigger, Literal("shelling")))
    g.add((ev, NG.agent, n.azerbaijan))
    g.add((ev, NG.participant, n.azerbaijan))
    g.add((ev, NG.affected, n.stepanakert))
    g.add((ev, NG.place, n.stepanakert))
    g.add((ev, NG.timeExpression, Literal("on Saturday")))
    g.add((ev, NG.date, Literal("2020-10-03", datatype=XSD.date)))
    g.add((ev, NG.partOf, n.conflict))

    # statements
    n.accusation = s = extracted(
        "statement", NG.Statement, "Armenia accused Azerbaijan of shelling Stepanakert"
    )
    g.add((s, NG.statementType, NG.Accusation))
    g.add((s, NG.speaker, n.armenia))
    g.add((s, NG.target, n.azerbaijan))
    g.add((s, NG.about, ev))
    g.add((s, NG.cue, Literal("accused")))

    n.denial = s = extracted("statement", NG.Statement, "Azerbaijan denied the claim")
    g.add((s, NG.statementType, NG.Denial))
    g.add((s, NG.speaker, n.azerbaijan))
    g.add((s, NG.refutes, n.accusation))
    g.add((s, NG.about, n.conflict))
    g.add((s, NG.cue, Literal("denied")))

    n.appeal = s = extracted("statement", NG.Statement, "Macron called for a ceasefire")
    g.add((s, NG.statementType, NG.Appeal))
    g.add((s, NG.speaker, n.macron))
    g.add((s, NG.via, n.france))
    g.add((s, NG.cue, Literal("called for")))
    g.add((s, NG.quote, Literal("a ceasefire")))

    n.report = s = extracted(
        "statement", NG.Statement, "More than 200 people were killed, Armenian officials said"
    )
    g.add((s, NG.statementType, NG.Report))
    g.add((s, NG.speaker, n.officials))
    g.add((s, NG.corroborates, n.accusation))
    g.add((s, NG.cue, Literal("said")))

    # the attribution triple of every statement with a cue: cue, content, source
    for stmt, cue, content, source in (
        (n.accusation, "accused", "Azerbaijan of shelling Stepanakert", "Armenia"),
        (n.denial, "denied", "the claim", "Azerbaijan"),
        (n.appeal, "called for", "a ceasefire", "Macron"),
        (n.report, "said", "More than 200 people were killed", "Armenian officials"),
    ):
        clause = str(g.value(g.value(stmt, NG.evidence), NG.anchorOf))
        begin = TEXT.index(clause)
        g.add((stmt, NG.cueMention, add_mention(g, a, TEXT, cue, begin)))
        g.add((stmt, NG.contentMention, add_mention(g, a, TEXT, content, begin)))
        g.add((stmt, NG.sourceMention, add_mention(g, a, TEXT, source, begin)))

    # the casualty figure, reported by the officials' statement
    n.figure = f = extracted("figure", NG.CasualtyFigure, "More than 200 people were killed")
    g.add((f, NG["count"], nni(200)))
    g.add((f, NG.countQualifier, NG.MoreThan))
    g.add((f, NG.casualtyType, NG.Killed))
    g.add((f, NG.victims, NG.People))
    g.add((f, NG.place, n.stepanakert))
    g.add((n.report, NG.reportsFigure, f))

    # narration: Turkey supports Azerbaijan, said by the publisher, plus the
    # direct triple and its reification
    clause = "Turkey is on the side of Azerbaijan"
    n.narration = s = extracted("statement", NG.Statement, clause)
    g.add((s, NG.statementType, NG.Report))
    g.add((s, NG.speaker, n.publisher))
    g.add((n.turkey, NG.supports, n.azerbaijan))
    n.relation = r = extracted("relation", RDF.Statement, clause)
    g.add((r, RDF.subject, n.turkey))
    g.add((r, RDF.predicate, NG.supports))
    g.add((r, RDF.object, n.azerbaijan))
    return g, n


# ---------------------------------------------------------------------------
# the valid graph


def test_valid_graph_conforms():
    g, _ = build()
    report = validate(g)
    assert report.conforms, report.to_text()
    assert report.results == []
    assert report.to_text() == "Conforms: yes\n"


def test_emoji_and_astral_characters_before_a_mention():
    """Offsets are code points; SPARQL SUBSTR in pySHACL/rdflib counts them too."""
    g, n = build()
    text = "Breaking 😀🇦🇲 news 𝔘: " + TEXT
    g.set((n.article, NG.text, Literal(text)))
    for m in list(g.subjects(RDF.type, NG.Mention)):
        anchor = str(g.value(m, NG.anchorOf))
        shift = len("Breaking 😀🇦🇲 news 𝔘: ")
        g.set((m, NG.beginIndex, nni(int(g.value(m, NG.beginIndex)) + shift)))
        g.set((m, NG.endIndex, nni(int(g.value(m, NG.endIndex)) + shift)))
        assert text[int(g.value(m, NG.beginIndex)) : int(g.value(m, NG.endIndex))] == anchor
    report = validate(g)
    assert report.conforms, report.to_text()


def test_emoji_inside_anchor():
    g, n = build()
    text = TEXT + " Peace 🕊️ now 𝔘𝔘."
    g.set((n.article, NG.text, Literal(text)))
    m = add_mention(g, n.article, text, "🕊️ now 𝔘𝔘")
    g.add((n.turkey, NG.mention, m))
    assert validate(g).conforms


def test_utf16_offsets_are_rejected():
    """Offsets counted in UTF-16 code units (as JavaScript does) do not match."""
    g, n = build()
    prefix = "😀 "
    g.set((n.article, NG.text, Literal(prefix + TEXT)))
    for m in list(g.subjects(RDF.type, NG.Mention)):
        shift = len(prefix.encode("utf-16-le")) // 2  # 3 code units, 2 code points
        g.set((m, NG.beginIndex, nni(int(g.value(m, NG.beginIndex)) + shift)))
        g.set((m, NG.endIndex, nni(int(g.value(m, NG.endIndex)) + shift)))
    report = validate(g)
    assert not report.conforms
    assert {r.source_shape for r in report.results} == {str(NGSH.MentionShape)}


def test_dataset_is_validated_as_union_of_named_graphs():
    g, n = build()
    ds = Dataset()
    article_graph = ds.graph(n.article)
    for triple in g:
        article_graph.add(triple)
    # a second article sharing the linked entity Armenia, with its own label
    other = ID["article/fedcba9876543210"]
    og = ds.graph(other)
    og.add((other, RDF.type, NG.Article))
    og.add((other, NG.text, Literal("Armenians said so.")))
    og.add((other, DCTERMS.publisher, n.publisher))
    og.add((n.publisher, RDF.type, NG.Organization))
    og.add((n.publisher, RDFS.label, Literal("Example News")))
    og.add((n.publisher, NG.reportedIn, other))
    og.add((n.armenia, RDF.type, NG.Country))
    og.add((n.armenia, RDFS.label, Literal("Armenians")))
    og.add((n.armenia, OWL.sameAs, WD.Q399))
    og.add((n.armenia, NG.reportedIn, other))
    og.add((n.armenia, NG.confidence, conf("0.7")))
    m = add_mention(og, other, "Armenians said so.", "Armenians")
    og.add((n.armenia, NG.mention, m))
    og.add((n.armenia, NG.evidence, m))
    report = validate(ds)
    assert report.conforms, report.to_text()
    # and a violation in one named graph is found
    og.set((m, NG.anchorOf, Literal("Armenia")))
    report = validate(ds)
    assert not report.conforms
    assert [r.focus_node for r in report.results] == [str(m)]


# ---------------------------------------------------------------------------
# mutations: each breaks the valid graph in one way


def _rm(g: Graph, s, p, o=None) -> None:
    g.remove((s, p, o))


def _article_b(g: Graph) -> tuple[URIRef, URIRef]:
    b = ID["article/bbbbbbbbbbbbbbbb"]
    g.add((b, RDF.type, NG.Article))
    g.add((b, NG.text, Literal("Azerbaijan denied it.")))
    g.add((b, DCTERMS.publisher, URIRef(f"{b}/entity/publisher")))
    g.add((URIRef(f"{b}/entity/publisher"), RDF.type, NG.Group))
    g.add((URIRef(f"{b}/entity/publisher"), RDFS.label, Literal("author of article b")))
    g.add((URIRef(f"{b}/entity/publisher"), NG.reportedIn, b))
    return b, add_mention(g, b, "Azerbaijan denied it.", "denied it")


def _mention(g: Graph, n, anchor: str = "Armenia") -> URIRef:
    m = URIRef(f"{n.article}/mention/{TEXT.index(anchor)}-{TEXT.index(anchor) + len(anchor)}")
    assert (m, RDF.type, NG.Mention) in g
    return m


def _shift_mention(g: Graph, n, begin: int, end: int, anchor: str | None = None) -> None:
    m = _mention(g, n)
    g.set((m, NG.beginIndex, nni(begin)))
    g.set((m, NG.endIndex, nni(end)))
    if anchor is not None:
        g.set((m, NG.anchorOf, Literal(anchor)))


Mutation = Callable[[Graph, SimpleNamespace], None]

# (case id, mutation, expected source shape, expected words of the message)
# fmt: off
MUTATIONS: list[tuple[str, Mutation, str, str]] = [
    # --- Article
    ("article-no-text", lambda g, n: _rm(g, n.article, NG.text), "ArticleShape",
     "exactly one text"),
    ("article-two-texts", lambda g, n: g.add((n.article, NG.text, Literal("other"))),
     "ArticleShape", "exactly one text"),
    ("article-text-not-string", lambda g, n: g.set((n.article, NG.text, Literal(42))),
     "ArticleShape", "exactly one text"),
    ("article-no-publisher", lambda g, n: _rm(g, n.article, DCTERMS.publisher), "ArticleShape",
     "no publisher"),
    ("article-publisher-not-actor",
     lambda g, n: g.set((n.article, DCTERMS.publisher, n.stepanakert)), "ArticleShape",
     "publisher (dcterms:publisher) is not an actor"),
    ("article-bad-date", lambda g, n: g.set((n.article, DCTERMS.date, Literal("yesterday"))),
     "ArticleShape", "Article date"),
    # --- Mention
    ("mention-wrong-anchor", lambda g, n: g.set((_mention(g, n), NG.anchorOf, Literal("Armenian"))),
     "MentionShape", "is not the article text"),
    ("mention-shifted-span", lambda g, n: _shift_mention(g, n, 1, 8), "MentionShape",
     "is not the article text"),
    ("mention-begin-after-end", lambda g, n: _shift_mention(g, n, 7, 0), "MentionShape",
     "starts after it ends"),
    ("mention-span-past-end-of-text",
     lambda g, n: _shift_mention(g, n, len(TEXT) + 5, len(TEXT) + 5, ""), "MentionShape",
     "runs past the end"),
    ("mention-begin-plain-integer",
     lambda g, n: g.set((_mention(g, n), NG.beginIndex, Literal(0))), "MentionShape",
     "exactly one start offset"),
    ("mention-negative-begin",
     lambda g, n: g.set((_mention(g, n), NG.beginIndex,
                         Literal("-1", datatype=XSD.nonNegativeInteger))),
     "MentionShape", "exactly one start offset"),
    ("mention-no-end", lambda g, n: _rm(g, _mention(g, n), NG.endIndex), "MentionShape",
     "exactly one end offset"),
    ("mention-no-anchor", lambda g, n: _rm(g, _mention(g, n), NG.anchorOf), "MentionShape",
     "exactly one anchor text"),
    ("mention-without-article", lambda g, n: _rm(g, _mention(g, n), NG.inArticle),
     "MentionShape", "must belong to exactly one article"),
    ("mention-in-non-article",
     lambda g, n: g.set((_mention(g, n), NG.inArticle, n.armenia)), "MentionShape",
     "is not an ng:Article"),
    # --- Entities
    ("entity-no-label", lambda g, n: _rm(g, n.armenia, RDFS.label), "EntityShape",
     "Entity has no name"),
    ("entity-label-is-iri", lambda g, n: g.set((n.macron, RDFS.label, n.france)), "EntityShape",
     "Entity has no name"),
    ("wikidata-page-url",
     lambda g, n: g.set((n.armenia, OWL.sameAs, URIRef("https://www.wikidata.org/wiki/Q1"))),
     "EntityShape", "canonical entity IRI"),
    ("wikidata-https-entity",
     lambda g, n: g.set((n.armenia, OWL.sameAs, URIRef("https://www.wikidata.org/entity/Q399"))),
     "EntityShape", "canonical entity IRI"),
    ("wikidata-literal", lambda g, n: g.set((n.armenia, OWL.sameAs, Literal("Q399"))),
     "EntityShape", "canonical entity IRI"),
    ("wikidata-two-links", lambda g, n: g.add((n.armenia, OWL.sameAs, WD.Q227)), "EntityShape",
     "canonical entity IRI"),
    ("wikidata-link-on-conflict-property",
     lambda g, n: g.set((n.conflict, OWL.sameAs, URIRef("http://www.wikidata.org/wiki/Property:P31"))),
     "EntityShape", "canonical entity IRI"),
    ("entity-mention-not-mention", lambda g, n: g.add((n.turkey, NG.mention, n.article)),
     "EntityShape", "is not an ng:Mention"),
    ("entity-not-reported", lambda g, n: _rm(g, n.stepanakert, NG.reportedIn), "EntityShape",
     "not reportedIn any article"),
    ("entity-reported-in-non-article",
     lambda g, n: g.add((n.conflict, NG.reportedIn, n.armenia)), "EntityShape",
     "is not an ng:Article"),
    # --- Actors, organisations, mediation groups, places, conflicts
    ("supports-a-place", lambda g, n: g.add((n.turkey, NG.supports, n.stepanakert)),
     "ActorShape", "supports something that is not an actor"),
    ("controls-an-actor", lambda g, n: g.add((n.armenia, NG.controls, n.macron)), "ActorShape",
     "controls something that is not a place"),
    ("affiliated-with-place", lambda g, n: g.add((n.officials, NG.affiliatedWith, n.conflict)),
     "ActorShape", "affiliated with something that is not an actor"),
    ("parent-organization-is-country",
     lambda g, n: g.set((n.minsk, NG.parentOrganization, n.france)), "OrganizationShape",
     "is not an ng:Organization"),
    ("mediator-is-place", lambda g, n: g.add((n.minsk, NG.mediator, n.stepanakert)),
     "MediationGroupShape", "Mediator"),
    ("mediates-a-country", lambda g, n: g.set((n.minsk, NG.mediates, n.armenia)),
     "MediationGroupShape", "not a conflict"),
    ("legally-part-of-place", lambda g, n: g.set((n.stepanakert, NG.legallyPartOf, n.conflict)),
     "PlaceShape", "not a country"),
    ("conflict-party-is-place", lambda g, n: g.add((n.conflict, NG.party, n.stepanakert)),
     "ConflictShape", "Party to a conflict"),
    ("disputed-territory-is-person",
     lambda g, n: g.set((n.conflict, NG.disputedTerritory, n.macron)), "ConflictShape",
     "Disputed territory"),
    # --- Attribution (statements with a cue)
    ("attribution-no-cue-mention", lambda g, n: _rm(g, n.accusation, NG.cueMention),
     "AttributionShape", "exactly one cue mention"),
    ("attribution-two-cue-mentions",
     lambda g, n: g.add((n.denial, NG.cueMention, _mention(g, n, "the claim"))),
     "AttributionShape", "exactly one cue mention"),
    ("attribution-cue-mention-not-mention",
     lambda g, n: g.set((n.denial, NG.cueMention, n.azerbaijan)), "AttributionShape",
     "Cue mention (ng:cueMention) is not an ng:Mention"),
    ("attribution-no-content", lambda g, n: _rm(g, n.appeal, NG.contentMention),
     "AttributionShape", "no content mention"),
    ("attribution-content-not-mention",
     lambda g, n: g.add((n.appeal, NG.contentMention, Literal("a ceasefire"))),
     "AttributionShape", "Content mention (ng:contentMention) is not an ng:Mention"),
    ("attribution-two-sources",
     lambda g, n: g.add((n.report, NG.sourceMention, _mention(g, n, "Armenia"))),
     "AttributionShape", "Source mention (ng:sourceMention) must be at most one"),
    ("attribution-cue-outside-evidence",
     lambda g, n: g.set((n.denial, NG.cueMention, _mention(g, n, "accused"))),
     "AttributionShape", "not inside the statement's evidence"),
    ("attribution-content-outside-evidence",
     lambda g, n: g.add((n.appeal, NG.contentMention,
                         _mention(g, n, "Azerbaijan denied the claim"))),
     "AttributionShape", "not inside the statement's evidence"),
    # --- Statements
    ("statement-no-type", lambda g, n: _rm(g, n.accusation, NG.statementType), "StatementShape",
     "exactly one statement type"),
    ("statement-two-types", lambda g, n: g.add((n.accusation, NG.statementType, NG.Claim)),
     "StatementShape", "exactly one statement type"),
    ("statement-unknown-type", lambda g, n: g.set((n.accusation, NG.statementType, NG.Fighting)),
     "StatementShape", "Unknown statement type"),
    ("statement-type-literal",
     lambda g, n: g.set((n.accusation, NG.statementType, Literal("Accusation"))),
     "StatementShape", "Unknown statement type"),
    ("statement-no-speaker", lambda g, n: _rm(g, n.accusation, NG.speaker), "StatementShape",
     "Statement has no speaker"),
    ("statement-speaker-place", lambda g, n: g.set((n.accusation, NG.speaker, n.stepanakert)),
     "StatementShape", "speaker (ng:speaker) is not an actor"),
    ("statement-speaker-untyped",
     lambda g, n: g.set((n.accusation, NG.speaker, ID["entity/unknown"])), "StatementShape",
     "speaker (ng:speaker) is not an actor"),
    ("statement-no-evidence", lambda g, n: _rm(g, n.denial, NG.evidence), "StatementShape",
     "exactly one piece of evidence"),
    ("statement-two-evidences",
     lambda g, n: g.add((n.denial, NG.evidence, _mention(g, n, "Azerbaijan"))),
     "StatementShape", "exactly one piece of evidence"),
    ("statement-cue-not-string", lambda g, n: g.set((n.accusation, NG.cue, Literal(5))),
     "StatementShape", "cue (ng:cue)"),
    ("statement-two-cues", lambda g, n: g.add((n.accusation, NG.cue, Literal("said"))),
     "StatementShape", "cue (ng:cue)"),
    ("statement-quote-not-string",
     lambda g, n: g.set((n.appeal, NG.quote, Literal("ceasefire", lang="en"))),
     "StatementShape", "quote (ng:quote)"),
    ("statement-two-confidences", lambda g, n: g.add((n.appeal, NG.confidence, conf("0.5"))),
     "StatementShape", "more than one confidence"),
    ("statement-not-reported", lambda g, n: _rm(g, n.appeal, NG.reportedIn), "StatementShape",
     "reportedIn exactly one"),
    ("statement-reported-in-non-article",
     lambda g, n: g.set((n.appeal, NG.reportedIn, n.macron)), "StatementShape",
     "reportedIn exactly one"),
    ("statement-target-not-actor", lambda g, n: g.add((n.accusation, NG.target, n.event)),
     "StatementShape", "target (ng:target) is not an actor"),
    ("statement-via-not-actor", lambda g, n: g.set((n.appeal, NG.via, n.stepanakert)),
     "StatementShape", "intermediary (ng:via) is not an actor"),
    ("statement-about-an-actor", lambda g, n: g.add((n.accusation, NG.about, n.armenia)),
     "StatementShape", "not an event or a conflict"),
    ("statement-reports-a-statement",
     lambda g, n: g.add((n.report, NG.reportsFigure, n.accusation)), "StatementShape",
     "not an ng:CasualtyFigure"),
    ("statement-refutes-an-event", lambda g, n: g.set((n.denial, NG.refutes, n.event)),
     "StatementShape", "refutes something that is not a statement"),
    ("statement-corroborates-an-actor",
     lambda g, n: g.set((n.report, NG.corroborates, n.armenia)), "StatementShape",
     "corroborates something that is not a statement"),
    # --- Events
    ("event-no-type", lambda g, n: _rm(g, n.event, NG.eventType), "EventShape",
     "exactly one event type"),
    ("event-two-types", lambda g, n: g.add((n.event, NG.eventType, NG.Fighting)), "EventShape",
     "exactly one event type"),
    ("event-type-not-event-concept",
     lambda g, n: g.set((n.event, NG.eventType, NG.Accusation)), "EventShape",
     "Unknown event type"),
    ("event-type-not-concept", lambda g, n: g.set((n.event, NG.eventType, NG.Event)),
     "EventShape", "Unknown event type"),
    ("event-no-evidence", lambda g, n: _rm(g, n.event, NG.evidence), "EventShape",
     "Event has no evidence"),
    ("event-not-reported", lambda g, n: _rm(g, n.event, NG.reportedIn), "EventShape",
     "reportedIn exactly one"),
    ("event-two-confidences", lambda g, n: g.add((n.event, NG.confidence, conf("0.1"))),
     "EventShape", "more than one confidence"),
    ("event-date-string", lambda g, n: g.set((n.event, NG.date, Literal("2020-10-03"))),
     "EventShape", "Event date"),
    ("event-date-datetime",
     lambda g, n: g.set((n.event, NG.date, Literal("2020-10-03T10:00:00",
                                                  datatype=XSD.dateTime))),
     "EventShape", "Event date"),
    ("event-two-dates",
     lambda g, n: g.add((n.event, NG.date, Literal("2020-10-04", datatype=XSD.date))),
     "EventShape", "Event date"),
    ("event-trigger-not-string", lambda g, n: g.set((n.event, NG.trigger, n.armenia)),
     "EventShape", "trigger (ng:trigger)"),
    ("event-time-expression-not-string",
     lambda g, n: g.set((n.event, NG.timeExpression, Literal(3))), "EventShape",
     "time expression"),
    ("event-agent-place", lambda g, n: g.set((n.event, NG.agent, n.stepanakert)), "EventShape",
     "agent (ng:agent) is not an actor"),
    ("event-participant-conflict", lambda g, n: g.add((n.event, NG.participant, n.conflict)),
     "EventShape", "participant (ng:participant) is not an actor"),
    ("event-affected-conflict", lambda g, n: g.add((n.event, NG.affected, n.conflict)),
     "EventShape", "neither an actor nor a place"),
    ("event-place-person", lambda g, n: g.set((n.event, NG.place, n.macron)), "EventShape",
     "place (ng:place) is not an ng:Place"),
    ("event-part-of-country", lambda g, n: g.set((n.event, NG.partOf, n.armenia)),
     "EventShape", "part of something that is not a conflict"),
    # --- Casualty figures
    ("figure-count-negative",
     lambda g, n: g.set((n.figure, NG["count"], Literal("-1", datatype=XSD.nonNegativeInteger))),
     "CasualtyFigureShape", "exactly one count"),
    ("figure-count-plain-integer", lambda g, n: g.set((n.figure, NG["count"], Literal(200))),
     "CasualtyFigureShape", "exactly one count"),
    ("figure-count-words", lambda g, n: g.set((n.figure, NG["count"], Literal("two hundred"))),
     "CasualtyFigureShape", "exactly one count"),
    ("figure-no-count", lambda g, n: _rm(g, n.figure, NG["count"]), "CasualtyFigureShape",
     "exactly one count"),
    ("figure-two-counts", lambda g, n: g.add((n.figure, NG["count"], nni(300))),
     "CasualtyFigureShape", "exactly one count"),
    ("figure-no-qualifier", lambda g, n: _rm(g, n.figure, NG.countQualifier),
     "CasualtyFigureShape", "count qualifier"),
    ("figure-unknown-qualifier", lambda g, n: g.set((n.figure, NG.countQualifier, NG.Some)),
     "CasualtyFigureShape", "count qualifier"),
    ("figure-no-casualty-type", lambda g, n: _rm(g, n.figure, NG.casualtyType),
     "CasualtyFigureShape", "casualty type"),
    ("figure-unknown-casualty-type",
     lambda g, n: g.set((n.figure, NG.casualtyType, NG.Civilians)), "CasualtyFigureShape",
     "casualty type"),
    ("figure-no-victims", lambda g, n: _rm(g, n.figure, NG.victims), "CasualtyFigureShape",
     "who the victims are"),
    ("figure-unknown-victims", lambda g, n: g.set((n.figure, NG.victims, NG.Killed)),
     "CasualtyFigureShape", "who the victims are"),
    ("figure-no-evidence", lambda g, n: _rm(g, n.figure, NG.evidence), "CasualtyFigureShape",
     "Casualty figure has no evidence"),
    ("figure-not-reported", lambda g, n: _rm(g, n.figure, NG.reportedIn),
     "CasualtyFigureShape", "reportedIn exactly one"),
    ("figure-two-confidences", lambda g, n: g.add((n.figure, NG.confidence, conf("0.2"))),
     "CasualtyFigureShape", "more than one confidence"),
    ("figure-place-person", lambda g, n: g.set((n.figure, NG.place, n.macron)),
     "CasualtyFigureShape", "place (ng:place) is not an ng:Place"),
    ("figure-without-reporting-statement",
     lambda g, n: _rm(g, n.report, NG.reportsFigure), "CasualtyFigureShape",
     "no ng:Statement reports it"),
    ("figure-reported-by-non-statement",
     lambda g, n: (_rm(g, n.report, NG.reportsFigure),
                   g.add((n.event, NG.reportsFigure, n.figure))),
     "CasualtyFigureShape", "no ng:Statement reports it"),
    # --- Reified relations
    ("relation-subject-literal", lambda g, n: g.set((n.relation, RDF.subject, Literal("Turkey"))),
     "ReifiedRelationShape", "exactly one subject"),
    ("relation-no-predicate", lambda g, n: _rm(g, n.relation, RDF.predicate),
     "ReifiedRelationShape", "exactly one predicate"),
    ("relation-unknown-predicate",
     lambda g, n: (g.set((n.relation, RDF.predicate, NG.speaker)),
                   g.add((n.turkey, NG.speaker, n.azerbaijan))),
     "ReifiedRelationShape", "exactly one predicate"),
    ("relation-no-object", lambda g, n: _rm(g, n.relation, RDF.object), "ReifiedRelationShape",
     "exactly one object"),
    ("relation-no-evidence", lambda g, n: _rm(g, n.relation, NG.evidence),
     "ReifiedRelationShape", "Reified relation has no evidence"),
    ("relation-not-reported", lambda g, n: _rm(g, n.relation, NG.reportedIn),
     "ReifiedRelationShape", "reportedIn exactly one"),
    ("relation-two-confidences", lambda g, n: g.add((n.relation, NG.confidence, conf("0.3"))),
     "ReifiedRelationShape", "more than one confidence"),
    ("relation-without-direct-triple",
     lambda g, n: _rm(g, n.turkey, NG.supports, n.azerbaijan), "ReifiedRelationShape",
     "without its direct triple"),
    # --- Confidence and evidence on any node
    ("confidence-above-one", lambda g, n: g.set((n.accusation, NG.confidence, conf("1.5"))),
     "ConfidenceShape", "between 0 and 1"),
    ("confidence-negative", lambda g, n: g.set((n.armenia, NG.confidence, conf("-0.1"))),
     "ConfidenceShape", "between 0 and 1"),
    ("confidence-double",
     lambda g, n: g.set((n.event, NG.confidence, Literal("0.8", datatype=XSD.double))),
     "ConfidenceShape", "between 0 and 1"),
    ("confidence-string", lambda g, n: g.set((n.figure, NG.confidence, Literal("high"))),
     "ConfidenceShape", "between 0 and 1"),
    ("evidence-not-mention", lambda g, n: g.set((n.accusation, NG.evidence, n.article)),
     "EvidenceShape", "is not an ng:Mention"),
    ("entity-evidence-not-mention", lambda g, n: g.add((n.macron, NG.evidence, n.france)),
     "EvidenceShape", "is not an ng:Mention"),
    ("evidence-from-another-article",
     lambda g, n: g.set((n.denial, NG.evidence, _article_b(g)[1])), "EvidenceShape",
     "not reportedIn"),
]

CASES = {case[0]: case for case in MUTATIONS}


def test_case_ids_are_unique():
    assert len(CASES) == len(MUTATIONS)


@functools.cache
def run_case(case_id: str) -> ValidationReport:
    _, mutate, _, _ = CASES[case_id]
    g, n = build()
    mutate(g, n)
    return validate(g)


@pytest.mark.parametrize(
    ("shape", "words"),
    [pytest.param(c[2], c[3], id=c[0]) for c in MUTATIONS],
)
def test_mutation_is_reported(request, shape, words):
    case_id = request.node.callspec.id
    report = run_case(case_id)
    assert not report.conforms, f"{case_id}: graph still conforms"
    expected = str(NGSH[shape])
    hits = [r for r in report.results if r.source_shape == expected and words in r.message]
    assert hits, f"{case_id}: expected {shape} / {words!r}, got:\n{report.to_text()}"
    assert all(r.severity == "Violation" for r in hits)


@pytest.mark.slow
@pytest.mark.parametrize("case_id", [c[0] for c in MUTATIONS])
def test_engines_agree_on_the_mutation(case_id):
    """pyshacl-turbo (the default) reports exactly what pySHACL, the reference, reports."""
    _, mutate, _, _ = CASES[case_id]
    g, n = build()
    mutate(g, n)
    reference = validate(g, engine="pyshacl")
    assert run_case(case_id).conforms == reference.conforms
    assert run_case(case_id).results == reference.results


def test_engines_agree_on_a_valid_graph():
    g, _ = build()
    assert validate(g, engine="pyshacl").conforms
    assert validate(g, engine="turbo").conforms


def test_unknown_engine_is_refused():
    g, _ = build()
    with pytest.raises(InputError, match="unknown SHACL engine 'jena'"):
        validate(g, engine="jena")


# ---------------------------------------------------------------------------
# coverage: every shape in the file has a failing case


def _shapes_graph() -> Graph:
    # the very graph validate() uses, so blank-node shapes in reports match
    return shapes_graph()


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def test_every_shape_has_a_failing_case():
    shapes = _shapes_graph()
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert len(node_shapes) >= 15
    targeted = {s for s in node_shapes if any(shapes.value(s, t) is not None for t in _TARGETS)}
    helpers = node_shapes - targeted

    reported: set[str] = set()  # source shapes (named owners) of failing results
    via_helper: set[URIRef] = set()  # helper shapes behind a failing sh:node constraint
    for case_id in CASES:
        report = run_case(case_id)
        reported.update(r.source_shape for r in report.results)
        for result in report.report_graph.subjects(RDF.type, SH.ValidationResult):
            if report.report_graph.value(result, SH.sourceConstraintComponent) == (
                SH.NodeConstraintComponent
            ):
                source = report.report_graph.value(result, SH.sourceShape)
                via_helper.update(shapes.objects(source, SH.node))

    untested = sorted(str(s) for s in targeted if str(s) not in reported)
    assert not untested, f"shapes without a failing case in MUTATIONS: {untested}"
    untested_helpers = sorted(str(s) for s in helpers if s not in via_helper)
    assert not untested_helpers, f"helper shapes never seen failing: {untested_helpers}"


def test_every_property_shape_has_a_failing_case():
    """Finer: each (node shape, path) pair and each SPARQL constraint fails somewhere."""
    shapes = _shapes_graph()
    expected: set[tuple[str, str | None]] = set()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if not isinstance(shape, URIRef):
            continue
        for prop in shapes.objects(shape, SH.property):
            expected.add((str(shape), str(shapes.value(prop, SH.path))))
        if shapes.value(shape, SH.sparql) is not None:
            expected.add((str(shape), None))
    seen: set[tuple[str, str | None]] = set()
    for case_id in CASES:
        for r in run_case(case_id).results:
            seen.add((r.source_shape, r.path))
    missing = sorted((s, p or "(sparql)") for s, p in expected - seen)
    assert not missing, f"property shapes without a failing case: {missing}"


def test_every_constraint_has_a_message():
    shapes = _shapes_graph()
    constraints = list(shapes.objects(None, SH.property)) + list(shapes.objects(None, SH.sparql))
    assert constraints
    for c in constraints:
        where = shapes.value(c, SH.path)
        assert shapes.value(c, SH.message) is not None, f"no sh:message on {where}"
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        if isinstance(s, URIRef):
            assert shapes.value(s, SH.name) is not None, s
            assert shapes.value(s, SH.description) is not None, s


# ---------------------------------------------------------------------------
# the concept lists in the shapes match the model and the ontology


def _in_list(shapes: Graph, shape: URIRef, path: URIRef) -> set[URIRef]:
    for prop in shapes.objects(shape, SH.property):
        if shapes.value(prop, SH.path) == path and shapes.value(prop, SH["in"]) is not None:
            return set(Collection(shapes, shapes.value(prop, SH["in"])))
    raise AssertionError(f"no sh:in for {path} on {shape}")


CONCEPT_LISTS = [
    ("StatementShape", NG.statementType, model.STATEMENT_TYPES, "StatementTypes"),
    ("EventShape", NG.eventType, model.EVENT_TYPES, "EventTypes"),
    ("CasualtyFigureShape", NG.countQualifier, model.QUALIFIERS, "CountQualifiers"),
    ("CasualtyFigureShape", NG.casualtyType, model.CASUALTY_TYPES, "CasualtyTypes"),
    ("CasualtyFigureShape", NG.victims, model.VICTIM_TYPES, "VictimTypes"),
    ("ReifiedRelationShape", RDF.predicate, model.RELATION_PREDICATES, None),
]


@pytest.mark.parametrize(("shape", "path", "names", "scheme"), CONCEPT_LISTS)
def test_concept_lists_match_model(shape, path, names, scheme):
    assert _in_list(_shapes_graph(), NGSH[shape], path) == {NG[x] for x in names}


@pytest.mark.parametrize(("shape", "path", "names", "scheme"), [c for c in CONCEPT_LISTS if c[3]])
def test_concept_lists_match_ontology(shape, path, names, scheme):
    onto = Graph().parse(ontology_path(), format="turtle")
    concepts = set(onto.subjects(SKOS.inScheme, NG[scheme])) | set(
        onto.subjects(SKOS.topConceptOf, NG[scheme])
    )
    assert concepts, f"ng:{scheme} has no concepts in the ontology"
    assert _in_list(_shapes_graph(), NGSH[shape], path) == concepts


def test_ontology_passes_as_data_without_false_alarms():
    """Validating data merged with the ontology must not flag ontology terms."""
    g, _ = build()
    g.parse(ontology_path(), format="turtle")
    report = validate(g)
    assert report.conforms, report.to_text()


# ---------------------------------------------------------------------------
# newsgraph.validate: report rendering


def _broken() -> Graph:
    g, n = build()
    _rm(g, n.accusation, NG.speaker)
    g.set((n.accusation, NG.confidence, conf("1.5")))
    g.set((_mention(g, n), NG.anchorOf, Literal("Armenian")))
    return g


def test_report_text_is_deterministic_and_readable():
    first = validate(_broken())
    second = validate(_broken())
    assert first.to_text() == second.to_text()
    lines = first.to_text().splitlines()
    assert lines[0] == "Conforms: no (3 results)"
    assert len(lines) == 4
    assert all(line.startswith("Violation  <https://w3id.org/newsgraph/id/") for line in lines[1:])
    assert any("ng:speaker: Statement has no speaker" in line for line in lines)
    assert any("[value: 1.5]" in line for line in lines)
    assert lines[1:] == sorted(lines[1:])  # same severity: sorted by focus node, path


def test_report_json_is_deterministic():
    first = validate(_broken()).to_json()
    assert first == validate(_broken()).to_json()
    data = json.loads(first)
    assert data["conforms"] is False
    assert len(data["results"]) == 3
    assert set(data["results"][0]) == {
        "focus_node", "path", "message", "severity", "source_shape", "value",
    }
    speaker = [r for r in data["results"] if r["path"] == str(NG.speaker)]
    assert speaker[0]["source_shape"] == str(NGSH.StatementShape)
    assert speaker[0]["value"] is None
    anchor = [r for r in data["results"] if r["path"] is None]
    assert anchor[0]["source_shape"] == str(NGSH.MentionShape)
    assert anchor[0]["message"].startswith("Mention anchor Armenian is not")


def test_report_turtle_is_a_shacl_report():
    report = validate(_broken())
    g = Graph().parse(data=report.to_turtle(), format="turtle")
    assert len(list(g.subjects(RDF.type, SH.ValidationResult))) == 3
    assert (None, SH.conforms, Literal(False)) in g


def test_conforming_report_renders():
    g, _ = build()
    report = validate(g)
    assert json.loads(report.to_json()) == {"conforms": True, "results": []}
    assert report.to_text() == "Conforms: yes\n"


def test_custom_shapes_graph_and_path(tmp_path):
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ng: <https://w3id.org/newsgraph/ontology#> .
        <urn:s> a sh:NodeShape ; sh:targetClass ng:Article ;
            sh:property [ sh:path ng:title ; sh:minCount 1 ; sh:message "needs a title" ] .
        """,
        format="turtle",
    )
    g, _ = build()
    report = validate(g, shapes=shapes)
    assert [(r.source_shape, r.message) for r in report.results] == [("urn:s", "needs a title")]
    path = tmp_path / "s.ttl"
    shapes.serialize(path, format="turtle")
    assert validate(g, shapes=path).results == report.results
    with pytest.raises(InputError):
        validate(g, shapes=tmp_path / "missing.ttl")


def test_validate_rejects_non_graphs():
    with pytest.raises(TypeError):
        validate("not a graph")  # type: ignore[arg-type]


def test_validation_of_a_few_hundred_triples_is_fast():
    import time

    g, _ = build()
    assert len(g) > 200
    validate(g)  # warm the shapes cache
    start = time.perf_counter()
    validate(g)
    assert time.perf_counter() - start < 5.0  # generous: about 0.1 s on a laptop


# ---------------------------------------------------------------------------
# newsgraph.validate.load_data


def test_load_data_all_formats(tmp_path):
    g, n = build()
    ds = Dataset()
    named = ds.graph(n.article)
    for t in g:
        named.add(t)
    files = {
        "a.ttl": g.serialize(format="turtle"),
        "a.nt": g.serialize(format="nt"),
        "a.jsonld": g.serialize(format="json-ld"),
        "a.trig": ds.serialize(format="trig"),
        "a.nq": ds.serialize(format="nquads"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        loaded = load_data([tmp_path / name])
        assert len(list(loaded.quads((None, None, None, None)))) == len(g), name
        assert validate(loaded).conforms, name
    # quads keep their graph, triples go to the default graph, graphs accumulate
    loaded = load_data([tmp_path / "a.ttl", tmp_path / "a.nq", tmp_path / "a.trig"])
    assert len(loaded.graph(n.article)) == len(g)
    assert len(loaded.default_graph) == len(g)


def test_load_data_suffix_is_case_insensitive(tmp_path):
    path = tmp_path / "A.TTL"
    path.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert len(load_data([path]).default_graph) == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.ttl", None, "no such file"),
        ("data.csv", "a,b\n", "unknown file type '.csv'"),
        ("noext", "x", "unknown file type '(none)'"),
        ("bad.ttl", "<urn:a> <urn:b> .\n", "cannot parse as turtle"),
        ("bad.nq", "<urn:a> <urn:b> <urn:c> <urn:g> <urn:x> .\n", "cannot parse as nquads"),
        ("bad.jsonld", "{not json", "cannot parse as json-ld"),
    ],
)
def test_load_data_errors(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_data([path])
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert isinstance(info.value, NewsgraphError)
    assert info.value.path == path


def test_load_data_directory_is_an_error(tmp_path):
    directory = tmp_path / "dir.ttl"
    directory.mkdir()
    with pytest.raises(InputError, match="not a file"):
        load_data([directory])


def test_input_error_str():
    err = InputError(Path("x/y.ttl"), "no such file")
    assert str(err) == "x/y.ttl: no such file"
    assert err.reason == "no such file"


@pytest.mark.parametrize("case_id", ["mention-begin-after-end", "statement-speaker-place",
                                     "evidence-from-another-article"])
def test_validating_ntriples_text_gives_what_the_graph_gives(case_id):
    """Corpus builds validate an article's N-Triples text (parsed by the engine itself)."""
    from newsgraph.rdf.rdftext import ntriples
    from newsgraph.validate import validate_ntriples

    _, mutate, _, _ = CASES[case_id]
    g, n = build()
    mutate(g, n)
    for engine in ("turbo", "pyshacl"):
        report = validate_ntriples(ntriples(g), engine=engine)
        assert not report.conforms
        assert report.results == run_case(case_id).results


@pytest.mark.parametrize("case_id", list(CASES))
def test_the_verdict_of_a_corpus_build_misses_no_mutation(case_id):
    """A corpus build takes its verdict from the shapes' whole-graph form
    (newsgraph.rdf.verdict) and the report from the shapes: every mutation is still
    reported, with the results a validation of the graph gives."""
    from newsgraph.rdf.rdftext import ntriples
    from newsgraph.validate import validate_ntriples

    _, mutate, _, _ = CASES[case_id]
    g, n = build()
    mutate(g, n)
    report = validate_ntriples(ntriples(g))
    assert (report.conforms, report.results) == (run_case(case_id).conforms,
                                                  run_case(case_id).results)
    assert report.results


def test_validating_conforming_ntriples_skips_nothing_the_report_says():
    """An article without results is not decoded into a report graph of its own (the
    fast path of corpus builds): same verdict, no results, and the same report graph
    as a full validation, for the conforming graph and then for a failing one."""
    from newsgraph.rdf.rdftext import ntriples
    from newsgraph.validate import validate_ntriples

    g, _ = build()
    full = validate(g)
    assert full.conforms and full.results == []
    fast = validate_ntriples(ntriples(g))
    assert fast.conforms and fast.results == []
    assert set(fast.report_graph.predicate_objects(
        next(fast.report_graph.subjects(RDF.type, SH.ValidationReport)))) == {
        (RDF.type, SH.ValidationReport), (SH.conforms, Literal(True))}
    assert len(fast.report_graph) == len(full.report_graph) == 2
    stray = "https://example.org/stray-mention"
    failing = validate_ntriples(ntriples(g) + [f"<{stray}> <{RDF.type}> <{NG.Mention}> ."])
    assert not failing.conforms and failing.results
    assert {r.focus_node for r in failing.results} == {stray}
