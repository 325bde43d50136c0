"""The library API: ``build`` does what ``newsgraph build`` does.

    import newsgraph
    result = newsgraph.build(["seeds/"], output="out/seed.trig")
    result.report.conforms, len(result.dataset)

Stages run in order for each article: ingest -> nlp -> extract -> link ->
map; the dataset is validated (per article graph, which is what the shapes
constrain) and written only if it conforms. Linking is offline (the gazetteer)
unless ``linking="wikidata"`` adds the online step of :mod:`newsgraph.link.wikidata.online`,
which never fails a build.

A build may run for hours over whatever a scraper produced, so one bad
article must not cost the rest: with ``keep_going=True`` an article that
cannot be read, crashes the pipeline or does not conform is skipped and
reported in ``BuildResult.failures``; without it the first such article stops
the build with an error naming it, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox
from rdflib import Dataset

from .errors import ExtractionError, InputError, NewsgraphError, one_line
from .extract import extract
from .ingest import reader
from .link.offline import link
from .model import Article, Extraction
from .nlp import parse
from .pipeline import pool
from .publish import serialize
from .publish.shards import ShardWriter
from .rdf.mapper import DEFAULT_BASE, article_iri, new_dataset, to_dataset
from .validate import ValidationReport, ValidationResult

if TYPE_CHECKING:
    from .link.wikidata.online import OnlineLinker
    from .pipeline.cluster import DaskRunner

LINKING = ("offline", "wikidata")


class ValidationFailed(Exception):
    """The built graph does not conform to the shapes; nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__("the built graph does not conform to the newsgraph shapes")


