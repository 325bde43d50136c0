"""Corpus builds on a Dask cluster: ``newsgraph build ... --scheduler ADDRESS|local``.

A process pool stops at one machine's cores. Rather than a scheduler of our
own, a corpus that needs more goes to Dask's distributed scheduler, which
people already run across hosts and which reschedules the tasks of a worker
that dies. The task is the one the process pool runs
(:func:`newsgraph.pipeline.pool.batch`: nlp.pipe over a batch, then extract, link,
map, validate and the graph's text), so both paths make the same bytes.

- Each worker loads the spaCy pipeline once: :class:`PipelinePlugin` loads
  it when the worker joins (:func:`newsgraph.pipeline.pool.prepare_worker`), and
  :func:`newsgraph.nlp.load_pipeline` keeps it for every later task of that process.
- At most :data:`newsgraph.pipeline.pool.IN_FLIGHT` batches per worker thread are
  submitted and not yet written, so the client's memory does not grow with
  the corpus; batches finish in any order (``as_completed``) and are handed
  on in input order.
- A task whose worker dies is run again on another worker by the scheduler
  (and retried up to :data:`RETRIES` times if it raises), so the build
  completes with the same bytes. A scheduler that cannot be reached in
  ``timeout`` seconds, or that goes away, is a :class:`SchedulerError`: one
  line, and nothing written (outputs are only ever replaced atomically at the
  end).

Dask is imported only when a build asks for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Generator, Iterable
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any

from ..errors import NewsgraphError, one_line
from ..model import Article
from . import pool

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler before giving up
RETRIES = 2  # a task that raises is tried this many times more
LOCAL = "local"
# A worker's statistical profiler samples the running task's stack every 10 ms: with
# tasks that are Python all the way (spaCy's callers, the rules) it cost the local
# cluster about a fifth more CPU than the process pool. Remote workers: set
# DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False where they start (see the README).
# The nanny starts each worker with MALLOC_TRIM_THRESHOLD_ set, which turns off glibc's
# adaptive mmap threshold: every array spaCy allocates above 128 KiB is then mapped
# and unmapped anew, six times the page faults of the process pool and about a tenth
# more CPU; None unsets it. Remote workers need nothing: the plugin's
# pool.prepare_worker sets glibc's thresholds itself (180,000 page faults in a
# 200-article build with the variable set, 1.5 million before).
# Every scheduler, nanny and worker checks that its event loop is responsive every 20 ms
# (the "tick"): fifty wake-ups a second in each of the five, each taking the GIL from the
# task or the client; once a second, the local cluster took about 2 % less CPU
# (400 articles: 35.4-35.5 s in the workers and 1.45 s in the client, against 35.9-36.2 s
# and 1.65 s). Remote workers: DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL=1s (the README).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                 "distributed.admin.system-monitor.gil.enabled": False,
                 "distributed.admin.tick.interval": "1s",
                 "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


class SchedulerError(NewsgraphError):
    """The Dask scheduler cannot be reached, went away, or lost a batch for good."""


def _plugin_class() -> type:
    """:class:`PipelinePlugin`, made on first use so that importing this module does not
    import Dask."""
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the spaCy pipeline when a worker starts (or joins later), once per
        worker process, so that no task pays for it."""

        name = "newsgraph-pipeline"

        def setup(self, worker: Any) -> None:
            pool.prepare_worker()

    return PipelinePlugin


def _quiet_dask() -> dict[str, int]:
    """Silence Dask's loggers (it logs a lost connection with tracebacks; the build
    reports it in one line); returns their levels, to put back."""
    import distributed  # noqa: F401 (sets up its loggers)

    names = ["distributed", *(name for name in logging.root.manager.loggerDict
                              if name.startswith("distributed."))]
    levels = {name: logging.getLogger(name).level for name in names}
    for name in names:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return levels


class DaskRunner:
    """A connection to a Dask scheduler (or a local cluster it started) that runs the
    batches of a build. Connects when made, so a bad address fails before any work."""

    def __init__(self, scheduler: str, workers: int = 1,
                 timeout: float = CONNECT_TIMEOUT) -> None:
        self.address = scheduler
        self.cluster: Any = None
        self.client: Client | None = None
        self.lost = False
        self._levels = _quiet_dask()
        try:
            from distributed import Client, LocalCluster

            if scheduler == LOCAL:
                import dask

                with dask.config.set(WORKER_CONFIG):  # the nannies pass it to the workers
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                                processes=True, host="127.0.0.1",
                                                dashboard_address=None,
                                                silence_logs=logging.ERROR)
                self.client = Client(self.cluster, timeout=timeout)
            else:
                self.client = Client(scheduler, timeout=timeout)
            self.client.register_plugin(_plugin_class()())
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise SchedulerError(one_line(f"{scheduler}: cannot reach the Dask scheduler "
                                          f"({type(exc).__name__}: {exc})")) from None

    def threads(self) -> int:
        """Worker threads the cluster has now (at least 1: tasks wait for workers)."""
        assert self.client is not None
        try:
            return max(1, sum(self.client.nthreads().values()))
        except (OSError, TimeoutError) as exc:
            raise self._lost(exc) from None

    def run(self, articles: Iterable[Article], options: pool.Options,
            ) -> Generator[pool.Batch, None, None]:
        """The result of each batch of ``articles``, in input order."""
        from distributed import as_completed

        assert self.client is not None
        batches = pool._batches(articles, pool.BATCH)
        position: dict[Future, int] = {}
        finished: dict[int, pool.Batch] = {}
        waiting = as_completed()
        submitted = handed = 0
        more = True
        try:
            while True:
                window = self.threads() * pool.IN_FLIGHT
                while more and submitted - handed < window:
                    chunk = next(batches, None)
                    if chunk is None:
                        more = False
                        break
                    future = self.client.submit(pool.batch, chunk, options,
                                                retries=RETRIES, pure=False)
                    position[future] = submitted
                    waiting.add(future)
                    submitted += 1
                if handed == submitted:
                    return
                while handed not in finished:
                    future = next(waiting)
                    finished[position.pop(future)] = self._result(future)
                yield finished.pop(handed)
                handed += 1
        finally:  # also when the caller stops early (the first failing article)
            for future in position:
                future.cancel()

    def _result(self, future: Future) -> pool.Batch:
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker as exc:
            raise SchedulerError(one_line(f"{self.address}: a batch was lost with the "
                                          f"workers that ran it ({exc})")) from None
        except (OSError, TimeoutError, CancelledError, asyncio.CancelledError) as exc:
            raise self._lost(exc) from None  # cancelled: the scheduler went away

    def _lost(self, exc: BaseException) -> SchedulerError:
        self.lost = True
        return SchedulerError(one_line(f"{self.address}: lost the Dask scheduler "
                                       f"({type(exc).__name__}: {exc}); nothing written"))

    def close(self) -> None:
        """Disconnect (and stop the local cluster); never raises."""
        for part in (self.client, self.cluster):
            if part is not None:
                with contextlib.suppress(Exception):  # closing a broken connection
                    part.close()
        self.client = self.cluster = None
        if not self.lost:  # a lost connection goes on logging its reconnection attempts
            for name, level in self._levels.items():
                logging.getLogger(name).setLevel(level)
        self._levels = {}
