"""Every catalog query on the seed: its expected rows, the same on files (rdflib), the
embedded store (pyoxigraph) and an endpoint (SPARQLWrapper against the Oxigraph server
that ``newsgraph serve`` runs).

Expected rows are kept in ``tests/golden/queries/NAME.json`` (rewrite them with
``make goldens`` after an intended change); the key rows are also asserted
here, so that a golden file cannot quietly encode a bug.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.publish.serialize import write
from newsgraph.query import Endpoint, ResultTable, list_queries, load_query, run_query
from newsgraph.store import embedded as st
from newsgraph.validate import load_data

from ..conftest import ROOT
from ..wikidata_fixtures import OxigraphServer, serve_store

pytestmark = pytest.mark.slow  # every query on three backends, two Oxigraph servers

GOLDEN = ROOT / "tests" / "golden" / "queries"
ID = "https://w3id.org/newsgraph/id/"
WD = "http://www.wikidata.org/entity/"
ARMENIA = ID + "entity/Q399"
CATALOG = [q.name for q in list_queries()]
runner = CliRunner()


@pytest.fixture(scope="module")
def backends(seed_build, tmp_path_factory):
    """The seed as a file, in an embedded store and behind a read-only server; and a
    server with Wikidata-shaped data for wikidata-enrich's SERVICE calls."""
    directory = tmp_path_factory.mktemp("catalog")
    trig = directory / "seed.trig"
    write(seed_build.dataset, trig)
    st.load(directory / "store", [trig])
    wikidata = OxigraphServer().start()
    server = None
    try:
        server = serve_store(directory / "store")
        yield {
            "files": load_data([trig]),
            "store": st.open_store(directory / "store", read_only=True),
            "endpoint": Endpoint(server.query_url),
            "trig": trig,
            "wikidata": wikidata.url,
        }
    finally:
        if server is not None:
            server.stop()
        wikidata.stop()


def params_for(name: str, backends: dict) -> dict[str, str]:
    return {"provenance": {"node": ARMENIA},
            "actor-profile": {"actor": ARMENIA},
            "wikidata-enrich": {"endpoint": backends["wikidata"]}}.get(name, {})


def run_everywhere(name: str, backends: dict, params: dict[str, str] | None = None
                   ) -> ResultTable:
    """The table on all three backends, which must agree row for row."""
    params = params_for(name, backends) if params is None else params
    tables = {kind: run_query(name, backends[kind], params)
              for kind in ("files", "store", "endpoint")}
    files = tables["files"]
    for kind in ("store", "endpoint"):
        assert tables[kind].columns == files.columns, (name, kind)
        assert tables[kind].rows == files.rows, (name, kind)
    return files


@pytest.mark.parametrize("name", CATALOG)
def test_query_gives_its_expected_rows_on_all_three_backends(name, backends, golden):
    records = run_everywhere(name, backends).records()
    expected = golden.records(GOLDEN / f"{name}.json", records)
    assert records == expected, (f"{name} differs from {name}.json; if the change is "
                                 "intended, run `make goldens` and review the diff")


def test_every_catalog_query_is_covered():
    assert {"actors", "statements", "accusations", "denials", "contradictions",
            "casualty-claims", "ceasefire-calls", "mediation", "timeline", "alignments",
            "provenance", "wikidata-enrich"} <= set(CATALOG)


def test_query_list_shows_each_query_with_its_summary():
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(CATALOG)
    for line, name in zip(lines, CATALOG, strict=True):
        assert line.split()[0] == name
        assert line[len(name):].strip() == load_query(name).summary


# -- the key rows --------------------------------------------------------------------


def pick(records: list[dict], *columns: str) -> list[tuple]:
    return [tuple(r[c] for c in columns) for r in records]


def test_accusations(backends):
    rows = run_everywhere("accusations", backends).records()
    assert ("Armenia", "Turkey", "accused", WD + "Q399", WD + "Q43") in pick(
        rows, "speaker_label", "target_label", "cue", "speaker_wikidata", "target_wikidata")
    assert ("Ilham Aliyev", "Armenia") in pick(rows, "speaker_label", "target_label")
    assert {("Azerbaijan", "Armenia"), ("Armenia", "Azerbaijan")} <= set(
        pick(rows, "speaker_label", "target_label"))


