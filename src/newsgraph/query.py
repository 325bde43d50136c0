"""Canned SPARQL queries: the ``queries/*.rq`` catalog, safe parameters, two backends.

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

Both backends read the union of all named graphs as the default graph, and
the canned queries group or ``DISTINCT`` their rows because pyoxigraph's union
keeps one copy of a triple per graph that holds it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Dataset
from rdflib.term import Identifier

from newsgraph.errors import InputError
from newsgraph.resources import queries_dir

if TYPE_CHECKING:
    from rich.table import Table

__all__ = [
    "CannedQuery",
    "Param",
    "ResultTable",
    "bind_params",
    "list_queries",
    "load_query",
    "parse_params",
    "parse_query_text",
    "rdflib_to_oxigraph",
    "run_query",
]

XSD = "http://www.w3.org/2001/XMLSchema#"

# ---------------------------------------------------------------------------
# The catalog


@dataclass(frozen=True)
class Param:
    """A query parameter, from a BASIL variable of the query text.

    ``name`` is the bare name (``speaker`` for ``?__speaker_iri``), ``variable``
    the SPARQL variable without its ``?``.
    """

    name: str
    required: bool
    is_iri: bool
    variable: str = ""
    datatype: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.variable:
            prefix = "_" if self.required else "__"
            suffix = "_iri" if self.is_iri else ""
            object.__setattr__(self, "variable", f"{prefix}{self.name}{suffix}")

    @property
    def sparql_variable(self) -> str:
        return "?" + self.variable


@dataclass(frozen=True)
class CannedQuery:
    """A SPARQL query with the metadata of its grlc header."""

    name: str
    path: Path | None
    text: str
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)

    @property
    def source(self) -> str:
        """What to name in error messages: the file, or the name."""
        return str(self.path) if self.path is not None else self.name

    def param(self, key: str) -> Param | None:
        """The parameter called ``key`` (bare name or variable, with or without ``?``)."""
        key = key.strip().lstrip("?$")
        for param in self.params:
            if key in (param.name, param.variable, param.variable.lstrip("_")):
                return param
        return None


def list_queries() -> list[CannedQuery]:
    """Every query of the catalog (``queries/*.rq``), sorted by name."""
    return [_read_query_file(path) for path in sorted(queries_dir().glob("*.rq"))]


def load_query(name_or_path: str | Path) -> CannedQuery:
    """A query by catalog name (``accusations``) or by path to a ``.rq`` file."""
    text = str(name_or_path)
    looks_like_path = (
        isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(".rq")
    )
    if looks_like_path:
        path = Path(name_or_path)
        if path.is_file():
            return _read_query_file(path)
        catalog_file = queries_dir() / path.name
        if path.parent == Path(".") and catalog_file.is_file():
            return _read_query_file(catalog_file)
        raise InputError(text, "no such query file")
    catalog_file = queries_dir() / f"{text}.rq"
    if text and re.fullmatch(r"[\w.-]+", text) and catalog_file.is_file():
        return _read_query_file(catalog_file)
    known = ", ".join(path.stem for path in sorted(queries_dir().glob("*.rq")))
    raise InputError(text, f"unknown query (known queries: {known})")


def parse_query_text(text: str, name: str = "query", path: Path | None = None) -> CannedQuery:
    """Build a :class:`CannedQuery` from SPARQL text with an optional grlc header."""
    header = _parse_header(text)
    tags = _as_list(header.get("tags"))
    declared = _parse_param_declarations(header.get("params"))
    params = []
    for variable in _basil_variables(text):
        param = _param_from_variable(variable)
        info = declared.get(variable)
        if info is not None:
            datatype, description = info
            param = Param(
                name=param.name,
                required=param.required,
                is_iri=param.is_iri,
                variable=param.variable,
                datatype=None if param.is_iri else (datatype or param.datatype),
                description=description,
            )
        params.append(param)
    return CannedQuery(
        name=name,
        path=path,
        text=text,
        summary=_as_text(header.get("summary")),
        description=_as_text(header.get("description")),
        tags=tags,
        params=params,
    )


def _read_query_file(path: Path) -> CannedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read query: {exc}") from exc
    return parse_query_text(text, name=path.stem, path=path)


# -- header ------------------------------------------------------------------

_KEY_LINE = re.compile(r"^ ?([A-Za-z_][\w-]*):(?:\s+(.*?))?\s*$")
_ITEM_LINE = re.compile(r"^\s+-\s+(.*?)\s*$")


def _parse_header(text: str) -> dict[str, Any]:
    """The ``#+ key: value`` lines before the query (a YAML-like subset, as grlc reads).

    A key takes an inline value, ``  - item`` lines (a list) and indented
    continuation lines.
    """
    header: dict[str, Any] = {}
    key: str | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped.startswith("#+"):
            if not stripped or stripped.startswith("#"):
                continue
            break
        line = stripped[2:].rstrip()
        key_match = _KEY_LINE.match(line)
        if key_match:
            key = key_match.group(1)
            value = key_match.group(2)
            header[key] = _unquote(value) if value else ""
            continue
        if key is None or not line.strip():
            continue
        item_match = _ITEM_LINE.match(line)
        current = header[key]
        if item_match:
            if not isinstance(current, list):
                current = [current] if current else []
            current.append(_unquote(item_match.group(1)))
            header[key] = current
        elif isinstance(current, list) and current:
            current[-1] = f"{current[-1]} {line.strip()}"
        else:
            header[key] = f"{current} {line.strip()}".strip()
    return header


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value)


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return [part.strip().strip("\"'") for part in text.split(",") if part.strip()]


_DECLARATION = re.compile(r"[?$](\w+)\s*(?:\(([^)]*)\))?\s*(.*)", re.S)
_DATATYPES = {
    "integer",
    "decimal",
    "double",
    "float",
    "boolean",
    "date",
    "datetime",
    "string",
    "gyear",
    "nonnegativeinteger",
}


def _parse_param_declarations(value: Any) -> dict[str, tuple[str | None, str]]:
    """``#+ params`` entries: variable -> (datatype IRI or None, description)."""
    if isinstance(value, list):
        entries = value
    elif value:
        # Inline form: ``?_a (optional) text ?__b_iri (IRI) text``.
        entries = re.split(r"\s*[;,]?\s*(?=[?$]_)", str(value))
    else:
        entries = []
    declared: dict[str, tuple[str | None, str]] = {}
    for entry in entries:
        match = _DECLARATION.match(entry.strip())
        if not match:
            continue
        variable, flags, description = match.groups()
        datatype = None
        for flag in re.split(r"[,\s]+", flags or ""):
            local = flag.lower().removeprefix("xsd:")
            if local in _DATATYPES:
                datatype = XSD + _XSD_CASE.get(local, local)
        declared[variable] = (datatype, description.strip())
    return declared


_XSD_CASE = {"datetime": "dateTime", "gyear": "gYear", "nonnegativeinteger": "nonNegativeInteger"}


# -- BASIL variables -----------------------------------------------------------

_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long_string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$](?P<name>[A-Za-z0-9_\u00b7\u00c0-\uffff]+))
    """,
    re.X,
)


def _basil_variables(text: str) -> list[str]:
    """Variables named ``_...`` in the query (outside comments, strings and IRIs), in order."""
    seen: list[str] = []
    for match in _TOKENS.finditer(text):
        name = match.group("name")
        if name and name.startswith("_") and len(name.lstrip("_")) > 0 and name not in seen:
            seen.append(name)
    return seen


def _param_from_variable(variable: str) -> Param:
    required = not variable.startswith("__")
    rest = variable[1:] if required else variable[2:]
    is_iri = False
    datatype = None
    if rest.endswith("_iri") and len(rest) > 4:
        is_iri = True
        rest = rest[:-4]
    else:
        typed = re.fullmatch(r"(.+?)_xsd_([A-Za-z]+)", rest)
        if typed:
            rest, datatype = typed.group(1), XSD + typed.group(2)
        elif rest.endswith("_literal") and len(rest) > 8:
            rest = rest[:-8]
    return Param(name=rest, required=required, is_iri=is_iri, variable=variable, datatype=datatype)


# ---------------------------------------------------------------------------
# Parameters


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``["speaker=http://...", "type=Denial"]`` -> ``{"speaker": ..., "type": ...}``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise InputError(pair, "a query parameter must be given as NAME=VALUE")
        if name in values:
            raise InputError(pair, f"parameter {name!r} given twice")
        values[name] = value
    return values


# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")


def bind_params(query: CannedQuery, values: Mapping[str, Any] | None) -> dict[str, Identifier]:
    """Turn parameter values into RDF terms, keyed by SPARQL variable name (no ``?``).

    IRI parameters must be absolute IRIs without characters that IRIs forbid;
    literal parameters become plain literals, or typed literals when the
    variable or the ``#+ params`` header gives a datatype. Raises
    :class:`InputError` for an unknown parameter, a missing required one or a
    bad value.
    """
    values = dict(values or {})
    bindings: dict[str, Identifier] = {}
    for key, raw in values.items():
        param = query.param(str(key))
        if param is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise InputError(query.source, f"unknown parameter {key!r} (this query takes: {known})")
        if param.variable in bindings:
            raise InputError(query.source, f"parameter {param.name!r} given twice")
        value = str(raw)
        if param.is_iri:
            if not _IRI.fullmatch(value):
                raise InputError(
                    query.source,
                    f"parameter {param.name!r} must be an absolute IRI, got {value!r}",
                )
            bindings[param.variable] = URIRef(value)
        else:
            bindings[param.variable] = _typed_literal(query, param, value)
    for param in query.params:
        if param.required and param.variable not in bindings:
            kind = "an IRI" if param.is_iri else "a value"
            raise InputError(query.source, f"missing required parameter {param.name!r} ({kind})")
    return bindings


_LEXICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "nonNegativeInteger": re.compile(r"\+?\d+|-0+"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "double": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    "float": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    "boolean": re.compile(r"true|false|1|0"),
}


def _typed_literal(query: CannedQuery, param: Param, value: str) -> Literal:
    if param.datatype is None or param.datatype == XSD + "string":
        return Literal(value)
    local = param.datatype.removeprefix(XSD)
    pattern = _LEXICAL.get(local)
    valid = True
    if pattern is not None:
        valid = pattern.fullmatch(value) is not None
    elif local == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            valid = False
    if not valid:
        raise InputError(query.source, f"parameter {param.name!r} must be an xsd:{local}")
    return Literal(value, datatype=URIRef(param.datatype))


# ---------------------------------------------------------------------------
# Results


@dataclass
class ResultTable:
    """Rows of plain strings: IRIs as the IRI, literals as their lexical form."""

    columns: list[str]
    rows: list[list[str | None]]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if value is None else value for value in row])
        return buffer.getvalue()

    def to_tsv(self) -> str:
        lines = ["\t".join(self.columns)]
        for row in self.rows:
            lines.append("\t".join(_tsv_cell(value) for value in row))
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """A JSON list of objects keyed by column (unbound -> null), in row order."""
        return json.dumps(self.records(), ensure_ascii=False, indent=2) + "\n"

    def render(self, fmt: str) -> str:
        """``csv``, ``tsv`` or ``json`` as text."""
        renderers = {"csv": self.to_csv, "tsv": self.to_tsv, "json": self.to_json}
        if fmt not in renderers:
            raise InputError(fmt, "unknown result format (csv, tsv, json)")
        return renderers[fmt]()

    def to_rich_table(self, title: str | None = None) -> Table:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, expand=False)
        for column in self.columns:
            table.add_column(column, overflow="fold")
        for row in self.rows:
            # Text objects: values are shown as they are, never read as rich markup.
            table.add_row(
                *(Text("") if value is None else Text(value) for value in row),
            )
        return table


def _tsv_cell(value: str | None) -> str:
    if value is None:
        return ""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def _canonical(lexical: str, datatype: str | None) -> str:
    """The canonical lexical form of numbers and booleans, as pyoxigraph stores them.

    rdflib keeps the lexical form it parsed (``"0.80"``); pyoxigraph keeps the
    canonical one (``"0.8"``). Both backends' values go through here so that
    the same data gives the same strings.
    """
    if datatype is None:
        return lexical
    try:
        if datatype in _INTEGER_TYPES:
            if _LEXICAL["integer"].fullmatch(lexical):
                return str(int(lexical))
        elif datatype == XSD + "decimal":
            if _LEXICAL["decimal"].fullmatch(lexical):
                return _plain_decimal(Decimal(lexical))
        elif datatype in (XSD + "double", XSD + "float"):
            if _LEXICAL["double"].fullmatch(lexical) and "N" not in lexical:
                return _plain_decimal(Decimal(repr(float(lexical))))
        elif datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(lexical, lexical)
    except (InvalidOperation, ValueError, OverflowError):
        return lexical
    return lexical


def _plain_decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def _rdflib_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return _canonical(str(term), datatype)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _oxigraph_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _canonical(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _is_output_column(name: str) -> bool:
    """Parameter variables (``?_x``, ``?__x``) are inputs, not result columns."""
    return not name.startswith("_")


# ---------------------------------------------------------------------------
# Running


def run_query(
    query: CannedQuery | str | Path,
    data: Graph | ox.Store,
    params: Mapping[str, Any] | None = None,
) -> ResultTable:
    """Run a query on an rdflib Graph/Dataset or a pyoxigraph Store.

    ``query`` is a :class:`CannedQuery`, a catalog name or a path. The default
    graph is the union of all graphs on both backends. Parameters are bound by
    :func:`bind_params`; optional ones that are not given stay unbound.
    """
    if not isinstance(query, CannedQuery):
        query = load_query(query)
    bindings = bind_params(query, params)
    if isinstance(data, ox.Store):
        return _run_oxigraph(query, data, bindings)
    if isinstance(data, Graph):
        return _run_rdflib(query, data, bindings)
    raise TypeError(f"cannot query a {type(data).__name__}: expected an rdflib Graph or a Store")


def _union_view(data: Graph) -> Graph:
    """A Dataset whose default graph is the union of its graphs, on the same store."""
    if isinstance(data, Dataset) and not data.default_union:
        return Dataset(store=data.store, default_union=True)
    return data  # a ConjunctiveGraph reads the union already; a Graph is one graph


def _run_rdflib(query: CannedQuery, data: Graph, bindings: dict[str, Identifier]) -> ResultTable:
    graph = _union_view(data)
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
            [[_rdflib_value(term) for term in triple] for triple in result],
            key=lambda row: [value or "" for value in row],
        )
        return ResultTable(["subject", "predicate", "object"], triples)
    variables = [str(var) for var in (result.vars or [])]
    keep = [i for i, name in enumerate(variables) if _is_output_column(name)]
    rows = []
    for row in result:
        rows.append([_rdflib_value(row[i]) for i in keep])
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
    substitutions = {ox.Variable(name): _to_oxigraph_term(term) for name, term in bindings.items()}
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
                    _oxigraph_value(t.subject),
                    _oxigraph_value(t.predicate),
                    _oxigraph_value(t.object),
                ]
                for t in result
            ],
            key=lambda row: [value or "" for value in row],
        )
        return ResultTable(["subject", "predicate", "object"], triples)
    variables = [var.value for var in result.variables]
    keep = [name for name in variables if _is_output_column(name)]
    rows = [[_oxigraph_value(solution[name]) for name in keep] for solution in result]
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
            for s, p, o, graph in data.quads((None, None, None, None))
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
