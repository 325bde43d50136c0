"""The HTML report without a browser: what it shows, how it embeds data, the command.

A small graph written by hand (``tiny_graph``) pins down the views exactly
(edges, conflicting figures, mediation, timeline) independently of what the
extraction rules find; the seed build checks the invariants on real output.
The page in a browser is tested in ``test_report_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.rdf.namespace import NG, WD
from newsgraph.report import ACTOR_DEFINITION, actor_iris, render, report_data, write_report
from newsgraph.report.render import asset
from newsgraph.report.views import segments

from ..conftest import SEED

ID = Namespace("http://example.org/id/")

TEXT = ("Ruritania accused Borduria of shelling Zenda. Borduria denied it. "
        "Ruritania said 12 civilians were killed on 3 May. Borduria said 3 civilians were "
        "killed. The Contact Group, chaired by Syldavia, mediates the Zenda war.")

ACTORS_SPARQL = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
SELECT DISTINCT ?actor WHERE {
  VALUES ?class { ng:Person ng:Country ng:Organization ng:MediationGroup ng:Group }
  ?actor a ?class ; ng:mention ?mention .
}"""


def tiny_graph(text: str = TEXT, label: str = "Ruritania") -> Graph:
    """Two states trading accusations and numbers, a mediation group, a narrator."""
    g = Graph()
    art = ID["article/a"]
    g.add((art, RDF.type, NG.Article))
    g.add((art, NG["text"], Literal(text)))
    g.add((art, DCTERMS.identifier, Literal("tiny")))

    def mention(phrase: str, nth: int = 0) -> URIRef:
        begin = [m.start() for m in re.finditer(re.escape(phrase), text)][nth]
        node = ID[f"article/a/mention/{begin}-{begin + len(phrase)}"]
        g.add((node, RDF.type, NG.Mention))
        g.add((node, NG.beginIndex, Literal(begin, datatype=XSD.nonNegativeInteger)))
        g.add((node, NG.endIndex, Literal(begin + len(phrase), datatype=XSD.nonNegativeInteger)))
        g.add((node, NG.anchorOf, Literal(phrase)))
        g.add((node, NG.inArticle, art))
        return node

    def entity(key: str, cls: URIRef, name: str, *phrases: tuple[str, int], qid: str = ""):
        node = ID[f"entity/{key}"]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(name)))
        for phrase, nth in phrases:
            g.add((node, NG.mention, mention(phrase, nth)))
        if qid:
            g.add((node, OWL.sameAs, WD[qid]))
        return node

    def item(key: str, cls: URIRef, evidence: str, nth: int = 0, **props) -> URIRef:
        node = ID[f"article/a/{key}"]
        g.add((node, RDF.type, cls))
        g.add((node, NG.evidence, mention(evidence, nth)))
        g.add((node, NG.reportedIn, art))
        g.add((node, NG.confidence, Literal(0.8)))
        for name, values in props.items():
            for value in values if isinstance(values, list) else [values]:
                g.add((node, NG[name], value))
        return node

    rur = entity("rur", NG.Country, label, ("Ruritania", 0), ("Ruritania", 1), qid="Q1")
    bor = entity("bor", NG.Country, "Borduria", ("Borduria", 0), ("Borduria", 1),
                 ("Borduria", 2))
    syl = entity("syl", NG.Country, "Syldavia", ("Syldavia", 0))
    group = entity("cg", NG.MediationGroup, "Contact Group", ("Contact Group", 0))
    war = entity("war", NG.Conflict, "Zenda war", ("Zenda war", 0))
    zenda = entity("zenda", NG.Place, "Zenda", ("Zenda", 0))
    narrator = entity("narrator", NG.Group, "author of article tiny")
    g.add((art, DCTERMS.publisher, narrator))
    shelling = item("event/1", NG.Event, "shelling", eventType=NG.Attack,
                    trigger=Literal("shelling"), agent=bor, place=zenda)
    item("event/2", NG.Event, "killed on 3 May", eventType=NG.Attack, trigger=Literal("killed"),
         date=Literal("2020-05-03", datatype=XSD.date))
    accusation = item("statement/1", NG.Statement,
                      "Ruritania accused Borduria of shelling Zenda.",
                      statementType=NG.Accusation, speaker=rur, target=bor,
                      cue=Literal("accused"), about=shelling)
    item("statement/2", NG.Statement, "Borduria denied it.", statementType=NG.Denial,
         speaker=bor, cue=Literal("denied"), refutes=accusation)
    f12 = item("figure/1", NG.CasualtyFigure, "12 civilians were killed",
               count=Literal(12), countQualifier=NG.Exactly, casualtyType=NG.Killed,
               victims=NG.Civilians)
    f3 = item("figure/2", NG.CasualtyFigure, "3 civilians were killed", count=Literal(3),
              countQualifier=NG.Exactly, casualtyType=NG.Killed, victims=NG.Civilians)
    item("statement/3", NG.Statement, "Ruritania said 12 civilians were killed",
         statementType=NG.Report, speaker=rur, reportsFigure=f12)
    item("statement/4", NG.Statement, "Borduria said 3 civilians were killed",
         statementType=NG.Report, speaker=bor, reportsFigure=f3)
    for s, p, o in ((group, NG.mediator, syl), (group, NG.mediates, war), (war, NG.party, rur)):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="module")