def test_statements_and_denials(backends):
    statements = run_everywhere("statements", backends).records()
    assert ("Denial", "Ilham Aliyev", "This is fake news") in pick(
        statements, "type", "speaker_label", "quote")
    assert ("Support", "Russia") in pick(statements, "type", "speaker_label")
    only = run_everywhere("statements", backends, {"type": "denial"}).records()
    assert pick(only, "type", "speaker_label") == [("Denial", "Ilham Aliyev")]
    (denial,) = run_everywhere("denials", backends).records()
    assert (denial["speaker_label"], denial["refuted_type"], denial["refuted_speaker_label"]) \
        == ("Ilham Aliyev", "Accusation", "Armenia")
    assert denial["refuted_evidence"].startswith("Armenia had previously accused Turkey")


def test_contradictions(backends):
    rows = run_everywhere("contradictions", backends).records()
    # "more than 200 people have been killed" so far against "19 civilians killed": other
    # victims, and a part of a larger total, so not a contradiction.
    assert pick(rows, "kind", "first_source_label", "second_source_label") == [
        ("counter-accusation", "Azerbaijan", "Armenia"),
        ("refutation", "Ilham Aliyev", "Armenia"),
    ]
    _, refutation = rows
    assert refutation["detail"] == "Denial refutes Accusation"
    assert {(r["article_title"], r["article_date"]) for r in rows} == {
        ("000_497c8b1f4ab63ad2", "2020-10-04")}  # no title: the identifier
    # Only the contradictions Armenia (by its Wikidata item) is a party to.
    by_item = run_everywhere("contradictions", backends, {"actor": WD + "Q399"}).records()
    assert [r["kind"] for r in by_item] == ["counter-accusation", "refutation"]


def test_casualty_claims(backends):
    rows = run_everywhere("casualty-claims", backends).records()
    assert pick(rows, "source_label", "count", "qualifier", "casualty_type", "victims") == [
        ("Armenian sources in Nagorno-Karabakh", "200", "MoreThan", "Killed", "People"),
        ("Azerbaijan", "19", "Exactly", "Killed", "Civilians"),
        ("Azerbaijan", "60", "Exactly", "Injured", "Civilians"),
    ]


def test_ceasefire_calls_and_mediation(backends):
    calls = run_everywhere("ceasefire-calls", backends).records()
    assert ("Appeal", "Emmanuel Macron") in pick(calls, "type", "speaker_label")
    (group,) = run_everywhere("mediation", backends).records()
    # one label per corpus node: the gazetteer's, whatever this article wrote
    assert (group["group_label"], group["mediators"]) == ("OSCE Minsk Group",
                                                          "France; Russia; United States")
    assert group["parent_label"] == "Organization for Security and Co-operation in Europe"
    assert group["conflict_label"] == "Nagorno-Karabakh conflict"


def test_timeline_and_alignments(backends):
    events = run_everywhere("timeline", backends).records()
    first = events[0]
    assert (first["date"], first["time_expression"], first["type"]) == (
        "2020-10-03", "on Saturday", "Fighting")
    assert first["participants"] == "Armenia; Azerbaijan"
    assert all(e["date"] is None for e in events[1:])
    relations = run_everywhere("alignments", backends).records()
    assert ("Turkey", "supports", "Azerbaijan") in pick(
        relations, "subject_label", "relation", "object_label")
    assert ("Nagorno-Karabakh", "legallyPartOf", "Azerbaijan") in pick(
        relations, "subject_label", "relation", "object_label")


def test_actors_and_provenance(backends, seed_build):
    actors = run_everywhere("actors", backends).records()
    armenia = next(r for r in actors if r["entity"] == ARMENIA)
    assert (armenia["type"], armenia["label"], armenia["wikidata"]) == ("Country", "Armenia",
                                                                       WD + "Q399")
    spans = run_everywhere("provenance", backends).records()
    assert len(spans) == int(armenia["mentions"]) + 1  # every mention, plus the evidence
    text = str(seed_build.extractions[0].article.text)
    for row in spans:
        assert text[int(row["begin"]):int(row["end"])] == row["anchor"]
    assert {r["link"] for r in spans} == {"evidence", "mention"}


