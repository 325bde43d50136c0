"""The SPARQL client of online linking and ``gazetteer refresh``: a polite one.

SELECT queries through SPARQLWrapper, one at a time, with a User-Agent that
names the project and a contact, POST for long queries, a timeout per request,
and waits on 429/503 as long as Retry-After asks (or a doubling backoff), up
to a limit. Every failure -- unreachable, too slow, refusing, answering
garbage -- is one :class:`WikidataError`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import time
import warnings
from collections.abc import Callable
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit

from ...errors import InputError, NewsgraphError

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
CONTACT = "https://w3id.org/newsgraph; newsgraph@users.noreply.github.com"
DEFAULT_TIMEOUT = 30.0  # seconds per request
DEFAULT_RETRIES = 3  # further attempts after a 429 or 503
DEFAULT_MAX_WAIT = 60.0  # longest wait between attempts; a longer Retry-After gives up
POST_ABOVE = 2000  # characters of the encoded query above which POST is used


class WikidataError(NewsgraphError):
    """The endpoint could not be used: unreachable, too slow, refusing, or garbage."""


def user_agent() -> str:
    import SPARQLWrapper

    from ... import __version__

    return f"newsgraph/{__version__} ({CONTACT}) SPARQLWrapper/{SPARQLWrapper.__version__}"


def check_endpoint(endpoint: str) -> str:
    """Return ``endpoint`` if it is an http(s) URL; raise :class:`InputError` otherwise."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(
            c.isspace() for c in endpoint):
        raise InputError(endpoint, "not an http(s) SPARQL endpoint URL")
    return endpoint


def retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class SparqlClient:
    """SELECT queries with SPARQLWrapper: one at a time, patient on 429/503.

    ``sleep`` is called for every wait (tests pass a recorder); a wait longer
    than ``max_wait`` (from Retry-After, or the doubling backoff) gives up.
    """

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, *, timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, max_wait: float = DEFAULT_MAX_WAIT,
                 backoff: float = 1.0, sleep: Callable[[float], Any] = time.sleep,
                 post_above: int = POST_ABOVE) -> None:
        self.endpoint = check_endpoint(endpoint)
        self.timeout = timeout
        self.retries = retries
        self.max_wait = max_wait
        self.backoff = backoff
        self.sleep = sleep
        self.post_above = post_above
        self.agent = user_agent()
        self.requests = 0

    def _wrapper(self, query: str):
        from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper

        sw = SPARQLWrapper(self.endpoint, agent=self.agent)
        sw.setQuery(query)
        sw.setReturnFormat(JSON)
        sw.setOnlyConneg(True)  # content negotiation only, no format=json URL parameters
        sw.setMethod(POST if len(urlencode({"query": query})) > self.post_above else GET)
        # setTimeout() would truncate to whole seconds. SPARQLWrapper annotates the attribute
        # int, but only hands it to urlopen(), which takes float seconds: a gap in its hints.
        sw.timeout = self.timeout  # type: ignore[assignment]
        return sw

    def select(self, query: str) -> list[dict[str, Any]]:
        """The result bindings of a SELECT query; :class:`WikidataError` on any failure."""
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        sw = self._wrapper(query)
        where = self.endpoint
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # SPARQLWrapper's content-type remarks
                    return _bindings(sw.queryAndConvert())
            except HTTPError as exc:
                if exc.code not in (429, 503) or attempt == self.retries:
                    raise WikidataError(f"{where}: HTTP {exc.code} {exc.reason}") from exc
                wait = retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                if wait is None:
                    wait = self.backoff * 2**attempt
                if wait > self.max_wait:
                    raise WikidataError(f"{where}: HTTP {exc.code}, asked to wait {wait:.0f} s"
                                        ) from exc
                self.sleep(wait)
            except SPARQLWrapperException as exc:
                raise WikidataError(f"{where}: {type(exc).__name__}") from exc
            except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
                reason = str(getattr(exc, "reason", None) or exc) or type(exc).__name__
                raise WikidataError(f"{where}: {reason}") from exc
        raise WikidataError(f"{where}: no answer")  # pragma: no cover - loop always returns


def _bindings(result: Any) -> list[dict[str, Any]]:
    try:
        rows = result["results"]["bindings"]
    except (TypeError, KeyError) as exc:
        raise ValueError("not SPARQL JSON results") from exc
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValueError("not SPARQL JSON results")
    return rows