def tiny() -> dict:
    return report_data(tiny_graph())


def edges(view: dict) -> set[tuple[str, str, str, str]]:
    label = {k: e["label"] for k, e in view["entities"].items()}
    return {(label[e["source"]], e["type"], label[e["target"]], e["how"])
            for e in view["network"]["edges"]}


def test_network_nodes_are_the_actors_plus_needed_context(tiny):
    nodes = {(tiny["entities"][n["entity"]]["label"], n["kind"])
             for n in tiny["network"]["nodes"]}
    assert nodes == {("Ruritania", "actor"), ("Borduria", "actor"), ("Syldavia", "actor"),
                     ("Contact Group", "actor"), ("Zenda war", "context")}
    # the narrator is a Group but never mentioned: not an actor (see ACTOR_DEFINITION)
    assert "mention" in ACTOR_DEFINITION


def test_edges_follow_targets_and_answered_statements(tiny):
    assert edges(tiny) == {
        ("Ruritania", "Accusation", "Borduria", "target"),
        ("Borduria", "Denial", "Ruritania", "refutes"),  # the denial answers the accuser
        ("Contact Group", "mediator", "Syldavia", "relation"),
        ("Contact Group", "mediates", "Zenda war", "relation"),
        ("Zenda war", "party", "Ruritania", "relation"),
    }


def test_wikidata_link_only_for_linked_actors(tiny):
    qids = {e["label"]: e["qid"] for e in tiny["entities"].values()}
    assert qids["Ruritania"] == "Q1" and qids["Borduria"] is None


def test_conflicting_figures_side_by_side(tiny):
    (table,) = tiny["tables"]["figures"]
    sources = [tiny["entities"][s]["label"] for s in table["sources"]]
    assert sources == ["Ruritania", "Borduria"]
    (row,) = table["rows"]
    assert (row["casualtyType"], row["victims"], row["conflicting"]) == (
        "killed", "civilians", True)
    values = [[tiny["figures"][f]["value"] for f in cell] for cell in row["cells"]]
    assert values == [["12"], ["3"]]


def test_statements_by_speaker_mediation_and_timeline(tiny):
    by_speaker = {tiny["entities"][g["speaker"]]["label"]: len(g["statements"])
                  for g in tiny["tables"]["bySpeaker"]}
    assert by_speaker == {"Borduria": 2, "Ruritania": 2}
    (group,) = tiny["tables"]["mediation"]
    label = {k: e["label"] for k, e in tiny["entities"].items()}
    assert (label[group["group"]], [label[m] for m in group["mediators"]],
            [label[c] for c in group["conflicts"]]) == ("Contact Group", ["Syldavia"],
                                                         ["Zenda war"])
    dates = [tiny["events"][v]["date"] for v in tiny["tables"]["timeline"]]
    assert dates == ["2020-05-03", None]  # dated events first


