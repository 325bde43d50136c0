"""Worker processes that end when the process that started them dies.

A process pool's workers wait for work on a pipe whose other end they also
hold (spawned children inherit both ends of the queue), so they never see
the parent go: after a ``kill -9`` of a build they would stay, each with a
spaCy model in memory, and keep multiprocessing's resource tracker alive,
which exits only when every holder of its pipe has. :func:`die_with_parent`,
run first in each worker, prevents that:

* on Linux, ``prctl(PR_SET_PDEATHSIG, SIGTERM)`` has the kernel signal the
  worker the moment its parent dies (the parent's thread that started the
  worker, in fact: the pool starts workers from the thread that submits, which
  outlives the pool);
* everywhere, a daemon thread compares ``os.getppid()`` with the parent's pid
  once a second, for systems without ``prctl`` and for a parent that died
  before the ``prctl`` call (its death signal would never come).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 1.0


def _set_death_signal() -> bool:
    """Ask the kernel for SIGTERM when the parent dies; False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)  # no cleanup to do: the results have nowhere to go


def die_with_parent(parent: int) -> None:
    """End this process when process ``parent`` (the one that started it) ends."""
    _set_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="newsgraph-lifeline",
                     daemon=True).start()
