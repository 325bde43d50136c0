"""The ontology documentation page is about the ontology: its title, heading and IRI
(pyLODE took each SKOS concept scheme for an ontology of the page as well)."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS, OWL, SKOS

from newsgraph.publish.ontodocs import render
from newsgraph.resources import ontology_path


@pytest.mark.slow
def test_page_title_heading_and_iri_are_the_ontologys():
    ontology = Graph().parse(ontology_path(), format="turtle")
    (node,) = ontology.subjects(RDF.type, OWL.Ontology)
    title = str(ontology.value(node, DCTERMS.title))
    assert len(set(ontology.subjects(RDF.type, SKOS.ConceptScheme))) >= 2  # what misled it
    page = render()
    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip() == title
    assert re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip() == title
    iri = re.search(r"<strong>IRI</strong>\s*</dt>\s*<dd>\s*<code>(.*?)</code>", page, re.S)
    assert iri.group(1) == str(node)
