#!/usr/bin/env python3
"""Generate ``rdf/namespace.py``, ``vocabulary.py`` and the shapes' value lists from the ontology.

The ontology is the single source of truth for the ``ng:`` vocabulary; this
script turns every term it declares (every IRI in the ``ng:`` namespace that
has an ``rdf:type``) into an annotation of a closed rdflib
``DefinedNamespace`` called ``NG``, so that a misspelt term is an
``AttributeError`` instead of a silently wrong IRI; and the ontology's closed
lists (the concepts of each concept scheme, the entity classes, the relation
properties) into ``Literal`` types and tuples (``vocabulary.py``, see
``vocabulary_lists``), so that a misspelt type in a record fails at type-check
time, and adding a concept to the ontology adds it everywhere it is listed.

Usage (from the repository root)::

    .venv/bin/python scripts/gen_namespace.py           # (re)write the modules
    .venv/bin/python scripts/gen_namespace.py --check   # exit 1 if one is stale

The output depends only on the ontology: terms are grouped by kind and sorted
by name, each with its ``rdfs:label`` as a trailing comment.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import keyword
import re
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

NS = "https://w3id.org/newsgraph/ontology#"
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "newsgraph.ttl"
OUTPUT = ROOT / "src" / "newsgraph" / "rdf" / "namespace.py"
NG_TERM = Namespace(NS)
VOCABULARY = ROOT / "src" / "newsgraph" / "vocabulary.py"
SHAPES = ROOT / "shapes" / "newsgraph.shacl.ttl"
# The shapes' closed value lists: the property a sh:in constrains -> the generated list.
SHAPE_LISTS = {
    "ng:statementType": "STATEMENT_TYPES",
    "ng:eventType": "EVENT_TYPES",
    "ng:countQualifier": "COUNT_QUALIFIERS",
    "ng:casualtyType": "CASUALTY_TYPES",
    "ng:victims": "VICTIM_TYPES",
    "rdf:predicate": "RELATION_PREDICATES",
}

# (heading, rdf:type values) in output order; a term goes in the first group
# whose types it has, anything else in "Other terms".
GROUPS: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("Classes", (OWL.Class, RDFS.Class)),
    (
        "Properties",
        (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property),
    ),
    ("Concept schemes", (SKOS.ConceptScheme,)),
    ("Concepts", (SKOS.Concept,)),
)

HEADER = '''\
"""The ``ng:`` vocabulary as a closed rdflib namespace.

GENERATED FILE, DO NOT EDIT. It is written by ``scripts/gen_namespace.py``
from ``ontology/newsgraph.ttl``; after changing the ontology, regenerate it
with::

    .venv/bin/python scripts/gen_namespace.py

(``tests/rdf/test_ontology.py`` fails while this file is stale.)
"""

from typing import Final

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from ..vocabulary import ENTITY_TYPES, WIKIDATA_ENTITY, EntityType

__all__ = ["ENTITY_CLASSES", "NG", "NG_IRI", "WD"]

NG_IRI: Final = "@NS@"
#: Wikidata items (``wd:Q399``): what ``owl:sameAs`` of a linked entity points to.
WD = Namespace(WIKIDATA_ENTITY)


class NG(DefinedNamespace):
    """newsgraph ontology terms, ``https://w3id.org/newsgraph/ontology#``.

    The namespace is closed: ``NG.Statement`` and ``NG["Statement"]`` give the
    term's ``URIRef``; an undeclared name raises ``AttributeError``.

    Attribute access is the form a type checker understands (each term is
    annotated below; mypy reads a subscript of the class as a type application). Term
    names that are also names of ``str`` methods (``count``, ``text``,
    ``date``, ...) work as attributes too, because ``NG`` is a class, not a
    ``str``, and lookups fall through to the namespace metaclass.
    """

    _NS = Namespace(NG_IRI)
    _fail = True
'''

FOOTER = '''

#: The class of each entity type, the one class the mapper gives an entity node.
ENTITY_CLASSES: Final[dict[EntityType, URIRef]] = {
    name: URIRef(NG_IRI + name) for name in ENTITY_TYPES
}
'''


# Names that ordinary attribute lookup on the NG class finds before the
# metaclass __getattr__ that builds terms (e.g. ``mro``, ``as_jsonld_context``):
# ``NG.<name>`` would not be the term for these. Looked up statically, since
# hasattr() on a DefinedNamespace would itself go through __getattr__.
_SHADOWED = frozenset(
    attr
    for cls in (*inspect.getmro(DefinedNamespace), *inspect.getmro(DefinedNamespaceMeta))
    for attr in vars(cls)
)


def _label(graph: Graph, term: URIRef) -> str:
    """English rdfs:label, else any rdfs:label, else skos:prefLabel."""
    for prop in (RDFS.label, SKOS.prefLabel):
        values = sorted(
            (v for v in graph.objects(term, prop) if isinstance(v, Literal)),
            key=lambda v: (v.language != "en", str(v)),
        )
        if values:
            return " ".join(str(values[0]).split())
    raise SystemExit(f"gen_namespace: {term} has no rdfs:label")


def _check_name(name: str) -> None:
    """Refuse names that cannot be a working ``NG.<name>`` attribute."""
    if not name.isidentifier() or keyword.iskeyword(name):
        raise SystemExit(f"gen_namespace: ng:{name} is not a Python identifier")
    if name.startswith("_") or name in _SHADOWED:
        raise SystemExit(f"gen_namespace: ng:{name} clashes with a DefinedNamespace attribute")


def terms(graph: Graph) -> dict[str, list[tuple[str, str]]]:
    """Declared ng: terms as {group heading: [(name, label), ...]}, sorted."""
    grouped: dict[str, list[tuple[str, str]]] = {heading: [] for heading, _ in GROUPS}
    grouped["Other terms"] = []
    subjects = {s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for term in subjects:
        if not str(term).startswith(NS) or str(term) == NS:
            continue
        name = str(term)[len(NS) :]
        _check_name(name)
        types = set(graph.objects(term, RDF.type))
        heading = next((h for h, ts in GROUPS if types.intersection(ts)), "Other terms")
        grouped[heading].append((name, _label(graph, term)))
    return {h: sorted(items) for h, items in grouped.items() if items}


def render(graph: Graph) -> str:
    """The full text of namespace.py for this ontology graph."""
    lines = [HEADER.replace("@NS@", NS)]
    for heading, items in terms(graph).items():
        lines.append(f"\n    # {heading}\n")
        lines.extend(f"    {name}: URIRef  # {label}\n" for name, label in items)
    lines.append(FOOTER)
    return "".join(lines)


VOCABULARY_HEADER = '''\
"""The ontology's closed lists as Python types: statement, event and casualty types,
entity classes, relation properties.

