"""Corpus builds: each article goes through the whole pipeline on its own, in a worker.

An article's graph depends on nothing but the article (actors linked to the
same Wikidata item get the same IRI in every article without any exchange
between articles), so a worker can take it from text to written form: the
recipe (:func:`.recipe.extract_article`: nlp, extract, post-process, link), then
map, validate, and the graph's text in the output format (:func:`finish`).
The parent only appends that text to the output
(:class:`newsgraph.publish.serialize.DumpWriter`), which keeps it light while the
workers do the work, and keeps memory flat however long the corpus.

Workers get articles in batches and parse each batch at once (the extractor's
``parse``: ``nlp.pipe``), as spaCy is fastest that way. At most a few batches
per worker are in flight, so a corpus of any size never sits in the parent's
memory. Results come back in input order, so any number of workers writes the
same bytes.

Online linking keeps a cache and counters in the parent; with it, workers
return the extraction only and the parent finishes the article.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Article, Extraction
from ..nlp import load_pipeline
from ..publish.serialize import GraphText, graph_text, turtle_writer
from ..publish.shards import Shard, make_shard
from ..rdf import rdftext
from ..rdf.mapper import to_triples
from ..validate import ValidationResult, validate_ntriples
from .extractor import default_extractor
from .lifeline import die_with_parent
from .recipe import extract_article

if TYPE_CHECKING:
    from .cluster import DaskRunner

# spawn: the same behaviour on every platform, and no fork of a parent that
# may already hold threads (pyoxigraph, an HTTP client) or a loaded model.
START_METHOD = "spawn"
BATCH = 16  # articles per task: enough for nlp.pipe, small enough to keep order cheap
IN_FLIGHT = 3  # tasks per worker submitted ahead


@dataclass(frozen=True)
class Options:
    """What a worker needs to finish an article like the parent would."""

    base: str
    fmt: str | None  # the output format (None: no file)
    check: bool  # validate
    keep_nquads: bool  # for a store
    finish: bool = True  # False: return the extraction only (online linking)
    keep_extraction: bool = True  # False: send back only its counts (a streamed build)
    shards: str | None = None  # the --shards directory (as the client names it)
    shard_token: str = ""  # the token of the client's marker in ``shards``


@dataclass
class Built:
    """One article, done: its extraction (or only how many of each kind it has), its
    graph as text, and its validation."""

    extraction: Extraction | None
    graph: GraphText | None  # None when the parent finishes the article
    conforms: bool | None = None
    results: list[ValidationResult] | None = None
    counts: dict[str, int] | None = None


def record_counts(extraction: Extraction) -> dict[str, int]:
    """How many of each kind of record ``extraction`` has (for the build summary)."""
    return {"entities": len(extraction.entities), "statements": len(extraction.statements),
            "events": len(extraction.events), "figures": len(extraction.figures),
            "relations": len(extraction.relations)}


@dataclass(frozen=True)
class WorkerError:
    """An exception raised on an article, as its type name and message.

    Returned rather than raised, because an arbitrary exception may not pickle;
    the parent turns it into an ``ExtractionError`` naming the article.
    """

    type_name: str
    message: str

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


def finish(extraction: Extraction, options: Options) -> Built:
    """Map, validate and write out one article's extraction (as text all the way)."""
    name, triples = to_triples(extraction, options.base)
    lines = rdftext.ntriples(triples)
    ntriples = rdftext.text_of(lines)  # made once: validated and hashed
    report = validate_ntriples(lines, text=ntriples) if options.check else None
    text = graph_text(str(name), lines, options.fmt, turtle_writer(options.base),
                      options.keep_nquads or options.shards is not None, ntriples)
    kept = extraction if options.keep_extraction else None
    if report is None:
        return Built(kept, text, counts=record_counts(extraction))
    return Built(kept, text, report.conforms, report.results, record_counts(extraction))


