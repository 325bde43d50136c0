"""The report of a corpus: one entity (one network node) per merged entity, with the
articles it comes from. Two Karabakh stories of tests/corpus/articles (our own text)."""

from __future__ import annotations

import newsgraph
from newsgraph.report.collect import collect

from ..conftest import ROOT

ARTICLES = ROOT / "tests" / "corpus" / "articles"


def test_a_merged_entity_is_one_report_entity_listing_its_articles():
    result = newsgraph.build([ARTICLES / "c01_ganja.txt", ARTICLES / "c02_truce.txt"])
    facts = collect(result.dataset)
    ids = [a["id"] for a in facts["articles"]]
    by_iri: dict[str, list[dict]] = {}
    for entity in facts["entities"].values():
        by_iri.setdefault(entity["iri"], []).append(entity)
    varga = by_iri["https://w3id.org/newsgraph/id/entity/person/tomas-varga"]
    assert len(varga) == 1 and varga[0]["articles"] == ids
    assert {facts["mentions"][m]["article"] for m in varga[0]["mentions"]} == set(ids)
    okafor = by_iri["https://w3id.org/newsgraph/id/entity/person/daniel-okafor"]
    assert okafor[0]["articles"] == [ids[1]]  # named in the second story only
    assert all(len(e) == 1 for e in by_iri.values())


def test_report_bytes_do_not_depend_on_hash_seed():
    """Two processes with different string hashing write the same report: mentions
    that tie on article and offset are ordered by their IRI, not by set order."""
    import os
    import subprocess
    import sys

    inputs = [str(ROOT / "seeds" / "000_497c8b1f4ab63ad2.txt"),
              str(ROOT / "tests" / "articles" / "101_ukraine.txt")]
    pages = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()",
                               "report", *inputs, "-o", "-"],
                              capture_output=True, env=env, check=True)
        pages.append(done.stdout)
    assert pages[0] and pages[0] == pages[1]
