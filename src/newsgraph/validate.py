"""Validate newsgraph RDF against the SHACL shapes (``shapes/newsgraph.shacl.ttl``).

``validate(graph)`` runs a SHACL engine with the shapes and returns a
:class:`ValidationReport` whose results are plain strings, sorted so that the
text and JSON renderings are the same on every run. Two engines: pyshacl-turbo
(Rust, the default, fast enough to validate every article of a corpus as it is
built) and pySHACL (the reference, ``engine="pyshacl"``).

The shapes check class membership against the concrete classes the mapper
writes, so no ontology and no RDFS inference are needed: the data graph is
validated as it is, which keeps ``validate`` cheap enough to run on every
article's graph.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyshacl
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from .errors import InputError
from .rdf.rdftext import text_of
from .rdf.reader import load_data, one_line
from .resources import shapes_path

__all__ = ["DEFAULT_ENGINE", "ENGINES", "ValidationReport", "ValidationResult", "load_data",
           "shapes_graph", "validate", "validate_ntriples"]

NG = "https://w3id.org/newsgraph/ontology#"
NGSH = "https://w3id.org/newsgraph/shapes#"

# prefixes used to shorten paths in to_text()
_PREFIXES = (("ng:", NG), ("ngsh:", NGSH), ("rdf:", str(RDF)), ("rdfs:", str(RDFS)),
             ("owl:", str(OWL)), ("xsd:", str(XSD)), ("skos:", str(SKOS)),
             ("dcterms:", str(DCTERMS)))

# SHACL engines: the first is the default (see validate()).
ENGINES = ("turbo", "pyshacl")
DEFAULT_ENGINE = ENGINES[0]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One SHACL validation result, as plain strings.

    ``source_shape`` is the IRI of the named shape that failed; for a property
    shape written inline (a blank node) it is the IRI of the node shape that
    contains it, and ``path`` says which property.
    """

    focus_node: str
    path: str | None
    message: str
    severity: str
    source_shape: str
    value: str | None

    def sort_key(self) -> tuple:
        return (_SEVERITY_ORDER.get(self.severity, 9), self.focus_node, self.path or "",
                self.message, self.source_shape, self.value or "")


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    report_graph: Graph = field(default_factory=Graph, repr=False, compare=False)

    def to_text(self) -> str:
        """Human-readable: ``Conforms: yes`` or a count then one line per result."""
        if self.conforms and not self.results:
            return "Conforms: yes\n"
        verdict = "yes" if self.conforms else "no"
        n = len(self.results)
        lines = [f"Conforms: {verdict} ({n} result{'s' if n != 1 else ''})"]
        for r in self.results:
            where = f"{_shorten(r.path)}: " if r.path else ""
            value = f" [value: {r.value}]" if r.value is not None else ""
            lines.append(f"{r.severity}  <{r.focus_node}>  {where}{r.message}{value}")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """JSON with sorted keys and results: the same text on every run."""
        payload = {"conforms": self.conforms, "results": [asdict(r) for r in self.results]}
        return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def to_turtle(self) -> str:
        """The SHACL validation report graph (sh:ValidationReport) as Turtle."""
        return self.report_graph.serialize(format="turtle")


def validate(
    data: Graph | Dataset, *, shapes: Graph | str | Path | None = None,
    engine: str = DEFAULT_ENGINE,
) -> ValidationReport:
    """Validate ``data`` against the newsgraph shapes (or ``shapes``).

    ``data`` is a Graph or a Dataset; a Dataset is validated as the union of
    all its graphs (named and default). ``shapes`` is a shapes Graph or a path
    to one; by default the shapes shipped with newsgraph, parsed once per
    process. ``engine`` is one of :data:`ENGINES`: ``"turbo"`` (pyshacl-turbo,
    a Rust SHACL engine, the default: about 14 times faster than pySHACL on an
    article's graph) or ``"pyshacl"`` (the reference implementation). Both give
    the same results on newsgraph's shapes; ``tests/test_shapes.py`` checks it
    on every mutation of the shapes' test graph.
    """
    if engine not in ENGINES:
        raise InputError("--engine", f"unknown SHACL engine {engine!r} "
                                     f"(choose from {', '.join(ENGINES)})")
    shapes_g = _shapes_graph(shapes)
    if engine == "turbo":
        conforms, report_graph, _ = _compiled(shapes_g).validate(
            _union(data, Graph), inference="none", allow_warnings=True)
    else:
        conforms, report_graph, _ = pyshacl.validate(
            _union(data, _QueryCachingGraph),
            shacl_graph=shapes_g,
            inference="none",
            advanced=False,
            allow_warnings=True,  # sh:Warning / sh:Info results do not break conformance
            inplace=True,  # no inference, no rules: pySHACL only reads the data graph
        )
    return _report(conforms, report_graph, shapes_g)


