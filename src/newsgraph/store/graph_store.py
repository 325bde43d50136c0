"""Push graphs to any SPARQL 1.1 store with the Graph Store HTTP Protocol.

``newsgraph publish FILE --endpoint URL`` sends one ``PUT URL?graph=IRI`` per
article graph (graph IRI = article IRI), which replaces that graph on the
server and nothing else. The body is N-Triples sent as ``text/turtle``: every
Graph Store implementation reads Turtle, and N-Triples is Turtle that no
parser can misread.

Safety rules, and why:

* Credentials come only from the environment (``NEWSGRAPH_TOKEN`` for a bearer
  token, or ``NEWSGRAPH_USER`` and ``NEWSGRAPH_PASSWORD`` for basic auth), never
  from the command line, where other users can read them in the process list
  and the shell keeps them in its history; a URL with ``user:password@`` is
  refused for the same reason.
* Credentials are only sent over https (or to this machine), and TLS
  certificates are always verified (``SSL_CERT_FILE`` names a private CA).
* Redirects are not followed: a PUT is not replayed to another address.
* A graph is reported as published only after the server answered 2xx for it;
  the first failure stops the push and says what was published before it.
"""

from __future__ import annotations

import base64
import contextlib
import ipaddress
import os
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, NewsgraphError
from .embedded import article_graphs

ENV_TOKEN, ENV_USER, ENV_PASSWORD = "NEWSGRAPH_TOKEN", "NEWSGRAPH_USER", "NEWSGRAPH_PASSWORD"
USER_AGENT = "newsgraph (https://w3id.org/newsgraph; publish)"
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")


class EndpointError(NewsgraphError):
    """A SPARQL or Graph Store endpoint failed, refused, or cannot be used safely."""


class PublishError(EndpointError):
    """Publishing stopped; ``published`` lists what the server did accept before."""

    def __init__(self, message: str, published: list[Published]) -> None:
        self.published = published
        super().__init__(message)


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    status: int


def auth_headers(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The ``Authorization`` header from the environment, or none."""
    env = os.environ if env is None else env
    token, user, password = env.get(ENV_TOKEN), env.get(ENV_USER), env.get(ENV_PASSWORD)
    if token:
        if user or password:
            raise EndpointError(f"set either {ENV_TOKEN} or {ENV_USER}/{ENV_PASSWORD}, not both")
        return {"Authorization": f"Bearer {token}"}
    if user or password:
        if not (user and password):
            raise EndpointError(f"{ENV_USER} and {ENV_PASSWORD} must be set together")
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}
    return {}


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(url: str, with_credentials: bool) -> str:
    """An http(s) URL without credentials in it; https when credentials are sent."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "the endpoint must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        raise InputError(url, f"do not put credentials in the URL; set {ENV_TOKEN} or "
                              f"{ENV_USER}/{ENV_PASSWORD} instead")
    if with_credentials and parts.scheme == "http" and not _is_local(parts.hostname):
        raise EndpointError(f"{url}: refusing to send credentials over plain http; use https")
    return url


def graph_url(endpoint: str, graph: str) -> str:
    """``endpoint?graph=IRI`` (indirect graph identification)."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    https = urllib.request.HTTPSHandler(context=ssl.create_default_context())
    return urllib.request.build_opener(https, _NoRedirect())


def describe_failure(exc: BaseException) -> str:
    """One line for a failed request."""
    if isinstance(exc, urllib.error.HTTPError):
        body = b""
        with contextlib.suppress(OSError):
            body = exc.read(300)
        detail = " ".join(body.decode("utf-8", "replace").split())[:200]
        return f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            return f"TLS certificate not trusted ({reason.verify_message})"
        return str(getattr(reason, "strerror", None) or reason)
    return str(exc) or type(exc).__name__


def push(endpoint: str, graphs: Mapping[str, list[ox.Triple]], *, timeout: float = 60.0,
         env: Mapping[str, str] | None = None,
         on_published: Callable[[Published], None] | None = None) -> list[Published]:
    """PUT each graph (IRI -> triples) to the Graph Store at ``endpoint``, in IRI order."""
    headers = auth_headers(env)
    check_endpoint(endpoint, bool(headers))
    opener = _opener()
    published: list[Published] = []
    for graph in sorted(graphs):
        triples = graphs[graph]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        request = urllib.request.Request(
            graph_url(endpoint, graph), data=body, method="PUT",
            headers={"Content-Type": "text/turtle; charset=utf-8", "User-Agent": USER_AGENT,
                     **headers})
        try:
            with opener.open(request, timeout=timeout) as response:
                status = response.status
        except (urllib.error.URLError, OSError, ValueError) as exc:
            done = (f"{len(published)} of {len(graphs)} graphs published before the failure"
                    if published else "nothing published")
            raise PublishError(f"{endpoint}: graph {graph}: {describe_failure(exc)} ({done})",
                               published) from exc
        if not 200 <= status < 300:  # pragma: no cover - urllib raises for non-2xx
            raise PublishError(f"{endpoint}: graph {graph}: HTTP {status}", published)
        item = Published(graph, len(triples), status)
        published.append(item)
        if on_published is not None:
            on_published(item)
    return published


def graphs_of(files: Iterable[Path | str], graph: str | None = None) -> dict[str, list[ox.Triple]]:
    """The article graphs of ``files``; with ``graph``, all their triples in that one graph."""
    if graph is not None and not _IRI.fullmatch(graph):
        raise InputError(graph, "--graph must be an absolute IRI")
    merged: dict[str, list[ox.Triple]] = {}
    for file in files:
        for name, triples in article_graphs(Path(file), into=graph).items():
            merged.setdefault(name.value, []).extend(triples)
    return {name: list(dict.fromkeys(triples)) for name, triples in merged.items()}


def publish(files: Iterable[Path | str], endpoint: str, graph: str | None = None, *,
            timeout: float = 60.0, env: Mapping[str, str] | None = None,
            on_published: Callable[[Published], None] | None = None) -> list[Published]:
    """Read ``files`` (all of them, before sending anything) and push their graphs."""
    check_endpoint(endpoint, bool(auth_headers(env)))
    return push(endpoint, graphs_of(files, graph), timeout=timeout, env=env,
                on_published=on_published)
