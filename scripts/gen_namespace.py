#!/usr/bin/env python3
"""Generate ``src/newsgraph/namespace.py`` from ``ontology/newsgraph.ttl``.

The ontology is the single source of truth for the ``ng:`` vocabulary; this
script turns every term it declares (every IRI in the ``ng:`` namespace that
has an ``rdf:type``) into an annotation of a closed rdflib
``DefinedNamespace`` called ``NG``, so that a misspelt term is an
``AttributeError`` instead of a silently wrong IRI.

Usage (from the repository root)::

    .venv/bin/python scripts/gen_namespace.py           # (re)write the module
    .venv/bin/python scripts/gen_namespace.py --check   # exit 1 if it is stale

The output depends only on the ontology: terms are grouped by kind and sorted
by name, each with its ``rdfs:label`` as a trailing comment.
"""

from __future__ import annotations

import argparse
import difflib
import keyword
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DefinedNamespace, DefinedNamespaceMeta

NS = "https://w3id.org/newsgraph/ontology#"
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "newsgraph.ttl"
OUTPUT = ROOT / "src" / "newsgraph" / "namespace.py"

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

(``tests/test_ontology.py`` fails while this file is stale.)
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["NG"]


class NG(DefinedNamespace):
    """newsgraph ontology terms, ``https://w3id.org/newsgraph/ontology#``.

    The namespace is closed: ``NG.Statement`` and ``NG["Statement"]`` give the
    term's ``URIRef``; an undeclared name raises ``AttributeError``.

    Some term names (``count``, ``text``, ``date``, ...) are also names of
    ``str`` methods. Attribute access ``NG.count`` still returns the term,
    because ``NG`` is a class, not a ``str``, and lookups fall through to the
    namespace metaclass; ``NG["count"]`` is the form that is safe everywhere
    (e.g. with type checkers and linters) and is preferred for those names.
    """

    _NS = Namespace("https://w3id.org/newsgraph/ontology#")
    _fail = True
'''


# Names that ordinary attribute lookup on the NG class finds before the
# metaclass __getattr__ that builds terms (e.g. ``mro``, ``as_jsonld_context``):
# ``NG.<name>`` would not be the term for these. Looked up statically, since
# hasattr() on a DefinedNamespace would itself go through __getattr__.
_SHADOWED = frozenset(
    attr for cls in (*DefinedNamespace.__mro__, *DefinedNamespaceMeta.__mro__) for attr in vars(cls)
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
    lines = [HEADER]
    for heading, items in terms(graph).items():
        lines.append(f"\n    # {heading}\n")
        lines.extend(f"    {name}: URIRef  # {label}\n" for name, label in items)
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the output is stale")
    parser.add_argument("--ontology", type=Path, default=ONTOLOGY, help="Turtle source")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="module to write")
    args = parser.parse_args(argv)

    text = render(Graph().parse(args.ontology, format="turtle"))
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if current == text:
            return 0
        sys.stderr.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                text.splitlines(keepends=True),
                str(args.output),
                "generated",
            )
        )
        print(
            f"{args.output} is out of date; run: python scripts/gen_namespace.py",
            file=sys.stderr,
        )
        return 1
    if current != text:
        args.output.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
