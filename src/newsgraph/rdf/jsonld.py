"""JSON-LD output in the compact form of the ``@context`` shipped in the package.

``src/newsgraph/data/context.jsonld`` names every ``ng:`` class and property
with a short term (``speaker``, ``beginIndex``) and coerces values (object
properties to IRIs, offsets to ``xsd:nonNegativeInteger``), so that the JSON
reads like the data model of ``docs/rdf-model.md``.

The compaction is written here rather than left to rdflib's JSON-LD
serializer because that one drops the triples of blank nodes that are the
value of a property coerced to ``@id``, and turns numbers into JSON numbers
(``0.80`` would come back as ``0.8``). This writer never loses a triple: a
value that does not fit a term's coercion is written under the compact IRI
of its property with an explicit ``@value``/``@type``, and every literal
keeps its lexical form. The output is deterministic for graphs without
blank nodes (subjects, keys and values are sorted).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..resources import data_path

ContextTerm = str | dict[str, str]


@cache
def shipped_context() -> dict[str, ContextTerm]:
    """The ``@context`` object of ``newsgraph/data/context.jsonld`` (read once)."""
    text = data_path("context.jsonld").read_text("utf-8")
    return dict(json.loads(text)["@context"])


class _Compactor:
    """Compacts IRIs and picks keys and value forms for one context."""

    def __init__(self, context: dict[str, ContextTerm]) -> None:
        self.prefixes = {name: value for name, value in context.items()
                         if isinstance(value, str) and value.endswith(("#", "/"))}
        # property IRI -> (term, coercion) ; class IRI -> term
        self.terms: dict[str, tuple[str, str | None]] = {}
        for name, value in context.items():
            if name in self.prefixes:
                continue
            if isinstance(value, str):
                self.terms[self.expand(value)] = (name, None)
            else:
                self.terms[self.expand(value["@id"])] = (name, value.get("@type"))

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        if sep and prefix in self.prefixes and not local.startswith("//"):
            return self.prefixes[prefix] + local
        return value

    def iri(self, iri: str) -> str:
        """The shortest compact IRI (``ng:Statement``), or the IRI itself."""
        best = iri
        for prefix, namespace in self.prefixes.items():
            local = iri[len(namespace):]
            if (iri.startswith(namespace) and local and not local.startswith("//")
                    and len(prefix) + 1 + len(local) < len(best)):
                best = f"{prefix}:{local}"
        return best

    def node_id(self, node: Node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else self.iri(str(node))

    def key_and_value(self, predicate: Node, obj: Node) -> tuple[str, Any]:
        """The key to write ``obj`` under and its JSON form."""
        term, coercion = self.terms.get(str(predicate), (None, None))
        if isinstance(obj, Literal):
            datatype = obj.datatype
            if obj.language is None and datatype is not None and datatype != XSD.string:
                if term is not None and coercion is not None and self.expand(
                        coercion) == str(datatype):
                    return term, str(obj)
                return (self._plain_key(predicate, term, coercion),
                        {"@type": self.iri(str(datatype)), "@value": str(obj)})
            if obj.language is not None:
                return (self._plain_key(predicate, term, coercion),
                        {"@language": obj.language, "@value": str(obj)})
            if term is not None and coercion is None:
                return term, str(obj)
            return self.iri(str(predicate)), {"@value": str(obj)}
        if term is not None and coercion == "@id":
            return term, self.node_id(obj)
        key = term if term is not None and coercion is None else self.iri(str(predicate))
        return key, {"@id": self.node_id(obj)}

    def _plain_key(self, predicate: Node, term: str | None, coercion: str | None) -> str:
        """A term without coercion keeps explicit ``@type``/``@language`` values as they are."""
        return term if term is not None and coercion is None else self.iri(str(predicate))


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_jsonld(graph: Graph, context: dict[str, ContextTerm] | None = None) -> str:
    """``graph`` as compact JSON-LD with ``context`` (default: the shipped one) inline."""
    context = dict(shipped_context() if context is None else context)
    compactor = _Compactor(context)
    nodes: dict[Node, dict[str, list[Any]]] = {}
    for subject, predicate, obj in graph:
        node = nodes.setdefault(subject, {})
        if predicate == RDF.type and isinstance(obj, URIRef | BNode):
            term = compactor.terms.get(str(obj))
            node.setdefault("@type", []).append(
                term[0] if term is not None and term[1] is None else compactor.node_id(obj))
            continue
        key, value = compactor.key_and_value(predicate, obj)
        node.setdefault(key, []).append(value)
    ordered = sorted(nodes, key=lambda n: (isinstance(n, BNode), str(n)))
    out = []
    for subject in ordered:
        entry: dict[str, Any] = {"@id": compactor.node_id(subject)}
        for key, values in nodes[subject].items():
            values = sorted(values, key=_sort_key)
            entry[key] = values[0] if len(values) == 1 else values
        out.append(entry)
    document = {"@context": context, "@graph": out}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
