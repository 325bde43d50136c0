"""Running a query on a remote SPARQL 1.1 endpoint with SPARQLWrapper.

A remote endpoint takes no pre-bound variables, so parameters travel in the
query text, in the one form that cannot change the query's meaning: a
``VALUES`` block of RDF terms, put first in the top-level ``WHERE`` group
(so that the ``FILTER``s of that group see the values, as they see
``initBindings`` on rdflib and substitutions on pyoxigraph). Every term has
been validated by :func:`~newsgraph.query.params.bind_params`; IRIs are
written with rdflib's ``.n3()`` (which refuses an IRI with characters that
could end it), literals by :func:`sparql_literal`, a single-line string with
every character that could end it escaped -- rdflib's ``Literal.n3()`` writes
a multi-line string that a value ending in a backslash and a quote breaks.

The endpoint must read the union of its named graphs as the default graph,
as ``newsgraph serve`` does (``--union-default-graph``); then the rows are
those of the files and of the embedded store. Credentials come from the
environment, as for ``newsgraph publish``, and TLS certificates are verified.
"""

from __future__ import annotations

import re
import urllib.error
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from ..errors import InputError
from ..store.graph_store import USER_AGENT, EndpointError, auth_headers, check_endpoint
from ..store.graph_store import describe_failure as _describe
from .catalog import CannedQuery
from .results import ResultTable, is_output_column, json_value, rdflib_value


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 Protocol query endpoint, e.g. ``http://127.0.0.1:7878/query``."""

    url: str
    timeout: float = 60.0


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")


def sparql_literal(term: Literal) -> str:
    """``term`` as a SPARQL literal: one line, quotes and backslashes escaped."""
    text = '"' + "".join(_ESCAPES.get(char, char) for char in str(term)) + '"'
    if term.language:
        if not _LANGUAGE.fullmatch(term.language):
            raise ValueError(f"not a language tag: {term.language!r}")
        return f"{text}@{term.language}"
    if term.datatype is not None:
        return f"{text}^^{URIRef(term.datatype).n3()}"
    return text


def sparql_term(term: Identifier) -> str:
    """A validated RDF term as SPARQL text (IRIs and literals only)."""
    if isinstance(term, Literal):
        return sparql_literal(term)
    if isinstance(term, URIRef):
        return term.n3()  # raises for an IRI with characters that could end <...>
    raise TypeError(f"cannot send a {type(term).__name__} to an endpoint")


# Comments, strings and IRIs (which may hold braces or words), braces, words.
_SCAN = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>
        |[?$][\w\u00b7\u00c0-\uffff]+)
      |(?P<open>\{)|(?P<close>\})|(?P<word>[A-Za-z]+)""",
    re.X,
)


def strip_comments(text: str) -> str:
    """The query without its comments: SPARQLWrapper guesses the query form from the
    first keyword it sees, and takes "copy" in a comment for an update."""
    return _SCAN.sub(lambda m: "" if (m.group("skip") or "").startswith("#")
                     else m.group(0), text)


def with_values(query: CannedQuery, bindings: dict[str, Identifier]) -> str:
    """The query text with ``VALUES (?v ...) { (term ...) }`` first in its WHERE group."""
    if not bindings:
        return query.text
    names = sorted(bindings)
    if not all(re.fullmatch(r"\w+", name) for name in names):
        raise InputError(query.source, "bad parameter variable name")
    row = " ".join(sparql_term(bindings[name]) for name in names)
    block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    depth, form, seen_where = 0, None, False
    for match in _SCAN.finditer(query.text):
        if match.group("open"):
            if depth == 0 and (seen_where or form not in (None, "CONSTRUCT")):
                return query.text[: match.end()] + block + query.text[match.end():]
            depth += 1
        elif match.group("close"):
            depth -= 1
        elif match.group("word") and depth == 0:
            word = match.group("word").upper()
            if word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and form is None:
                form = word
            elif word == "WHERE":
                seen_where = True
    raise InputError(query.source, "cannot find the WHERE group to bind parameters in")


def run_endpoint(query: CannedQuery, endpoint: Endpoint,
                 bindings: dict[str, Identifier]) -> ResultTable:
    """Run ``query`` at ``endpoint`` with ``bindings`` sent as a VALUES block."""
    from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

    headers = auth_headers()
    check_endpoint(endpoint.url, bool(headers))
    client = SPARQLWrapper(endpoint.url, agent=USER_AGENT)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)  # the protocol's POST form: long queries fit
    client.setTimeout(max(1, round(endpoint.timeout)))
    for name, value in headers.items():
        client.addCustomHttpHeader(name, value)
    client.setQuery(strip_comments(with_values(query, bindings)))
    graph_result = client.queryType in ("CONSTRUCT", "DESCRIBE")
    client.setReturnFormat(TURTLE if graph_result else JSON)
    try:
        response = client.query()
        payload = response.response.read()
    except QueryBadFormed as exc:
        raise InputError(query.source, f"the endpoint rejected the query: "
                                       f"{_one_line(exc)}") from exc
    except SPARQLWrapperException as exc:
        raise EndpointError(f"{endpoint.url}: {_one_line(exc)}") from exc
    except (TimeoutError, urllib.error.URLError, OSError, ValueError) as exc:
        raise EndpointError(f"{endpoint.url}: {_describe(exc)}") from exc
    if graph_result:
        return _triples(endpoint, payload)
    return _solutions(endpoint, payload)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


def _triples(endpoint: Endpoint, payload: bytes) -> ResultTable:
    try:
        graph = Graph().parse(data=payload, format="turtle")
    except Exception as exc:  # the parser's own exception types
        raise EndpointError(f"{endpoint.url}: the answer is not Turtle: {exc}") from exc
    rows = sorted(([rdflib_value(term) for term in triple] for triple in graph),
                  key=lambda row: [value or "" for value in row])
    return ResultTable(["subject", "predicate", "object"], rows)


def _solutions(endpoint: Endpoint, payload: bytes) -> ResultTable:
    import json

    try:
        data = json.loads(payload)
        if "boolean" in data:
            return ResultTable(["result"], [["true" if data["boolean"] else "false"]])
        variables = [str(v) for v in data["head"]["vars"]]
        solutions = data["results"]["bindings"]
        keep = [name for name in variables if is_output_column(name)]
        rows = [[json_value(solution.get(name)) for name in keep] for solution in solutions]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EndpointError(f"{endpoint.url}: the answer is not SPARQL JSON results") from exc
    return ResultTable(keep, rows)
