"""Running a query on rdflib (Graph / Dataset), pyoxigraph (Store) or an endpoint."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow
from rdflib.term import Identifier, Node

from ..errors import InputError
from ..rdf.reader import union_view
from .catalog import CannedQuery, load_query
from .endpoint import Endpoint, run_endpoint
from .params import bind_params, bind_service_iris
from .results import ResultTable, is_output_column, oxigraph_value, rdflib_value


def run_query(
    query: CannedQuery | str | Path,
    data: Graph | ox.Store | Endpoint,
    params: Mapping[str, Any] | None = None,
) -> ResultTable:
    """Run a query on an rdflib Graph/Dataset, a pyoxigraph Store or an :class:`Endpoint`.

    ``query`` is a :class:`CannedQuery`, a catalog name or a path. The default
    graph is the union of all graphs on every backend. Parameters are bound by
    :func:`bind_params`; optional ones that are not given stay unbound.
    """
    if not isinstance(query, CannedQuery):
        query = load_query(query)
    check_dereferencing(query)
    bindings = bind_params(query, params)
    query = bind_service_iris(query, bindings)
    if isinstance(data, Endpoint):
        return run_endpoint(query, data, bindings)
    try:
        if isinstance(data, ox.Store):
            return _run_oxigraph(query, data, bindings)
        if isinstance(data, Graph):
            return _run_rdflib(query, data, bindings)
    except (OSError, json.JSONDecodeError) as exc:  # a SERVICE endpoint failed
        raise InputError(query.source, f"a SERVICE call failed: {exc}") from exc
    raise TypeError(f"cannot query a {type(data).__name__}: expected an rdflib Graph, a Store "
                    "or an Endpoint")


def check_dereferencing(query: CannedQuery) -> None:
    """Refuse a query that would make a backend fetch data from elsewhere.

    ``FROM <file:///...>`` and ``FROM NAMED`` make rdflib load that file or URL
    (pyoxigraph instead narrows the store to those graphs, an endpoint does
    what it likes: three answers to one query), and ``SERVICE <url>`` sends a
    request from this machine. A query runs on the data it is given, so these
    are refused, in one line, on every backend alike. The query is parsed
    (rdflib's SPARQL grammar), so a ``FROM`` in a string, an IRI or a comment
    is not mistaken for one. The shipped catalog queries are not parsed again
    here (up to 0.7 s for the largest): the tests check that none has a
    dataset clause and that the one ``SERVICE`` (``wikidata-enrich``) takes
    its endpoint from a parameter, which the user names.
    """
    if _catalog_query(query):
        return
    for kind, target in remote_parts(query.text):
        raise InputError(query.source, f"{kind} {target} is not allowed: a query runs on "
                                       "the data given (--data, --store or --endpoint) "
                                       "and fetches nothing else")


@functools.lru_cache(maxsize=64)
def remote_parts(text: str) -> tuple[tuple[str, str], ...]:
    """(``FROM``, ``FROM NAMED`` or ``SERVICE``, its IRI or variable) of ``text``."""
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseQuery(text)
    except Exception:  # pyparsing's ParseException: the backend reports it as it does
        return ()
    found: list[tuple[str, str]] = []

    def walk(node: object) -> None:
        if isinstance(node, CompValue):
            if node.name == "DatasetClause":
                named = "named" in node  # CompValue.get answers for a missing key too
                found.append(("FROM NAMED", _shown(node["named"])) if named
                             else ("FROM", _shown(node["default"])))
            elif node.name == "ServiceGraphPattern":
                found.append(("SERVICE", _shown(node["term"])))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            for item in cast(Iterable[object], node):
                walk(item)

    walk(list(tree))
    return tuple(found)


def _shown(term: object) -> str:
    """An IRI, prefixed name or variable of the parse tree as the query wrote it."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Variable):
        return f"?{term}"
    if getattr(term, "name", None) == "pname":
        # a CompValue (a dict whose own get answers for missing keys): not resolved
        prefix, local = (dict.get(cast(dict[str, str], term), key) or ""
                         for key in ("prefix", "localname"))
        return f"{prefix}:{local}"
    return str(term)


def _catalog_query(query: CannedQuery) -> bool:
    """Whether ``query`` is one of the shipped ``queries/*.rq``."""
    from ..resources import queries_dir

    if query.path is None:
        return False
    try:
        return query.path.resolve().parent == queries_dir().resolve()
    except OSError:
        return False


def _run_rdflib(query: CannedQuery, data: Graph, bindings: dict[str, Identifier]) -> ResultTable:
    graph = union_view(data)
    try:
        result = graph.query(query.text, initBindings=bindings)
    except Exception as exc:  # pyparsing's ParseException and evaluation errors
        if type(exc).__name__ in ("ParseException", "ParseSyntaxException"):
            raise InputError(query.source, f"invalid SPARQL: {exc}") from exc
        raise
    if result.type == "ASK":
        return ResultTable(["result"], [["true" if result.askAnswer else "false"]])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        triples = sorted(
            [[rdflib_value(term) for term in triple]
             for triple in cast(Iterable[tuple[Node, Node, Node]], result)],
            key=lambda row: [value or "" for value in row],
        )
        return ResultTable(["subject", "predicate", "object"], triples)
    variables = [str(var) for var in (result.vars or [])]
    keep = [i for i, name in enumerate(variables) if is_output_column(name)]
    rows = []
    for row in cast(Iterable[ResultRow], result):
        rows.append([rdflib_value(row[i]) for i in keep])
    return ResultTable([variables[i] for i in keep], rows)


def _to_oxigraph_term(term: Identifier) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot bind a {type(term).__name__}")


def _run_oxigraph(
    query: CannedQuery, store: ox.Store, bindings: dict[str, Identifier]
) -> ResultTable:
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(name): _to_oxigraph_term(term) for name, term in bindings.items()}
    try:
        result = store.query(
            query.text,
            substitutions=substitutions or None,
            use_default_graph_as_union=True,
        )
    except SyntaxError as exc:
        raise InputError(query.source, f"invalid SPARQL: {exc}") from exc
    except RuntimeError as exc:
        if "projection" in str(exc):
            raise InputError(
                query.source,
                "every parameter variable must be listed in SELECT to be bound on "
                f"pyoxigraph ({exc})",
            ) from exc
        raise
    if isinstance(result, ox.QueryBoolean):
        return ResultTable(["result"], [["true" if bool(result) else "false"]])
    if isinstance(result, ox.QueryTriples):
        triples = sorted(
            [
                [
                    oxigraph_value(t.subject),
                    oxigraph_value(t.predicate),
                    oxigraph_value(t.object),
                ]
                for t in result
            ],
            key=lambda row: [value or "" for value in row],
        )
        return ResultTable(["subject", "predicate", "object"], triples)
    variables = [var.value for var in result.variables]
    keep = [name for name in variables if is_output_column(name)]
    rows = [[oxigraph_value(solution[name]) for name in keep] for solution in result]
    return ResultTable(keep, rows)


def rdflib_to_oxigraph(data: Graph) -> ox.Store:
    """An in-memory pyoxigraph Store holding the same quads as an rdflib Graph or Dataset.

    Named graphs stay named graphs; rdflib's default graph (and a plain Graph)
    goes to the store's default graph.
    """
    store = ox.Store()
    blank_nodes: dict[BNode, ox.BlankNode] = {}

    def convert(term: Identifier) -> Any:
        if isinstance(term, BNode):
            if term not in blank_nodes:
                blank_nodes[term] = ox.BlankNode()
            return blank_nodes[term]
        return _to_oxigraph_term(term)

    if data.context_aware:
        quads = (
            (s, p, o, getattr(graph, "identifier", graph))
            for s, p, o, graph in data.quads((None, None, None, None))  # type: ignore[attr-defined]
        )
    else:
        quads = ((s, p, o, None) for s, p, o in data)
    store.extend(
        ox.Quad(
            convert(s),
            convert(p),
            convert(o),
            ox.DefaultGraph()
            if graph is None or graph == DATASET_DEFAULT_GRAPH_ID
            else convert(graph),
        )
        for s, p, o, graph in quads
    )
    return store
