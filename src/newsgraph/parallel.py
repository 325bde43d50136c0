"""Parallel extraction: nlp, extract and link of many articles in worker processes.

``newsgraph build --workers N`` hands the articles to a
:class:`~concurrent.futures.ProcessPoolExecutor`. Each worker runs
:func:`extract_worker`, a module-level function (so it pickles by name and
works with the ``spawn`` start method), which loads the spaCy pipeline once
per process through the cached :func:`newsgraph.nlp.load_pipeline` and returns
the article's :class:`~newsgraph.model.Extraction` (plain dataclasses, which
pickle). Results come back in input order (``executor.map``), so a build with
N workers writes exactly what a build with one worker writes.

An exception in a worker is returned as a :class:`WorkerError` (its type and
message) rather than raised, because an arbitrary exception may not pickle;
the parent turns it into the same ``ExtractionError`` the in-process path
raises. Online linking is not done here: it keeps a cache and counters in the
parent, which applies it to each extraction as it arrives.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from .model import Article, Extraction

# spawn: the same behaviour on every platform, and no fork of a parent that
# may already hold threads (pyoxigraph, an HTTP client) or a loaded model.
START_METHOD = "spawn"


@dataclass(frozen=True)
class WorkerError:
    """An exception raised in a worker, as its type name and message."""

    type_name: str
    message: str

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


def init_worker() -> None:
    """Load the spaCy pipeline once, when the worker process starts."""
    from .nlp import load_pipeline

    load_pipeline()


def extract_worker(article: Article) -> Extraction | WorkerError:
    """Run nlp, extract and offline linking on one article (in a worker process)."""
    from .api import extract_article

    try:
        return extract_article(article)
    except Exception as exc:  # returned, not raised: the exception may not pickle
        return WorkerError(type(exc).__name__, str(exc))


def chunksize(n_items: int, workers: int) -> int:
    """Articles per task: a few tasks per worker, at most 16 articles in one."""
    return max(1, min(16, n_items // (workers * 4)))


def extract_all(articles: Sequence[Article], workers: int) -> Iterator[Extraction | WorkerError]:
    """The extraction (or error) of each article, in input order, using ``workers`` processes."""
    if not articles:
        return
    workers = max(1, min(workers, len(articles)))
    context = multiprocessing.get_context(START_METHOD)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=init_worker)
    try:
        yield from executor.map(extract_worker, articles,
                                chunksize=chunksize(len(articles), workers))
    finally:  # also when the caller stops early (the first failing article)
        executor.shutdown(wait=True, cancel_futures=True)
