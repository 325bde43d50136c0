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

import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsgraph.store.server import Server, ServerError, oxigraph_executable

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "wikidata.ttl"
LOCALHOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOCALHOST, 0))
        return sock.getsockname()[1]


def serve_store(store: Path) -> Server:
    """A read-only server of ``store`` on a free port (three tries: the port may be
    taken between probing and binding)."""
    for _ in range(3):
        try:
            return Server(store, f"{LOCALHOST}:{free_port()}").start()
        except ServerError:
            continue
    raise AssertionError("could not start the Oxigraph server")


class OxigraphServer:
    """``oxigraph serve`` in memory on 127.0.0.1, loaded with the fixture; ``url`` is its
    SPARQL query endpoint. Started and stopped by newsgraph's own :class:`Server`, given
    the in-memory command line instead of a store's."""

    def __init__(self, data: Path = FIXTURE) -> None:
        self.data = data
        self.server: Server | None = None

    @property
    def url(self) -> str:
        assert self.server is not None, "start() the server first"
        return self.server.query_url

    def start(self) -> OxigraphServer:
        for _ in range(3):  # the free port may be taken between probing and binding
            bind = f"{LOCALHOST}:{free_port()}"
            server = Server("", bind, argv=[oxigraph_executable(), "serve", "--bind", bind],
                            timeout=15)
            try:
                server.start()
            except ServerError:
                continue
            self.server = server
            if self._load():
                return self
            self.stop()
        raise RuntimeError("could not start the oxigraph server")

    def _load(self) -> bool:
        """Load the fixture into the default graph."""
        assert self.server is not None
        request = urllib.request.Request(
            f"{self.server.store_url}?default", data=self.data.read_bytes(), method="POST",
            headers={"Content-Type": "text/turtle"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return 200 <= response.status < 300
        except (urllib.error.URLError, ConnectionError):
            return False

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


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
