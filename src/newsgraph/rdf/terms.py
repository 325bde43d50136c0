"""The two kinds of terms the mapper writes: rdflib terms, or their N-Triples text.

A corpus build never needs an rdflib term of an article: it validates and writes the
article's N-Triples text (:mod:`.rdftext`). Making a URIRef or a Literal for each of an
article's thousands of terms, hashing them in a set and rendering each as text again
was most of the cost of mapping, so the mapper (:mod:`.mapper`) takes its terms from a
:class:`Terms`: :data:`RDFLIB` gives rdflib terms (for a Graph), :data:`TEXT` the text
:func:`.rdftext.nt_term` would give for those terms (what a corpus build maps to).
One mapper, two kinds of terms: the triples are the same.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from .namespace import ENTITY_CLASSES, NG, WD
from .rdftext import escape, nt_term

SCHEMA = Namespace("http://schema.org/")


# Cached: rdflib's Literal with a datatype costs ~10 us to make, and an article has
# hundreds of offsets and confidences, mostly the same few values (a Literal is immutable).
@functools.lru_cache(maxsize=256)
def decimal(value: float) -> Literal:
    """A confidence: a decimal in [0, 1] with two digits."""
    return Literal(Decimal(f"{min(max(value, 0.0), 1.0):.2f}"), datatype=XSD.decimal)


@functools.lru_cache(maxsize=8192)
def nonneg(value: int) -> Literal:
    """An offset or a count: an xsd:nonNegativeInteger."""
    return Literal(str(int(value)), datatype=XSD.nonNegativeInteger)


class Terms:
    """rdflib terms: IRIs, literals and the vocabularies the mapper writes."""

    ng: Any = NG
    rdf: Any = RDF
    rdfs: Any = RDFS
    dcterms: Any = DCTERMS
    skos: Any = SKOS
    owl: Any = OWL
    schema: Any = SCHEMA
    wd: Any = WD
    classes: Any = ENTITY_CLASSES  # entity type -> class

    def iri(self, value: str) -> Any:
        return URIRef(value)

    def literal(self, value: str) -> Any:
        """A plain string literal."""
        return Literal(value)

    def typed(self, lexical: str, datatype: URIRef) -> Any:
        return Literal(lexical, datatype=datatype)

    def decimal(self, value: float) -> Any:
        return decimal(value)

    def nonneg(self, value: int) -> Any:
        return nonneg(value)


class _Vocabulary:
    """The terms of a namespace (an rdflib namespace, or a class of them) as N-Triples,
    each made once: after the first use a term is a plain attribute of the instance."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:  # only for names not set yet
        if name.startswith("_"):
            raise AttributeError(name)
        value = f"<{getattr(self._namespace, name)}>"
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> str:
        value = self._items.get(name)
        if value is None:
            value = self._items[name] = f"<{self._namespace[name]}>"
        return value


class TextTerms(Terms):
    """The same terms as N-Triples text (see the module docstring)."""

    def __init__(self) -> None:
        for name in ("ng", "rdf", "rdfs", "dcterms", "skos", "owl", "schema", "wd", "classes"):
            setattr(self, name, _Vocabulary(getattr(Terms, name)))

    def iri(self, value: str) -> str:
        return f"<{value}>"

    def literal(self, value: str) -> str:
        return f'"{escape(value)}"'

    def typed(self, lexical: str, datatype: URIRef) -> str:
        return nt_term(Literal(lexical, datatype=datatype))

    @functools.lru_cache(maxsize=256)  # noqa: B019 (two instances, for the process)
    def decimal(self, value: float) -> str:
        return nt_term(decimal(value))

    @functools.lru_cache(maxsize=8192)  # noqa: B019
    def nonneg(self, value: int) -> str:
        return nt_term(nonneg(value))


RDFLIB = Terms()
TEXT = TextTerms()
