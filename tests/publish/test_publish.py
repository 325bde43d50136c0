"""Publishing files: every format round-trips, JSON-LD uses the shipped context, a
VoID/DCAT description is written beside every file, and ``newsgraph docs`` documents
every class and property of the ontology."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, OWL, VOID
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.publish.serialize import serialize, union, write
from newsgraph.rdf.jsonld import shipped_context

from ..conftest import ROOT, SEED

NG = Namespace("https://w3id.org/newsgraph/ontology#")
SCHEMA = Namespace("http://schema.org/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # not rdflib.namespace.DCAT: pytest warns
EX = Namespace("http://example.org/")
FORMATS = ["turtle", "trig", "nquads", "ntriples", "json-ld"]
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
              "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES,
              "json-ld": ox.RdfFormat.JSON_LD}
SUFFIX = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "ntriples": ".nt",
          "json-ld": ".jsonld"}
runner = CliRunner()


def tricky_dataset() -> Dataset:
    """Two article graphs with what breaks serializers: a blank node as the value of an
    object property, language tags, literals that do not fit a term's datatype, a
    literal where an IRI is expected, decimals whose lexical form must stay, escapes."""
    ds = Dataset()
    ds.bind("ng", str(NG))
    a, b = EX["article/a"], EX["article/b"]
    g = ds.graph(a)
    place = BNode()
    for triple in [
        (a, RDF.type, NG.Article),
        (a, NG["text"], Literal('He said "no".\nThen\tleft \\ quietly \u2028 – Ærø')),
        (a, SCHEMA.url, URIRef("http://example.org/news/1")),
        (EX.s, RDF.type, NG.Statement),
        (EX.s, NG.confidence, Literal(Decimal("0.80"))),
        (EX.s, NG.confidence, Literal("high")),
        (EX.s, NG["count"], Literal("007", datatype=XSD.nonNegativeInteger)),
        (EX.s, NG["count"], Literal(3)),
        (EX.s, NG.about, Literal("not an IRI")),
        (EX.s, NG.cue, URIRef("http://example.org/an-iri")),
        (EX.s, NG.place, place),
        (place, RDFS.label, Literal("somewhere")),
        (EX.s, RDFS.label, Literal("Arménie", lang="fr")),
        (EX.s, NG["date"], Literal("2020-10-04", datatype=XSD.date)),
        (EX.s, EX.custom, Literal("x", datatype=EX.datatype)),
        (EX.s, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q399")),
    ]:
        g.add(triple)
    other = ds.graph(b)
    other.add((b, RDF.type, NG.Article))
    other.add((EX.s, RDFS.label, Literal("shared")))
    return ds


def from_oxigraph(text: str, fmt: str) -> Dataset:
    """Parse with pyoxigraph, then turn its terms into rdflib terms."""
    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        if node.datatype == ox.NamedNode(str(XSD.string)):
            return Literal(node.value)
        return Literal(node.value, datatype=URIRef(node.datatype.value))

    ds = Dataset()
    for quad in ox.parse(text.encode("utf-8"), format=OX_FORMATS[fmt]):
        graph = ds.graph(DATASET_DEFAULT_GRAPH_ID if isinstance(quad.graph_name, ox.DefaultGraph)
                         else term(quad.graph_name))
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return ds


def from_rdflib(text: str, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=text, format=fmt)
    return ds


def assert_same(original: Dataset, parsed: Dataset, fmt: str) -> None:
    if fmt in ("trig", "nquads"):
        expected = {g.identifier: g for g in original.graphs() if len(g)}
        actual = {g.identifier: g for g in parsed.graphs() if len(g)}
        assert expected.keys() == actual.keys()
        for name, graph in expected.items():
            assert isomorphic(graph, actual[name]), name
    else:
        assert isomorphic(union(original), union(parsed))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("parser", [from_rdflib, from_oxigraph], ids=["rdflib", "pyoxigraph"])
def test_every_format_round_trips_on_the_seed(seed_build, fmt, parser):
    text = serialize(seed_build.dataset, fmt)
    assert_same(seed_build.dataset, parser(text, fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("parser", [from_rdflib, from_oxigraph], ids=["rdflib", "pyoxigraph"])
def test_every_format_round_trips_awkward_data(fmt, parser):
    ds = tricky_dataset()
    text = serialize(ds, fmt)
    assert_same(ds, parser(text, fmt), fmt)


def test_quad_formats_keep_one_graph_per_article(seed_build):
    articles = set(seed_build.dataset.subjects(RDF.type, NG.Article))
    for fmt in ("trig", "nquads"):
        parsed = from_rdflib(serialize(seed_build.dataset, fmt), fmt)
        names = {g.identifier for g in parsed.graphs() if len(g)}
        assert names == articles


def test_turtle_is_deterministic_with_explicit_prefixes(seed_build):
    ds = tricky_dataset()
    reordered = Dataset()
    for s, p, o, g in reversed(list(ds.quads((None, None, None, None)))):
        reordered.add((s, p, o, getattr(g, "identifier", g)))
    for fmt in FORMATS:
        assert serialize(ds, fmt) == serialize(reordered, fmt), fmt
    text = serialize(ds, "turtle")
    assert "@prefix schema: <http://schema.org/> ." in text
    assert "https://schema.org" not in text
    assert "@prefix brick" not in text  # none of rdflib's default bindings
    seed = serialize(seed_build.dataset, "turtle")
    assert "ns1:" not in seed  # every namespace the mapper uses has its prefix
    assert "@prefix ng: <https://w3id.org/newsgraph/ontology#> ." in seed
    assert "ng:statementType ng:Accusation" in seed


def test_jsonld_is_compacted_with_the_shipped_context(seed_build):
    doc = json.loads(serialize(seed_build.dataset, "json-ld"))
    shipped = json.loads((ROOT / "src/newsgraph/data/context.jsonld").read_text())
    assert doc["@context"] == shipped["@context"]
    statements = [n for n in doc["@graph"] if n.get("@type") == "Statement"]
    assert statements
    first = statements[0]
    assert {"speaker", "statementType", "evidence", "confidence"} <= first.keys()
    assert first["statementType"].startswith("ng:")
    assert isinstance(first["confidence"], str)  # "0.80" keeps its lexical form
    mention = next(n for n in doc["@graph"] if n.get("@type") == "Mention")
    assert mention["@id"].startswith("id:article/")
    assert mention["beginIndex"].isdigit()


def test_context_names_every_class_and_property_of_the_ontology():
    ontology = Graph().parse(ROOT / "ontology" / "newsgraph.ttl")
    context = shipped_context()
    assert context["schema"] == "http://schema.org/"

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return context[prefix] + local

    terms = {expand(v if isinstance(v, str) else v["@id"]): v for k, v in context.items()
             if not (isinstance(v, str) and v.startswith("http"))}
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(NG)):
            assert str(cls) in terms, cls
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        if str(prop).startswith(str(NG)):
            assert terms[str(prop)]["@type"] == "@id", prop
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        if str(prop).startswith(str(NG)):
            rng = ontology.value(prop, RDFS.range)
            definition = terms[str(prop)]
            if rng is None or rng == XSD.string:
                assert isinstance(definition, str), prop
            else:
                assert expand(definition["@type"]) == str(rng), prop


# -- the dataset description --------------------------------------------------------


def read_description(path: Path) -> tuple[Graph, URIRef]:
    graph = Graph().parse(path, format="turtle")  # relative IRIs resolve beside the file
    (dataset,) = set(graph.subjects(RDF.type, VOID.Dataset)) & set(
        graph.subjects(RDF.type, DCAT.Dataset))
    return graph, dataset


def test_description_is_written_beside_each_file(seed_build, tmp_path):
    ttl, trig = tmp_path / "seed.ttl", tmp_path / "seed.trig"
    assert write(seed_build.dataset, ttl) == tmp_path / "seed.void.ttl"
    write(seed_build.dataset, trig)
    description = tmp_path / "seed.void.ttl"
    graph, ds = read_description(description)
    assert int(graph.value(ds, VOID.triples)) == len(union(seed_build.dataset))
    assert int(graph.value(ds, VOID.documents)) == 1
    assert graph.value(ds, DCTERMS.license) is not None
    assert str(graph.value(ds, VOID.sparqlEndpoint)).startswith("http")
    assert URIRef(str(NG)) in set(graph.objects(ds, VOID.vocabulary))
    dumps = set(graph.objects(ds, VOID.dataDump))
    assert dumps == {URIRef(ttl.resolve().as_uri()), URIRef(trig.resolve().as_uri())}
    distributions = list(graph.objects(ds, DCAT.distribution))
    assert len(distributions) == 2  # one per file
    for dist in distributions:
        path = Path(str(graph.value(dist, DCAT.downloadURL)).removeprefix("file://"))
        data = path.read_bytes()
        assert int(graph.value(dist, DCAT.byteSize)) == len(data)
        checksum = graph.value(graph.value(dist, SPDX.checksum), SPDX.checksumValue)
        assert str(checksum) == hashlib.sha256(data).hexdigest()
        assert str(graph.value(dist, DCAT.mediaType)).endswith(
            {".ttl": "text/turtle", ".trig": "application/trig"}[path.suffix])
    text = description.read_text()
    assert "<seed.ttl>" in text and "newsgraph.invalid" not in text and "file:" not in text
    # Written again, the description is byte-identical.
    write(seed_build.dataset, trig)
    assert description.read_text() == text


def test_description_drops_files_that_are_no_longer_the_same_data(seed_build, tmp_path):
    write(seed_build.dataset, tmp_path / "seed.ttl")
    write(seed_build.dataset, tmp_path / "seed.nt")
    (tmp_path / "seed.ttl").write_text("# edited by hand\n")
    write(seed_build.dataset, tmp_path / "seed.nq")
    graph, ds = read_description(tmp_path / "seed.void.ttl")
    names = {Path(str(url)).name for url in graph.objects(ds, VOID.dataDump)}
    assert names == {"seed.nt", "seed.nq"}
    # Another dataset under the same name starts a new description.
    write(tricky_dataset(), tmp_path / "seed.trig")
    graph, ds = read_description(tmp_path / "seed.void.ttl")
    assert {Path(str(url)).name for url in graph.objects(ds, VOID.dataDump)} == {"seed.trig"}


def test_description_options_and_environment(seed_build, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_SPARQL_ENDPOINT", "https://sparql.example.org/query")
    monkeypatch.setenv("NEWSGRAPH_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
    write(seed_build.dataset, tmp_path / "a.jsonld")
    graph, ds = read_description(tmp_path / "a.void.ttl")
    assert graph.value(ds, VOID.sparqlEndpoint) == URIRef("https://sparql.example.org/query")
    assert graph.value(ds, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    write(seed_build.dataset, tmp_path / "b.nq", endpoint="http://127.0.0.1:9/query",
          license="https://spdx.org/licenses/CC0-1.0")
    graph, ds = read_description(tmp_path / "b.void.ttl")
    assert graph.value(ds, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:9/query")
    assert write(seed_build.dataset, tmp_path / "c.ttl", describe=False) is None
    assert not (tmp_path / "c.void.ttl").exists()


def test_build_writes_file_and_description_readable_by_others(seed_build, tmp_path, capsys):
    out = tmp_path / "seed.trig"
    newsgraph.build([SEED], out)
    for path in (out, tmp_path / "seed.void.ttl"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == 0o666 & ~_umask(), oct(mode)
    write(seed_build.dataset, "-")  # stdout: no description
    assert "@prefix ng:" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.trig", "seed.void.ttl"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# -- ontology documentation ----------------------------------------------------------


@pytest.mark.slow
def test_docs_lists_every_class_and_property(tmp_path):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    out = tmp_path / "docs"
    result = runner.invoke(app, ["docs", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert (out / "newsgraph.ttl").read_bytes() == (ROOT / "ontology/newsgraph.ttl").read_bytes()
    ontology = Graph().parse(ROOT / "ontology" / "newsgraph.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = [t for kind in kinds for t in ontology.subjects(RDF.type, kind)
             if str(t).startswith(str(NG))]
    assert len(terms) > 40
    for term in terms:
        assert str(term) in html, term
        assert str(ontology.value(term, RDFS.label)) in html, term
    assert "<h2>Classes" in html and "<h2>Object Properties" in html
    assert (root.handlers, root.level) == (handlers, level)  # pyLODE's logging undone


def test_docs_output_must_be_a_directory(tmp_path):
    afile = tmp_path / "file"
    afile.write_text("x")
    result = runner.invoke(app, ["docs", "-o", str(afile)])
    assert result.exit_code == 2
    assert "must be a directory" in result.stderr
