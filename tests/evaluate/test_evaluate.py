"""Tests of newsgraph.evaluate on small hand-built graphs (not the seed)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from newsgraph.evaluate import (
    KINDS,
    Evaluation,
    KindScore,
    combine,
    labels_match,
    load_gold,
    locate,
    score,
)
from newsgraph.vocabulary import WIKIDATA_ENTITY

NG = "https://w3id.org/newsgraph/ontology#"
ID = "https://w3id.org/newsgraph/id/"
WD = WIKIDATA_ENTITY
NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def ng(name: str) -> URIRef:
    return URIRef(NG + name)


TEXT = (
    "Ruritania said its forces repelled an attack near Zenda. "
    "Borduria denied the claim. "
    "At least 12 soldiers were killed, according to the Ruritanian army. "
    "Both sides reported clashes on Monday. "
    "The Contact Group of the League of Nations mediates the Zenda conflict, "
    "with Freedonia and Sylvania as co-chairs. "
    "Freedonia is on the side of Ruritania."
)

GOLD = """\
article: test_article.txt
date: 2021-05-03
actors:
  - {key: ruritania, label: Ruritania, type: Country, wikidata: Q1001}
  - {key: borduria, label: Borduria, type: Country, wikidata: Q1002}
  - {key: zenda, label: Zenda, type: Place, wikidata: Q1003}
  - {key: freedonia, label: Freedonia, type: Country, wikidata: Q1004}
  - {key: league, label: League of Nations, type: Organization, wikidata: Q1005}
  - {key: sylvania, label: Sylvania, type: Country, wikidata: null}
  - {key: contact_group, label: Contact Group, type: MediationGroup, wikidata: null}
  - {key: zenda_conflict, label: Zenda conflict, type: Conflict, wikidata: null}
  - {key: army, label: Ruritanian Army, type: Organization, wikidata: null}
statements:
  - {anchor: "Ruritania said its forces repelled an attack", speaker: ruritania, type: Claim}
  - {anchor: "Borduria denied the claim.", speaker: borduria, target: ruritania, type: Denial}
  - anchor: "At least 12 soldiers were killed, according to the Ruritanian army."
    speaker: army
    accept: [ruritania]
    type: Report
  - {anchor: "Both sides reported clashes on Monday.", speaker: [ruritania, borduria], type: Report}
events:
  - {anchor: "repelled an attack near Zenda", type: Attack, agent: borduria, place: zenda}
  - {anchor: "clashes on Monday", type: Fighting, participants: [ruritania, borduria]}
figures:
  - anchor: "At least 12 soldiers were killed"
    count: 12
    qualifier: AtLeast
    casualty: Killed
    victims: Combatants
    source: army
mediation:
  - group: contact_group
    parent: league
    mediators: [freedonia, sylvania]
    conflict: zenda_conflict
relations:
  - subject: freedonia
    predicate: supports
    object: ruritania
    anchor: "Freedonia is on the side of Ruritania"
  - {subject: zenda_conflict, predicate: party, object: borduria}