def test_wikidata_enrich_and_gazetteer_labels(backends):
    facts = run_everywhere("wikidata-enrich", backends).records()
    assert {("Armenia", "capital", "Yerevan"), ("France", "head of state", "Emmanuel Macron"),
            ("Turkey", "head of state", "Recep Tayyip Erdoğan")} <= set(
        pick(facts, "label", "fact", "value_label"))
    assert run_everywhere("gazetteer-labels", backends).rows == []  # no Wikidata items here


def test_cli_gives_the_same_output_from_files_store_and_endpoint(backends, tmp_path):
    store_dir = backends["trig"].parent / "store"
    sources = [["--data", backends["trig"]], ["--store", store_dir],
               ["--endpoint", backends["endpoint"].url]]
    for fmt in ("json", "csv", "tsv", "table"):
        outputs = []
        for source in sources:
            result = runner.invoke(app, ["query", "casualty-claims", *map(str, source),
                                         "--format", fmt])
            assert result.exit_code == 0, result.output
            outputs.append(result.stdout)
        assert outputs[0] == outputs[1] == outputs[2], fmt
    both = runner.invoke(app, ["query", "actors", "--data", str(backends["trig"]),
                               "--endpoint", backends["endpoint"].url])
    assert both.exit_code == 2 and "cannot be used together" in both.stderr
    none = runner.invoke(app, ["query", "actors"])
    assert none.exit_code == 2 and "--store DIR" in none.stderr


@pytest.mark.parametrize("value", ['Denial" || true || "', 'a\n\\"', "Denial } UNION { ?s ?p ?o }",
                                   "x\" ) } OPTIONAL { ?a ?b ?c } #"])
def test_endpoint_parameters_are_bound_as_terms(backends, value):
    assert run_everywhere("statements", backends, {"type": value}).rows == []


def test_endpoint_rejects_unsafe_iris(backends):
    from newsgraph.errors import InputError

    with pytest.raises(InputError, match="absolute IRI"):
        run_query("accusations", backends["endpoint"], {"speaker": f"{ARMENIA}> }} #"})


# -- contradictions on a corpus of our own ------------------------------------------------
# tests/contradictions/: two wire stories written for this test. The station story has two
# sources giving different tolls of civilians killed in one strike (a true contradiction);
# the convoy story has four civilians killed in one ambush beside "more than 7,000" in the
# whole war (a part of a larger total), and soldiers against civilians (other victims).

CORPUS = ROOT / "tests" / "contradictions"


@pytest.fixture(scope="module")
def corpus_data(tmp_path_factory):
    import newsgraph

    directory = tmp_path_factory.mktemp("contradictions")
    trig = directory / "corpus.trig"
    newsgraph.build([CORPUS], trig)
    st.load(directory / "store", [trig])
    return {"files": load_data([trig]),
            "store": st.open_store(directory / "store", read_only=True)}


def test_contradictions_on_a_corpus_keep_the_true_pair_only(corpus_data, golden):
    tables = {kind: run_query("contradictions", corpus_data[kind], {})
              for kind in ("files", "store")}
    assert tables["files"].rows == tables["store"].rows
    records = tables["files"].records()
    assert records == golden.records(GOLDEN / "contradictions-corpus.json", records)
    figures = [r for r in records if r["kind"] == "casualty figures"]
    pairs = {(r["first_evidence"], r["second_evidence"]) for r in figures}
    assert ("52 civilians were killed", "20 civilians were killed") in pairs
    true_pair = next(r for r in figures if r["first_evidence"] == "52 civilians were killed")
    assert true_pair["detail"] == "Killed - Exactly 52 Civilians against Exactly 20 Civilians"
    assert (true_pair["article_title"], true_pair["article_date"]) == (
        "Officials and Moscow give different tolls for Kramatorsk station strike", "2022-04-09")
    evidence = {text for pair in pairs for text in pair}
    for not_the_same in ("killing four civilians", "More than 7,000 civilians have been killed",
                         "30 soldiers were killed"):
        assert not_the_same not in evidence, not_the_same
