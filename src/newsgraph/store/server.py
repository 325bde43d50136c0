"""Serve a store over HTTP with the Oxigraph server (the PyPI package ``oxigraph``).

``newsgraph serve --store DIR`` runs ``oxigraph serve-read-only`` (or
``oxigraph serve`` with ``--writable``) on the store that ``newsgraph load``
fills. The server speaks the SPARQL 1.1 Protocol at ``/query`` (and, when
writable, ``/update`` and the Graph Store Protocol at ``/store``).

Why these choices:

* Read-only unless asked: a published endpoint should not let anyone who can
  reach it change the data, and a read-only server can share the directory
  with ``newsgraph query --store`` (RocksDB lets readers in; a writer locks).
* ``127.0.0.1`` by default: nothing is exposed beyond this machine unless the
  user binds another address.
* ``--union-default-graph``: queries see the union of the article graphs as
  their default graph, as they do on files and on the embedded store, so the
  canned queries give the same rows everywhere.

A read-only server answers from the store as it was when it started; a
``newsgraph load`` beside it is seen after a restart.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from ..errors import InputError, NewsgraphError
from .embedded import is_store

DEFAULT_BIND = "127.0.0.1:7878"
_BIND = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?P<port>\d{1,5})")


class ServerError(NewsgraphError):
    """The Oxigraph server could not be found or did not start."""


def oxigraph_executable() -> str:
    """The ``oxigraph`` program installed beside this Python, else on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ServerError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def check_bind(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` -> (host, port); an InputError for anything else."""
    match = _BIND.fullmatch(bind.strip())
    if not match or not 0 < int(match.group("port")) < 65536:
        raise InputError(bind, "--bind must be HOST:PORT, e.g. 127.0.0.1:7878")
    return match.group("host"), int(match.group("port"))


def command(store: Path | str, bind: str = DEFAULT_BIND, writable: bool = False) -> list[str]:
    """The ``oxigraph`` command line that serves ``store``.

    A read-only server needs an existing store; a writable one creates it.
    """
    check_bind(bind)
    store = Path(store)
    if not writable and not is_store(store):
        raise InputError(store, "no newsgraph store here (create one with newsgraph load "
                                "FILE... --store DIR)")
    if writable and store.exists() and not store.is_dir():
        raise InputError(store, "the store must be a directory")
    mode = "serve" if writable else "serve-read-only"
    return [oxigraph_executable(), mode, "--location", str(store), "--bind", bind,
            "--union-default-graph"]


def base_url(bind: str) -> str:
    host, port = check_bind(bind)
    return f"http://{host}:{port}"


def _parent_death_signal() -> Callable[[], None] | None:
    """On Linux, a ``preexec_fn`` that has the child sent SIGTERM when the thread that
    started it dies, even by SIGKILL, so that no server outlives newsgraph (or a test
    run). The libc function is looked up here, before the fork: the child only calls it."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1
    return lambda: prctl(pr_set_pdeathsig, int(signal.SIGTERM))


def serve_forever(store: Path | str, bind: str = DEFAULT_BIND, writable: bool = False,
                  on_ready: Callable[[], None] | None = None) -> int:
    """Run the server in the foreground until it ends or this process is told to stop.

    ``on_ready`` (``newsgraph serve``'s "serving ... at URL" line) is called
    only once Oxigraph says it listens, i.e. once the port is bound: a server
    that cannot start (a port in use) raises :class:`ServerError` with
    Oxigraph's reason and nothing has claimed an address. Oxigraph's own
    stderr is passed on. SIGINT and SIGTERM stop the server (with SIGTERM,
    which a background job cannot ignore); stopped that way, the exit code is
    0. Otherwise it is the server's, or 128 + the signal that ended it.
    """
    server = Server(store, bind, writable, echo=True).start()
    process = server.process
    assert process is not None
    if on_ready is not None:
        on_ready()
    stopping = False

    def forward(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        process.terminate()  # SIGTERM: a SIGINT may be ignored (a background job)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = process.wait()
        return 0 if stopping else (code if code >= 0 else 128 - code)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()


class Server:
    """A server started in the background, for the library and the tests::

        with Server(store_dir, "127.0.0.1:7979") as server:
            server.query_url   # http://127.0.0.1:7979/query

    ``argv`` replaces the command (e.g. ``["newsgraph", "serve", ...]``); the
    server counts as up once it prints Oxigraph's "Listening" line on stderr.
    On Linux the server ends with the thread that started it, so that a killed
    test run leaves no server behind.
    """

    def __init__(self, store: Path | str, bind: str = DEFAULT_BIND, writable: bool = False,
                 argv: list[str] | None = None, timeout: float = 30.0,
                 echo: bool = False) -> None:
        self.bind = bind
        self.echo = echo  # pass the server's stderr on to ours once it listens
        self.argv = argv if argv is not None else command(store, bind, writable)
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.stderr = b""
        self.returncode: int | None = None  # once stopped
        self._drainer: threading.Thread | None = None

    @property
    def url(self) -> str:
        return base_url(self.bind)

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def start(self) -> Server:
        self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        preexec_fn=_parent_death_signal())
        if not self._wait_listening():
            self.stop()
            reason = _reason(self.stderr.decode("utf-8", "replace"))
            raise ServerError(f"the server did not start on {self.bind}"
                              + (f": {reason}" if reason else ""))
        if self.echo:
            _copy_to_stderr(self.stderr)
        return self

    def _wait_listening(self) -> bool:
        """Read stderr until the "Listening" line, the process ends, or the timeout."""
        assert self.process is not None and self.process.stderr is not None
        fd = self.process.stderr.fileno()
        deadline = time.monotonic() + self.timeout
        while not _listening(self.stderr):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], remaining)
            chunk = os.read(fd, 4096) if ready else b""
            if not chunk:
                return False
            self.stderr += chunk
        # Keep reading stderr so that the server never blocks on a full pipe.
        self._drainer = threading.Thread(target=self._drain, args=(fd, self.echo),
                                         daemon=True)
        self._drainer.start()
        return True

    @staticmethod
    def _drain(fd: int, echo: bool) -> None:
        try:
            while chunk := os.read(fd, 4096):
                if echo:
                    _copy_to_stderr(chunk)
        except OSError:
            pass

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._drainer is not None:
            self._drainer.join(timeout=5)
            self._drainer = None
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.returncode = self.process.returncode
        self.process = None

    def __enter__(self) -> Server:
        return self if self.process is not None else self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _listening(stderr: bytes) -> bool:
    """Whether Oxigraph's whole "Listening for requests at ..." line has come (it may
    arrive in pieces; what follows it must not be cut into)."""
    at = stderr.find(b"Listening")
    return at >= 0 and b"\n" in stderr[at:]


def _reason(stderr: str) -> str:
    """Oxigraph's error line (``Error: Address already in use (os error 98)``), not the
    backtrace after it."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Error:"):
            return line.removeprefix("Error:").strip()
    return lines[0] if lines else ""


def _copy_to_stderr(data: bytes) -> None:
    with contextlib.suppress(OSError):  # stderr gone: nothing to tell anyone
        os.write(2, data)
