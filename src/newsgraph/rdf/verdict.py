"""A verdict-only form of a SHACL shapes graph: whole-graph checks instead of per-node ones.

A corpus build validates every article's graph, and nearly every article conforms.
pyshacl-turbo evaluates a SHACL-SPARQL constraint once per focus node, and a value
comparison (``sh:lessThanOrEquals``, ``sh:minInclusive`` ...) as an expression per
node too; each evaluation has a fixed cost of about 11 us, which for the hundred-odd
mentions, evidence links and confidences of an article was half of the validation
time. :func:`verdict_shapes` rewrites those constraints of a shapes graph as queries
over the whole data graph, each run once (on a focus node that need not exist). The
rewritten graph is at least as strict as the original: every graph the original finds
a result in, it finds one in too (possibly more, as it ignores targets), so "no
result" from it means "no result" from the original. Only the verdict is used: a graph
it flags is validated again with the original shapes, whose report is the one shown
(:func:`newsgraph.validate.validate_ntriples`).

A constraint is rewritten only where that is sound, and kept as it is otherwise:

- a SPARQL constraint of a node shape that has a target and that no other shape
  refers to (``sh:node``, ``sh:not``, ...), whose query binds ``$this`` in every
  solution before any expression uses it (checked on the query's algebra): then each
  solution for a focus node is a solution of the query with ``$this`` free;
- a value comparison in a property shape with a plain IRI path, attached to such a
  node shape: SHACL defines each by a SPARQL operator (``$min <= ?value`` ...), and a
  value it cannot compare fails, as with ``COALESCE(..., false)`` here.

The property shapes of such a node shape (that no other shape uses) are then tidied, as
each (focus node, property shape) pair has a cost too: one left without a constraint
is dropped (it has no result), and those with the same path are merged into one, which
has a result exactly where one of them has (see :func:`_merge_properties`).
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

# The focus node of every rewritten check: it need not be in the data graph.
WHOLE_GRAPH = URIRef("urn:x-newsgraph:whole-graph")
_FOCUS = "focus_x"  # what ``$this`` becomes in a rewritten query
_THIS = Variable("this")
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# A SPARQL token that may hold "$this" without being the variable, or the variable.
_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
                    r'|#[^\n]*|[?$]this\b')
# comparison -> (SPARQL condition that must hold, whether the bound is another property)
_COMPARISONS = {
    SH.minInclusive: ("{bound} <= ?v", False), SH.maxInclusive: ("?v <= {bound}", False),
    SH.minExclusive: ("{bound} < ?v", False), SH.maxExclusive: ("?v < {bound}", False),
    SH.lessThan: ("?v < ?w", True), SH.lessThanOrEquals: ("?v <= ?w", True),
}


# What a property shape may have besides its constraints; and constraint parameters that
# are each a constraint of their own, so that shapes with different ones can be merged.
_NOT_CONSTRAINTS = {RDF.type, SH.path, SH.name, SH.description, SH.message, SH.severity,
                    SH.order, SH.group, SH.defaultValue, SH.deactivated}
_MERGEABLE = {SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.node,
              SH["in"], SH.hasValue, SH.minLength, SH.maxLength}


class _Unsound(Exception):
    """The query uses ``$this`` where it may be unbound: it keeps its per-node form."""


def verdict_shapes(shapes: Graph) -> Graph:
    """A copy of ``shapes`` with the constraints described above evaluated once per graph."""
    out = Graph()
    for triple in shapes:
        out.add(triple)
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace, override=False)
    top = _top_level_shapes(shapes)
    for owner, constraint in list(shapes.subject_objects(SH.sparql)):
        if owner not in top:
            continue
        select = shapes.value(constraint, SH.select)
        query = whole_graph_query(str(select), _declared_prefixes(shapes, constraint))
        if query is not None:  # a copy: another shape may use the same constraint node
            out.remove((owner, SH.sparql, constraint))
            copy = BNode()
            for p, o in shapes.predicate_objects(constraint):
                out.add((copy, p, Literal(query) if p == SH.select else o))
            _add_check(out, copy)
    for owner in top:
        props = [prop for prop in shapes.objects(owner, SH.property)
                 if len(set(shapes.subject_predicates(prop))) == 1]  # no other shape uses it
        for prop in props:
            _rewrite_comparisons(shapes, out, prop)
        _merge_properties(out, owner, props)
    return out


def _merge_properties(out: Graph, owner: Node, props: list[Node]) -> None:
    """Property shapes of ``owner`` left without a constraint are dropped, and those with
    the same path are made one (each (focus node, property shape) has a cost of its own).
    A result of the merged shape is one of the shapes it was made of: only the messages
    differ, and only the verdict is used. Shapes that would be one shape with two values
    of a parameter, or that have a parameter not known here, or are deactivated, stay."""
    by_path: dict[Node, Node] = {}
    for prop in props:
        params = {p for p, _ in out.predicate_objects(prop)} - _NOT_CONSTRAINTS
        if not params:  # checks nothing (its comparisons run once per graph now)
            out.remove((owner, SH.property, prop))
            continue
        path = out.value(prop, SH.path)
        if (not isinstance(path, URIRef) or not params <= _MERGEABLE
                or (prop, SH.deactivated, Literal(True)) in out):
            continue
        into = by_path.setdefault(path, prop)
        if into is prop or any((into, p, None) in out and set(out.objects(into, p))
                               != set(out.objects(prop, p)) for p in params):
            continue
        for p in params:
            for o in out.objects(prop, p):
                out.add((into, p, o))
        out.remove((owner, SH.property, prop))


def whole_graph_query(select: str, prefixes: dict[str, str]) -> str | None:
    """``select`` with ``$this`` free (renamed), or None where that would not be sound."""
    try:  # _Unsound, or a query rdflib cannot read: it keeps its per-node form
        original = prepareQuery(select, initNs=prefixes).algebra
        if {_THIS, Variable(_FOCUS)} & _vars(original) != {_THIS}:
            return None
        if _THIS not in _certain(_pattern(original["p"])):
            return None
        rewritten = _rename_this(select)
        if rewritten is None or _THIS in _vars(_pattern(
                prepareQuery(rewritten, initNs=prefixes).algebra["p"])):
            return None
    except Exception:  # noqa: BLE001
        return None
    return rewritten


def _rename_this(select: str) -> str | None:
    """``$this`` renamed in the query's pattern, kept in its projection (pyshacl-turbo
    wants it there, and it is pre-bound); None if it is not projected by name."""
    body = select.find("{")
    seen = False

    def rename(match: re.Match[str]) -> str:
        nonlocal seen
        token = match.group(0)
        if token[1:] != "this":
            return token
        if not seen and match.start() < body:
            seen = True
            return token
        return f"?{_FOCUS}"

    rewritten = _TOKEN.sub(rename, select)
    return rewritten if seen else None


def _pattern(node: Any) -> Any:
    """The graph pattern under a query's projection (and DISTINCT, REDUCED)."""
    while getattr(node, "name", None) in ("Project", "Distinct", "Reduced"):
        node = node["p"]
    return node


