"""The embedded store, ``newsgraph serve`` and ``newsgraph publish``, against real
Oxigraph servers on 127.0.0.1 (and small scripted HTTP servers for failures)."""

from __future__ import annotations

import base64
import json
import socket
import ssl
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Literal, Namespace, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.publish.serialize import union, write
from newsgraph.query import Endpoint, list_queries, run_query
from newsgraph.store import embedded as st
from newsgraph.store import graph_store
from newsgraph.store.server import DEFAULT_BIND, Server, ServerError, command
from newsgraph.validate import load_data

from ..wikidata_fixtures import LOCALHOST, free_port

pytestmark = pytest.mark.slow  # Oxigraph servers

NG = Namespace("https://w3id.org/newsgraph/ontology#")
EX = Namespace("http://example.org/")
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
runner = CliRunner()


def invoke(*args: object, env: dict[str, str] | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def seed_files(seed_build, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("seed")
    files = {}
    for suffix in ("trig", "ttl", "nq", "nt", "jsonld"):
        files[suffix] = out / f"seed.{suffix}"
        write(seed_build.dataset, files[suffix])
    return files


@pytest.fixture(scope="module")
def seed_store(seed_files, tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("store") / "db"
    st.load(directory, [seed_files["trig"]])
    return directory


def newsgraph_serve(store: Path, writable: bool = False) -> Server:
    """``newsgraph serve`` as a user runs it, on a free port."""
    for _ in range(3):  # the free port may be taken between probing and binding
        bind = f"{LOCALHOST}:{free_port()}"
        argv = [NEWSGRAPH, "serve", "--store", str(store), "--bind", bind]
        try:
            return Server(store, bind, writable, argv=argv + (["--writable"] if writable
                                                               else [])).start()
        except ServerError:
            continue
    raise RuntimeError("could not start newsgraph serve")


def quads_of(store: ox.Store) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store}


def article_of(dataset: Dataset) -> str:
    return str(next(dataset.subjects(RDF.type, NG.Article)))


# -- the embedded store ---------------------------------------------------------------


def test_load_puts_each_article_in_its_graph_and_reloading_replaces_it(seed_build, seed_files,
                                                                        tmp_path):
    directory = tmp_path / "db"
    article = article_of(seed_build.dataset)
    report = st.load(directory, [seed_files["trig"]])
    assert (report.added, report.replaced) == ([article], [])
    size = len(union(seed_build.dataset))
    assert report.triples == size
    again = st.load(directory, [seed_files["trig"]])
    assert (again.added, again.replaced) == ([], [article])
    store = st.open_store(directory, read_only=True)
    assert st.graph_names(store) == [article] and len(store) == size  # no duplicates
    del store

    # A new version of the article replaces its graph; another article is added.
    changed = Dataset()
    graph = changed.graph(URIRef(article))
    for triple in list(seed_build.dataset.graph(URIRef(article)))[:10]:
        graph.add(triple)
    graph.add((EX.new, RDF.type, NG.Statement))
    changed.graph(EX.other).add((EX.other, RDF.type, NG.Article))
    write(changed, tmp_path / "changed.nq", describe=False)
    result = invoke("load", tmp_path / "changed.nq", "--store", directory)
    assert result.exit_code == 0, result.output
    assert "1 new, 1 replaced" in result.stderr
    store = st.open_store(directory, read_only=True)
    assert len(store) == 12
    assert ox.Quad(ox.NamedNode(str(EX.new)), ox.NamedNode(str(RDF.type)),
                   ox.NamedNode(str(NG.Statement)), ox.NamedNode(article)) in store


@pytest.mark.parametrize("suffix", ["ttl", "nt", "jsonld", "nq"])
def test_every_format_of_one_article_loads_into_its_graph(seed_files, seed_store, tmp_path,
                                                         suffix):
    st.load(tmp_path / "db", [seed_files[suffix]])
    expected = quads_of(st.open_store(seed_store, read_only=True))
    assert quads_of(st.open_store(tmp_path / "db", read_only=True)) == expected


def test_a_bad_file_changes_nothing(seed_files, tmp_path):
    directory = tmp_path / "db"
    st.load(directory, [seed_files["trig"]])
    before = quads_of(st.open_store(directory, read_only=True))
    two = Dataset()
    two.graph(EX.a).add((EX.a, RDF.type, NG.Article))
    two.graph(EX.b).add((EX.b, RDF.type, NG.Article))
    write(two, tmp_path / "two.ttl", describe=False)
    broken = tmp_path / "broken.nq"
    broken.write_text("<http://example.org/s> <http://example.org/p> .\n")
    for bad, reason in [(tmp_path / "two.ttl", "2 articles in one graph"),
                        (broken, "not valid"), (tmp_path / "missing.trig", "no such file"),
                        (tmp_path / "x.csv", "unknown extension")]:
        with pytest.raises(InputError, match=reason):
            st.load(directory, [seed_files["nq"], bad])
        result = invoke("load", bad, "--store", directory)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1
    assert quads_of(st.open_store(directory, read_only=True)) == before


def test_awkward_literals_survive_the_store(tmp_path):
    values = ['a\\u0022b', 'quote " and \\ backslash', "line\nbreak\r\ttab", "\u2028 Ærø 😀"]
    ds = Dataset()
    graph = ds.graph(EX.article)
    graph.add((EX.article, RDF.type, NG.Article))
    for i, value in enumerate(values):
        graph.add((EX[f"s{i}"], NG.quote, Literal(value)))
    graph.add((EX.s9, NG.quote, Literal("Arménie", lang="fr")))
    write(ds, tmp_path / "odd.trig", describe=False)
    st.load(tmp_path / "db", [tmp_path / "odd.trig"])
    store = st.open_store(tmp_path / "db", read_only=True)
    found = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(NG.quote)),
                                                                  None)}
    assert found == {*values, "Arménie"}


