"""Local SPARQL servers for the Wikidata tests, all on 127.0.0.1.

* :class:`OxigraphServer` runs a real ``oxigraph serve`` (the PyPI package
  ``oxigraph``) on a free port, loaded with ``tests/fixtures/wikidata.ttl``.
* :class:`FakeServer` is a misbehaving endpoint written with ``http.server``:
  it can answer 429 (Retry-After: 0) before passing requests on to Oxigraph,
  answer garbage, or read the request and never answer (until the test ends),
  so that the client's timeout fires. It records every request it gets and
  answers at most ``max_requests`` of them.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wikidata.ttl"
LOCALHOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


def oxigraph_executable() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is needed for these tests: pip install oxigraph")
    return found


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass


class OxigraphServer:
    """``oxigraph serve`` in memory on 127.0.0.1; ``url`` is its SPARQL query endpoint."""

    def __init__(self, data: Path = FIXTURE) -> None:
        self.data = data
        self.process: subprocess.Popen | None = None
        self.port = 0
        self._drainer: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://{LOCALHOST}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/query"

    def start(self) -> OxigraphServer:
        for _ in range(3):  # the free port may be taken between probing and binding
            self.port = free_port()
            self.process = subprocess.Popen(
                [oxigraph_executable(), "serve", "--bind", f"{LOCALHOST}:{self.port}"],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )
            if self._load():
                return self
            self.stop()
        raise RuntimeError("could not start the oxigraph server")

    def _load(self) -> bool:
        """Wait for the server's "Listening" line on stderr, then load the fixture."""
        assert self.process is not None and self.process.stderr is not None
        stderr = self.process.stderr
        seen = b""
        deadline = time.monotonic() + 15
        while b"Listening" not in seen:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([stderr], [], [], max(remaining, 0))
            chunk = os.read(stderr.fileno(), 4096) if ready else b""
            if not chunk:  # too slow, or the process ended (port taken?)
                return False
            seen += chunk
        # Keep draining stderr so that the server never blocks on a full pipe.
        self._drainer = threading.Thread(target=_drain, args=(stderr.fileno(),), daemon=True)
        self._drainer.start()
        request = urllib.request.Request(
            f"{self.base}/store?default", data=self.data.read_bytes(), method="POST",
            headers={"Content-Type": "text/turtle"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return 200 <= response.status < 300
        except (urllib.error.URLError, ConnectionError):
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
            if self._drainer is not None:
                self._drainer.join(timeout=5)  # reads to the end of the dead process's stderr
                self._drainer = None
            if self.process.stderr is not None:
                self.process.stderr.close()
            self.process = None


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeServer:
    """A misbehaving SPARQL endpoint.

    ``mode``: ``"429-then-proxy"`` answers the first ``failures`` requests with
    429 and ``Retry-After: <retry_after>``, then passes requests on to ``upstream``;
    ``"garbage"`` answers 200 with text that is not SPARQL results; ``"json-garbage"``
    answers JSON that is not SPARQL results; ``"hang"`` reads the request and
    answers only once the test is over.
    """

    mode: str
    upstream: str | None = None
    failures: int = 1
    retry_after: str = "0"
    max_requests: int = 50
    seen: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                if len(fake.seen) > fake.max_requests:
                    return self._send(500, b"too many requests in one test", "text/plain")
                if fake.mode == "hang":
                    fake.release.wait(10)
                    return self._send(503, b"released", "text/plain")
                if fake.mode == "garbage":
                    return self._send(200, b"<html>\x00\xff not sparql", "text/html")
                if fake.mode == "json-garbage":
                    return self._send(200, b'{"results": "nope"}',
                                      "application/sparql-results+json")
                if len(fake.seen) <= fake.failures:
                    return self._send(429, b"slow down", "text/plain",
                                      {"Retry-After": fake.retry_after})
                return self._proxy(body)

            def _proxy(self, body: bytes) -> None:
                url = fake.upstream + (self.path[self.path.index("?"):]
                                       if "?" in self.path else "")
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("accept", "content-type")}
                request = urllib.request.Request(url, data=body or None, headers=headers,
                                                 method=self.command)
                with urllib.request.urlopen(request, timeout=10) as response:
                    self._send(response.status, response.read(),
                               response.headers.get("Content-Type", "text/plain"))

            def _send(self, code: int, payload: bytes, content_type: str,
                      extra: dict[str, str] | None = None) -> None:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _handle

        self.server = ThreadingHTTPServer((LOCALHOST, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                       daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://{LOCALHOST}:{self.server.server_address[1]}/sparql"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