def test_statement_details_carry_what_was_extracted(tiny):
    accusation = next(s for s in tiny["statements"].values() if s["type"] == "Accusation")
    assert accusation["typeLabel"] == "accusation"
    assert accusation["confidence"] == 0.8 and accusation["cue"] == "accused"
    assert accusation["evidence"] == "Ruritania accused Borduria of shelling Zenda."
    denial = next(s for s in tiny["statements"].values() if s["type"] == "Denial")
    assert accusation["refutedBy"] == [denial["id"]]
    report = next(s for s in tiny["statements"].values() if s["figures"])
    assert tiny["figures"][report["figures"][0]]["sources"] == report["speakers"]


def test_segments_cover_the_text_and_mark_triggers(tiny):
    (article,) = tiny["articles"]
    assert "".join(seg[0] for seg in article["segments"]) == TEXT
    marked = {seg[0] for seg in article["segments"] if any(k.startswith("V") for k in seg[2])}
    assert marked == {"shelling", "killed"}


def test_segments_split_overlapping_spans():
    out = segments("abcdefgh", [("S1", 0, 6), ("S2", 3, 8)], [("M1", 1, 4), ("M2", 2, 4)])
    assert out == [["a", ["S1"], []], ["b", ["S1"], ["M1"]], ["c", ["S1"], ["M2", "M1"]],
                   ["d", ["S2", "S1"], ["M2", "M1"]], ["ef", ["S2", "S1"], []],
                   ["gh", ["S2"], []]]


@given(st.text(min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8))
def test_segments_property(text, raw):
    spans = [(f"S{i}", b, e) for i, (b, e) in enumerate(raw)]
    out = segments(text, spans[::2], spans[1::2])
    assert "".join(seg[0] for seg in out) == text
    position = 0
    for piece, outer, inner in out:
        expected = {k for k, b, e in spans
                    if 0 <= b < e <= len(text) and b <= position and position + len(piece) <= e}
        assert set(outer) | set(inner) == expected
        position += len(piece)


def test_seed_actors_and_segments(seed_build):
    view = report_data(seed_build.dataset)
    graph_actors = {str(row.actor) for row in seed_build.dataset.query(ACTORS_SPARQL)}
    drawn = [view["entities"][n["entity"]]["iri"] for n in view["network"]["nodes"]
             if n["kind"] == "actor"]
    assert sorted(drawn) == sorted(graph_actors) == sorted(actor_iris(seed_build.dataset))
    (article,) = view["articles"]
    text = str(next(seed_build.dataset.objects(None, NG["text"])))
    assert "".join(seg[0] for seg in article["segments"]) == text
    highlighted = {k for seg in article["segments"] for k in seg[1]}
    assert highlighted == set(view["statements"])


def _between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


