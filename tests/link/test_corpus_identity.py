"""Corpus identity end to end on tests/corpus/articles (seven stories of our own text).

The same entity gets the same IRI whatever the article order, the number of workers, or
how the corpus is split over runs into a ``--store``; and the gold of which mentions are
the same entity across articles (tests/corpus/identity.yaml) is met with no wrong merge.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

import newsgraph
from newsgraph.store import embedded as st
from newsgraph.validate import load_data

from ..conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
ARTICLES = sorted((CORPUS / "articles").glob("*.txt"))
ID = "https://w3id.org/newsgraph/id/"


def measuring_script():
    spec = importlib.util.spec_from_file_location(
        "corpus_identity", ROOT / "scripts" / "corpus_identity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entity_iris(quads) -> set[tuple[str, str]]:
    """(article graph, entity IRI) for every node with a mention: what identity decides."""
    return {(str(g), str(s)) for s, p, _, g in quads if str(p).endswith("#mention")}


@pytest.fixture(scope="module")
def in_order(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("identity") / "in-order.trig"
    newsgraph.build(ARTICLES, out)
    return out


def measured(data: Path, gold: str) -> dict:
    """scripts/corpus_identity.py's measure of ``data`` against tests/corpus/GOLD."""
    script = measuring_script()
    entities = yaml.safe_load((CORPUS / gold).read_text(encoding="utf-8"))
    return script.measure(script.union(load_data([data])), entities)


def test_the_gold_merges_are_made_and_no_wrong_one(in_order):
    result = measured(in_order, "identity.yaml")
    assert result["wrong"] == []
    assert (result["merged"], result["total"]) == (22, 22), result["split"]
    nodes = result["nodes"]
    assert nodes["tomas_varga"] == [ID + "entity/person/tomas-varga"]
    assert nodes["karabakh_conflict"] == [ID + "entity/conflict/nagorno-karabakh"]
    assert nodes["daniel_okafor"] != nodes["grace_okafor"]
    assert "/article/" in nodes["georgia_country"][0]  # ambiguous: stays in its article
    assert "/article/" in nodes["georgia_us_state"][0]


def test_reversed_order_and_workers_give_the_same_iris(in_order, tmp_path):
    out = tmp_path / "reversed.trig"
    newsgraph.build(list(reversed(ARTICLES)), out, workers=2)
    first = load_data([in_order]).quads((None, None, None, None))
    second = load_data([out]).quads((None, None, None, None))
    assert entity_iris(first) == entity_iris(second)


def test_one_run_or_two_runs_into_a_store_give_the_same_iris(in_order, tmp_path):
    store = tmp_path / "store"
    newsgraph.build(ARTICLES[4:], store=store)  # the later stories first, on their own
    newsgraph.build(ARTICLES, store=store)      # the rest; the stored ones are skipped
    stored = st.open_store(store, read_only=True)
    quads = [(q.subject.value, q.predicate.value, None, q.graph_name.value)
             for q in stored.quads_for_pattern(None, None, None)]
    once = entity_iris(load_data([in_order]).quads((None, None, None, None)))
    assert entity_iris(quads) == once


def test_unlinked_groups_places_and_people_are_one_node_across_publishers(tmp_path):
    """tests/corpus/groups: Hizbullah/Hezbollah, Ansar Allah/Houthi movement,
    ISIS/Islamic State, Taliban/Taleban, Sergei/Sergey Lavrov, Europe, Gaza and
    The Economist as the publisher of four stories; only the Houthis have a QID."""
    out = tmp_path / "groups.trig"
    newsgraph.build(sorted((CORPUS / "groups").glob("*.txt")), out)
    result = measured(out, "groups.yaml")
    assert result["wrong"] == []
    assert (result["merged"], result["total"]) == (15, 15), result["split"]
    nodes = result["nodes"]
    assert nodes["economist"] == [ID + "entity/organization/economist"]
    assert nodes["houthis"] == [ID + "entity/Q3042087"]  # verified QID (gazetteer)
    assert nodes["sergey_lavrov"] == [ID + "entity/person/sergey-lavrov"]
    assert nodes["karim_haddad"] != nodes["nadia_haddad"]
