"""End-to-end build of the seed: validity, traceability, determinism, golden file."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset
from rdflib.compare import isomorphic

import newsgraph
from newsgraph.publish.serialize import serialize
from newsgraph.rdf.namespace import NG
from newsgraph.validate import validate

from .conftest import ROOT, SEED

GOLDEN = ROOT / "tests" / "golden" / "000_497c8b1f4ab63ad2.trig"
CONTRACT_CLASSES = [NG.Article, NG.Actor, NG.Person, NG.Country, NG.Organization, NG.Group,
                    NG.MediationGroup, NG.Place, NG.Conflict, NG.Statement, NG.Event,
                    NG.CasualtyFigure, NG.Mention]
SUBCLASSES_OF_ACTOR = [NG.Person, NG.Country, NG.Organization, NG.Group, NG.MediationGroup]


def test_seed_conforms(seed_build):
    assert seed_build.report.conforms
    assert validate(seed_build.dataset).conforms


def test_every_contract_class_is_used(seed_build):
    ds = seed_build.dataset
    for cls in CONTRACT_CLASSES:
        if cls == NG.Actor:
            assert any((None, RDF.type, sub) in ds for sub in SUBCLASSES_OF_ACTOR)
        else:
            assert (None, RDF.type, cls) in ds, cls


def test_every_extracted_node_has_evidence_matching_the_text(seed_build):
    ds = seed_build.dataset
    text = str(next(ds.objects(None, NG["text"])))
    for cls in (NG.Statement, NG.Event, NG.CasualtyFigure):
        nodes = set(ds.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            mentions = list(ds.objects(node, NG.evidence))
            assert mentions, node
            for mention in mentions:
                begin = int(ds.value(mention, NG.beginIndex))
                end = int(ds.value(mention, NG.endIndex))
                assert str(ds.value(mention, NG.anchorOf)) == text[begin:end]


def test_rdflib_and_pyoxigraph_count_the_same_quads(tmp_path):
    out = tmp_path / "seed.trig"
    newsgraph.build([SEED], out)
    ds = Dataset()
    ds.parse(out, format="trig")
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    rdflib_quads = sum(len(g) for g in ds.graphs())
    assert rdflib_quads == len(store) > 500


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path):
    for suffix in (".ttl", ".trig", ".nq", ".nt", ".jsonld"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        newsgraph.build([SEED], first)
        newsgraph.build([SEED], second)
        assert first.read_bytes() == second.read_bytes(), suffix


def test_output_matches_golden_file(seed_build, golden):
    produced = serialize(seed_build.dataset, "trig")
    expected = Dataset()
    expected.parse(data=golden.text(GOLDEN, produced), format="trig")
    actual = Dataset()
    actual.parse(data=produced, format="trig")
    expected_graphs = {g.identifier: g for g in expected.graphs() if len(g)}
    actual_graphs = {g.identifier: g for g in actual.graphs() if len(g)}
    assert expected_graphs.keys() == actual_graphs.keys()
    for name, graph in expected_graphs.items():
        assert isomorphic(graph, actual_graphs[name]), (
            f"{name} differs from {GOLDEN.name}; if the change is intended, run "
            "`make goldens` and review the diff")


def test_linked_actors_share_iris_across_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Armenia accused Azerbaijan of shelling Stepanakert.")
    (tmp_path / "b.txt").write_text("Azerbaijan denied that it had shelled any town.")
    result = newsgraph.build([tmp_path])
    graphs = [g for g in result.dataset.graphs() if len(g)]
    assert len(graphs) == 2
    iri = "https://w3id.org/newsgraph/id/entity/Q227"
    assert all((None, None, None) in g and any(str(s) == iri for s in g.subjects())
               for g in graphs)
