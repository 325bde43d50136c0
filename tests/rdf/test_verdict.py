"""The whole-graph form of a shapes graph (newsgraph.rdf.verdict): as strict as the
shapes, and rewritten only where that is sound."""

from __future__ import annotations

import pyshacl_turbo
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from newsgraph.rdf.verdict import WHOLE_GRAPH, verdict_shapes, whole_graph_query
from newsgraph.validate import shapes_graph

EX = "http://example.org/"
PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
# A shape on ex:Span (start <= stop, a score in [0, 1], a SPARQL check that each span
# has a label) and a helper shape, used through sh:node, with a comparison of its own.
SHAPES = PREFIXES + """
ex:SpanShape a sh:NodeShape ;
    sh:targetClass ex:Span ;
    sh:property [ sh:path ex:start ; sh:lessThanOrEquals ex:stop ] ,
                [ sh:path ex:score ; sh:minInclusive 0 ; sh:maxInclusive 1 ] ,
                [ sh:path ex:part ; sh:node ex:SmallValue ] ;
    sh:sparql [ a sh:SPARQLConstraint ;
        sh:select "SELECT $this WHERE { $this ex:start ?s FILTER NOT EXISTS { $this ex:label [] }}";
        sh:prefixes ex:prefixes ] .
ex:prefixes sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
ex:SmallValue a sh:NodeShape ;
    sh:property [ sh:path ex:size ; sh:maxExclusive 10 ] .
"""
GOOD = PREFIXES + """
ex:a a ex:Span ; ex:start 1 ; ex:stop 2 ; ex:score 0.5 ; ex:label "a" ; ex:part ex:p .
ex:p ex:size 3 .
"""
BAD = {
    "start after stop": "ex:a ex:start 3 .",
    "incomparable start": 'ex:a ex:start "one" .',
    "score above one": "ex:a ex:score 1.5 .",
    "score not a number": 'ex:a ex:score "high" .',
    "no label": 'ex:b a ex:Span ; ex:start 1 .',
    "helper fails": "ex:p ex:size 12 .",
}


def _flags(shapes: Graph, data: str) -> bool:
    """Whether the engine reports anything on ``data`` with ``shapes``."""
    conforms, report, _ = pyshacl_turbo.compile_shapes(shapes, advanced=False).validate(
        Graph().parse(data=data, format="turtle"), allow_warnings=True)
    return not conforms or (None, SH.focusNode, None) in report


def test_rewritten_shapes_flag_what_the_shapes_flag():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    fast = verdict_shapes(shapes)
    assert not _flags(shapes, GOOD) and not _flags(fast, GOOD)
    for case, triples in BAD.items():
        data = GOOD + triples
        assert _flags(shapes, data), case
        assert _flags(fast, data), case


def test_comparisons_and_sparql_of_targeted_shapes_are_rewritten_helpers_kept():
    shapes = Graph().parse(data=SHAPES, format="turtle")
    fast = verdict_shapes(shapes)
    assert (URIRef(f"{EX}SpanShape"), SH.sparql, None) in shapes
    assert (URIRef(f"{EX}SpanShape"), SH.sparql, None) not in fast
    for comparison in (SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive):
        assert (None, comparison, None) in shapes
        assert (None, comparison, None) not in fast
    assert len(list(fast.subject_objects(SH.maxExclusive))) == 1  # the helper's, as it was
    checks = list(fast.subjects(SH.targetNode, WHOLE_GRAPH))
    assert len(checks) == 3  # the SPARQL check, start <= stop, the score's bounds


def test_the_newsgraph_shapes_are_rewritten():
    """Every SPARQL constraint and value comparison of the shipped shapes runs once per
    graph (what makes a corpus build's validation fast)."""
    shapes = shapes_graph()
    fast = verdict_shapes(shapes)
    named = list(shapes.subjects(SH.sparql, None))
    assert named and not [s for s in fast.subjects(SH.sparql, None) if s in named]
    for comparison in (SH.lessThanOrEquals, SH.minInclusive, SH.maxInclusive):
        assert (None, comparison, None) in shapes
        assert (None, comparison, None) not in fast