class Failure(NamedTuple):
    """An article skipped by ``build(keep_going=True)``: where it is and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return one_line(f"{where}: {self.reason}")


class NothingBuilt(NewsgraphError):
    """``keep_going`` skipped every article: there is nothing to write."""

    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        n = len(failures)
        super().__init__(f"no article could be built ({n} failed); nothing written")


@dataclass
class BuildResult:
    """What ``build`` made. ``dataset`` and ``extractions`` stay empty with
    ``collect=False``; the counts are there either way."""

    dataset: Dataset
    extractions: list[Extraction] = field(default_factory=list)
    report: ValidationReport | None = None
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # articles already in the ``store`` (same text), not re-extracted
    duplicates: int = 0  # articles with the same text as an earlier one of this build
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def articles(self) -> int:
        return self.counts["articles"]

    def count(self, counts: dict[str, int], triples: int) -> None:
        self.counts.update(counts, articles=1, triples=triples)


def extract_article(article: Article, online: OnlineLinker | None = None) -> Extraction:
    """Run nlp, extract and link on one article; ``online`` adds online linking."""
    extraction = link(extract(parse(article), article))
    if online is not None:
        online.link(extraction)
    return extraction


def online_linker(linking: str = "offline", endpoint: str | None = None,
                  cache_dir: str | Path | None = None) -> OnlineLinker | None:
    """The online linker ``linking`` asks for, or None for offline linking only.

    Raises ``InputError`` for an unknown ``linking`` or an endpoint that is not
    an http(s) URL.
    """
    if linking not in LINKING:
        raise InputError(linking, f"unknown linking (choose from {', '.join(LINKING)})")
    if linking == "offline":
        return None
    from .link.wikidata.online import OnlineLinker

    return OnlineLinker(endpoint, cache_dir=cache_dir)


def build_dataset(extractions: Iterable[Extraction], base: str = DEFAULT_BASE) -> Dataset:
    return to_dataset(extractions, base)


def check_base(base: str) -> None:
    """Refuse a ``--base`` that would mint IRIs no RDF parser reads back."""
    if not _IRI.fullmatch(base):
        raise InputError("--base", f"not an absolute IRI: {base!r}")


# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")


def build(
    inputs: Iterable[str | Path],
    output: str | Path | None = None,
    *,
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
    date: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    validate_output: bool = True,
    linking: str = "offline",
    endpoint: str | None = None,
    cache_dir: str | Path | None = None,
    online: OnlineLinker | None = None,
    keep_going: bool = False,
    workers: int = 1,
    store: str | Path | None = None,
    collect: bool = True,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
    scheduler_timeout: float = 10.0,
    shards: str | Path | None = None,
) -> BuildResult:
    """Build the graph of the articles in ``inputs`` (files or directories).

    ``linking="wikidata"`` also looks up what the gazetteer did not link at
    ``endpoint`` (default: the Wikidata Query Service), caching answers in
    ``cache_dir`` (default ``$NEWSGRAPH_CACHE`` or ``~/.cache/newsgraph``); a
    failing endpoint only gives a ``WikidataWarning``. ``online`` passes a
    configured :class:`~newsgraph.link.wikidata.online.OnlineLinker` instead.

    Raises ``InputError`` for bad input (before any extraction, so a long run
    fails fast), ``ExtractionError`` when the pipeline fails on an article and
    ``ValidationFailed`` when an article's graph does not conform; nothing is
    written in any of these cases. With ``keep_going`` such articles are
    skipped and listed in ``BuildResult.failures`` as (source, line, reason),
    and only ``NothingBuilt`` is raised, when no article is left.

    ``workers`` > 1 runs the pipeline in that many processes (see
    :mod:`newsgraph.pipeline.pool`); the result is the same as with one.
    ``store`` (a directory) makes the build incremental: articles whose graph
    (named by the hash of their text) is already in the store are skipped and
    counted in ``BuildResult.skipped``; each built article's graph is loaded
    into the store, replacing the graph of an earlier version of the same
    article (same ``dcterms:identifier``). ``output`` then gets only the
    articles built in this run. An article with the same text as an earlier
    one of the same build is skipped and counted in ``BuildResult.duplicates``.

    ``collect=False`` streams: the result keeps no dataset and no extractions
    (only their counts), so memory stays flat however large the corpus.
    ``progress(done, total)`` is called after each article.

    ``scheduler`` (``tcp://host:8786``, or ``"local"``: ``workers`` local processes)
    runs it on a Dask cluster (:mod:`newsgraph.pipeline.cluster`, same result; unreachable
    in ``scheduler_timeout`` s or lost: ``SchedulerError``, nothing written).
    ``shards`` (a directory) also writes N-Quads shards (:mod:`newsgraph.publish.shards`).
    """
    check_base(base)
    if workers < 1:
        raise InputError("--workers", f"must be at least 1, not {workers}")
    if shards is not None and (online is not None or linking != "offline"):
        raise InputError("--shards", "not available with online linking (--link wikidata)")
    if online is None:
        online = online_linker(linking, endpoint, cache_dir)
    inputs = list(inputs)
    paths = reader.find_inputs([Path(p) for p in inputs])
    if not paths:
        raise InputError(", ".join(str(p) for p in inputs), "no article files found")
    if output is not None and str(output) != "-":
        serialize.format_for(output, fmt)
        serialize.check_writable(Path(output))
    overrides = {"date": date, "title": title, "url": url, "publisher": publisher}
    single = any(v is not None for v in (title, url))
    if len(paths) > 1 and single:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    # A first pass reads every input and stops at the first bad one before any work;
    # the second streams the articles (texts are not kept between the two).
    failures: list[Failure] = []
    total = 0
    for entry in reader.scan(paths, **overrides):
        if entry.error is None:
            total += 1
        elif keep_going:
            error = entry.error  # names the sidecar when that is what is wrong
            failures.append(Failure(str(error.path), error.line, error.reason))
        else:
            raise entry.error
    if single and total + len(failures) > 1:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    result = BuildResult(dataset=new_dataset(base), failures=failures)
    stored = _stored_graphs(store, base) if store is not None else set()
    entries = (e for e in reader.scan(paths, **overrides) if e.article is not None)
    fresh = _new_entries(entries, stored, base, result)
    dump = serialize.DumpWriter(output, fmt, base=base, keep_nquads=store is not None)
    sharded = None if shards is None else ShardWriter(shards)
    options = pool.Options(base=base, fmt=dump.fmt, check=validate_output,
                             keep_nquads=store is not None, finish=online is None,
                             keep_extraction=collect, **(sharded.options() if sharded else {}))
    runner = pool.runner(scheduler, workers, scheduler_timeout)
    # Only the results of conforming articles (warnings, if any) are kept, not a report
    # per article: a report holds an rdflib Graph, and a corpus has thousands of articles.
    kept_results: set[ValidationResult] = set()
    validated = False
    done = 0
    try:
        pairs = _with_entries(fresh, options, runner, sharded)
        with closing(pairs):
            for entry, built in pairs:
                try:
                    built = _finished(entry, built, online, options)
                except ExtractionError as exc:
                    if not keep_going:
                        raise
                    failures.append(Failure(entry.source, entry.line, exc.reason))
                    continue
                finally:
                    done += 1
                    if progress is not None:
                        progress(done + result.skipped + result.duplicates, total)
                if built.conforms is False:
                    report = _report_of(built)
                    if not keep_going:
                        raise ValidationFailed(report)
                    first = report.results[0].message if report.results else "no details"
                    failures.append(Failure(entry.source, entry.line,
                                            f"does not conform to the shapes ({first})"))
                    continue
                assert built.graph is not None
                dump.add(built.graph)
                assert built.counts is not None
                result.count(built.counts, built.graph.stats.triples)
                if built.conforms is not None:
                    validated = True
                    kept_results.update(built.results or ())
                if built.extraction is not None:
                    result.extractions.append(built.extraction)
                    to_dataset([built.extraction], base, into=result.dataset)
        if not result.articles and not result.skipped + result.duplicates:
            raise NothingBuilt(failures)
        if validated:
            result.report = ValidationReport(
                conforms=True, results=sorted(kept_results, key=ValidationResult.sort_key))
        try:
            dump.close(keep=True)
        except OSError as exc:
            raise InputError(str(output), f"cannot write: {exc.strerror or exc}") from None
        if store is not None:
            _store_graphs(store, dump)
        if sharded is not None:
            sharded.close()
    finally:
        dump.discard()
        runner.close()
    return result


def _with_entries(entries: Iterable[reader.Entry], options: pool.Options,
                  runner: pool.PoolRunner | DaskRunner, sharded: ShardWriter | None,
                  ) -> Generator[tuple[reader.Entry, pool.Built | pool.WorkerError]]:
    """Each entry with its result from ``runner``, in order (shards go to ``sharded``)."""
    window: deque[reader.Entry] = deque()

    def articles() -> Iterator[Article]:
        for entry in entries:
            window.append(entry)
            assert entry.article is not None
            yield entry.article

    batches = runner.run(articles(), options)
    try:
        for batch in batches:
            if batch.shard is not None and sharded is not None:
                sharded.add(batch.shard)
            for built in batch.results:
                yield window.popleft(), built
    finally:
        batches.close()


def _finished(entry: reader.Entry, built: pool.Built | pool.WorkerError,
              online: OnlineLinker | None, options: pool.Options) -> pool.Built:
    """``built``, finished in the parent when online linking is on.

    Any exception from the pipeline becomes an :class:`ExtractionError` naming
    the article: a bug met on one article in a long run must say which article
    (so it can be reproduced) rather than end in a traceback.
    """
    if isinstance(built, pool.WorkerError):
        reason = f"extraction failed ({built}); please report this article"
        raise ExtractionError(entry.source, reason, entry.line)
    if built.graph is not None:
        return built
    try:
        assert built.extraction is not None
        if online is not None:
            online.link(built.extraction)
        return pool.finish(built.extraction, options)
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this article"
        raise ExtractionError(entry.source, reason, entry.line) from exc


def _report_of(built: pool.Built) -> ValidationReport:
    return ValidationReport(conforms=bool(built.conforms), results=built.results or [])


def _new_entries(entries: Iterable[reader.Entry], stored: set[str], base: str,
                 result: BuildResult) -> Iterator[reader.Entry]:
    """``entries`` whose graph is neither stored nor built earlier in this run; the
    others are counted in ``result.skipped`` and ``result.duplicates``."""
    seen: set[str] = set()
    for entry in entries:
        assert entry.article is not None
        iri = str(article_iri(entry.article.text, base))
        if iri in stored:
            result.skipped += 1
        elif iri in seen:
            result.duplicates += 1
        else:
            seen.add(iri)
            yield entry


def _stored_graphs(path: str | Path, base: str) -> set[str]:
    """The article graphs already in the store (created if missing: fails here, before any work)."""
    from .store.embedded import open_store

    oxstore = open_store(path)
    prefix = f"{base}article/"
    return {g.value for g in oxstore.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)}


def _store_graphs(path: str | Path, dump: serialize.DumpWriter) -> None:
    """Load each built graph into the store, dropping older versions of its article."""
    from .store.embedded import StoreError, open_store, replace_graph

    oxstore = open_store(path)
    try:
        for graph_name, quads in dump.nquads():
            name = ox.NamedNode(str(graph_name))
            parsed = list(ox.parse(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
            for t in triples:
                if t.predicate == _DCTERMS_IDENTIFIER and t.subject == name:
                    _drop_other_versions(oxstore, name, t.object)
            replace_graph(oxstore, name, triples)
        oxstore.flush()
    except OSError as exc:
        raise StoreError(f"{path}: writing the store failed: {exc}") from exc


def _drop_other_versions(oxstore: ox.Store, name: ox.NamedNode,
                         identifier: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> None:
    for quad in list(oxstore.quads_for_pattern(None, _DCTERMS_IDENTIFIER, identifier)):
        old = quad.graph_name
        if isinstance(old, ox.NamedNode) and old != name and old == quad.subject:
            oxstore.remove_graph(old)


_DCTERMS_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
