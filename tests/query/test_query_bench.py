"""benchmarks/query_bench.py on a tiny store: it builds the store and times every query.

Wall times are not asserted (they depend on the machine); only that the benchmark runs,
reaches its size and reports every canned query.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsgraph.query import list_queries, run_query

from ..conftest import ROOT, SEED


def load_bench():
    spec = importlib.util.spec_from_file_location(
        "query_bench", ROOT / "benchmarks" / "query_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_query_latencies_on_a_small_store(tmp_path: Path, seed_build):
    bench = load_bench()
    result = bench.query_latencies(tmp_path / "store", target_triples=20_000, repeats=1,
                                   sources=[SEED])
    store = result["store"]
    assert store["triples"] >= 20_000
    assert store["article_graphs"] > 1 and store["base_articles"] == 1
    catalog = {query.name for query in list_queries()}
    assert set(result["skipped"]) <= catalog
    assert set(result["queries"]) == catalog - set(result["skipped"])
    for name, row in result["queries"].items():
        assert 0 <= row["median_ms"] <= row["max_ms"], name
        # The store holds the seed unchanged (copy 0) and its copies: every query finds at
        # least the rows it finds on the seed alone, with the bench's parameters, and the
        # seed gives each query some rows (else the timing would measure an empty answer).
        on_seed = len(run_query(name, seed_build.dataset, bench.PARAMS.get(name, {})).rows)
        assert row["rows"] >= on_seed > 0, (name, row["rows"], on_seed)


def test_copies_rename_the_article_and_keep_linked_entities():
    bench = load_bench()
    article = "0123456789abcdef"
    lines = [
        f"<https://w3id.org/newsgraph/id/article/{article}/figure/1-2-1> "
        f'<{bench.NG}count> "10"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> '
        f"<https://w3id.org/newsgraph/id/article/{article}> .",
        f"<https://w3id.org/newsgraph/id/entity/Q399> <http://www.w3.org/2000/01/rdf-schema#label> "
        f'"Armenia" <https://w3id.org/newsgraph/id/article/{article}> .',
    ]
    assert list(bench.copy_article(article, lines, 0)) == lines
    figure, label = bench.copy_article(article, lines, 3)
    assert article not in figure and article not in label
    assert '"13"' in figure
    assert label.startswith("<https://w3id.org/newsgraph/id/entity/Q399> ")