def _report(conforms: object, report_graph: Graph, shapes: Graph) -> ValidationReport:
    return ValidationReport(conforms=bool(conforms), results=_results(report_graph, shapes),
                            report_graph=report_graph)


def validate_ntriples(lines: list[str], *, engine: str = DEFAULT_ENGINE,
                      text: str | None = None) -> ValidationReport:
    """Validate a graph given as N-Triples lines (see :mod:`newsgraph.rdf.rdftext`).

    With pyshacl-turbo the text (``text``, if the caller has it already) is parsed by
    the engine itself, in Rust: a corpus build never makes an rdflib Graph of an
    article, nor of the report of an article without results (a tenth of the time).
    The verdict comes from the shapes' whole-graph form (:mod:`newsgraph.rdf.verdict`,
    half the time, and at least as strict); a graph it flags is validated again with
    the shapes as they are, whose results are the report.
    """
    if text is None:
        text = text_of(lines)
    if engine != "turbo":
        return validate(Graph().parse(data=text, format="nt"), engine=engine)
    from pyshacl_turbo.rdf import Input

    shapes_g = _shapes_graph(None)
    compiled = _compiled(shapes_g)
    # What CompiledShapes.validate(Input(text, "nt", ...), allow_warnings=True) passes
    # on, positionally: rules off, depth 15, no focus nodes, no shape selection.
    conforms, report, _, _, notes = _compiled(_verdict_shapes(shapes_g))._native.validate(
        text, "nt", None, False, 100, 15, False, False, True, False, [], [], [])
    if conforms and not notes and _RESULT not in report:
        return ValidationReport(conforms=True, report_graph=_conforming_report(compiled))
    conforms, report_graph, _ = compiled.validate(Input(text, "nt", None, {}, {}),
                                                  allow_warnings=True)
    return _report(conforms, report_graph, shapes_g)


_RESULT = f"<{SH.ValidationResult}>"


@functools.lru_cache(maxsize=8)
def _conforming_report(compiled: Any) -> Graph:  # pyshacl_turbo's compiled shapes
    """The report graph of a graph without results (``sh:conforms true``), made once
    and shared by every such report: do not modify it."""
    from pyshacl_turbo.rdf import Input

    empty = "<urn:x-newsgraph:empty> <urn:x-newsgraph:empty> <urn:x-newsgraph:empty> .\n"
    return compiled.validate(Input(empty, "nt", None, {}, {}), allow_warnings=True)[1]


def shapes_graph(shapes: str | Path | None = None) -> Graph:
    """The parsed shapes graph (by default newsgraph's), cached per file version.

    Do not modify it: it is shared by every later call to :func:`validate`.
    """
    return _shapes_graph(shapes)


# --------------------------------------------------------------------------
# internals


def _union(data: Graph | Dataset, kind: type[Graph]) -> Graph:
    """``data`` as one Graph of class ``kind``: a Dataset becomes the union of its graphs.

    For a plain Graph the result is a view on the same store (no copy), for a
    Dataset a new graph with all triples.
    """
    if not isinstance(data, Graph):
        raise TypeError(f"validate() expects an rdflib Graph or Dataset, not {type(data).__name__}")
    if not getattr(data, "context_aware", False):
        if kind is type(data):
            return data
        return kind(store=data.store, identifier=data.identifier,
                    namespace_manager=data.namespace_manager)
    from .rdf.reader import union

    merged = kind()
    for prefix, namespace in data.namespaces():
        merged.bind(prefix, namespace, override=False)
    return union(data, into=merged)


