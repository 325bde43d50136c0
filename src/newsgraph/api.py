"""The library API: ``build`` does what ``newsgraph build`` does.

    import newsgraph
    result = newsgraph.build(["seeds/"], output="out/seed.trig")
    result.report.conforms, len(result.dataset)

Stages run in order for each article: ingest, then the recipe of
:mod:`newsgraph.pipeline.recipe` (nlp -> extract -> post-process -> link), then
map; the dataset is validated (per article graph, which is what the shapes
constrain) and written only if it conforms. This module checks the options,
reads the inputs twice (once to refuse bad input before any work, once to
stream it to the runner) and collects what comes back.

A build may run for hours over whatever a scraper produced, so one bad
article must not cost the rest: with ``keep_going=True`` an article that
cannot be read, crashes the pipeline or does not conform is skipped and
reported in ``BuildResult.failures`` as (source, line, reason); without it the
first such article stops the build with an error naming it, before anything
is written.

The options of :func:`build`:

- ``fmt``, ``base``: the output format (default: ``output``'s extension) and
  the base of the IRIs minted; ``date``, ``title``, ``url``, ``publisher``
  override the articles' metadata (``title`` and ``url`` only for one article);
  ``validate_output=False`` skips validation.
- ``linking="wikidata"`` also looks up what the gazetteer did not link at
  ``endpoint`` (default: the Wikidata Query Service), caching answers in
  ``cache_dir`` (default ``$NEWSGRAPH_CACHE`` or ``~/.cache/newsgraph``); a
  failing endpoint only gives a ``WikidataWarning``
  (:mod:`newsgraph.link.wikidata.online`). ``online`` passes a configured
  :class:`~newsgraph.link.wikidata.online.OnlineLinker` instead.
- ``workers`` > 1 runs the pipeline in that many processes
  (:mod:`newsgraph.pipeline.pool`); the result is the same as with one.
  ``scheduler`` (``tcp://host:8786``, or ``"local"``: ``workers`` local
  processes) runs it on a Dask cluster (:mod:`newsgraph.pipeline.cluster`, same
  result; unreachable in ``scheduler_timeout`` s or lost: ``SchedulerError``,
  nothing written).
- ``store`` (a directory) makes the build incremental: articles whose graph
  (named by the hash of their text) is already in the store are skipped and
  counted in ``BuildResult.skipped``; each built article's graph is loaded
  into the store, replacing the graph of an earlier version of the same
  article (same ``dcterms:identifier``; :mod:`newsgraph.store.embedded`).
  ``output`` then gets only the articles built in this run. An article with
  the same text as an earlier one of the same build is skipped and counted in
  ``BuildResult.duplicates``.
- ``collect=False`` streams: the result keeps no dataset and no extractions
  (only their counts), so memory stays flat however large the corpus.
  ``progress(done, total)`` is called after each article.
- ``shards`` (a directory) also writes N-Quads shards (:mod:`newsgraph.publish.shards`).
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

from rdflib import Dataset

from .errors import ExtractionError, InputError, NewsgraphError, one_line
from .ingest import reader
from .model import Article, Extraction
from .pipeline import pool
from .pipeline.incremental import new_entries
from .pipeline.recipe import extract_article
from .publish import serialize
from .publish.shards import ShardWriter
from .rdf.mapper import DEFAULT_BASE, new_dataset, to_dataset
from .store.embedded import store_built, stored_articles
from .validate import ValidationReport, ValidationResult

if TYPE_CHECKING:
    from .link.wikidata.online import OnlineLinker
    from .pipeline.cluster import DaskRunner

LINKING = ("offline", "wikidata")
__all__ = ["BuildResult", "Failure", "NothingBuilt", "ValidationFailed", "build",
           "build_dataset", "check_base", "extract_article", "online_linker"]


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


def build(inputs: Iterable[str | Path], output: str | Path | None = None, *,
          fmt: str | None = None, base: str = DEFAULT_BASE, date: str | dt.date | None = None,
          title: str | None = None, url: str | None = None, publisher: str | None = None,
          validate_output: bool = True, linking: str = "offline", endpoint: str | None = None,
          cache_dir: str | Path | None = None, online: OnlineLinker | None = None,
          keep_going: bool = False, workers: int = 1, store: str | Path | None = None,
          collect: bool = True, progress: Callable[[int, int], None] | None = None,
          scheduler: str | None = None, scheduler_timeout: float = 10.0,
          shards: str | Path | None = None) -> BuildResult:
    """Build the graph of the articles in ``inputs`` (files or directories) into
    ``output``; the options are described in this module's docstring.

    Raises ``InputError`` for bad input (before any extraction, so a long run
    fails fast), ``ExtractionError`` when the pipeline fails on an article and
    ``ValidationFailed`` when an article's graph does not conform; nothing is
    written in any of these cases. With ``keep_going`` such articles are
    skipped and listed in ``BuildResult.failures``, and only ``NothingBuilt``
    is raised, when no article is left.
    """
    online = _checked_options(base, workers, shards, online, linking, endpoint, cache_dir)
    paths = _input_paths(inputs, output, fmt)
    overrides: dict[str, object] = {"date": date, "title": title, "url": url,
                                    "publisher": publisher}
    result, total = _first_pass(paths, overrides, keep_going, base)
    stored = stored_articles(store, base) if store is not None else set()
    entries = (e for e in reader.scan(paths, **overrides) if e.article is not None)
    fresh = new_entries(entries, stored, base, result)
    dump = serialize.DumpWriter(output, fmt, base=base, keep_nquads=store is not None)
    sharded = None if shards is None else ShardWriter(shards)
    options = pool.Options(base=base, fmt=dump.fmt, check=validate_output,
                           keep_nquads=store is not None, finish=online is None,
                           keep_extraction=collect, **(sharded.options() if sharded else {}))
    runner = pool.runner(scheduler, workers, scheduler_timeout)
    run = _Run(result, dump, online, options, keep_going, progress, total)
    try:
        run.take_all(_with_entries(fresh, options, runner, sharded))
        _write(result, dump, output, store, sharded)
    finally:
        dump.discard()
        runner.close()
    return result


def _checked_options(base: str, workers: int, shards: str | Path | None,
                     online: OnlineLinker | None, linking: str, endpoint: str | None,
                     cache_dir: str | Path | None) -> OnlineLinker | None:
    """Refuse options that cannot work together; the online linker to use, if any."""
    check_base(base)
    if workers < 1:
        raise InputError("--workers", f"must be at least 1, not {workers}")
    if shards is not None and (online is not None or linking != "offline"):
        raise InputError("--shards", "not available with online linking (--link wikidata)")
    return online if online is not None else online_linker(linking, endpoint, cache_dir)


def _input_paths(inputs: Iterable[str | Path], output: str | Path | None,
                 fmt: str | None) -> list[Path]:
    """The article files of ``inputs``, once the output is known to be writable."""
    inputs = list(inputs)
    paths = reader.find_inputs([Path(p) for p in inputs])
    if not paths:
        raise InputError(", ".join(str(p) for p in inputs), "no article files found")
    for path in paths:
        if path.exists() and not path.is_file():  # a pipe such as /dev/stdin, a device
            raise InputError(path, "not a regular file (a build reads each input twice, so "
                                   "a pipe cannot be one: save the text to a file first)")
    if output is not None and str(output) != "-":
        serialize.format_for(output, fmt)
        serialize.check_writable(Path(output))
    return paths


def _first_pass(paths: list[Path], overrides: dict[str, object], keep_going: bool,
                base: str) -> tuple[BuildResult, int]:
    """Read every input once and stop at the first bad one (or, with ``keep_going``,
    list it) before any work; the texts are not kept, the second pass streams them.
    Returns the result to fill and how many articles the inputs hold."""
    single = overrides["title"] is not None or overrides["url"] is not None
    if len(paths) > 1 and single:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    result = BuildResult(dataset=new_dataset(base))
    total = 0
    for entry in reader.scan(paths, **overrides):
        if entry.error is None:
            total += 1
        elif keep_going:
            error = entry.error  # names the sidecar when that is what is wrong
            result.failures.append(Failure(str(error.path), error.line, error.reason))
        else:
            raise entry.error
    if single and total + len(result.failures) > 1:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    return result, total


class _Run:
    """The second pass: each article's result into the output and ``result``."""

    def __init__(self, result: BuildResult, dump: serialize.DumpWriter,
                 online: OnlineLinker | None, options: pool.Options, keep_going: bool,
                 progress: Callable[[int, int], None] | None, total: int) -> None:
        self.result, self.dump, self.online, self.options = result, dump, online, options
        self.keep_going, self.progress, self.total = keep_going, progress, total
        self.done = 0
        # Only the results of conforming articles (warnings, if any) are kept, not a report
        # per article: a report holds an rdflib Graph, and a corpus has thousands of them.
        self.kept_results: set[ValidationResult] = set()
        self.validated = False

    def take_all(self, pairs: Generator[tuple[reader.Entry, pool.Built | pool.WorkerError]],
                 ) -> None:
        with closing(pairs):
            for entry, built in pairs:
                self.take(entry, built)
        result = self.result
        if not result.articles and not result.skipped + result.duplicates:
            raise NothingBuilt(result.failures)
        if self.validated:
            result.report = ValidationReport(
                conforms=True, results=sorted(self.kept_results, key=ValidationResult.sort_key))

    def take(self, entry: reader.Entry, built: pool.Built | pool.WorkerError) -> None:
        result = self.result
        try:
            built = _finished(entry, built, self.online, self.options)
        except ExtractionError as exc:
            if not self.keep_going:
                raise
            result.failures.append(Failure(entry.source, entry.line, exc.reason))
            return
        finally:
            self.done += 1
            if self.progress is not None:
                self.progress(self.done + result.skipped + result.duplicates, self.total)
        if built.conforms is False:
            report = _report_of(built)
            if not self.keep_going:
                raise ValidationFailed(report)
            first = report.results[0].message if report.results else "no details"
            result.failures.append(Failure(entry.source, entry.line,
                                           f"does not conform to the shapes ({first})"))
            return
        self.keep(built)

    def keep(self, built: pool.Built) -> None:
        assert built.graph is not None and built.counts is not None
        self.dump.add(built.graph)
        self.result.count(built.counts, built.graph.stats.triples)
        if built.conforms is not None:
            self.validated = True
            self.kept_results.update(built.results or ())
        if built.extraction is not None:
            self.result.extractions.append(built.extraction)
            to_dataset([built.extraction], self.options.base, into=self.result.dataset)


def _write(result: BuildResult, dump: serialize.DumpWriter, output: str | Path | None,
           store: str | Path | None, sharded: ShardWriter | None) -> None:
    """Put the output files in place, then load the store and close the shards."""
    try:
        dump.close(keep=True)
    except OSError as exc:
        raise InputError(str(output), f"cannot write: {exc.strerror or exc}") from None
    if store is not None:
        store_built(store, dump.nquads())
    if sharded is not None:
        sharded.close()


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
