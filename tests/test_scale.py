"""Corpus builds (issue #6): --workers gives the same graph, --store builds incrementally."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.mapper import article_iri
from newsgraph.parallel import WorkerError, chunksize, extract_worker

COUNTRIES = ["Armenia", "Azerbaijan", "Russia", "Turkey", "Ukraine", "Syria", "Israel",
             "Iran", "Yemen", "Libya", "Lebanon", "Egypt", "Qatar", "France", "Germany"]
TEMPLATES = [
    "{a} accused {b} of shelling villages near the border on {day}.\n"
    "At least {n} civilians were killed, the health ministry of {a} said.",
    "{a} called for an immediate ceasefire in the fighting with {b}.\n"
    "{c} said {n} soldiers had been wounded in the attack.",
    "The foreign minister of {a} spoke by phone with his counterpart from {c}.\n"
    "{b} denied that its troops had advanced, saying {n} people died in the strikes.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def corpus_records(n: int) -> list[dict[str, str]]:
    """``n`` short, pairwise different articles (countries and numbers vary)."""
    records = []
    for i in range(n):
        k = len(COUNTRIES)
        a, b, c = COUNTRIES[i % k], COUNTRIES[(i * 7 + 3) % k], COUNTRIES[(i * 4 + 5) % k]
        text = TEMPLATES[i % len(TEMPLATES)].format(a=a, b=b, c=c, n=3 + 11 * i,
                                                    day=DAYS[i % len(DAYS)])
        records.append({"id": f"scale-{i}", "text": text})
    assert len({r["text"] for r in records}) == n
    return records


def named_graphs(dataset: Dataset) -> dict[str, set]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def test_workers_build_the_same_dataset(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in corpus_records(30)),
                      encoding="utf-8")
    serial = newsgraph.build([corpus], workers=1)
    parallel = newsgraph.build([corpus], workers=2)
    assert parallel.report is not None and parallel.report.conforms
    assert [x.article.identifier for x in parallel.extractions] == \
        [x.article.identifier for x in serial.extractions]
    one, two = named_graphs(serial.dataset), named_graphs(parallel.dataset)
    assert len(one) == 30 and one.keys() == two.keys()
    for name, graph in one.items():
        assert isomorphic(graph, two[name]), name


def test_worker_returns_errors_instead_of_raising():
    result = extract_worker(None)  # type: ignore[arg-type]
    assert isinstance(result, WorkerError)
    assert result.type_name and str(result).startswith(result.type_name)


def test_chunksize_is_positive_and_bounded():
    assert chunksize(0, 4) == 1
    assert chunksize(30, 2) == 3
    assert chunksize(100_000, 2) == 16


def test_workers_must_be_positive(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(corpus_records(1)[0]["text"], encoding="utf-8")
    with pytest.raises(InputError, match="--workers"):
        newsgraph.build([article], workers=0)


def graph_names(store_dir: Path) -> set[str]:
    store = ox.Store.read_only(str(store_dir))
    names = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    del store
    return names


def test_store_build_is_incremental(tmp_path: Path):
    articles, store = tmp_path / "articles", tmp_path / "store"
    articles.mkdir()
    texts = [r["text"] for r in corpus_records(3)]
    for i, text in enumerate(texts):
        (articles / f"a{i}.txt").write_text(text, encoding="utf-8")
    first = newsgraph.build([articles], store=store)
    assert (len(first.extractions), first.skipped) == (3, 0)
    old_iris = {str(article_iri(t)) for t in texts}
    assert graph_names(store) == old_iris

    changed = texts[1].replace("killed", "injured").replace("wounded", "injured") + \
        "\nTalks are due to resume next week."
    (articles / "a1.txt").write_text(changed, encoding="utf-8")
    second = newsgraph.build([articles], tmp_path / "delta.trig", store=store)
    assert (len(second.extractions), second.skipped) == (1, 2)
    assert second.extractions[0].article.identifier == "a1"
    new_iri, old_iri = str(article_iri(changed)), str(article_iri(texts[1]))
    assert graph_names(store) == old_iris - {old_iri} | {new_iri}
    assert named_graphs(second.dataset).keys() == {new_iri}

    third = newsgraph.build([articles], store=store)
    assert (len(third.extractions), third.skipped) == (0, 3)


def test_cli_build_with_workers_and_store(tmp_path: Path):
    articles, store = tmp_path / "articles", tmp_path / "store"
    articles.mkdir()
    for i, record in enumerate(corpus_records(3)):
        (articles / f"a{i}.txt").write_text(record["text"], encoding="utf-8")
    out = tmp_path / "out.trig"
    runner = CliRunner()
    args = ["build", str(articles), "-o", str(out), "--workers", "2", "--store", str(store)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "0 unchanged in store (skipped)" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "built 0 articles" in second.output
    assert "3 unchanged in store (skipped)" in second.output
    bad = runner.invoke(app, ["build", str(articles), "-o", str(out), "--workers", "0"])
    assert bad.exit_code == 2


def test_online_linking_applies_to_worker_extractions(tmp_path: Path):
    from newsgraph import api, ingest

    article = tmp_path / "a.txt"
    article.write_text(corpus_records(1)[0]["text"], encoding="utf-8")
    entry = next(ingest.scan([article]))
    seen = []

    class FakeOnline:
        def link(self, extraction):
            seen.append(extraction.article.identifier)

    done = api.extract_article(entry.article)
    extraction, graph, report = api._extract_one(entry, FakeOnline(), api.DEFAULT_BASE, True,
                                                 done)
    assert extraction is done and seen == ["a"] and report is not None and report.conforms
    with pytest.raises(api.ExtractionError, match="ValueError: boom"):
        api._extract_one(entry, None, api.DEFAULT_BASE, False, WorkerError("ValueError", "boom"))