GENERATED FILE, DO NOT EDIT. It is written by ``scripts/gen_namespace.py``
from ``ontology/newsgraph.ttl`` (with ``namespace.py``); after changing the
ontology, regenerate both with::

    .venv/bin/python scripts/gen_namespace.py

(``tests/rdf/test_ontology.py`` fails while this file is stale.)

Each ``Literal`` type is what a field of a record in ``model.py`` may hold, so
a misspelt type fails at type-check time rather than at SHACL validation; each
tuple holds the same names, sorted, for run-time checks. No rdflib here:
extraction reads these through ``model.py`` and never touches RDF.
"""

from typing import Final, Literal, get_args

#: The one definition of the Wikidata item namespace (an external vocabulary, so
#: not in the ontology): a linked entity is ``owl:sameAs`` ``WIKIDATA_ENTITY + "Q399"``.
WIKIDATA_ENTITY: Final = "http://www.wikidata.org/entity/"
'''

def _subclasses(graph: Graph, root: URIRef) -> set[URIRef]:
    """``root`` and every ng: class below it (rdfs:subClassOf, transitively)."""
    found = {root}
    todo = [root]
    while todo:
        for sub in graph.subjects(RDFS.subClassOf, todo.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _local(term: object) -> str:
    text = str(term)
    if not text.startswith(NS):
        raise SystemExit(f"gen_namespace: {text} is not an ng: term")
    return text[len(NS):]


def _entity_classes(graph: Graph) -> tuple[set[str], set[str]]:
    """(actor types, entity types): the classes that can be mentioned.

    The roots are the classes of the domain of ``ng:mention`` (its
    ``owl:unionOf``: actors, places, conflicts); the entity types are the
    classes under them except ``ng:Actor`` itself, which the mapper never
    writes (an actor is always a person, country, organisation or group).
    """
    domain = graph.value(NG_TERM["mention"], RDFS.domain)
    members = graph.value(domain, OWL.unionOf) if domain is not None else None
    if members is None:
        raise SystemExit("gen_namespace: ng:mention has no owl:unionOf domain")
    roots = [r for r in Collection(graph, members) if isinstance(r, URIRef)]
    entities = {_local(c) for root in roots for c in _subclasses(graph, root)}
    actors = {_local(c) for c in _subclasses(graph, NG_TERM["Actor"])}
    return actors - {"Actor"}, entities - {"Actor"}


def _relation_properties(graph: Graph, entities: set[str]) -> set[str]:
    """Object properties between entities: a named entity class as domain and as range."""
    named = entities | {"Actor"}
    found = set()
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        ends = [graph.value(prop, RDFS.domain), graph.value(prop, RDFS.range)]
        if all(isinstance(e, URIRef) and str(e).startswith(NS) and _local(e) in named
               for e in ends):
            found.add(_local(prop))
    return found


def vocabulary_lists(graph: Graph) -> list[tuple[str, str, str, list[str]]]:
    """(type name, tuple name, comment, sorted names) of each closed list.

    One per concept scheme (``ng:StatementTypes`` gives ``StatementType`` and
    ``STATEMENT_TYPES``: its concepts), then the actor and entity classes and
    the relation properties between entities.
    """
    lists = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        name = _local(scheme)
        if not name.endswith("s"):
            raise SystemExit(f"gen_namespace: concept scheme ng:{name} is not a plural")
        constant = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()
        concepts = sorted(_local(c) for c in graph.subjects(SKOS.inScheme, scheme))
        lists.append((name[:-1], constant, f"the concepts of ng:{name}", concepts))
    actors, entities = _entity_classes(graph)
    lists.append(("ActorType", "ACTOR_TYPES", "classes of actors (below ng:Actor)",
                  sorted(actors)))
    lists.append(("EntityType", "ENTITY_TYPES", "classes of entities (what ng:mention "
                  "may describe), ng:Actor aside", sorted(entities)))
    lists.append(("RelationPredicate", "RELATION_PREDICATES", "relation properties: "
                  "domain and range are entity classes", sorted(_relation_properties(
                      graph, entities))))
    return lists


def render_vocabulary(graph: Graph) -> str:
    """The full text of vocabulary.py for this ontology graph."""
    lists = vocabulary_lists(graph)
    names = sorted([n for t, c, _, _ in lists for n in (t, c)] + ["WIKIDATA_ENTITY"])
    lines = [VOCABULARY_HEADER, "\n__all__ = [\n"]
    lines.extend(f'    "{name}",\n' for name in names)
    lines.append("]\n")
    for type_name, constant, comment, members in lists:
        lines.append(f"\n#: {comment[0].upper()}{comment[1:]}.\n{type_name} = Literal[\n")
        lines.extend(f'    "{member}",\n' for member in members)
        lines.append(f"]\n{constant}: Final[tuple[{type_name}, ...]] = get_args({type_name})\n")
    return "".join(lines)


def _wrapped(indent: str, names: list[str]) -> str:
    """``sh:in ( ng:A ng:B ... ) ;`` in lines of at most 100 characters."""
    first, rest = f"{indent}sh:in ( ", f"{indent}        "
    lines, line = [], first
    for item in [f"ng:{n}" for n in names] + [") ;"]:
        if len(line) + len(item) > 100 and line.strip():
            lines.append(line.rstrip())
            line = rest
        line += item + " "
    return "\n".join([*lines, line.rstrip()]) + "\n"


def render_shapes(graph: Graph, shapes: str) -> str:
    """The shapes file with each closed value list (``sh:in``) and the members its
    ``sh:message`` names rewritten from the ontology: a concept added to a scheme
    is then allowed by the shapes without editing them by hand."""
    lists = {constant: members for _, constant, _, members in vocabulary_lists(graph)}
    for path, constant in SHAPE_LISTS.items():
        names = lists[constant]
        pattern = re.compile(
            rf"(sh:path {re.escape(path)} ;\n(?:[ \t]+sh:(?:minCount|maxCount) \d+ ;\n)*)"
            r"([ \t]+)sh:in \([^)]*\) ;\n([ \t]+sh:message \"[^\"]*?)"
            r"((?:ng:\w+, )*ng:\w+)(\)?\" ;)")
        shapes, found = pattern.subn(
            lambda m, names=names: (m.group(1) + _wrapped(m.group(2), names) + m.group(3)
                                    + ", ".join(f"ng:{n}" for n in names) + m.group(5)),
            shapes)
        if found != 1:
            raise SystemExit(f"gen_namespace: {found} sh:in lists for {path} in the shapes")
    return shapes


def _check(path: Path, text: str) -> bool:
    """Whether ``path`` holds ``text``; if not, the difference on stderr."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if current == text:
        return True
    sys.stderr.writelines(difflib.unified_diff(
        current.splitlines(keepends=True), text.splitlines(keepends=True),
        str(path), "generated"))
    print(f"{path} is out of date; run: python scripts/gen_namespace.py", file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if an output is stale")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="Turtle source")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="namespace module to write")
    parser.add_argument("--vocabulary", type=Path, default=VOCABULARY,
                        help="vocabulary module to write")
    parser.add_argument("--shapes", type=Path, default=SHAPES,
                        help="shapes file whose sh:in lists to rewrite")
    args = parser.parse_args(argv)

    graph = Graph().parse(args.ontology, format="turtle")
    outputs = [(args.output, render(graph)), (args.vocabulary, render_vocabulary(graph)),
               (args.shapes, render_shapes(graph, args.shapes.read_text(encoding="utf-8")))]
    if args.check:
        fresh = [_check(path, text) for path, text in outputs]
        return 0 if all(fresh) else 1
    for path, text in outputs:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
