"""Canned queries: the catalog, safe parameter binding, rdflib and pyoxigraph agree."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL

from newsgraph.errors import InputError
from newsgraph.query import (
    CannedQuery,
    ResultTable,
    bind_params,
    list_queries,
    load_query,
    parse_params,
    rdflib_to_oxigraph,
    run_query,
)
from newsgraph.rdf.namespace import WD
from newsgraph.resources import queries_dir

NG = Namespace("https://w3id.org/newsgraph/ontology#")
ID = "https://w3id.org/newsgraph/id/"
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# A made-up article (fictional countries, fictional Wikidata items).
TEXT = (
    "Valdoria accused Marenland of shelling the border town of Kelmor on Sunday. "
    'Marenland denied the accusation, calling it "a fabrication". '
    "Officials in Valdoria said at least 12 civilians were killed. "
    "The Coastal Contact Group of the Union of Nations, co-chaired by Sudia and Norland, "
    "urged both sides to agree a ceasefire. "
    "Talks between Valdoria and Marenland are planned. "
    "Norland is on the side of Valdoria."
)
TEXT2 = "Valdoria held talks with its neighbours."

ARTICLE = URIRef(ID + "article/0123456789abcdef")
ARTICLE2 = URIRef(ID + "article/fedcba9876543210")
VALDORIA = URIRef(ID + "entity/Q90000001")  # linked: shared by both articles
MARENLAND = URIRef(f"{ARTICLE}/entity/marenland")  # not linked
KELMOR = URIRef(f"{ARTICLE}/entity/kelmor")
NORLAND = URIRef(ID + "entity/Q90000002")
SUDIA = URIRef(f"{ARTICLE}/entity/sudia")
GROUP = URIRef(f"{ARTICLE}/entity/coastal-contact-group")
UNION = URIRef(f"{ARTICLE}/entity/union-of-nations")
CONFLICT = URIRef(f"{ARTICLE}/entity/valdoria-marenland-conflict")
PUBLISHER = URIRef(f"{ARTICLE}/entity/publisher")


class ArticleBuilder:
    """Writes one article's named graph the way docs/rdf-model.md describes."""

    def __init__(self, dataset: Dataset, article: URIRef, text: str, identifier: str) -> None:
        self.article, self.text = article, text
        self.g = dataset.graph(article)
        self.g.add((article, RDF.type, NG.Article))
        self.g.add((article, NG.text, Literal(text)))
        self.g.add((article, DCTERMS.identifier, Literal(identifier)))

    def span(self, anchor: str, start: int = 0) -> tuple[URIRef, int, int]:
        begin = self.text.index(anchor, start)
        end = begin + len(anchor)
        mention = URIRef(f"{self.article}/mention/{begin}-{end}")
        g = self.g
        g.add((mention, RDF.type, NG.Mention))
        g.add((mention, NG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        g.add((mention, NG.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((mention, NG.anchorOf, Literal(anchor)))
        g.add((mention, NG.inArticle, self.article))
        return mention, begin, end

    def entity(self, node, cls, label, anchors, wikidata=None):
        g = self.g
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        if wikidata is not None:
            g.add((node, OWL.sameAs, wikidata))
        first = None
        for anchor, start in anchors:
            mention = self.span(anchor, start)[0]
            first = first or mention
            g.add((node, NG.mention, mention))
        if first is not None:
            g.add((node, NG.evidence, first))
        g.add((node, NG.confidence, Literal(Decimal("0.9"))))
        g.add((node, NG.reportedIn, self.article))

    def node(self, kind, cls, evidence, **props):
        mention, begin, end = self.span(evidence)
        node = URIRef(f"{self.article}/{kind}/{begin}-{end}-0")
        g = self.g
        g.add((node, RDF.type, cls))
        g.add((node, NG.evidence, mention))
        g.add((node, NG.confidence, Literal(Decimal("0.80"))))
        g.add((node, NG.reportedIn, self.article))
        for prop, values in props.items():
            for value in values if isinstance(values, list) else [values]:
                g.add((node, NG[prop], value))
        return node

    def relation(self, s, p, o, evidence):
        self.g.add((s, p, o))
        mention = self.span(evidence)[0]
        digest = hashlib.sha256(f"{s} {p} {o}".encode()).hexdigest()[:16]
        rel = URIRef(f"{self.article}/relation/{digest}")
        for triple in [
            (rel, RDF.type, RDF.Statement),
            (rel, RDF.subject, s),
            (rel, RDF.predicate, p),
            (rel, RDF.object, o),
            (rel, NG.evidence, mention),
            (rel, NG.confidence, Literal(Decimal("0.8"))),
            (rel, NG.reportedIn, self.article),
        ]:
            self.g.add(triple)
        return rel


def build_dataset() -> tuple[Dataset, dict[str, URIRef]]:
    ds = Dataset()
    a = ArticleBuilder(ds, ARTICLE, TEXT, "test_article")
    a.g.add((ARTICLE, DCTERMS.date, Literal("2021-03-08", datatype=XSD.date)))
    a.g.add((ARTICLE, DCTERMS.publisher, PUBLISHER))
    a.entity(PUBLISHER, NG.Group, "author of article test_article", [])
    a.entity(
        VALDORIA,
        NG.Country,
        "Valdoria",
        [("Valdoria", 0), ("Valdoria", 100), ("Valdoria", 300), ("Valdoria", 370)],
        WD.Q90000001,
    )
    a.entity(MARENLAND, NG.Country, "Marenland", [("Marenland", 0), ("Marenland", 80)])
    a.entity(KELMOR, NG.Place, "Kelmor", [("Kelmor", 0)])
    a.entity(GROUP, NG.MediationGroup, "Coastal Contact Group", [("Coastal Contact Group", 0)])
    a.entity(UNION, NG.Organization, "Union of Nations", [("Union of Nations", 0)])
    a.entity(SUDIA, NG.Country, "Sudia", [("Sudia", 0)])
    a.entity(NORLAND, NG.Country, "Norland", [("Norland", 0)], WD.Q90000002)
    a.entity(CONFLICT, NG.Conflict, "Valdoria-Marenland conflict", [])

    shelling = a.node(
        "event",
        NG.Event,
        "shelling the border town of Kelmor on Sunday",
        eventType=NG.Attack,
        trigger=Literal("shelling"),
        agent=MARENLAND,
        affected=KELMOR,
        place=KELMOR,
        timeExpression=Literal("on Sunday"),
        date=Literal("2021-03-07", datatype=XSD.date),
        partOf=CONFLICT,
    )
    talks = a.node(
        "event",
        NG.Event,
        "Talks between Valdoria and Marenland are planned",
        eventType=NG.Negotiation,
        trigger=Literal("Talks"),
        participant=[VALDORIA, MARENLAND],
    )
    accusation = a.node(
        "statement",
        NG.Statement,
        "Valdoria accused Marenland of shelling the border town of Kelmor on Sunday",
        statementType=NG.Accusation,
        speaker=VALDORIA,
        target=MARENLAND,
        cue=Literal("accused"),
        about=shelling,
    )
    denial = a.node(
        "statement",
        NG.Statement,
        'Marenland denied the accusation, calling it "a fabrication"',
        statementType=NG.Denial,
        speaker=MARENLAND,
        target=VALDORIA,
        cue=Literal("denied"),
        quote=Literal("a fabrication"),
        refutes=accusation,
    )
    figure = a.node(
        "figure",
        NG.CasualtyFigure,
        "at least 12 civilians were killed",
        count=Literal(12, datatype=XSD.nonNegativeInteger),
        countQualifier=NG.AtLeast,
        casualtyType=NG.Killed,
        victims=NG.Civilians,
        place=KELMOR,
    )
    claim = a.node(
        "statement",
        NG.Statement,
        "Officials in Valdoria said at least 12 civilians were killed",
        statementType=NG.Claim,
        speaker=VALDORIA,
        cue=Literal("said"),
        reportsFigure=figure,
    )
    appeal = a.node(
        "statement",
        NG.Statement,
        "urged both sides to agree a ceasefire",
        statementType=NG.Appeal,
        speaker=GROUP,
        target=[VALDORIA, MARENLAND],
        cue=Literal("urged"),
    )
    a.relation(GROUP, NG.parentOrganization, UNION, "Coastal Contact Group of the Union")
    a.relation(GROUP, NG.mediator, SUDIA, "co-chaired by Sudia")
    a.relation(GROUP, NG.mediator, NORLAND, "co-chaired by Sudia and Norland")
    a.g.add((GROUP, NG.mediates, CONFLICT))
    a.g.add((CONFLICT, NG.party, VALDORIA))
    a.g.add((CONFLICT, NG.party, MARENLAND))
    supports = a.relation(NORLAND, NG.supports, VALDORIA, "Norland is on the side of Valdoria")

    # A second article that mentions the linked Valdoria again: its label triple is
    # now in two graphs (pyoxigraph's union keeps both copies, rdflib's keeps one).
    b = ArticleBuilder(ds, ARTICLE2, TEXT2, "second_article")
    b.entity(VALDORIA, NG.Country, "Valdoria", [("Valdoria", 0)], WD.Q90000001)

    nodes = {
        "shelling": shelling,
        "talks": talks,
        "accusation": accusation,
        "denial": denial,
        "figure": figure,
        "claim": claim,
        "appeal": appeal,
        "supports": supports,
    }
    return ds, nodes


@pytest.fixture(scope="module")
def data():
    ds, nodes = build_dataset()
    return ds, rdflib_to_oxigraph(ds), nodes


def both(query, data, params=None) -> ResultTable:
    """Run on rdflib and on pyoxigraph; the two must give the same table."""
    ds, store, _ = data
    from_rdflib = run_query(query, ds, params)
    from_oxigraph = run_query(query, store, params)
    assert from_rdflib.columns == from_oxigraph.columns
    assert from_rdflib.rows == from_oxigraph.rows
    return from_rdflib


def catalog_params(query: CannedQuery) -> dict[str, str]:
    return {p.name: str(VALDORIA) for p in query.params if p.required}


# -- the catalog ---------------------------------------------------------------

EXPECTED_QUERIES = {
    "accusations",
    "statements",
    "denials",
    "casualty-claims",
    "ceasefire-calls",
    "mediation",
    "actors",
    "timeline",
    "alignments",
    "provenance",
}


def test_list_queries_returns_every_file_with_a_summary():
    queries = list_queries()
    names = [q.name for q in queries]
    assert names == sorted(p.stem for p in queries_dir().glob("*.rq"))
    assert set(names) >= EXPECTED_QUERIES
    for query in queries:
        assert query.summary.strip(), query.name
        assert query.description.strip(), query.name
        assert query.tags, query.name
        assert query.path is not None and query.path.is_file()


def test_headers_are_valid_grlc_yaml():
    for query in list_queries():
        header = "\n".join(
            line.strip()[2:] for line in query.text.splitlines() if line.strip().startswith("#+")
        )
        parsed = yaml.safe_load(header)
        assert parsed["summary"] == query.summary
        assert parsed["description"] == query.description
        assert parsed["tags"] == query.tags
        for entry in parsed.get("params", []):
            assert query.param(entry.split()[0]) is not None, (query.name, entry)


def test_params_are_parsed_from_basil_variables():
    accusations = load_query("accusations")
    (speaker,) = accusations.params
    assert (speaker.name, speaker.variable, speaker.required, speaker.is_iri) == (
        "speaker",
        "__speaker_iri",
        False,
        True,
    )
    assert "actor" in speaker.description
    statements = load_query("statements")
    assert [(p.name, p.required, p.is_iri) for p in statements.params] == [
        ("speaker", False, True),
        ("type", False, False),
    ]
    (node,) = load_query("provenance").params
    assert (node.name, node.required, node.is_iri) == ("node", True, True)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED_QUERIES))
def test_every_query_runs_on_both_backends_with_identical_rows(data, name):
    query = load_query(name)
    table = both(query, data, catalog_params(query))
    assert table.rows, f"{name} found nothing in the test graph"
    assert not any(column.startswith("_") for column in table.columns)
    assert all(len(row) == len(table.columns) for row in table.rows)


def test_rdflib_dataset_without_union_plain_graph_and_union_agree(data):
    ds, store, _ = data
    union = Dataset(default_union=True)
    for quad in ds.quads((None, None, None, None)):
        union.add(quad)
    expected = run_query("statements", store).rows
    assert run_query("statements", union).rows == expected
    assert not ds.default_union  # the caller's dataset is left as it was
    flat = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        flat.add((s, p, o))
    assert run_query("statements", flat).rows == expected
    assert run_query("statements", rdflib_to_oxigraph(flat)).rows == expected


# -- what the queries find -------------------------------------------------------


def test_accusations_row(data):
    _, _, nodes = data
    table = both("accusations", data)
    assert table.records() == [
        {
            "statement": str(nodes["accusation"]),
            "speaker_label": "Valdoria",
            "target_label": "Marenland",
            "about_label": "shelling",
            "cue": "accused",
            "quote": None,
            "evidence": (
                "Valdoria accused Marenland of shelling the border town of Kelmor on Sunday"
            ),
            "article_title": "test_article",  # no title: the identifier
            "article_date": "2021-03-08",
            "speaker": str(VALDORIA),
            "speaker_wikidata": str(WD.Q90000001),
            "target": str(MARENLAND),
            "target_wikidata": None,
            "about": str(nodes["shelling"]),
            "article": str(ARTICLE),
            "begin": "0",
        }
    ]


@pytest.mark.slow
def test_speaker_filter(data):
    assert len(both("accusations", data, {"speaker": str(VALDORIA)})) == 1
    # the Wikidata item of the speaker works as well
    assert len(both("accusations", data, {"speaker_iri": str(WD.Q90000001)})) == 1
    assert len(both("accusations", data, {"?__speaker_iri": str(MARENLAND)})) == 0
    assert len(both("accusations", data, {"speaker": "http://example.org/nobody"})) == 0
    statements = both("statements", data, {"speaker": str(MARENLAND)})
    assert [row["type"] for row in statements.records()] == ["Denial"]
    everyone = both("statements", data)
    assert len(everyone) == 5  # the appeal has two targets: two rows


@pytest.mark.slow
def test_type_filter(data):
    denials = both("statements", data, {"type": "denial"})
    assert [(r["type"], r["speaker_label"]) for r in denials.records()] == [("Denial", "Marenland")]
    iri = both("statements", data, {"type": str(NG.Appeal)})
    assert {r["type"] for r in iri.records()} == {"Appeal"}
    assert len(both("statements", data, {"type": "Nothing"})) == 0
    events = both("timeline", data, {"type": "Attack"})
    assert [r["trigger"] for r in events.records()] == ["shelling"]


def test_denials_link_the_refuted_accusation(data):
    _, _, nodes = data
    (row,) = both("denials", data).records()
    assert row["statement"] == str(nodes["denial"])
    assert row["quote"] == "a fabrication"
    assert row["refuted"] == str(nodes["accusation"])
    assert row["refuted_type"] == "Accusation"
    assert row["refuted_speaker_label"] == "Valdoria"


def test_casualty_claims(data):
    (row,) = both("casualty-claims", data).records()
    assert (row["source_label"], row["count"], row["qualifier"]) == ("Valdoria", "12", "AtLeast")
    assert (row["casualty_type"], row["victims"], row["place_label"]) == (
        "Killed",
        "Civilians",
        "Kelmor",
    )
    assert row["evidence"] == "at least 12 civilians were killed"
    assert row["source_wikidata"] == str(WD.Q90000001)


@pytest.mark.slow
def test_ceasefire_calls(data):
    rows = both("ceasefire-calls", data).records()
    assert [(r["type"], r["speaker_label"], r["target_label"]) for r in rows] == [
        ("Appeal", "Coastal Contact Group", "Marenland"),
        ("Appeal", "Coastal Contact Group", "Valdoria"),
    ]


def test_mediation_lists_mediators_in_order(data):
    (row,) = both("mediation", data).records()
    assert row["group_label"] == "Coastal Contact Group"
    assert row["parent_label"] == "Union of Nations"
    assert row["mediators"] == "Norland; Sudia"
    assert row["conflict_label"] == "Valdoria-Marenland conflict"


def test_actors_count_mentions_across_articles(data):
    rows = both("actors", data).records()
    first = rows[0]
    assert (first["label"], first["type"], first["mentions"], first["articles"]) == (
        "Valdoria",
        "Country",
        "5",
        "2",
    )
    assert first["wikidata"] == str(WD.Q90000001)
    conflict = next(r for r in rows if r["type"] == "Conflict")
    assert conflict["mentions"] == "0"
    places = both("actors", data, {"type": "place"}).records()
    assert [r["label"] for r in places] == ["Kelmor"]


def test_timeline_orders_dated_events_first(data):
    rows = both("timeline", data).records()
    assert [(r["type"], r["date"]) for r in rows] == [
        ("Attack", "2021-03-07"),
        ("Negotiation", None),
    ]
    assert rows[0]["time_expression"] == "on Sunday"
    assert rows[0]["agents"] == "Marenland"
    assert rows[0]["places"] == "Kelmor"
    assert rows[0]["conflict_label"] == "Valdoria-Marenland conflict"
    assert rows[1]["participants"] == "Marenland; Valdoria"


def test_alignments_carry_evidence(data):
    rows = both("alignments", data).records()
    supports = [r for r in rows if r["relation"] == "supports"]
    assert [
        (r["subject_label"], r["object_label"], r["evidence"], r["confidence"]) for r in supports
    ] == [("Norland", "Valdoria", "Norland is on the side of Valdoria", "0.8")]
    parties = [r for r in rows if r["relation"] == "party"]
    assert {r["object_label"] for r in parties} == {"Valdoria", "Marenland"}
    assert all(r["evidence"] is None for r in parties)  # direct triples, no reification
    only_norland = both("alignments", data, {"actor": str(NORLAND)}).records()
    assert [r["relation"] for r in only_norland] == ["supports"]


def test_provenance_lists_spans_with_offsets(data):
    rows = both("provenance", data, {"node": str(VALDORIA)}).records()
    assert len(rows) == 7  # 4 mentions + evidence in article 1; 1 mention + evidence in 2
    for row in rows:
        text = TEXT if row["article"] == str(ARTICLE) else TEXT2
        assert text[int(row["begin"]) : int(row["end"])] == row["anchor"] == "Valdoria"
    assert {r["link"] for r in rows} == {"evidence", "mention"}


# -- parameters: errors and safety ---------------------------------------------


def test_missing_required_parameter(data):
    ds, store, _ = data
    for backend in (ds, store):
        with pytest.raises(InputError, match="missing required parameter 'node'"):
            run_query("provenance", backend)


@pytest.mark.parametrize(
    "value",
    [
        "not an iri",
        "relative/path",
        "http://example.org/a b",
        "http://example.org/a>",
        'http://example.org/"x',
        "http://example.org/{x}",
        "http://example.org/x\n",
        "http://example.org/x\\y",
        "",
    ],
)
def test_bad_iri_is_rejected(data, value):
    ds, store, _ = data
    for backend in (ds, store):
        with pytest.raises(InputError, match="must be an absolute IRI"):
            run_query("accusations", backend, {"speaker": value})


def test_unknown_parameter(data):
    ds, _, _ = data
    with pytest.raises(InputError, match="unknown parameter 'colour'"):
        run_query("accusations", ds, {"colour": "red"})
    with pytest.raises(InputError, match="unknown parameter"):
        run_query("mediation", ds, {"speaker": str(VALDORIA)})


@pytest.mark.slow
@pytest.mark.parametrize(
    "value",
    [
        'Denial" || true || "',
        "Denial') || true #",
        "Denial } UNION { ?s ?p ?o }",
        "Denial\n} UNION { ?statement ?p ?o } #",
        'x" ) } OPTIONAL { ?a ?b ?c } FILTER(true || ("',
    ],
)
def test_injection_in_a_literal_is_matched_as_a_literal(data, value):
    assert len(both("statements", data, {"type": value})) == 0
    # and the honest value still works
    assert len(both("statements", data, {"type": "Denial"})) == 1


@pytest.mark.parametrize(
    "value",
    [
        f"{VALDORIA}> }} UNION {{ ?s ?p ?o }} #",
        f'{VALDORIA}" || true || "',
        f"{VALDORIA}\n",
        f"{VALDORIA}>",
    ],
)
def test_injection_in_an_iri_is_rejected(data, value):
    ds, store, _ = data
    for backend in (ds, store):
        with pytest.raises(InputError):
            run_query("accusations", backend, {"speaker": value})


def test_bind_params_gives_rdf_terms():
    query = load_query("statements")
    bound = bind_params(query, {"speaker": str(VALDORIA), "type": "Denial"})
    assert bound == {"__speaker_iri": VALDORIA, "__type": Literal("Denial")}
    assert bind_params(query, {}) == {}


def test_parse_params():
    assert parse_params(["speaker=http://x.org/a=b", "?type= Denial"]) == {
        "speaker": "http://x.org/a=b",
        "type": " Denial",
    }
    with pytest.raises(InputError):
        parse_params(["novalue"])
    with pytest.raises(InputError):
        parse_params(["=x"])
    with pytest.raises(InputError):
        parse_params(["a=1", "a=2"])


# -- loading ---------------------------------------------------------------------


def test_load_query_by_name_and_path(tmp_path: Path, data):
    by_name = load_query("accusations")
    assert by_name.name == "accusations"
    assert load_query("accusations.rq").path == by_name.path
    assert load_query(by_name.path).text == by_name.text
    with pytest.raises(InputError, match="unknown query"):
        load_query("no-such-query")
    with pytest.raises(InputError, match="no such query file"):
        load_query(tmp_path / "missing.rq")

    custom = tmp_path / "labels-of.rq"
    custom.write_text(
        "#+ summary: The label of a node\n"
        "#+ tags: test, labels\n"
        "#+ params: ?_node_iri (IRI) the node; ?__min_xsd_integer unused here\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "# ?_commented_out is not a parameter\n"
        "SELECT DISTINCT ?label ?_node_iri ?__min_xsd_integer WHERE {\n"
        '  ?_node_iri rdfs:label ?label . FILTER(?label != "?_in_a_string")\n'
        "} ORDER BY ?label\n",
        encoding="utf-8",
    )
    query = load_query(custom)
    assert (query.name, query.summary, query.tags) == (
        "labels-of",
        "The label of a node",
        ["test", "labels"],
    )
    assert [(p.name, p.required, p.is_iri, p.datatype) for p in query.params] == [
        ("node", True, True, None),
        ("min", False, False, str(XSD.integer)),
    ]
    assert query.params[0].description == "the node"
    assert both(query, data, {"node": str(MARENLAND)}).rows == [["Marenland"]]
    assert both(str(custom), data, {"node": str(MARENLAND), "min": "3"}).rows == [["Marenland"]]
    with pytest.raises(InputError, match="xsd:integer"):
        run_query(query, data[0], {"node": str(MARENLAND), "min": "three"})


def test_invalid_sparql_is_an_input_error(tmp_path: Path, data):
    ds, store, _ = data
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: broken\nSELECT ?x WHERE { ?x ", encoding="utf-8")
    for backend in (ds, store):
        with pytest.raises(InputError, match="invalid SPARQL"):
            run_query(bad, backend)


# -- rendering ---------------------------------------------------------------------


def test_renderers():
    table = ResultTable(
        ["name", "note"],
        [["Valdoria", 'said "no", then\tleft\nquietly'], ["[bold]x[/bold]", None]],
    )
    csv_text = table.to_csv()
    assert csv_text.splitlines()[0] == "name,note"
    assert '"said ""no"", then\tleft\nquietly"' in csv_text
    tsv_lines = table.to_tsv().splitlines()
    assert tsv_lines == [
        "name\tnote",
        'Valdoria\tsaid "no", then\\tleft\\nquietly',
        "[bold]x[/bold]\t",
    ]
    assert json.loads(table.to_json()) == [
        {"name": "Valdoria", "note": 'said "no", then\tleft\nquietly'},
        {"name": "[bold]x[/bold]", "note": None},
    ]
    assert table.render("json") == table.to_json()
    with pytest.raises(InputError):
        table.render("xml")

    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(table.to_rich_table(title="test"))
    shown = console.export_text()
    assert "[bold]x[/bold]" in shown  # cell values are not read as markup
    assert "Valdoria" in shown


def test_numbers_are_canonical_on_both_backends():
    ds = Dataset()
    g = ds.graph(URIRef("http://example.org/g"))
    g.add((URIRef("http://example.org/s"), NG.confidence, Literal("0.80", datatype=XSD.decimal)))
    query_text = (
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nSELECT ?c WHERE { ?s ng:confidence ?c }"
    )
    from newsgraph.query import parse_query_text

    query = parse_query_text(query_text)
    assert run_query(query, ds).rows == [["0.8"]]
    assert run_query(query, rdflib_to_oxigraph(ds)).rows == [["0.8"]]


# Listing queries whose rows come from one article each; the others list corpus nodes
# (actors, mediation groups with their articles) or Wikidata facts.
ARTICLE_ROWS = ["accusations", "alignments", "casualty-claims", "ceasefire-calls",
                "contradictions", "denials", "provenance", "statements", "timeline"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ARTICLE_ROWS)
def test_listing_rows_give_their_article_title_and_date(name, data):
    params = {"node": str(VALDORIA)} if name == "provenance" else {}
    table = both(name, data, params)
    assert {"article_title", "article_date"} <= set(table.columns)
    for row in table.records():
        expected = {str(ARTICLE): "test_article", str(ARTICLE2): "second_article"}
        assert row["article_title"] == expected[row["article"]], (name, row)


# -- which casualty figures contradict each other ----------------------------------------
# Four sources on one strike in an article of our own: 40 against 25 cannot both be right;
# "at least 30" agrees with 40 but not with 25; "more than 900" in the whole war is a total
# the strike's dead are part of, not a contradiction of any of them.
STRIKE = ("Ruritanian officials said 40 civilians were killed in the market strike. "
          "Bordurian officials said 25 civilians were killed there. Monitors said at least "
          "30 civilians were killed. More than 900 civilians have been killed in the war, "
          "the United Nations said.")


def strike_data():
    article = URIRef(ID + "article/5151515151515151")
    ds = Dataset()
    a = ArticleBuilder(ds, article, STRIKE, "strike")
    strike = a.node("event", NG.Event, "the market strike", eventType=NG.Attack)
    sources = []
    for key, label in (("rur", "Ruritanian officials"), ("bor", "Bordurian officials"),
                       ("mon", "Monitors"), ("un", "United Nations")):
        node = URIRef(f"{article}/entity/{key}")
        a.entity(node, NG.Group, label, [(label, 0)])
        sources.append(node)
    figures = [("40 civilians were killed", 40, NG.Exactly),
               ("25 civilians were killed", 25, NG.Exactly),
               ("at least 30 civilians were killed", 30, NG.AtLeast),
               ("More than 900 civilians have been killed", 900, NG.MoreThan)]
    for (evidence, count, qualifier), source in zip(figures, sources, strict=True):
        figure = a.node("figure", NG.CasualtyFigure, evidence, casualtyType=NG.Killed,
                        victims=NG.Civilians, countQualifier=qualifier,
                        count=Literal(count, datatype=XSD.nonNegativeInteger))
        about = {} if count == 900 else {"about": strike}
        a.node("statement", NG.Statement, evidence, statementType=NG.Claim, speaker=source,
               reportsFigure=figure, **about)
    return ds, rdflib_to_oxigraph(ds), {}


@pytest.mark.slow
def test_contradicting_figures_are_those_that_cannot_both_be_right():
    rows = both("contradictions", strike_data()).records()
    assert {(r["first_source_label"], r["second_source_label"], r["detail"]) for r in rows} == {
        ("Ruritanian officials", "Bordurian officials",
         "Killed - Exactly 40 Civilians against Exactly 25 Civilians"),
        ("Bordurian officials", "Monitors",
         "Killed - Exactly 25 Civilians against AtLeast 30 Civilians"),
    }
