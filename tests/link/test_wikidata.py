"""Online Wikidata linking, ``gazetteer refresh`` and ``wikidata-enrich.rq`` over HTTP.

Every request goes to 127.0.0.1: a real Oxigraph server loaded with
``tests/fixtures/wikidata.ttl`` (real items with verified QIDs, fictional items
numbered Q99000000xx), and small misbehaving servers (tests/wikidata_fixtures.py).
SPARQLWrapper is not mocked; waits go through an injected ``sleep``.
"""

from __future__ import annotations

import datetime as dt
import json
import warnings

import pytest
from rdflib import RDFS, Graph, Literal, Namespace, URIRef
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.link.gazetteer import GAZETTEER_DIR
from newsgraph.link.wikidata.cache import CACHE_ENV, default_cache_dir
from newsgraph.link.wikidata.online import (
    Candidate,
    OnlineLinker,
    SparqlClient,
    WikidataWarning,
    check_endpoint,
    choose,
    labels_query,
    lookup_labels,
    retry_after,
    values_clause,
)
from newsgraph.model import Article, Entity, Extraction
from newsgraph.publish.serialize import write
from newsgraph.query import bind_service_iris, load_query, rdflib_to_oxigraph, run_query
from newsgraph.query.params import bind_params

from ..conftest import SEED
from ..wikidata_fixtures import FakeServer, OxigraphServer, free_port

runner = CliRunner()

# An article of our own about made-up people and places (and Armenia, which the
# gazetteer links offline).
STORY = """Veldoria accuses Armenia of shelling border villages

Veldoria's President Marta Quell said on Monday that Armenian forces had shelled three \
villages near Port Aster. The Coastal Monitoring Mission said it was investigating the \
reports. Officials in Lindmoor denied the accusations.
"""
FICTIONAL = "Q99000000"
WD = Namespace("http://www.wikidata.org/entity/")
WD_P31 = URIRef("http://www.wikidata.org/prop/direct/P31")


@pytest.fixture(scope="module")
def oxigraph():
    server = OxigraphServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_server():
    servers: list[FakeServer] = []

    def make(mode: str, **options) -> FakeServer:
        servers.append(FakeServer(mode, **options))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def down_url() -> str:
    return f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there


def entity(label: str, type_: str, wikidata: str | None = None) -> Entity:
    return Entity(key=label.lower().replace(" ", "_"), label=label, type=type_,
                  wikidata=wikidata)


def extraction(*entities: Entity) -> Extraction:
    article = Article(identifier="test", text="text")
    return Extraction(article=article, entities={e.key: e for e in entities})


def links(x: Extraction) -> dict[str, str | None]:
    return {e.label: e.wikidata for e in x.entities.values()}


# -- choosing a candidate (no server) -------------------------------------------------

HUMAN = Candidate("Q1", ("label",), ("Q5",))
COUNTRY = Candidate("Q2", ("label",), ("Q6256",))
STATE = Candidate("Q3", ("label",), ("Q3624078",))
CITY = Candidate("Q4", ("label",), ("Q515",))
CITY_ALIAS = Candidate("Q5", ("alias",), ("Q515",))
ORG = Candidate("Q6", ("alias",), ("Q43229",))
DISAMBIGUATION = Candidate("Q7", ("label",), ("Q4167410",))
NO_CLASS = Candidate("Q8", ("label",), ())