def test_page_is_self_contained_and_deterministic(seed_build):
    page = render(seed_build.dataset)
    assert page == render(seed_build.dataset)
    assert not re.search(r"<(script|img|iframe|link)[^>]*\b(src|href)=", page)
    csp = _between(page, 'http-equiv="Content-Security-Policy" content="', '"')
    assert "default-src &#x27;none&#x27;" in csp
    script = _between(page, "<noscript>", "</body>").split("<script>", 1)[1].rsplit(
        "</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"sha256-{digest}" in csp  # only this exact inline script may run


def test_untrusted_text_cannot_escape_the_data_block():
    evil = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> & \u2028"
    text = TEXT + " " + evil
    page = render(tiny_graph(text, label="Ruri<b>tania</b>"), title="<i>t</i>")
    assert "alert(1)</script>" not in page and "<img src=x" not in page
    assert "<b>tania" not in page and "<i>t</i>" not in page
    blob = _between(page, '<script type="application/json" id="report-data">', "</script>")
    data = json.loads(blob)
    assert "".join(seg[0] for seg in data["articles"][0]["segments"]) == text
    script = asset("report.js") + asset("network.js")
    assert not re.search(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write", script)


def test_write_report_is_atomic(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    write_report(tiny_graph(), target)
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    with pytest.raises(InputError, match="does not exist"):
        write_report(tiny_graph(), tmp_path / "missing" / "report.html")


runner = CliRunner()


def test_cli_report_from_rdf_and_from_articles(tmp_path, seed_build):
    rdf = tmp_path / "seed.trig"
    rdf.write_text(seed_build.dataset.serialize(format="trig"))
    out = tmp_path / "from-rdf.html"
    result = runner.invoke(app, ["report", str(rdf), "-o", str(out), "--title", "Seed"])
    assert result.exit_code == 0, result.output
    assert "<title>Seed</title>" in out.read_text()
    out2 = tmp_path / "from-articles.html"
    result = runner.invoke(app, ["report", str(SEED), "-o", str(out2)])
    assert result.exit_code == 0, result.output
    assert out2.stat().st_size > 20_000


@pytest.mark.parametrize(("name", "reason"), [("missing.ttl", "no such file"),
                                              ("broken.ttl", "cannot parse"),
                                              ("empty.txt", "empty")])
def test_cli_report_bad_input_exits_2(tmp_path, name, reason):
    if name != "missing.ttl":
        (tmp_path / name).write_text("<a> <b> ." if name.endswith(".ttl") else "")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(tmp_path / name), "-o", str(out)])
    assert result.exit_code == 2
    assert reason in result.stderr and not out.exists()


def test_network_groups_partition_the_edges_and_keep_every_actor(tiny, seed_build):
    for view in (tiny, report_data(seed_build.dataset)):
        net = view["network"]
        drawn = sorted(i for g in net["groups"] for i in g["edges"])
        assert drawn == list(range(len(net["edges"])))  # every edge in exactly one drawing
        actors = {n["entity"] for n in net["nodes"] if n["kind"] == "actor"}
        shown = {k for g in net["groups"] for k in g["nodes"] + g["loose"]}
        assert actors <= shown
        for g in net["groups"]:
            ends = {k for i in g["edges"] for k in (net["edges"][i]["source"],
                                                   net["edges"][i]["target"])}
            assert set(g["nodes"]) == ends and not set(g["loose"]) & ends


def test_articles_about_one_conflict_share_a_drawing(seed_build):
    view = report_data(seed_build.dataset)
    (group,) = view["network"]["groups"]
    assert group["label"] == "Nagorno-Karabakh conflict"
    assert group["articles"] == [a["id"] for a in view["articles"]]


def test_script_and_stylesheet_colour_every_type_of_the_ontology() -> None:
    """report.js picks a colour class for exactly the ontology's statement types,
    relation predicates and entity types, and report.css defines one for each."""
    from newsgraph import vocabulary

    script, css = asset("report.js"), asset("report.css")
    for function, names in [("typeClass", vocabulary.STATEMENT_TYPES),
                            ("relClass", vocabulary.RELATION_PREDICATES),
                            ("kindClass", vocabulary.ENTITY_TYPES)]:
        listed = re.search(rf"const {function} = .*?\[(.*?)\]", script, re.S)
        assert listed is not None, function
        assert sorted(re.findall(r'"(\w+)"', listed.group(1))) == sorted(names), function
    for prefix, names in [("t", vocabulary.STATEMENT_TYPES), ("k", vocabulary.ENTITY_TYPES)]:
        for name in names:
            assert re.search(rf"\.{prefix}-{name}\b", css), f".{prefix}-{name}"


def test_kind_preference_orders_every_entity_type() -> None:
    from newsgraph.report.collect import KIND_PREFERENCE
    from newsgraph.vocabulary import ENTITY_TYPES

    assert sorted(KIND_PREFERENCE) == sorted(ENTITY_TYPES)
