"""Corpus builds: --workers gives the same graph, --store builds incrementally."""

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
from newsgraph.model import Article
from newsgraph.pipeline import pool as corpus
from newsgraph.publish import serialize
from newsgraph.rdf.mapper import article_iri

pytestmark = pytest.mark.slow  # corpus builds with worker processes and stores

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


OPTIONS = corpus.Options(base=newsgraph.api.DEFAULT_BASE, fmt="trig", check=True,
                         keep_nquads=False)


def test_worker_returns_errors_instead_of_raising():
    good = Article(identifier="ok", text=corpus_records(1)[0]["text"])
    results = corpus.process([good, None], OPTIONS)  # type: ignore[list-item]
    assert isinstance(results[0], corpus.Built) and results[0].conforms
    assert isinstance(results[1], corpus.WorkerError)
    assert results[1].type_name and str(results[1]).startswith(results[1].type_name)


def test_batches_keep_order_and_size():
    batches = list(corpus._batches(range(19), 8))  # type: ignore[arg-type]
    assert [len(b) for b in batches] == [8, 8, 3]
    assert [x for b in batches for x in b] == list(range(19))


def corpus_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus_records(n)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".trig", ".nq", ".ttl", ".nt", ".jsonld"])
def test_streamed_build_writes_what_the_collected_dataset_gives(tmp_path: Path, suffix):
    """collect=False keeps nothing in memory and writes the bytes publish.write gives."""
    corpus_path = corpus_file(tmp_path, 12)
    streamed = newsgraph.build([corpus_path], tmp_path / f"a{suffix}", collect=False,
                               workers=2)
    assert streamed.extractions == [] and len(streamed.dataset) == 0
    assert streamed.counts["articles"] == 12 and streamed.report.conforms
    collected = newsgraph.build([corpus_path], collect=True)
    serialize.write(collected.dataset, tmp_path / f"b{suffix}")
    assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()
    # triples counted graph by graph (a shared entity's label once per article)
    assert streamed.counts["triples"] == len(list(collected.dataset.quads()))
    void_a = (tmp_path / "a.void.ttl").read_text().replace(f"a{suffix}", "X")
    assert void_a == (tmp_path / "b.void.ttl").read_text().replace(f"b{suffix}", "X")


def test_progress_is_reported_for_every_article(tmp_path: Path):
    calls = []
    newsgraph.build([corpus_file(tmp_path, 5)], progress=lambda d, t: calls.append((d, t)))
    assert calls == [(i, 5) for i in range(1, 6)]


def test_an_article_given_twice_is_built_once(tmp_path: Path):
    text = corpus_records(1)[0]["text"]
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = newsgraph.build([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "o.nq")
    assert (result.articles, result.duplicates, result.skipped) == (1, 1, 0)
    graphs = {line.rsplit(" ", 2)[-2] for line in (tmp_path / "o.nq").read_text().splitlines()}
    assert graphs == {f"<{article_iri(text)}>"}


def test_quiet_build_prints_nothing(tmp_path: Path):
    result = CliRunner().invoke(app, ["build", str(corpus_file(tmp_path, 2)), "-o",
                                      str(tmp_path / "o.trig"), "--quiet"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "o.trig").exists()


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
    from newsgraph import api
    from newsgraph.ingest import reader

    article = tmp_path / "a.txt"
    article.write_text(corpus_records(1)[0]["text"], encoding="utf-8")
    entry = next(reader.scan([article]))
    seen = []

    class FakeOnline:
        def link(self, extraction):
            seen.append(extraction.article.identifier)

    done = api.extract_article(entry.article)
    built = api._finished(entry, corpus.Built(done, None), FakeOnline(), OPTIONS)
    assert built.extraction is done and seen == ["a"] and built.conforms
    name = f"<{article_iri(done.article.text)}>"
    assert built.graph is not None and built.graph.text.startswith(name)
    with pytest.raises(api.ExtractionError, match="ValueError: boom"):
        api._finished(entry, corpus.WorkerError("ValueError", "boom"), None, OPTIONS)