@pytest.mark.parametrize("query", [
    # $this only inside NOT EXISTS, or only in a filter: nothing binds it
    "SELECT $this WHERE { ?x ex:p ?y . FILTER NOT EXISTS { $this ex:q ?x } }",
    "SELECT $this WHERE { ?x ex:p ?y . FILTER (?x != $this) }",
    # bound on one side of a UNION only
    "SELECT $this WHERE { { $this ex:p ?y } UNION { ?x ex:p ?y } }",
    # MINUS and OPTIONAL change their meaning when $this is free
    "SELECT $this WHERE { $this ex:p ?y . MINUS { $this ex:q ?y } }",
    "SELECT $this WHERE { ?x ex:p ?y . OPTIONAL { $this ex:q ?y } }",
    "SELECT $this WHERE { $this ex:p ?y } LIMIT 1",
    # a sub-select, and a query that does not project $this by name
    "SELECT $this WHERE { { SELECT $this WHERE { $this ex:p ?y } } }",
    "SELECT * WHERE { $this ex:p ?y }",
    "SELECT $this WHERE { $this ex:p ?focus_x }",
    "not SPARQL",
])
def test_queries_that_need_this_bound_keep_their_form(query):
    assert whole_graph_query(query, {"ex": "http://example.org/"}) is None


def test_this_is_renamed_only_where_it_is_the_variable():
    query = ('SELECT $this ?y WHERE { $this ex:p ?y . ?this ex:q "$this" . '
             "FILTER NOT EXISTS { $this ex:r <http://example.org/$this> } }")
    assert whole_graph_query(query, {"ex": "http://example.org/"}) == (
        'SELECT $this ?y WHERE { ?focus_x ex:p ?y . ?focus_x ex:q "$this" . '
        "FILTER NOT EXISTS { ?focus_x ex:r <http://example.org/$this> } }")


# Two property shapes on ex:owner (merged), one on ex:tag with two values of sh:in
# (kept apart), one deactivated (kept, and still inactive) and one with nothing to check.
MERGING = PREFIXES + """
ex:ItemShape a sh:NodeShape ;
    sh:targetClass ex:Item ;
    sh:property [ sh:path ex:owner ; sh:minCount 1 ; sh:maxCount 1 ] ,
                [ sh:path ex:owner ; sh:class ex:Person ; sh:message "not a person" ] ,
                [ sh:path ex:tag ; sh:in ( ex:a ex:b ) ] ,
                [ sh:path ex:tag ; sh:in ( ex:b ex:c ) ] ,
                [ sh:path ex:note ; sh:datatype xsd:string ; sh:deactivated true ] ,
                [ sh:path ex:note ; sh:maxLength 5 ] ,
                [ sh:path ex:size ; sh:name "size" ] .
"""
MERGING_GOOD = PREFIXES + """
ex:i a ex:Item ; ex:owner ex:p ; ex:tag ex:b ; ex:note 7 .
ex:p a ex:Person .
"""
MERGING_BAD = {
    "no owner": "ex:j a ex:Item .",
    "two owners": "ex:i ex:owner ex:q . ex:q a ex:Person .",
    "owner not a person": "ex:j a ex:Item ; ex:owner ex:k .",
    "tag in one list only": "ex:i ex:tag ex:a .",
    "note too long": 'ex:i ex:note "longer" .',
}


def test_property_shapes_with_one_path_are_merged_and_empty_ones_dropped():
    shapes = Graph().parse(data=MERGING, format="turtle")
    fast = verdict_shapes(shapes)
    owner = URIRef(f"{EX}ItemShape")
    paths = sorted(str(fast.value(p, SH.path)).removeprefix(EX)
                   for p in fast.objects(owner, SH.property))
    assert paths == ["note", "note", "owner", "tag", "tag"]
    assert not _flags(shapes, MERGING_GOOD) and not _flags(fast, MERGING_GOOD)
    for case, triples in MERGING_BAD.items():
        assert _flags(shapes, MERGING_GOOD + triples), case
        assert _flags(fast, MERGING_GOOD + triples), case