@pytest.mark.parametrize(
    ("candidates", "entity_type", "expected"),
    [
        ([HUMAN, COUNTRY, CITY], "Person", "Q1"),
        ([COUNTRY, CITY], "Person", None),  # a person only links to a human
        ([HUMAN, COUNTRY], "Country", "Q2"),
        ([HUMAN, STATE], "Country", "Q3"),  # sovereign state counts as country
        ([HUMAN, CITY], "Country", None),
        ([HUMAN, COUNTRY, ORG], "Organization", "Q6"),
        ([HUMAN, COUNTRY], "Organization", None),  # never a human or a country
        ([ORG], "MediationGroup", "Q6"),
        ([HUMAN, CITY], "Place", "Q4"),  # anything but a human
        ([COUNTRY, CITY], "Place", None),  # two label matches: ambiguous
        ([CITY, CITY_ALIAS], "Place", "Q4"),  # a label match beats an alias match
        ([CITY_ALIAS, ORG], "Place", None),  # two alias matches: ambiguous
        ([CITY_ALIAS], "Place", "Q5"),
        ([DISAMBIGUATION, NO_CLASS], "Place", None),  # never such items
        ([CITY], "Group", None),  # groups and conflicts are not looked up
        ([CITY], "Conflict", None),
        ([], "Place", None),
        (None, "Place", None),  # too many candidates
    ],
)
def test_choose_applies_type_constraints_and_breaks_ties_only_by_label(
        candidates, entity_type, expected):
    assert choose(candidates, entity_type) == expected


def test_names_are_bound_as_escaped_literals_never_as_query_text():
    hostile = ['Port" } ?item ?p ?o . { "x', "Line\nbreak \\ tab\t", "Ünïcode ✓"]
    graph = Graph()
    for n, name in enumerate(hostile, start=1):
        graph.add((WD[f"Q{n}"], RDFS.label, Literal(name, lang="en")))
        graph.add((WD[f"Q{n}"], WD_P31, WD.Q5))
    graph.add((WD.Q9, RDFS.label, Literal("Port", lang="en")))
    graph.add((WD.Q9, WD_P31, WD.Q5))
    rows = graph.query(labels_query() + values_clause(hostile))
    assert sorted((str(row.name), str(row.item)) for row in rows) == sorted(
        (name, str(WD[f"Q{n}"])) for n, name in enumerate(hostile, start=1))