"""


class Builder:
    """Writes RDF the way docs/rdf-model.md describes it."""

    def __init__(self, text: str = TEXT, identifier: str = "test_article", graph=None) -> None:
        self.g = Graph() if graph is None else graph
        self.text = text
        self.article = URIRef(f"{ID}article/{identifier}")
        self.g.add((self.article, RDF.type, ng("Article")))
        self.g.add((self.article, ng("text"), Literal(text)))
        self.g.add((self.article, DCTERMS.identifier, Literal(identifier)))
        self.ent: dict[str, URIRef] = {}
        self.n = 0

    def mention(self, fragment: str) -> URIRef:
        begin = self.text.index(fragment)
        end = begin + len(fragment)
        m = URIRef(f"{self.article}/mention/{begin}-{end}")
        self.g.add((m, RDF.type, ng("Mention")))
        self.g.add((m, ng("beginIndex"), Literal(begin, datatype=NNI)))
        self.g.add((m, ng("endIndex"), Literal(end, datatype=NNI)))
        self.g.add((m, ng("anchorOf"), Literal(fragment)))
        self.g.add((m, ng("inArticle"), self.article))
        return m

    def entity(self, key, label, cls="Country", qid=None, mention=None, alt=()) -> URIRef:
        node = URIRef(f"{ID}entity/{qid}") if qid else URIRef(f"{self.article}/entity/{key}")
        self.g.add((node, RDF.type, ng(cls)))
        self.g.add((node, RDFS.label, Literal(label)))
        for a in alt:
            self.g.add((node, SKOS.altLabel, Literal(a)))
        if qid:
            self.g.add((node, OWL.sameAs, URIRef(WD + qid)))
        if mention is not False:
            m = self.mention(mention or label)
            self.g.add((node, ng("mention"), m))
            self.g.add((node, ng("evidence"), m))
        self.ent[key] = node
        return node

    def _node(self, kind: str, fragment: str, cls: str) -> URIRef:
        m = self.mention(fragment)
        self.n += 1
        node = URIRef(f"{self.article}/{kind}/{str(m).rsplit('/', 1)[-1]}-{self.n}")
        self.g.add((node, RDF.type, ng(cls)))
        self.g.add((node, ng("evidence"), m))
        self.g.add((node, ng("reportedIn"), self.article))
        return node

    def statement(self, fragment, stype, speakers, figures=()) -> URIRef:
        node = self._node("statement", fragment, "Statement")
        self.g.add((node, ng("statementType"), ng(stype)))
        for s in speakers:
            self.g.add((node, ng("speaker"), self.ent[s]))
        for f in figures:
            self.g.add((node, ng("reportsFigure"), f))
        return node

    def event(self, fragment, etype, agents=(), participants=(), places=()) -> URIRef:
        node = self._node("event", fragment, "Event")
        self.g.add((node, ng("eventType"), ng(etype)))
        for prop, keys in (("agent", agents), ("participant", participants), ("place", places)):
            for k in keys:
                self.g.add((node, ng(prop), self.ent[k]))
        return node

    def figure(self, fragment, count, casualty="Killed") -> URIRef:
        node = self._node("figure", fragment, "CasualtyFigure")
        self.g.add((node, ng("count"), Literal(count, datatype=NNI)))
        self.g.add((node, ng("countQualifier"), ng("AtLeast")))
        self.g.add((node, ng("casualtyType"), ng(casualty)))
        self.g.add((node, ng("victims"), ng("Combatants")))
        return node

    def triple(self, s: str, p: str, o: str) -> None:
        self.g.add((self.ent[s], ng(p), self.ent[o]))


def entities(b: Builder) -> Builder:
    b.entity("ruritania", "Ruritania", qid="Q1001")
    b.entity("borduria", "Borduria", qid="Q1002")
    b.entity("zenda", "Zenda", "Place", qid="Q1003")
    b.entity("freedonia", "Freedonia", qid="Q1004")
    b.entity("league", "League of Nations", "Organization", qid="Q1005")
    b.entity("sylvania", "sylvania", alt=["Sylvanian Republic"], mention="Sylvania")
    b.entity("contact_group", "Contact Group", "MediationGroup")
    b.entity("zenda_conflict", "the conflict over Zenda", "Conflict", mention="Zenda conflict")
    b.entity("army", "the Ruritanian army", "Organization")
    return b


def full(b: Builder, skip: frozenset[str] = frozenset()) -> Builder:
    """The perfect prediction for GOLD, minus the parts named in ``skip``."""
    entities(b)
    if "claim" not in skip:
        b.statement("Ruritania said its forces repelled an attack", "Report", ["ruritania"])
    if "denial" not in skip:
        b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    if "figure" not in skip:
        fig = b.figure("12 soldiers were killed", 12)
        b.statement("according to the Ruritanian army", "Report", ["army"], figures=[fig])
    if "both" not in skip:
        b.statement("Both sides reported clashes", "Report", ["ruritania", "borduria"])
    if "events" not in skip:
        b.event("an attack near Zenda", "Attack", agents=["borduria"], places=["zenda"])
        b.event("clashes", "Fighting", agents=["borduria"], participants=["ruritania"])
    if "mediation" not in skip:
        b.triple("contact_group", "parentOrganization", "league")
        b.triple("contact_group", "mediator", "freedonia")
        b.triple("contact_group", "mediator", "sylvania")
        b.triple("contact_group", "mediates", "zenda_conflict")
    if "relations" not in skip:
        b.triple("freedonia", "supports", "ruritania")
        b.triple("zenda_conflict", "party", "borduria")
    return b


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "test_article.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return path


def write_gold(tmp_path: Path, text: str, name: str = "g.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def counts(ev: Evaluation, kind: str) -> tuple[int, int, int]:
    s = ev.scores[kind]
    return s.tp, s.fp, s.fn


# ---------------------------------------------------------------- whole article


def test_perfect_prediction_scores_one_everywhere(gold_file: Path) -> None:
    ev = score(load_gold(gold_file), full(Builder()).g)
    assert counts(ev, "actors") == (5, 0, 0)
    assert counts(ev, "statements") == (5, 0, 0)
    assert counts(ev, "events") == (2, 0, 0)
    assert counts(ev, "figures") == (1, 0, 0)
    assert counts(ev, "mediation") == (4, 0, 0)
    assert counts(ev, "relations") == (2, 0, 0)
    for s in [*ev.scores.values(), ev.micro]:
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert ev.missed == [] and ev.extra == [] and ev.warnings == []
    table = ev.to_table()
    assert "micro" in table and "statements" in table
    data = json.loads(ev.to_json())
    assert data["micro"]["tp"] == 19 and set(data["scores"]) == set(KINDS)


def test_empty_prediction_misses_everything(gold_file: Path) -> None:
    ev = score(load_gold(gold_file), Builder().g)
    assert ev.micro.tp == 0 and ev.micro.fp == 0 and ev.micro.fn == 19
    assert ev.micro.precision == 0.0 and ev.micro.recall == 0.0 and ev.micro.f1 == 0.0
    assert len(ev.missed) == 19


def test_dataset_with_several_articles_scores_the_gold_article(gold_file: Path) -> None:
    ds = Dataset()
    good = Builder(identifier="test_article")
    full(good)
    other = Builder(TEXT, identifier="other_article")
    entities(other)
    other.statement("Borduria denied the claim.", "Threat", ["ruritania"])
    for b in (good, other):
        named = ds.graph(b.article)
        for triple in b.g:
            named.add(triple)
    ev = score(load_gold(gold_file), ds)
    assert ev.micro.fp == 0 and ev.micro.fn == 0


def test_plain_graph_with_several_articles_is_scoped_by_reported_in(gold_file: Path) -> None:
    g = Graph()
    full(Builder(identifier="test_article", graph=g))
    other = Builder(TEXT, identifier="other_article", graph=g)
    other.ent = {"ruritania": URIRef(f"{ID}entity/Q1001")}
    other.statement("Borduria denied the claim.", "Threat", ["ruritania"])
    ev = score(load_gold(gold_file), g)
    assert counts(ev, "statements") == (5, 0, 0)
    assert counts(ev, "relations") == (0, 0, 2)  # direct triples are not attributable


# ---------------------------------------------------------------- statements


def test_wrong_speaker_is_a_false_positive_and_a_miss(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"denial"}))
    b.statement("Borduria denied the claim.", "Denial", ["ruritania"])
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "statements") == (4, 1, 1)
    assert any("Denial by Borduria" in f.description for f in ev.missed)
    assert any("Denial by Ruritania [Q1001]" in f.description for f in ev.extra)
    assert any("Borduria denied the claim." in f.description for f in ev.extra)


def test_accepted_speaker_counts(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"figure"}))
    b.statement("according to the Ruritanian army", "Report", ["ruritania"])
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "statements") == (5, 0, 0)


@pytest.mark.parametrize(
    ("predicted", "matches"),
    [("Claim", True), ("Announcement", True), ("Report", True), ("Denial", False)],
)
def test_statement_class_equivalence(tmp_path: Path, predicted: str, matches: bool) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements: [{anchor: "Borduria denied the claim.", speaker: b, type: Report}]
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim", predicted, ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == ((1, 0, 0) if matches else (0, 1, 1))


def test_several_gold_speakers_are_separate_items(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"both"}))
    b.statement("Both sides reported clashes", "Report", ["ruritania"])
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "statements") == (4, 0, 1)
    assert any("Report by Borduria (borduria)" in f.description for f in ev.missed)


def test_optional_gold_item_matched_is_not_a_false_positive(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements:
          - {anchor: "Borduria denied the claim.", speaker: b, type: Denial}
          - {anchor: "Both sides reported clashes", speaker: b, type: Report, optional: true}
          - {anchor: "reported clashes on Monday", speaker: b, type: Claim, optional: true}
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    b.statement("Both sides reported clashes", "Report", ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 0, 0)  # unmatched optional: no miss either
    assert ev.scores["statements"].precision == 1.0


def test_required_gold_item_wins_over_optional_one(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements:
          - {anchor: "Borduria denied", speaker: b, type: Denial, optional: true}
          - {anchor: "denied the claim", speaker: b, type: Denial}
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 0, 0)


def test_one_gold_item_matches_one_prediction(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements: [{anchor: "Borduria denied the claim.", speaker: b, type: Denial}]
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    b.statement("Borduria denied", "Denial", ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 1, 0)


def test_matching_is_maximal_not_greedy(tmp_path: Path) -> None:
    # Prediction A fits both gold items, prediction B only the first: a greedy
    # matcher that gives A to the first gold item would leave B unmatched.
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements:
          - {anchor: "Borduria denied the claim.", speaker: b, type: Denial}
          - {anchor: "the claim. At least", speaker: b, type: Denial}
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])  # A, sorted first
    b.statement("denied", "Denial", ["borduria"])  # B
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (2, 0, 0)


def test_label_speaker_for_actor_without_qid(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors:
          - {key: army, label: "Ruritanian Army", type: Organization, wikidata: null}
          - {key: r, label: Ruritania, type: Country, wikidata: Q1001}
        statements:
          - {anchor: "according to the Ruritanian army", speaker: army, type: Report}
          - {anchor: "Ruritania said", speaker: r, type: Claim}
        """,
    )
    b = Builder(identifier="a")
    b.entity("army", "army", "Organization", mention="army")  # token subset of the gold label
    b.entity("ruritania", "Ruritania", qid="Q9999")  # same label, different QID
    b.statement("according to the Ruritanian army", "Report", ["army"])
    b.statement("Ruritania said", "Claim", ["ruritania"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 1, 1)


# ---------------------------------------------------------------- anchors


def test_anchor_not_found_is_missed_with_warning(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements:
          - {anchor: "Borduria denied the claim.", speaker: b, type: Denial}
          - {anchor: "Borduria threatened Zenda.", speaker: b, type: Threat}
        """,
    )
    b = entities(Builder(identifier="a"))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 0, 1)
    assert len(ev.warnings) == 1 and "Borduria threatened Zenda." in ev.warnings[0]
    assert "g.yaml" in ev.warnings[0]
    assert "Borduria threatened Zenda." in ev.missed[0].description
    assert "warnings (1)" in ev.to_table()


def test_anchor_found_in_cleaned_text(tmp_path: Path) -> None:
    raw = "[ad_1]\n- Borduria   denied\nthe “claim”.\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements:
          - {anchor: "Borduria   denied\\nthe", speaker: b, type: Denial}
          - {anchor: "denied\\nthe “claim”", speaker: b, type: Denial}
        """,
    )
    b = Builder('Borduria denied the "claim".', identifier="a")
    b.entity("borduria", "Borduria", qid="Q1002")
    b.statement("Borduria denied", "Denial", ["borduria"])
    b.statement('the "claim"', "Denial", ["borduria"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (2, 0, 0) and ev.warnings == []


def test_locate() -> None:
    text = "a b c. a b c."
    assert locate("a b", text) == ((0, 3), (7, 10))
    assert locate("b\n  c", text) == ((2, 5), (9, 12))
    assert locate("zzz", text) == ()


# ---------------------------------------------------------------- events and figures


def test_event_entity_agreement_is_role_agnostic(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors:
          - {key: r, label: Ruritania, type: Country, wikidata: Q1001}
          - {key: b, label: Borduria, type: Country, wikidata: Q1002}
          - {key: f, label: Freedonia, type: Country, wikidata: Q1004}
        events:
          - {anchor: "clashes on Monday", type: Fighting, participants: [r, b]}
          - {anchor: "an attack near Zenda", type: Attack, agent: f}
          - {anchor: "repelled", type: Fighting}
        """,
    )
    b = entities(Builder(identifier="a"))
    b.event("clashes", "CeasefireViolation", agents=["borduria"])  # same class, agent ~ participant
    b.event("attack", "Attack", agents=["borduria"], places=["zenda"])  # wrong entities
    b.event("repelled", "Attack", agents=["ruritania"])  # gold has no entities: class alone
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "events") == (2, 1, 1)
    assert any("Freedonia" in f.description for f in ev.missed)


def test_figure_source_mismatch(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"figure"}))
    fig = b.figure("12 soldiers were killed", 12)
    b.statement("according to the Ruritanian army", "Report", ["borduria"], figures=[fig])
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "figures") == (0, 1, 1)
    assert any("source Borduria [Q1002]" in f.description for f in ev.extra)


def test_figure_count_and_casualty_must_agree(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"figure"}))
    f1 = b.figure("12 soldiers were killed", 13)
    f2 = b.figure("12 soldiers were killed", 12, casualty="Injured")
    b.statement("according to the Ruritanian army", "Report", ["army"], figures=[f1, f2])
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "figures") == (0, 2, 1)


def test_publisher_source(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        figures:
          - {anchor: "12 soldiers", count: 12, casualty: Killed, source: publisher}
        """,
    )
    b = Builder(identifier="a")
    narrator = b.entity("publisher", "Daily Planet", "Organization", mention=False)
    b.g.add((b.article, DCTERMS.publisher, narrator))
    fig = b.figure("12 soldiers were killed", 12)
    b.statement("At least 12 soldiers were killed", "Report", ["publisher"], figures=[fig])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "figures") == (1, 0, 0)


# ---------------------------------------------------------------- actors, triples


def test_actors_by_qid(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors:
          - {key: r, label: Ruritania, type: Country, wikidata: Q1001}
          - {key: b, label: Borduria, type: Country, wikidata: Q1002}
          - {key: f, label: Freedonia, type: Country, wikidata: Q1004, optional: true}
          - {key: s, label: Sylvania, type: Country, wikidata: null}
        """,
    )
    b = Builder(identifier="a")
    b.entity("ruritania", "Ruritania", qid="Q1001")
    b.entity("freedonia", "Freedonia", qid="Q1004")
    b.entity("zenda", "Zenda", "Place", qid="Q1003")
    b.entity("league", "League of Nations", "Organization", qid="Q1005", mention=False)
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "actors") == (1, 1, 1)  # Zenda extra; League has no mention
    assert any("Q1003" in f.description for f in ev.extra)
    assert any("Q1002" in f.description for f in ev.missed)


def test_mediation_triples_by_qid_and_label(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"mediation"}))
    b.entity("other_org", "Other Organization", "Organization", qid="Q2000", mention=False)
    b.entity("sylvania2", "Republic of Sylvania", mention=False)  # no QID: label contains gold's
    b.triple("contact_group", "parentOrganization", "other_org")  # wrong QID
    b.triple("contact_group", "mediator", "freedonia")
    b.triple("contact_group", "mediator", "sylvania2")
    b.triple("contact_group", "mediates", "zenda_conflict")
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "mediation") == (3, 1, 1)
    assert any("parentOrganization" in f.description for f in ev.missed)


def test_relations_by_label_and_type(gold_file: Path) -> None:
    b = full(Builder(), skip=frozenset({"relations"}))
    b.triple("freedonia", "controls", "ruritania")  # wrong predicate
    b.triple("zenda", "party", "borduria")  # a place, not the conflict "Zenda conflict"
    b.triple("zenda_conflict", "party", "borduria")  # label "the conflict over Zenda"
    ev = score(load_gold(gold_file), b.g)
    assert counts(ev, "relations") == (1, 2, 1)


def test_labels_match() -> None:
    assert labels_match("Ilham Aliyev", "Aliyev")
    assert labels_match("the OSCE Minsk Group", "OSCE  minsk-group")
    assert labels_match("Ministry of Defense of Azerbaijan", "Defense Ministry")
    assert labels_match("Azerbaijan's", "azerbaijan")
    assert not labels_match("Armenia", "Armenian sources")
    assert not labels_match("The", "the")


# ---------------------------------------------------------------- scoring policies


def with_narrator(b: Builder, label: str = "Daily Planet") -> Builder:
    """Give the article a narrator (``dcterms:publisher``) under the key ``publisher``."""
    narrator = b.entity("publisher", label, "Organization", mention=False)
    b.g.add((b.article, DCTERMS.publisher, narrator))
    return b


def test_narrator_statement_is_not_a_statement_prediction(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements: [{anchor: "Borduria denied the claim.", speaker: b, type: Denial}]
        figures: [{anchor: "12 soldiers", count: 12, casualty: Killed, source: publisher}]
        """,
    )
    b = with_narrator(entities(Builder(identifier="a")))
    b.statement("Borduria denied the claim.", "Denial", ["borduria"])
    # Narration: neither true nor false positives, even where it overlaps a gold statement ...
    b.statement("Borduria denied the claim.", "Denial", ["publisher"])
    fig = b.figure("12 soldiers were killed", 12)
    # ... but still the source of the figures it reports.
    b.statement("At least 12 soldiers were killed", "Report", ["publisher"], figures=[fig])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 0, 0)
    assert counts(ev, "figures") == (1, 0, 0)
    assert [f for f in ev.extra if f.kind in ("statements", "figures")] == []


def test_narrator_statement_counts_for_a_publisher_gold_statement(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors:
          - {key: b, label: Borduria, type: Country, wikidata: Q1002}
          - {key: planet, label: Daily Planet, type: Organization, wikidata: null}
        statements:
          - {anchor: "Freedonia is on the side of Ruritania.", speaker: publisher, type: Report}
          - {anchor: "Both sides reported clashes", speaker: b, type: Report, accept: [publisher]}
          - {anchor: "Borduria denied the claim.", speaker: planet, type: Denial}
        """,
    )
    b = with_narrator(entities(Builder(identifier="a")))
    b.statement("Freedonia is on the side of Ruritania", "Claim", ["publisher"])  # tp
    b.statement("Freedonia is on the side", "Report", ["publisher"])  # a duplicate: fp
    b.statement("Both sides reported clashes", "Report", ["publisher"])  # accepted: tp
    # The narrator is named like the gold speaker, but only `publisher` speaks for it.
    b.statement("Borduria denied the claim.", "Denial", ["publisher"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (2, 1, 1)
    assert [f.description for f in ev.missed] == [
        "Denial by Daily Planet (planet) @ 'Borduria denied the claim.'"
    ]


def test_statement_with_narrator_and_another_speaker_is_scored(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements: [{anchor: "Both sides reported clashes", speaker: b, type: Report}]
        """,
    )
    b = with_narrator(entities(Builder(identifier="a")))
    b.statement("Both sides reported clashes", "Report", ["borduria", "publisher"])
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "statements") == (1, 1, 0)  # not narration: one prediction per speaker