def _certain(node: Any) -> set[Variable]:
    """The variables every solution of algebra ``node`` binds; raises :class:`_Unsound`
    if ``$this`` appears where a solution may leave it unbound (a filter, a BIND, the
    optional side of OPTIONAL) or in a form whose meaning the renaming changes."""
    name = getattr(node, "name", None)
    if name == "BGP":
        return {term for triple in node["triples"] for term in triple if isinstance(term, Variable)}
    if name == "Join":
        return _certain(node["p1"]) | _certain(node["p2"])
    if name == "Union":
        return _certain(node["p1"]) & _certain(node["p2"])
    if name == "ToMultiSet":
        return _certain(node["p"])
    if name in ("Filter", "Extend"):
        bound = _certain(node["p"])
        if _THIS in _vars(node["expr"]) and _THIS not in bound:
            raise _Unsound(name)
        return bound | ({node["var"]} if name == "Extend" else set())
    if name == "LeftJoin":
        left = _certain(node["p1"])
        _certain(node["p2"])
        if _THIS in _vars(node["p2"]) | _vars(node.get("expr")) and _THIS not in left:
            raise _Unsound(name)
        return left
    if _THIS in _vars(node):  # MINUS, a sub-select, GRAPH, VALUES, aggregates, LIMIT ...
        raise _Unsound(str(name))
    return set()


def _vars(node: object) -> set[Variable]:
    if isinstance(node, Variable):
        return {node}
    return set(getattr(node, "_vars", None) or ())


def _top_level_shapes(shapes: Graph) -> set[Node]:
    """Node shapes with a target that no shape refers to (as ``sh:node``, ``sh:not`` ...):
    their constraints apply to their focus nodes only, never inside another constraint."""
    referred = {o for _, p, o in shapes if p != RDF.type}
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape)
            if s not in referred and any(shapes.value(s, t) is not None for t in _TARGETS)
            and (s, SH.deactivated, Literal(True)) not in shapes}


def _declared_prefixes(shapes: Graph, constraint: Node) -> dict[str, str]:
    prefixes = {}
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                prefixes[str(prefix)] = str(namespace)
    return prefixes


def _rewrite_comparisons(shapes: Graph, out: Graph, prop: Node) -> None:
    """The value comparisons of property shape ``prop`` as whole-graph queries."""
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        return
    bounds = []
    for component, (condition, pair) in _COMPARISONS.items():
        for bound in shapes.objects(prop, component):
            if not isinstance(bound, URIRef if pair else Literal):
                continue  # not valid SHACL: the engine reports it, as before
            if pair:
                where = f"?x <{path}> ?v ; <{bound}> ?w ."
                _add_check(out, _select(where, [condition]))
            else:
                bounds.append(condition.format(bound=bound.n3()))
            out.remove((prop, component, bound))
    if bounds:
        _add_check(out, _select(f"?x <{path}> ?v .", bounds))


def _select(where: str, conditions: list[str]) -> Node:
    """A SPARQL constraint that finds a value for which one of ``conditions`` is not true."""
    failing = " || ".join(f"!COALESCE({c}, false)" for c in conditions)
    return Literal(f"SELECT $this WHERE {{ {where} FILTER ({failing}) }}")


def _add_check(out: Graph, constraint: Node) -> None:
    """A node shape on :data:`WHOLE_GRAPH` with the SPARQL constraint ``constraint``
    (a constraint node, or the text of a query to make one of)."""
    if isinstance(constraint, Literal):
        query, constraint = constraint, BNode()
        out.add((constraint, RDF.type, SH.SPARQLConstraint))
        out.add((constraint, SH.select, query))
    shape = BNode()
    out.add((shape, RDF.type, SH.NodeShape))
    out.add((shape, SH.targetNode, WHOLE_GRAPH))
    out.add((shape, SH.sparql, constraint))