def process(articles: list[Article], options: Options) -> list[Built | WorkerError]:
    """Run the pipeline on a batch of articles (in a worker, or in the parent)."""
    extractor = default_extractor()
    try:
        parsed = extractor.parse(articles)
    except Exception:  # one bad text must not cost the batch: parse one by one
        parsed = [None] * len(articles)
    out: list[Built | WorkerError] = []
    for article, one in zip(articles, parsed, strict=True):
        try:
            extraction = extract_article(article, extractor=extractor, parsed=one)
            out.append(finish(extraction, options) if options.finish
                       else Built(extraction, None))
        except Exception as exc:
            out.append(WorkerError(type(exc).__name__, str(exc)))
    return out


@dataclass
class Batch:
    """What a task sends back: the result of each article of its batch, in order, and
    the batch's shard (``Options.shards``; None without, or when no article is kept)."""

    results: list[Built | WorkerError] = field(default_factory=list)
    shard: Shard | None = None


def batch(articles: list[Article], options: Options) -> Batch:
    """The task both the process pool and a Dask cluster run: :func:`process`, then the
    batch's shard, whose N-Quads are not sent back again with each article."""
    results = process(articles, options)
    if options.shards is None:
        return Batch(results)
    shard = make_shard(results, options.shards, options.shard_token)
    if not options.keep_nquads:
        for built in results:
            if isinstance(built, Built) and built.graph is not None:
                built.graph.nquads = None
    return Batch(results, shard)


def prepare_worker() -> None:
    """Load what every task of a worker process uses (the spaCy pipeline, the extractor
    and its gazetteer) once, then exempt it from the garbage collector (``gc.freeze``):
    a full collection walked its 150,000-odd objects every few batches, for nothing, as
    they live as long as the process (0.8 ms per article, 0.1 ms frozen)."""
    load_pipeline()
    default_extractor()
    gc.freeze()
    _keep_freed_memory()


def _keep_freed_memory() -> None:
    """Where the C library is glibc, keep freed memory for the next article rather than
    handing it back at once: spaCy's arrays of a few hundred KiB were each mapped anew
    (and every page of it faulted in), and the heap's top trimmed after each, more than
    twice the page faults and about 5 % more CPU. Arrays up to 32 MiB now come from the
    heap and the heap is trimmed past 256 MiB free (the peak RSS does not change)."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc: its own policy stands
        return
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)


_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def _init_worker(parent: int) -> None:
    """End with the parent (:mod:`newsgraph.pipeline.lifeline`); :func:`prepare_worker`."""
    die_with_parent(parent)
    prepare_worker()


def run(articles: Iterable[Article], options: Options, workers: int = 1,
        ) -> Generator[Batch, None, None]:
    """The result of each batch of articles, in input order, using ``workers`` processes."""
    batches = _batches(articles, BATCH)
    if workers <= 1:
        for chunk in batches:
            yield batch(chunk, options)
        return
    context = multiprocessing.get_context(START_METHOD)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_init_worker, initargs=(os.getpid(),))
    pending: deque[Future[Batch]] = deque()
    try:
        for chunk in batches:
            pending.append(executor.submit(batch, chunk, options))
            if len(pending) >= workers * IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:  # also when the caller stops early (the first failing article)
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


class PoolRunner:
    """The process pool (or this process), with the interface of
    :class:`newsgraph.pipeline.cluster.DaskRunner`."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def run(self, articles: Iterable[Article], options: Options) -> Generator[Batch, None, None]:
        return run(articles, options, self.workers)

    def close(self) -> None:
        """Nothing to close: the pool lives as long as one :meth:`run`."""


def runner(scheduler: str | None, workers: int, timeout: float) -> PoolRunner | DaskRunner:
    """What runs a build's batches: the process pool, or a Dask cluster (connected
    now, so that an unreachable scheduler fails before any work)."""
    if scheduler is None:
        return PoolRunner(workers)
    from .cluster import DaskRunner

    return DaskRunner(scheduler, workers, timeout)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