class _QueryCachingGraph(Graph):
    """A Graph that parses each SPARQL query text once per process.

    pySHACL runs a SHACL-SPARQL constraint once per focus node, passing the
    same query text with different bindings; rdflib would parse it every
    time, which is most of the cost of validating (about 20 ms per mention).
    Preparing the query once makes validation roughly ten times faster.
    """

    def query(
        self, query_object, processor="sparql", result="sparql",
        initNs=None, initBindings=None, use_store_provided=True, **kwargs,  # noqa: N803
    ):
        if isinstance(query_object, str) and processor == "sparql":
            namespaces = tuple(sorted((initNs or {}).items()))
            query_object = _prepared_query(query_object, namespaces)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@functools.lru_cache(maxsize=256)
def _prepared_query(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


def _compiled(shapes: Graph):
    """pyshacl-turbo's compiled form of ``shapes``, made once per shapes graph."""
    key = id(shapes)
    if key not in _COMPILED or _COMPILED[key][0] is not shapes:
        import pyshacl_turbo

        _COMPILED[key] = (shapes, pyshacl_turbo.compile_shapes(shapes, advanced=False))
    return _COMPILED[key][1]


_COMPILED: dict[int, tuple[Graph, object]] = {}


@functools.lru_cache(maxsize=8)
def _verdict_shapes(shapes: Graph) -> Graph:
    """The whole-graph form of ``shapes`` (:func:`newsgraph.rdf.verdict.verdict_shapes`)."""
    from .rdf.verdict import verdict_shapes

    return verdict_shapes(shapes)


def _shapes_graph(shapes: Graph | str | Path | None) -> Graph:
    if isinstance(shapes, Graph):
        return shapes
    path = Path(shapes) if shapes is not None else _default_shapes()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise InputError(path, "shapes file not found") from None
    return _load_shapes(str(path.resolve()) if shapes is not None else str(path), mtime)


@functools.cache
def _default_shapes() -> Path:
    """The shipped shapes file, found once: every article of a corpus is validated
    with it, and finding it cost more system calls than a small report."""
    return shapes_path().resolve()


@functools.lru_cache(maxsize=8)
def _load_shapes(path: str, mtime_ns: int) -> Graph:
    """Parse a shapes file once (per modification time)."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:
        raise InputError(path, f"cannot parse shapes: {one_line(exc)}") from None
    return graph


def _results(report: Graph, shapes: Graph) -> list[ValidationResult]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        severity = report.value(node, SH.resultSeverity)
        source = report.value(node, SH.sourceShape)
        value = report.value(node, SH.value)
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        results.append(ValidationResult(
            focus_node=_term(focus), path=_path(path, report) if path is not None else None,
            message=" / ".join(messages) or "(no message)",
            severity=_local(severity) if severity is not None else "Violation",
            source_shape=_owner_shape(source, shapes),
            value=_term(value) if value is not None else None))
    return sorted(set(results), key=ValidationResult.sort_key)


def _owner_shape(shape: Node | None, shapes: Graph) -> str:
    """The IRI of ``shape``, or of the named node shape an inline shape belongs to."""
    if shape is None:
        return ""
    seen = set()
    node = shape
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parent = shapes.value(None, SH.property, node)
        if parent is None:
            break
        node = parent
    return _term(node)


def _term(node: Node | None) -> str:
    """An IRI or a literal as its string, a blank node as ``_:label``."""
    if node is None:
        return ""
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _path(path: Node, graph: Graph) -> str:
    """A result path as a string: the property IRI, or a SPARQL-style path."""
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_path(inverse, graph)}"
    if graph.value(path, RDF.first) is not None:
        return "/".join(_path(p, graph) for p in Collection(graph, path))
    for predicate, sign in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                            (SH.zeroOrOnePath, "?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return f"({_path(inner, graph)}){sign}"
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(p, graph) for p in Collection(graph, alternatives)) + ")"
    return _term(path)


def _shorten(iri: str) -> str:
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
