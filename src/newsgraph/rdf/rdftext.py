"""RDF as text, deterministically and fast: sorted N-Triples lines, N-Quads, Turtle/TriG.

Every output format is made from one representation: the sorted, unique
N-Triples lines of a graph, made here from rdflib terms (no rdflib Graph is
needed: a corpus build maps an article straight to a set of triples). Literals
are escaped the way Turtle accepts them too, so the
Turtle/TriG writer here only groups lines by subject and predicate and
shortens IRIs with the output's prefixes. That makes the bytes depend on
nothing but the triples (not on hash seeds or rdflib's pretty-printer, which
orders graphs by a per-process hash and took ten times as long), and it lets a
worker process turn an article's graph into text that the parent only has to
concatenate (:mod:`newsgraph.pipeline.pool`).

An IRI is shortened to ``prefix:local`` only when ``local`` is a plain name
(letters, digits, ``_``, ``-``); instance IRIs with slashes stay in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Literals Turtle can write bare: "0.60"^^xsd:decimal -> 0.60, "5"^^xsd:integer -> 5
# (only lexical forms every parser keeps as they are: no "+", no leading zeros).
_BARE = {
    f"<{_XSD}decimal>": re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+"),
    f"<{_XSD}integer>": re.compile(r"-?(?:0|[1-9][0-9]*)"),
    f"<{_XSD}boolean>": re.compile(r"true|false"),
}


def escape(lexical: str) -> str:
    """A literal's lexical form as N-Triples writes it between quotes (the escapes
    rdflib's N-Triples writer uses)."""
    return lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace(
        "\r", "\\r")


def nt_term(term: Node) -> str:
    """One term in N-Triples (the escapes rdflib's N-Triples writer uses)."""
    if type(term) is URIRef:  # most terms; rdflib's classes make isinstance slow (ABCs)
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = escape(str(term))
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


class TextTriples(set[tuple[str, str, str]]):
    """A set of triples whose terms are in their N-Triples form already (what
    :func:`newsgraph.rdf.mapper.to_triples` maps an article to)."""


def ntriples(triples: Iterable[tuple[Node, Node, Node]] | TextTriples) -> list[str]:
    """Triples (of rdflib terms, or :class:`TextTriples`) as sorted, unique N-Triples
    lines (without the newline).

    A line holds one triple: line breaks inside literals are escaped, so text is
    split on ``\\n`` only (``str.splitlines`` would also split on U+2028).
    """
    if isinstance(triples, TextTriples):  # a subject or predicate has no space, so
        return sorted([f"{s} {p} {o} ." for s, p, o in triples])  # the lines are distinct
    nt, iri = nt_term, URIRef
    return sorted({f"<{s}> <{p}> {f'<{o}>' if type(o) is iri else nt(o)} ."
                   if type(s) is iri and type(p) is iri else f"{nt(s)} {nt(p)} {nt(o)} ."
                   for s, p, o in triples})


def text_of(lines: list[str]) -> str:
    """N-Triples lines as one text, each line ended by a line break (one join: a
    corpus build makes this text of every article, to validate and hash it)."""
    return "\n".join([*lines, ""]) if lines else ""


def split_triple(line: str) -> tuple[str, str, str]:
    """``<s> <p> o .`` -> (``<s>``, ``<p>``, ``o``); terms keep their N-Triples form."""
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[:-2].rstrip()


def nquads(lines: Iterable[str], graph_name: str) -> str:
    """N-Triples lines as N-Quads lines of the named graph ``graph_name`` (an IRI)."""
    return "".join(f"{line[:-2].rstrip()} <{graph_name}> .\n" for line in lines)


def _block(indent: str, subject: str, parts: list[str], typed: int, inner: str) -> str:
    """One subject's statement: its rdf:type (``parts[typed]``) first, then the rest."""
    if typed > 0:
        parts.insert(0, parts.pop(typed))
    return f"{indent}{subject} {inner.join(parts)} .\n\n"


class TurtleWriter:
    """Turtle statements from N-Triples lines, with fixed prefixes."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = dict(prefixes)
        # longest namespace first, so that a namespace inside another one wins
        self._by_length = sorted(((ns, p) for p, ns in self.prefixes.items()),
                                 key=lambda item: -len(item[0]))
        self._terms: dict[str, str] = {}  # IRI -> as written; cleared when large

    def header(self) -> str:
        """The ``@prefix`` lines, sorted."""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.prefixes.items()))

    def term(self, term: str) -> str:
        """A term of an N-Triples line as Turtle writes it. IRIs and typed literals are
        remembered (a number or a class recurs in every article): cleared when large."""
        written = self._terms.get(term)
        if written is not None:
            return written
        if term.startswith("<"):
            written = self._shortened(term)
        elif term.startswith('"'):
            cut = term.rfind('"^^<')
            if cut < 0:
                return term  # plain or language-tagged string: the same in Turtle
            lexical, datatype = term[1:cut], term[cut + 3:]
            bare = _BARE.get(datatype)
            written = (lexical if bare is not None and bare.fullmatch(lexical)
                       else f'"{lexical}"^^{self.term(datatype)}')
        else:
            return term  # a blank node label
        if len(self._terms) > 50_000:  # instance IRIs never repeat across articles
            self._terms.clear()
        self._terms[term] = written
        return written

    def _shortened(self, term: str) -> str:
        iri = term[1:-1]
        for namespace, prefix in self._by_length:
            if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]):
                return f"{prefix}:{iri[len(namespace):]}"
        return term

    def statements(self, lines: list[str], indent: str = "") -> str:
        """Sorted N-Triples lines as Turtle statements, one block per subject.

        Predicates follow rdf:type (written ``a``) in IRI order; objects keep
        the lines' order. Each block ends with a blank line. The lines are read in
        one pass, since sorting keeps each subject's and each predicate's lines together
        (lines out of order are sorted first).
        """
        out: list[str] = []
        inner, more = f" ;\n{indent}    ", f" ,\n{indent}        "
        known, term = self._terms, self.term  # known.get first: most terms are known
        subject = predicate = ""
        parts: list[str] = []  # "predicate object, object" of the subject so far
        typed = -1  # where rdf:type is in parts
        for line in lines:  # split_triple, inlined: this runs for every triple written
            s, p, rest = line.split(" ", 2)
            o = rest[:-2].rstrip()
            o = known.get(o) or term(o)
            if p == predicate and s == subject:
                parts[-1] = f"{parts[-1]}{more}{o}"
                continue
            if s != subject:
                if parts:
                    out.append(_block(indent, known.get(subject) or term(subject), parts, typed,
                                      inner))
                if s < subject:
                    return self.statements(sorted(lines), indent)
                subject, parts, typed = s, [], -1
            elif p < predicate:
                return self.statements(sorted(lines), indent)
            predicate = p
            if p == RDF_TYPE:
                typed = len(parts)
                parts.append(f"a {o}")
            else:
                parts.append(f"{known.get(p) or term(p)} {o}")
        if parts:
            out.append(_block(indent, known.get(subject) or term(subject), parts, typed, inner))
        return "".join(out)

    def trig_graph(self, graph_name: str, lines: list[str]) -> str:
        """One TriG graph block: ``<name> { ... }``."""
        body = self.statements(lines, indent="    ").rstrip("\n")
        return f"<{graph_name}> {{\n{body}\n}}\n\n"