def test_retry_after_accepts_seconds_and_http_dates():
    now = dt.datetime(2024, 1, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert retry_after("0") == 0.0
    assert retry_after(" 7 ") == 7.0
    assert retry_after("Mon, 01 Jan 2024 12:00:30 GMT", now) == 30.0
    assert retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


@pytest.mark.parametrize("url", ["ftp://example.org/sparql", "query.wikidata.org/sparql",
                                 "file:///etc/passwd", "http://", "http://a b/"])
def test_endpoint_must_be_an_http_url(url):
    with pytest.raises(InputError):
        check_endpoint(url)


def test_cache_dir_defaults_to_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv(CACHE_ENV)
    assert default_cache_dir().parts[-2:] == (".cache", "newsgraph")


# -- online linking against Oxigraph ----------------------------------------------------


def test_lookup_returns_items_by_english_or_mul_label_or_alias(oxigraph):
    client = SparqlClient(oxigraph.url)
    answers = dict(lookup_labels(client, ["Georgia", "kestrel bay", "CMM", "Anouk Brel",
                                          "Hafenstadt Nord", "head of state"]))
    assert {c.qid for c in answers["Georgia"]} == {
        "Q230", "Q9900000010", "Q9900000011", "Q9900000012"}
    assert [(c.qid, c.kinds) for c in answers["kestrel bay"]] == [
        ("Q9900000030", ("label",)), ("Q9900000031", ("alias",))]
    assert answers["CMM"] == [Candidate("Q9900000040", ("alias",), ("Q43229",))]
    assert answers["Anouk Brel"][0].qid == "Q9900000070"  # "mul" label
    assert answers["Hafenstadt Nord"] == []  # German label only
    assert answers["head of state"] == []  # properties are not items
    assert client.requests == 1  # one batch


def test_online_linking_follows_the_rules(oxigraph, tmp_path):
    x = extraction(
        entity("Armenia", "Country", "Q399"),  # offline link: kept
        entity("Kestrel Bay Harbour", "Place", "Q9900000030"),  # offline, even if "wrong"
        entity("Marta Quell", "Person"),
        entity("Port aster", "Place"),  # case is ignored; the human namesake is not a place
        entity("Kestrel Bay", "Place"),  # label beats alias
        entity("CMM", "Organization"),  # alias
        entity("Veldoria", "Organization"),  # an organisation is never a country
        entity("Lindmoor", "Place"),  # two places: ambiguous
        entity("Orlen Vale", "Place"),  # no class
        entity("Tartar", "Place"),  # only a human has that name
        entity("Georgia", "Country"),  # the gazetteer calls it ambiguous: not asked
        entity("Anouk Brel", "Person"),
        entity("Hafenstadt Nord", "Place"),
        entity("Veldorian sources", "Group"),
    )
    linker = OnlineLinker(oxigraph.url, cache_dir=tmp_path)
    linker.link(x)
    assert links(x) == {
        "Armenia": "Q399", "Kestrel Bay Harbour": "Q9900000030", "Marta Quell": "Q9900000002",
        "Port aster": "Q9900000003", "Kestrel Bay": None, "CMM": "Q9900000040",
        "Veldoria": None, "Lindmoor": None, "Orlen Vale": None, "Tartar": None,
        "Georgia": None, "Anouk Brel": "Q9900000070", "Hafenstadt Nord": None,
        "Veldorian sources": None,
    }  # "Kestrel Bay" would be Q9900000030, which the article already uses
    assert x.entities["marta_quell"].link_confidence == 0.7
    assert x.entities["armenia"].link_confidence is None  # untouched
    assert linker.linked == 4
    cached = json.loads((tmp_path / "wikidata-labels.json").read_text())["endpoints"]
    assert "Georgia" not in cached[oxigraph.url] and "Armenia" not in cached[oxigraph.url]


def test_two_entities_never_get_the_same_item(oxigraph, tmp_path):
    x = extraction(entity("Coastal Monitoring Mission", "Organization"),
                   entity("CMM", "Organization"))
    OnlineLinker(oxigraph.url, cache_dir=tmp_path).link(x)
    assert links(x) == {"Coastal Monitoring Mission": None, "CMM": None}


def test_a_label_is_asked_once_and_then_read_from_the_cache(oxigraph, fake_server, tmp_path):
    proxy = fake_server("429-then-proxy", upstream=oxigraph.url, failures=0)
    for _ in range(2):  # two builds, two linkers, one cache directory
        linker = OnlineLinker(proxy.url, cache_dir=tmp_path)
        place = Entity(key="place", label="Marta Quell", type="Place")
        x = extraction(entity("Marta Quell", "Person"), place)
        linker.link(x)  # one answer serves both types
        assert x.entities["marta_quell"].wikidata == "Q9900000002"
        assert place.wikidata is None  # a place is not a human
    assert len(proxy.seen) == 1
    cached = json.loads((tmp_path / "wikidata-labels.json").read_text())
    assert cached["endpoints"][proxy.url]["Marta Quell"] == [["Q9900000002", ["label"], ["Q5"]]]


def test_requests_name_the_project_and_long_queries_are_posted(oxigraph, fake_server):
    proxy = fake_server("429-then-proxy", upstream=oxigraph.url, failures=0)
    client = SparqlClient(proxy.url)
    dict(lookup_labels(client, ["Veldoria"]))
    dict(lookup_labels(client, [f"Place number {n}" for n in range(20)]))
    agent = proxy.seen[0].headers["User-Agent"]
    assert agent.startswith(f"newsgraph/{newsgraph.__version__} (")
    assert "https://w3id.org/newsgraph" in agent and "@" in agent and "SPARQLWrapper/" in agent
    assert [seen.method for seen in proxy.seen] == ["GET", "POST"]
    assert proxy.seen[0].headers["Accept"].startswith("application/sparql-results+json")


def test_429_is_retried_after_the_time_the_server_asks(oxigraph, fake_server, tmp_path):
    proxy = fake_server("429-then-proxy", upstream=oxigraph.url, failures=2)
    waits: list[float] = []
    linker = OnlineLinker(proxy.url, cache_dir=tmp_path, sleep=waits.append)
    x = extraction(entity("Marta Quell", "Person"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: it worked in the end
        linker.link(x)
    assert x.entities["marta_quell"].wikidata == "Q9900000002"
    assert waits == [0.0, 0.0] and len(proxy.seen) == 3


def test_a_retry_after_beyond_the_limit_gives_up(oxigraph, fake_server, tmp_path):
    proxy = fake_server("429-then-proxy", upstream=oxigraph.url, failures=5,
                        retry_after="3600")
    waits: list[float] = []
    linker = OnlineLinker(proxy.url, cache_dir=tmp_path, sleep=waits.append, max_wait=60)
    x = extraction(entity("Marta Quell", "Person"))
    with pytest.warns(WikidataWarning, match="3600"):
        linker.link(x)
    assert links(x) == {"Marta Quell": None} and waits == [] and len(proxy.seen) == 1


# -- a failing endpoint never fails a build -----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["down", "garbage", "json-garbage", "hang"])
def test_a_failing_endpoint_leaves_the_build_complete_with_offline_links(
        mode, story, fake_server, tmp_path):
    server = None if mode == "down" else fake_server(mode)
    url = down_url() if server is None else server.url
    linker = OnlineLinker(url, cache_dir=tmp_path / "cache", timeout=0.5,
                          sleep=lambda s: pytest.fail("no retry expected"))
    other = story.with_name("other.txt")
    other.write_text("Marta Quell met officials in Port Aster on Tuesday.\n", encoding="utf-8")
    offline = newsgraph.build([story])
    with pytest.warns(WikidataWarning) as caught:
        result = newsgraph.build([story, other], online=linker)  # two articles, one warning
    assert len([w for w in caught if w.category is WikidataWarning]) == 1
    assert "keeping the offline links" in str(caught[0].message)
    assert result.report.conforms
    assert links(result.extractions[0]) == links(offline.extractions[0])
    assert links(result.extractions[0])["Armenia"] == "Q399"
    assert linker.error is not None and linker.linked == 0
    if server is not None:
        assert len(server.seen) == 1  # no retry, and nothing asked for the second article
    assert not (tmp_path / "cache" / "wikidata-labels.json").exists()  # failures not cached


def test_build_links_online_and_keeps_every_offline_link_of_the_seed(
        oxigraph, seed_build, tmp_path):
    result = newsgraph.build([SEED], linking="wikidata", endpoint=oxigraph.url,
                             cache_dir=tmp_path)
    assert result.report.conforms
    assert links(result.extractions[0]) == links(seed_build.extractions[0])  # no decoy taken
    assert not any(FICTIONAL in (e.wikidata or "")
                   for e in result.extractions[0].entities.values())


# -- the command line ---------------------------------------------------------------------


def test_cli_build_with_wikidata_linking(oxigraph, story, tmp_path):
    out = tmp_path / "story.ttl"
    result = runner.invoke(app, ["build", str(story), "-o", str(out), "--link", "wikidata",
                                 "--endpoint", oxigraph.url, "--cache-dir",
                                 str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    assert "linked online" in result.stderr and "warning" not in result.stderr
    text = out.read_text()
    assert "Q9900000002" in text and "Q399" in text  # Marta Quell online, Armenia offline
    assert (tmp_path / "cache" / "wikidata-labels.json").is_file()


def test_cli_build_with_an_endpoint_down_warns_once_and_succeeds(story, tmp_path):
    out = tmp_path / "story.ttl"
    result = runner.invoke(app, ["build", str(story), "-o", str(out), "--link", "wikidata",
                                 "--endpoint", down_url(), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    warnings_ = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings_) == 1 and warnings_[0].startswith("newsgraph: warning: ")
    assert "Q399" in out.read_text() and "0 linked online" in result.stderr


@pytest.mark.parametrize(("option", "value"), [("--link", "dbpedia"),
                                                ("--endpoint", "ftp://example.org/sparql")])
def test_cli_build_rejects_bad_linking_options(story, tmp_path, option, value):
    args = ["build", str(story), "-o", str(tmp_path / "x.ttl"), "--cache-dir", str(tmp_path)]
    if option == "--endpoint":
        args += ["--link", "wikidata"]
    result = runner.invoke(app, [*args, option, value])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and value in result.stderr
    assert not (tmp_path / "x.ttl").exists()


# -- gazetteer refresh ----------------------------------------------------------------------


def test_refresh_rewrites_the_package_gazetteer_unchanged(oxigraph, tmp_path):
    result = runner.invoke(app, ["gazetteer", "refresh", "--endpoint", oxigraph.url,
                                 "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    entries = [json.loads(line) for path in sorted(GAZETTEER_DIR.glob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with_qid = sum(1 for entry in entries if entry["qid"])
    assert f"{len(entries)} entries, {with_qid} with a QID (0 new)" in result.stderr
    for path in sorted(GAZETTEER_DIR.glob("*.jsonl")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def _line(**entry) -> str:
    """A gazetteer line: keys in the gazetteer's order, ``verified`` last."""
    verified = entry.pop("verified", [])
    return json.dumps({"id": entry.pop("id"), "qid": entry.pop("qid", None),
                       "type": entry.pop("type"), "label": entry.pop("label"),
                       "aliases": entry.pop("aliases", []), **entry, "verified": verified},
                      ensure_ascii=False)


def test_refresh_fills_missing_qids_and_keeps_verified_ones(oxigraph, tmp_path):
    source, output = tmp_path / "source", tmp_path / "out"
    source.mkdir()
    armenia = _line(id="armenia", qid="Q399", type="Country", label="Armenia",
                    demonyms=["Armenian"], verified=["owid/owid-grapher:countries.ts"])
    lines = [
        _line(id="veldoria", type="Country", label="Veldoria", capital="Port Aster"),
        armenia,
        _line(id="georgia_decoy", type="Country", label="Georgia", ambiguous=True),
        _line(id="lindmoor", type="Place", label="Lindmoor", country="veldoria"),
        _line(id="kestrel_bay", qid="Q9900000031", type="Place", label="Kestrel Bay",
              verified=["a note of ours"]),
        _line(id="cmm", type="Organization", label="CMM"),
        _line(id="coastal_monitoring_mission", type="Organization",
              label="Coastal Monitoring Mission"),
        _line(id="veldorians", type="Group", label="Veldoria"),
    ]
    (source / "things.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (source / "people.jsonl").write_text(
        _line(id="marta_quell", type="Person", label="Marta Quell", office="President of "
              "Veldoria") + "\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "refresh", "--endpoint", oxigraph.url,
                                 "--source", str(source), "--output", str(output)])
    assert result.exit_code == 0, result.output
    rows = {}
    for name in ("things.jsonl", "people.jsonl"):
        for line in (output / name).read_text(encoding="utf-8").splitlines():
            rows[json.loads(line)["id"]] = (line, json.loads(line))
    note = [f"{oxigraph.url} refresh {dt.date.today().isoformat()}"]
    assert rows["veldoria"][1]["qid"] == "Q9900000001" and rows["veldoria"][1]["verified"] == note
    assert list(rows["veldoria"][1]) == ["id", "qid", "type", "label", "aliases", "capital",
                                         "verified"]
    assert rows["marta_quell"][1]["qid"] == "Q9900000002"
    assert rows["armenia"][0] == armenia  # unchanged, notes and all
    assert rows["kestrel_bay"][1]["qid"] == "Q9900000031"  # kept, disagreement reported
    assert rows["kestrel_bay"][1]["verified"] == ["a note of ours"]
    assert "kept: kestrel_bay Q9900000031 (the endpoint names Q9900000030)" in result.stderr
    for entry_id in ("georgia_decoy", "lindmoor", "cmm", "coastal_monitoring_mission",
                     "veldorians"):
        assert rows[entry_id][1]["qid"] is None and rows[entry_id][1]["verified"] == [], entry_id
    assert "not given: cmm Q9900000040" in result.stderr
    assert [json.loads(line)["id"] for line in
            (output / "things.jsonl").read_text().splitlines()] == sorted(
        ["veldoria", "armenia", "georgia_decoy", "lindmoor", "kestrel_bay", "cmm",
         "coastal_monitoring_mission", "veldorians"])
    assert "9 entries, 4 with a QID (2 new)" in result.stderr


@pytest.mark.slow
def test_refresh_onto_a_file_in_the_way_is_one_line_exit_2(oxigraph, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = runner.invoke(app, ["gazetteer", "refresh", "--endpoint", oxigraph.url,
                                 "--output", str(blocker / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "not-a-dir" in result.stderr
    assert blocker.read_text() == "x"


def test_refresh_with_the_endpoint_down_writes_nothing(tmp_path):
    result = runner.invoke(app, ["gazetteer", "refresh", "--endpoint", down_url(),
                                 "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


# -- wikidata-enrich.rq: a federated query -------------------------------------------------

EXPECTED_FACTS = {
    ("Armenia", "capital", "Yerevan"),
    ("Armenia", "head of government", "Nikol Pashinyan"),
    ("France", "head of state", "Emmanuel Macron"),
    ("Emmanuel Macron", "country of citizenship", "France"),
    ("Russia", "head of state", "Vladimir Putin"),
    ("Turkey", "head of state", "Recep Tayyip Erdoğan"),
}


def test_enrich_query_fetches_facts_through_service(oxigraph, seed_build, tmp_path):
    out = tmp_path / "seed.trig"
    write(seed_build.dataset, out)
    result = runner.invoke(app, ["query", "wikidata-enrich", "--data", str(out), "--param",
                                 f"endpoint={oxigraph.url}", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    facts = {(r["label"], r["fact"], r["value_label"]) for r in rows}
    assert facts >= EXPECTED_FACTS
    assert all(r["wikidata"].startswith("http://www.wikidata.org/entity/Q") for r in rows)
    # The embedded store (pyoxigraph) gives the same rows as rdflib.
    store_rows = run_query("wikidata-enrich", rdflib_to_oxigraph(seed_build.dataset),
                           {"endpoint": oxigraph.url}).records()
    assert sorted(map(str, store_rows)) == sorted(map(str, rows))


def test_enrich_query_asks_once_per_linked_entity(oxigraph, seed_build, fake_server):
    proxy = fake_server("429-then-proxy", upstream=oxigraph.url, failures=0)
    table = run_query("wikidata-enrich", seed_build.dataset, {"endpoint": proxy.url})
    linked = {e.wikidata for e in seed_build.extractions[0].entities.values() if e.wikidata}
    assert len(proxy.seen) == len(linked)  # rdflib binds ?wikidata in each SERVICE call
    assert {r["wikidata"] for r in table.records()} <= {
        f"http://www.wikidata.org/entity/{q}" for q in linked}


@pytest.mark.parametrize("value", ["file:///etc/passwd", "urn:x:y",
                                   "http://example.org/>{}", "not an iri"])
def test_enrich_query_endpoint_must_be_an_http_iri(seed_build, value):
    with pytest.raises(InputError):
        run_query("wikidata-enrich", seed_build.dataset, {"endpoint": value})


def test_service_iri_is_written_only_into_service_clauses():
    query = load_query("wikidata-enrich")
    bindings = bind_params(query, {"endpoint": "http://127.0.0.1:1/sparql"})
    bound = bind_service_iris(query, bindings)
    assert "SERVICE <http://127.0.0.1:1/sparql> {" in bound.text
    assert "SERVICE ?_endpoint_iri" not in bound.text
    assert bound.text.count("?_endpoint_iri") == query.text.count("?_endpoint_iri") - 1
    assert bind_service_iris(load_query("accusations"), {}) == load_query("accusations")


def test_enrich_query_with_the_endpoint_down_is_a_one_line_error(seed_build, tmp_path):
    out = tmp_path / "seed.ttl"
    write(seed_build.dataset, out)
    result = runner.invoke(app, ["query", "wikidata-enrich", "--data", str(out), "--param",
                                 f"endpoint={down_url()}"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "SERVICE" in result.stderr
