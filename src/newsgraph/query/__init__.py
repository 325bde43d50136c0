"""Canned SPARQL queries: the ``queries/*.rq`` catalog, safe parameters, three backends.

Each query file carries grlc-style header comments (``#+ summary:``,
``#+ description:``, ``#+ tags:``, ``#+ params:``) and names its parameters
by the BASIL convention:

========================  =========================================
``?_name``                required literal
``?__name``               optional literal
``?_name_iri``            required IRI
``?__name_iri``           optional IRI
``?_name_xsd_integer``    typed literal (any ``xsd:`` local name)
========================  =========================================

Values are never pasted into the query text. They are handed to the engine as
pre-bound terms: ``initBindings`` for rdflib, SEP-0007 ``substitutions`` for
pyoxigraph. Optional parameters that are not given stay unbound; the queries
test them with ``FILTER(COALESCE(?x = ?__p, true))`` (true when ``?__p`` is
unbound), which behaves the same on both engines -- ``BOUND(?__p)`` does not:
pyoxigraph reports a substituted variable as unbound inside ``BOUND``.
pyoxigraph also requires every substituted variable to be in the ``SELECT``
list, so the canned queries project their parameters; :class:`ResultTable`
leaves those columns (names starting with ``_``) out.

One exception: an IRI parameter used as a federated endpoint, ``SERVICE
?_endpoint_iri { ... }``, is written into the text as ``SERVICE <iri>`` (after
checking it is an absolute http(s) IRI), because rdflib reads the endpoint from
the query text and silently returns nothing for ``SERVICE ?var``
(:func:`bind_service_iris`). A failing SERVICE endpoint is an ``InputError``.

Both backends read the union of all named graphs as the default graph, and
the canned queries group or ``DISTINCT`` their rows because pyoxigraph's union
keeps one copy of a triple per graph that holds it.

A third backend, ``endpoint``, sends the query to a SPARQL 1.1 endpoint with
SPARQLWrapper (:class:`Endpoint`); there parameters travel as a ``VALUES``
block of validated RDF terms (see :mod:`newsgraph.query.endpoint`).

Modules: ``catalog`` (:class:`CannedQuery`, :func:`list_queries`,
:func:`load_query`, header and parameter-variable parsing), ``params``
(:func:`parse_params`, :func:`bind_params`), ``results`` (:class:`ResultTable`
and its renderers), ``backends`` (:func:`run_query` on rdflib, pyoxigraph and endpoints),
``endpoint`` (the SPARQLWrapper backend).
"""

from __future__ import annotations

from .backends import rdflib_to_oxigraph, run_query
from .catalog import (
    CannedQuery,
    Param,
    list_queries,
    load_query,
    parse_query_text,
)
from .endpoint import Endpoint
from .params import bind_params, bind_service_iris, parse_params
from .results import ResultTable

__all__ = [
    "CannedQuery",
    "Endpoint",
    "Param",
    "ResultTable",
    "bind_params",
    "bind_service_iris",
    "list_queries",
    "load_query",
    "parse_params",
    "parse_query_text",
    "rdflib_to_oxigraph",
    "run_query",
]