@pytest.mark.parametrize(("annotated", "expected"), [(False, (2, 1, 0)), (True, (3, 2, 0))])
def test_disputed_territory_is_scored_only_when_annotated(
    tmp_path: Path, annotated: bool, expected: tuple[int, int, int]
) -> None:
    text = GOLD
    if annotated:
        text += "  - {subject: zenda_conflict, predicate: disputedTerritory, object: zenda}\n"
    gold = tmp_path / "test_article.yaml"
    gold.write_text(text, encoding="utf-8")
    b = full(Builder())
    b.triple("zenda_conflict", "disputedTerritory", "zenda")
    b.triple("zenda_conflict", "disputedTerritory", "borduria")
    b.triple("zenda", "legallyPartOf", "borduria")  # always scored: a false positive
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "relations") == expected
    extra = [f.description for f in ev.extra]
    assert any("legallyPartOf" in d for d in extra)
    assert any("disputedTerritory" in d for d in extra) == annotated


def test_actor_qid_for_gold_actor_without_qid_is_not_scored(tmp_path: Path) -> None:
    gold = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors:
          - {key: r, label: Ruritania, type: Country, wikidata: Q1001}
          - {key: b, label: Borduria, type: Country, wikidata: Q1002}
          - {key: mod, label: Defense Ministry of Borduria, type: Organization, wikidata: null}
          - {key: s, label: Sylvania, type: Country, wikidata: null}
          - {key: army, label: Ruritanian Army, type: Organization, wikidata: null}
          - {key: war, label: Zenda conflict, type: Conflict, wikidata: null}
        """,
    )
    b = Builder(identifier="a")
    b.entity("ruritania", "Ruritania", qid="Q1001")  # tp
    b.entity("borduria", "Borduria", qid="Q1002")  # tp, though named like `mod` too
    # Linked, but the gold knows no QID for them: neither tp nor fp.
    b.entity("sylvania", "Republic of Sylvania", qid="Q2001", mention="Sylvania")
    b.entity(
        "army",
        "Royal Army",
        "Organization",
        qid="Q2002",
        alt=["the Ruritanian army"],
        mention="Ruritanian army",
    )
    # False positives: a place is not the conflict; no gold actor; a gold actor with a QID.
    b.entity("zenda", "Zenda", "Place", qid="Q1003")
    b.entity("freedonia", "Freedonia", qid="Q1004")
    b.entity("ruritania2", "Ruritania", qid="Q9999", mention="Ruritania said")
    ev = score(load_gold(gold), b.g)
    assert counts(ev, "actors") == (2, 3, 0)
    assert sorted(f.description for f in ev.extra) == [
        "Freedonia [Q1004]",
        "Ruritania [Q9999]",
        "Zenda [Q1003]",
    ]


# ---------------------------------------------------------------- aggregation


def test_kind_score_edges() -> None:
    assert (KindScore().precision, KindScore().recall, KindScore().f1) == (1.0, 1.0, 1.0)
    s = KindScore(fn=2)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    s = KindScore(fp=2)
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    s = KindScore(tp=1, fp=1, fn=2)
    assert s.precision == 0.5 and s.recall == pytest.approx(1 / 3)
    assert s.f1 == pytest.approx(0.4)


def test_combine(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    perfect = score(gold, full(Builder()).g)
    empty = score(gold, Builder().g)
    total = combine([perfect, empty])
    assert total.micro.tp == 19 and total.micro.fn == 19 and total.micro.fp == 0
    assert total.scores["statements"].recall == 0.5
    assert total.articles == ["test_article", "test_article"]
    assert len(total.missed) == 19


# ---------------------------------------------------------------- malformed gold


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("actors: []\n", "missing field 'article'"),
        (
            "article: a.txt\nstatements: [{anchor: x, speaker: nobody, type: Report}]\n",
            "unknown actor key 'nobody'",
        ),
        (
            "article: a.txt\nactors: [{key: a, label: A, type: Country}]\n"
            "statements: [{anchor: x, speaker: a}]\n",
            "missing field 'type'",
        ),
        ("article: a.txt\nactors: [{key: a, label: A, type: Nation}]\n", "type must be one of"),
        ("article: a.txt\nactors: [{key: a, label: A, type: Country, wikidata: 399}]\n", "QID"),
        ("article: a.txt\nevents: [{anchor: x, type: Riot}]\n", "type must be one of"),
        ("article: a.txt\nfigures: [{anchor: x, count: -1, casualty: Killed}]\n", "count"),
        ("article: a.txt\nstatment: []\n", "unknown section 'statment'"),
        (
            "article: a.txt\nrelations: [{subject: a, predicate: supports, object: b}]\n",
            "unknown actor key 'a'",
        ),
        ("article: [a.txt\n", "not valid YAML"),
    ],
)
def test_malformed_gold(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=reason) as info:
        load_gold(path)
    message = str(info.value)
    assert str(path) in message and "\n" not in message


def test_anchor_not_in_article_file_is_malformed(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("Borduria denied the claim.\n", encoding="utf-8")
    path = write_gold(
        tmp_path,
        """\
        article: a.txt
        actors: [{key: b, label: Borduria, type: Country, wikidata: Q1002}]
        statements: [{anchor: "Borduria accepted the claim.", speaker: b, type: Report}]
        """,
    )
    load_gold(path)  # the article file is not next to the gold: not checked
    with pytest.raises(ValueError, match="anchor not found") as info:
        load_gold(path, articles_dir=articles)
    assert "g.yaml" in str(info.value)


def test_load_gold_fields(gold_file: Path) -> None:
    gold = load_gold(gold_file)
    assert gold.identifier == "test_article"
    assert str(gold.date) == "2021-05-03"
    assert gold.statements[3].speakers == ("ruritania", "borduria")
    assert gold.statements[2].accept == ("ruritania",)
    assert gold.statements[1].targets == ("ruritania",)
    assert gold.events[0].agents == ("borduria",) and gold.events[0].places == ("zenda",)
    assert gold.figures[0].source == "army" and gold.figures[0].qualifier == "AtLeast"
    assert gold.mediation[0].mediators == ("freedonia", "sylvania")
    assert gold.actors["sylvania"].wikidata is None


def test_seed_gold_loads() -> None:
    root = Path(__file__).resolve().parents[2]
    gold = load_gold(root / "tests" / "gold" / "000_497c8b1f4ab63ad2.yaml", root / "seeds")
    assert len(gold.statements) == 19 and len(gold.relations) == 6


def test_scoring_classes_group_types_of_the_ontology() -> None:
    """Scoring classes group the ontology's types ("Criticism" scores as an accusation);
    a type no class lists (one just added to the ontology) is scored as itself."""
    from newsgraph.evaluate.predictions import class_of
    from newsgraph.evaluate.terms import (
        EVENT_CLASSES,
        GOLD_RELATION_PREDICATES,
        MEDIATION_PREDICATES,
        OPT_IN_RELATION_PREDICATES,
        STATEMENT_CLASSES,
    )
    from newsgraph.vocabulary import EVENT_TYPES, STATEMENT_TYPES
    from newsgraph.vocabulary import RELATION_PREDICATES as ALL_RELATIONS

    assert set(STATEMENT_CLASSES) <= set(STATEMENT_TYPES)
    assert set(EVENT_CLASSES) <= set(EVENT_TYPES)
    assert class_of(EVENT_CLASSES, "Attack") == class_of(EVENT_CLASSES, "Fighting")
    assert class_of(EVENT_CLASSES, "Blockade") == "Blockade"
    assert set(GOLD_RELATION_PREDICATES) | set(MEDIATION_PREDICATES) < set(ALL_RELATIONS)
    assert set(GOLD_RELATION_PREDICATES) >= OPT_IN_RELATION_PREDICATES
