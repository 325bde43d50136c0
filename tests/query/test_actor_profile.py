"""actor-profile across a corpus: one actor's statements, events and figures from every
article that names it, on files (rdflib), the embedded store (pyoxigraph) and an endpoint
(the Oxigraph server that ``newsgraph serve`` runs), which must agree row for row.

The corpus is the three Karabakh stories of tests/corpus/articles (our own text); the
analyst Tomas Varga speaks in all three and has no Wikidata item, so his rows come together
only through his corpus identity (entity/person/tomas-varga).
Expected rows are in ``tests/golden/queries/actor-profile-corpus.json``.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.query import Endpoint, run_query
from newsgraph.store import embedded as st
from newsgraph.validate import load_data

from ..conftest import ROOT
from ..wikidata_fixtures import serve_store

pytestmark = pytest.mark.slow  # a corpus build and an Oxigraph server

ARTICLES = ROOT / "tests" / "corpus" / "articles"
KARABAKH = [ARTICLES / f"{name}.txt" for name in ("c01_ganja", "c02_truce", "c03_deal")]
GOLDEN = ROOT / "tests" / "golden" / "queries" / "actor-profile-corpus.json"
VARGA = "https://w3id.org/newsgraph/id/entity/person/tomas-varga"


@pytest.fixture(scope="module")
def karabakh(tmp_path_factory):
    directory = tmp_path_factory.mktemp("actor-profile")
    trig = directory / "karabakh.trig"
    newsgraph.build(KARABAKH, trig)
    st.load(directory / "store", [trig])
    server = serve_store(directory / "store")
    try:
        yield {"files": load_data([trig]),
               "store": st.open_store(directory / "store", read_only=True),
               "endpoint": Endpoint(server.query_url), "trig": trig}
    finally:
        server.stop()


def test_one_actor_from_all_three_articles_on_all_backends(karabakh, golden):
    tables = {kind: run_query("actor-profile", karabakh[kind], {"actor": VARGA})
              for kind in ("files", "store", "endpoint")}
    for kind in ("store", "endpoint"):
        assert tables[kind].columns == tables["files"].columns, kind
        assert tables[kind].rows == tables["files"].rows, kind
    records = tables["files"].records()
    assert records == golden.records(GOLDEN, records)
    spoke = [r for r in records if r["role"] == "speaker"]
    assert len({r["article"] for r in spoke}) == 3
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)
    assert "Tomas Varga, of the Caucasus Policy Institute, said the deal left the status " \
        "of the region undecided." in {r["evidence"] for r in spoke}


def test_the_actor_may_be_given_by_its_wikidata_item(karabakh):
    by_node = run_query("actor-profile", karabakh["files"],
                        {"actor": "https://w3id.org/newsgraph/id/entity/Q399"}).records()
    by_item = run_query("actor-profile", karabakh["files"],
                        {"actor": "http://www.wikidata.org/entity/Q399"}).records()
    assert by_item == by_node and {r["role"] for r in by_item} >= {"speaker", "target"}


def test_cli_actor_profile_needs_the_actor(karabakh):
    runner = CliRunner()
    missing = runner.invoke(app, ["query", "actor-profile", "--data", str(karabakh["trig"])])
    assert missing.exit_code == 2
    found = runner.invoke(app, ["query", "actor-profile", "--data", str(karabakh["trig"]),
                                "--param", f"actor={VARGA}", "--format", "csv"])
    assert found.exit_code == 0, found.output
    for title in ("Aliyev rejects talks until Armenian withdrawal",
                  "Humanitarian truce breaks down", "Russia brokers deal"):
        assert title in found.stdout
