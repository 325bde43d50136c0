"""The text writer behind every output format (newsgraph.rdf.rdftext)."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.rdf import rdftext

EX = "http://example.org/"
WRITER = rdftext.TurtleWriter({"ex": EX, "xsd": str(XSD)})


def turtle_of(graph: Graph) -> str:
    return WRITER.header() + WRITER.statements(rdftext.ntriples(graph))


def test_terms_are_shortened_only_when_the_local_name_is_plain():
    assert WRITER.term(f"<{EX}Armenia>") == "ex:Armenia"
    assert WRITER.term(f"<{EX}article/1/mention/0-7>") == f"<{EX}article/1/mention/0-7>"
    assert WRITER.term(f"<{EX}a.b>") == f"<{EX}a.b>"
    assert WRITER.term("<http://other.org/x>") == "<http://other.org/x>"


def test_numbers_are_bare_only_in_canonical_form():
    dec, integer = f"<{XSD}decimal>", f"<{XSD}integer>"
    assert WRITER.term(f'"0.60"^^{dec}') == "0.60"
    assert WRITER.term(f'"-3"^^{integer}') == "-3"
    assert WRITER.term(f'"007"^^{integer}') == '"007"^^xsd:integer'
    assert WRITER.term(f'"+1.5"^^{dec}') == '"+1.5"^^xsd:decimal'
    assert WRITER.term(f'"2020-09-27"^^<{XSD}date>') == '"2020-09-27"^^xsd:date'


def test_strings_keep_their_escapes_and_language():
    assert WRITER.term('"said \\"no\\"^^<x>"') == '"said \\"no\\"^^<x>"'
    assert WRITER.term('"Ереван"@ru') == '"Ереван"@ru'


def test_subjects_group_predicates_with_type_first():
    g = Graph()
    s = URIRef(f"{EX}s")
    g.add((s, URIRef(f"{EX}b"), Literal("x")))
    g.add((s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(f"{EX}C")))
    g.add((s, URIRef(f"{EX}a"), Literal(2)))
    g.add((s, URIRef(f"{EX}a"), Literal(1)))
    body = WRITER.statements(rdftext.ntriples(g))
    assert body == 'ex:s a ex:C ;\n    ex:a 1 ,\n        2 ;\n    ex:b "x" .\n\n'


def test_lines_out_of_order_are_written_as_if_sorted():
    """The writer groups in one pass over sorted lines; lines in another order (a
    subject or a predicate coming back) are sorted first, not written twice."""
    t, c = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{EX}C>"
    lines = [f"<{EX}s> <{EX}b> 2 .", f"<{EX}s> {t} {c} .", f"<{EX}r> <{EX}a> 1 .",
             f"<{EX}s> <{EX}a> 1 .", f"<{EX}r> <{EX}b> 2 ."]
    assert WRITER.statements(lines) == WRITER.statements(sorted(lines)) == (
        "ex:r ex:a 1 ;\n    ex:b 2 .\n\nex:s a ex:C ;\n    ex:a 1 ;\n    ex:b 2 .\n\n")
    swapped = [f"<{EX}s> <{EX}b> 2 .", f"<{EX}s> <{EX}a> 1 ."]
    assert WRITER.statements(swapped) == "ex:s ex:a 1 ;\n    ex:b 2 .\n\n"


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
LITERALS = st.one_of(
    TEXT.map(Literal),
    st.tuples(TEXT, st.sampled_from(["en", "ru", "ar"])).map(lambda t: Literal(t[0], lang=t[1])),
    st.integers(-10**6, 10**6).map(Literal),
    st.decimals(allow_nan=False, allow_infinity=False, places=2,
                min_value=Decimal(-100), max_value=Decimal(100)).map(
        lambda d: Literal(d, datatype=XSD.decimal)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), LITERALS), max_size=12))
def test_turtle_and_trig_read_back_as_the_same_graph(triples):
    g = Graph()
    for s, p, o in triples:
        g.add((URIRef(f"{EX}s{s}/x"), URIRef(f"{EX}p{p}"), o))
    text = turtle_of(g)
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
    trig = WRITER.header() + WRITER.trig_graph(f"{EX}g", rdftext.ntriples(g))
    quads = list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(g)
    assert {q.graph_name for q in quads} <= {ox.NamedNode(f"{EX}g")}


def test_text_of_lines_ends_each_line():
    lines = [f"<{EX}s> <{EX}p> 1 .", f"<{EX}s> <{EX}p> 2 ."]
    assert rdftext.text_of(lines) == "".join(f"{line}\n" for line in lines)
    assert rdftext.text_of([]) == ""