def test_a_store_in_use_is_a_clear_error(seed_files, tmp_path):
    directory = tmp_path / "db"
    holder = st.open_store(directory)  # a writer holds the lock
    with pytest.raises(st.StoreError, match="cannot open the store"):
        st.load(directory, [seed_files["trig"]])
    result = invoke("load", seed_files["trig"], "--store", directory)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    del holder
    missing = invoke("query", "actors", "--store", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "no newsgraph store" in missing.stderr


# -- newsgraph serve -------------------------------------------------------------------


def test_serve_is_read_only_on_localhost_by_default(seed_store, tmp_path):
    argv = command(seed_store)
    assert argv[1] == "serve-read-only" and DEFAULT_BIND == "127.0.0.1:7878"
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:7878"
    assert "--union-default-graph" in argv
    assert command(seed_store, writable=True)[1] == "serve"
    assert invoke("serve", "--store", tmp_path / "none").exit_code == 2
    bad_bind = invoke("serve", "--store", seed_store, "--bind", "7878")
    assert bad_bind.exit_code == 2 and "HOST:PORT" in bad_bind.stderr


def test_serve_on_a_port_in_use_prints_no_address_and_one_error_line(seed_store):
    with socket.socket() as taken:  # another program listens on the port
        taken.bind((LOCALHOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([NEWSGRAPH, "serve", "--store", str(seed_store), "--bind",
                                 f"{LOCALHOST}:{port}"], capture_output=True, text=True,
                                timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "serving" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsgraph: "), result.stderr
    assert f"{LOCALHOST}:{port}" in lines[0] and "in use" in lines[0]


def test_serve_answers_sparqlwrapper_and_plain_get_and_refuses_updates(seed_store, seed_build):
    size = len(union(seed_build.dataset))
    with newsgraph_serve(seed_store) as server:
        client = SPARQLWrapper(server.query_url)
        client.setQuery(COUNT)
        client.setReturnFormat(JSON)
        answer = client.query().convert()
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == size

        # A plain GET, as the SPARQL 1.1 Protocol describes it.
        request = urllib.request.Request(
            f"{server.query_url}?{urllib.parse.urlencode({'query': COUNT})}",
            headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Type"].startswith("application/sparql-results+json")
            data = json.loads(response.read())
        assert int(data["results"]["bindings"][0]["n"]["value"]) == size

        # The default graph is the union of the article graphs.
        union_rows = run_query("actors", Endpoint(server.query_url))
        assert union_rows.rows == run_query("actors", seed_build.dataset).rows

        # Updates and Graph Store writes are refused.
        for url, body, kind in [
            (server.update_url, b"INSERT DATA { <http://a> <http://b> <http://c> }",
             "application/sparql-update"),
            (f"{server.store_url}?graph=http://x", b"<http://a> <http://b> <http://c> .",
             "text/turtle"),
        ]:
            write_request = urllib.request.Request(url, data=body, method="PUT" if "store"
                                                   in url else "POST",
                                                   headers={"Content-Type": kind})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(write_request, timeout=10)
            assert refused.value.code == 403
        client.setQuery(COUNT)
        assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) == size
    assert server.returncode == 0  # SIGTERM stops newsgraph serve and its server cleanly


# -- newsgraph publish -----------------------------------------------------------------

QUERIES = [q.name for q in list_queries() if q.name != "wikidata-enrich"]


def test_publish_then_query_gives_the_same_rows_as_the_file(seed_files, seed_build, tmp_path):
    article = article_of(seed_build.dataset)
    local = load_data([seed_files["ttl"]])
    with newsgraph_serve(tmp_path / "served", writable=True) as server:
        result = invoke("publish", seed_files["trig"], "--endpoint", server.store_url)
        assert result.exit_code == 0, result.output
        size = len(union(seed_build.dataset))
        assert result.stdout == f"published {article} ({size} triples)\n"
        endpoint = Endpoint(server.query_url)
        for name in QUERIES:
            armenia = "https://w3id.org/newsgraph/id/entity/Q399"
            params = {"provenance": {"node": armenia},
                      "actor-profile": {"actor": armenia}}.get(name, {})
            assert run_query(name, endpoint, params).rows == run_query(name, local,
                                                                       params).rows, name
        cli = [invoke("query", "contradictions", *source, "--format", "json").stdout
               for source in (["--endpoint", server.query_url], ["--data", seed_files["ttl"]])]
        assert cli[0] == cli[1] and json.loads(cli[0])

        # Publishing again replaces the graph; --graph puts a file in one graph.
        assert invoke("publish", seed_files["nq"], "--endpoint", server.store_url).exit_code == 0
        assert invoke("publish", seed_files["ttl"], "--endpoint", server.store_url,
                      "--graph", "http://example.org/all").exit_code == 0
        names = run_query(_graphs_query(tmp_path), endpoint).rows
        assert names == [["http://example.org/all", str(size)], [article, str(size)]]

        # The writable server accepts updates.
        update = urllib.request.Request(
            server.update_url, data=b"INSERT DATA { GRAPH <http://x> { <http://a> <http://b> 1 } }",
            method="POST", headers={"Content-Type": "application/sparql-update"})
        with urllib.request.urlopen(update, timeout=10) as response:
            assert response.status in (200, 204)


def _graphs_query(tmp_path: Path) -> Path:
    path = tmp_path / "graphs.rq"
    path.write_text("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                    "GROUP BY ?g ORDER BY ?g\n")
    return path


class ScriptedStore:
    """A Graph Store that answers PUTs with the given status codes, in order."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = list(statuses)
        self.seen: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_PUT(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.seen.append((self.path, dict(self.headers)))
                status = outer.statuses.pop(0) if outer.statuses else 500
                self.send_response(status)
                if status == 307:
                    self.send_header("Location", "http://127.0.0.1:1/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer((LOCALHOST, 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://{LOCALHOST}:{self.server.server_address[1]}/store"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def two_articles(tmp_path) -> Path:
    ds = Dataset()
    for name in ("a", "b"):
        ds.graph(EX[name]).add((EX[name], RDF.type, NG.Article))
    write(ds, tmp_path / "two.trig", describe=False)
    return tmp_path / "two.trig"


def test_publish_reports_only_what_was_published(two_articles):
    fake = ScriptedStore([201, 500])
    try:
        result = invoke("publish", two_articles, "--endpoint", fake.url)
    finally:
        fake.close()
    assert result.exit_code == 1
    assert result.stdout == f"published {EX.a} (1 triples)\n"
    (line,) = result.stderr.strip().splitlines()
    assert "HTTP 500" in line and "1 of 2 graphs published before the failure" in line
    assert [path for path, _ in fake.seen] == [
        "/store?" + urllib.parse.urlencode({"graph": str(g)}) for g in (EX.a, EX.b)]


@pytest.mark.parametrize(("statuses", "expected"),
                         [([401], "HTTP 401"), ([307], "HTTP 307"), ([], "HTTP 500")])
def test_publish_failure_is_one_line_and_exit_1(two_articles, statuses, expected):
    fake = ScriptedStore(statuses)
    try:
        result = invoke("publish", two_articles, "--endpoint", fake.url)
    finally:
        fake.close()
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert expected in line and "nothing published" in line
    assert len(fake.seen) == 1  # a redirect is not followed


def test_publish_to_nothing_listening(two_articles):
    url = f"http://{LOCALHOST}:{free_port()}/store"
    result = invoke("publish", two_articles, "--endpoint", url)
    assert result.exit_code == 1 and result.stdout == ""
    assert "refused" in result.stderr and "nothing published" in result.stderr


def test_publish_credentials_come_from_the_environment(two_articles):
    fake = ScriptedStore([204, 204, 204, 204])
    try:
        token = invoke("publish", two_articles, "--endpoint", fake.url,
                       env={"NEWSGRAPH_TOKEN": "s3cret"})
        basic = invoke("publish", two_articles, "--endpoint", fake.url,
                       env={"NEWSGRAPH_USER": "ann", "NEWSGRAPH_PASSWORD": "pw:1"})
    finally:
        fake.close()
    assert token.exit_code == 0 and basic.exit_code == 0, basic.output
    auth = [headers.get("Authorization") for _, headers in fake.seen]
    pair = base64.b64encode(b"ann:pw:1").decode()
    assert auth == ["Bearer s3cret"] * 2 + [f"Basic {pair}"] * 2
    options = invoke("publish", "--help").stdout.lower()
    assert "--user" not in options and "--password" not in options and "--token" not in options


def test_publish_refuses_unsafe_credentials(two_articles):
    in_url = invoke("publish", two_articles, "--endpoint", "http://ann:pw@127.0.0.1:1/store")
    assert in_url.exit_code == 2 and "credentials in the URL" in in_url.stderr
    plain = invoke("publish", two_articles, "--endpoint", "http://example.org/store",
                   env={"NEWSGRAPH_TOKEN": "s3cret"})
    assert plain.exit_code == 1 and "plain http" in plain.stderr  # refused before connecting
    half = invoke("publish", two_articles, "--endpoint", "https://example.org/store",
                  env={"NEWSGRAPH_USER": "ann"})
    assert half.exit_code == 1 and "NEWSGRAPH_PASSWORD" in half.stderr


def test_publish_verifies_tls():
    handlers = graph_store._opener().handlers
    (https,) = [h for h in handlers if isinstance(h, urllib.request.HTTPSHandler)]
    context = https._context
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_query_on_a_failing_endpoint_is_one_line_and_exit_1():
    from ..wikidata_fixtures import FakeServer

    down = invoke("query", "actors", "--endpoint", f"http://{LOCALHOST}:{free_port()}/query")
    assert down.exit_code == 1 and "refused" in down.stderr
    assert len(down.stderr.strip().splitlines()) == 1
    for mode, reason in [("garbage", "not SPARQL JSON results"),
                         ("json-garbage", "not SPARQL JSON results")]:
        fake = FakeServer(mode)
        try:
            result = invoke("query", "actors", "--endpoint", fake.url)
        finally:
            fake.close()
        assert result.exit_code == 1, result.output
        assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
