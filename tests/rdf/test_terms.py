"""The mapper's two kinds of terms (newsgraph.rdf.terms): N-Triples text that is what
the rdflib terms would be written as, so a corpus build's mapping gives the same lines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Literal, URIRef

from newsgraph.api import extract_article
from newsgraph.model import Article
from newsgraph.rdf import rdftext
from newsgraph.rdf.mapper import to_graph, to_triples
from newsgraph.rdf.terms import RDFLIB, TEXT


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_a_plain_literal_is_written_as_rdflib_terms_are(text):
    assert TEXT.literal(text) == rdftext.nt_term(RDFLIB.literal(text))


@pytest.mark.parametrize("value", [0, 0.004, 0.5, 0.6, 0.855, 1, 1.7, -0.2])
def test_numbers_are_written_as_rdflib_terms_are(value):
    assert TEXT.decimal(value) == rdftext.nt_term(RDFLIB.decimal(value))
    assert TEXT.nonneg(round(abs(value) * 1000)) == rdftext.nt_term(
        RDFLIB.nonneg(round(abs(value) * 1000)))


def test_iris_dates_and_vocabularies_are_written_as_rdflib_terms_are():
    assert TEXT.iri("https://example.org/a b") == rdftext.nt_term(URIRef("https://example.org/a b"))
    assert TEXT.typed("2022-05-10", XSD.date) == rdftext.nt_term(
        Literal("2022-05-10", datatype=XSD.date))
    for vocabulary in ("ng", "rdf", "dcterms", "schema"):
        ours, theirs = getattr(TEXT, vocabulary), getattr(RDFLIB, vocabulary)
        name = {"ng": "confidence", "rdf": "type", "dcterms": "title", "schema": "url"}[vocabulary]
        assert getattr(ours, name) == getattr(ours, name) == f"<{getattr(theirs, name)}>"
    assert TEXT.ng["count"] == f"<{RDFLIB.ng['count']}>"  # a name str has a method of too
    assert TEXT.classes["Country"] == f"<{RDFLIB.classes['Country']}>"
    assert TEXT.wd["Q399"] == "<http://www.wikidata.org/entity/Q399>"
    with pytest.raises(AttributeError):
        TEXT.ng["NoSuchTerm"]


def test_a_corpus_build_maps_an_article_to_the_lines_of_its_graph():
    """to_triples (N-Triples text, no rdflib terms) and to_graph (an rdflib Graph) give
    the same lines, on an article with statements, an event, a figure, a relation,
    quotes and a backslash."""
    text = ('YEREVAN, May 9 (Reuters) - Armenia accused Azerbaijan on Saturday of shelling '
            'the village of Tavush, killing at least two civilians. "We will respond," '
            'Prime Minister Nikol Pashinyan said in a statement \\ on Facebook. '
            "Azerbaijan's defence ministry denied the claim.\nRussia supports Armenia.")
    article = Article(identifier="t-1", text=text, date=dt.date(2022, 5, 10),
                      title='The "truce"', url="https://example.org/news/1")
    extraction = extract_article(article)
    assert extraction.statements and extraction.events and extraction.figures
    assert extraction.relations
    name, triples = to_triples(extraction)
    graph = to_graph(extraction)
    assert name == graph.identifier
    assert rdftext.ntriples(triples) == rdftext.ntriples(graph)
