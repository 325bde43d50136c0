"""The ontology (ontology/newsgraph.ttl) against its contract (docs/rdf-model.md),
the generated namespace module, and the ng: terms used across the project."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = ROOT / "ontology" / "newsgraph.ttl"
GENERATOR = ROOT / "scripts" / "gen_namespace.py"
NAMESPACE_MODULE = ROOT / "src" / "newsgraph" / "rdf" / "namespace.py"
VOCABULARY_MODULE = ROOT / "src" / "newsgraph" / "vocabulary.py"

NS = "https://w3id.org/newsgraph/ontology#"
ONTOLOGY_IRI = URIRef("https://w3id.org/newsgraph/ontology")
ng = Namespace(NS)
VANN = Namespace("http://purl.org/vocab/vann/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("http://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
GRASP = Namespace("http://groundedannotationframework.org/grasp#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
# A plain Namespace: rdflib's XSD warns when pytest probes module globals.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# --- The contract (docs/rdf-model.md, with its extensions). Changing these lists is
# changing the contract.

CONTRACT_CLASSES = [
    "Article",
    "Actor",
    "Person",
    "Country",
    "Organization",
    "Group",
    "MediationGroup",
    "Place",
    "Conflict",
    "Statement",
    "Event",
    "CasualtyFigure",
    "Mention",
]
CONTRACT_OBJECT_PROPERTIES = [
    "speaker",
    "statementType",
    "target",
    "about",
    "reportsFigure",
    "via",
    "refutes",
    "corroborates",
    "eventType",
    "agent",
    "participant",
    "affected",
    "place",
    "partOf",
    "countQualifier",
    "casualtyType",
    "victims",
    "mediator",
    "parentOrganization",
    "mediates",
    "party",
    "disputedTerritory",
    "supports",
    "controls",
    "legallyPartOf",
    "evidence",
    "mention",
    "reportedIn",
    "inArticle",
]
CONTRACT_DATATYPE_PROPERTIES = [
    "text",
    "cue",
    "quote",
    "date",
    "timeExpression",
    "count",
    "beginIndex",
    "endIndex",
    "anchorOf",
    "confidence",
]
EXTENSION_OBJECT_PROPERTIES = ["affiliatedWith"]
EXTENSION_DATATYPE_PROPERTIES = ["trigger"]

SCHEMES = {
    "StatementTypes": [
        "Report",
        "Claim",
        "Announcement",
        "Accusation",
        "Denial",
        "Appeal",
        "Demand",
        "Support",
        "Criticism",
        "Threat",
    ],
    "EventTypes": [
        "Fighting",
        "Attack",
        "MilitaryAdvance",
        "TerritorialCapture",
        "Deployment",
        "PhoneCall",
        "Meeting",
        "Negotiation",
        "Interview",
        "Ceasefire",
        "CeasefireViolation",
    ],
    "CountQualifiers": ["Exactly", "MoreThan", "AtLeast", "Approximately", "AtMost", "LessThan"],
    "CasualtyTypes": ["Killed", "Injured", "Missing", "Displaced", "Captured"],
    "VictimTypes": ["Civilians", "Combatants", "People"],
}
CAMEO_SCHEMES = ("StatementTypes", "EventTypes")

ALL_CONTRACT_TERMS = (
    CONTRACT_CLASSES
    + CONTRACT_OBJECT_PROPERTIES
    + CONTRACT_DATATYPE_PROPERTIES
    + EXTENSION_OBJECT_PROPERTIES
    + EXTENSION_DATATYPE_PROPERTIES
    + list(SCHEMES)
    + [concept for concepts in SCHEMES.values() for concept in concepts]
)

# Alignments named in the contract table: each term must be linked to each of
# these by rdfs:subClassOf, rdfs:subPropertyOf or skos:closeMatch.
CONTRACT_ALIGNMENTS = {
    "Article": [SDO.NewsArticle, PROV.Entity, NIF.Context],
    "text": [NIF.isString],
    "Actor": [PROV.Agent, SEM.Actor],
    "MediationGroup": [ORG.OrganizationalCollaboration],
    "Place": [SEM.Place, SDO.Place],
    "Conflict": [SEM.Event],
    "Statement": [SDO.Claim, PROV.Entity],
    "Event": [SEM.Event],
    "Mention": [NIF.String],
    "speaker": [PROV.wasAttributedTo, GRASP.wasAttributedTo],
    "cue": [GRASP.generatedBy],
    "agent": [SEM.hasActor],
    "place": [SEM.hasPlace],
    "mediator": [ORG.member],
    "parentOrganization": [SDO.parentOrganization],
    "evidence": [GAF.denotedBy],
    "beginIndex": [NIF.beginIndex],
    "endIndex": [NIF.endIndex],
    "anchorOf": [NIF.anchorOf],
    "inArticle": [NIF.referenceContext],
    "affiliatedWith": [ORG.memberOf, SDO.affiliation],
}
SUBCLASSES = {
    "Person": ["Actor"],
    "Country": ["Actor", "Place"],
    "Organization": ["Actor"],
    "Group": ["Actor"],
    "MediationGroup": ["Organization"],
}
DATATYPE_RANGES = {
    "text": XSD.string,
    "date": XSD.date,
    "count": XSD.nonNegativeInteger,
    "beginIndex": XSD.nonNegativeInteger,
    "endIndex": XSD.nonNegativeInteger,
    "anchorOf": XSD.string,
    "confidence": XSD.decimal,
}


@cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@cache
def declared_terms() -> frozenset[str]:
    """Local names of every ng: IRI the ontology gives an rdf:type."""
    return frozenset(
        str(s)[len(NS) :]
        for s in ontology().subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(NS) and str(s) != NS
    )


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_namespace", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- Ontology metadata ------------------------------------------------------


def test_ontology_parses() -> None:
    g = ontology()
    assert len(g) > 0
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g


@pytest.mark.parametrize(
    "prop",
    [
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.creator,
        OWL.versionIRI,
        OWL.versionInfo,
        VANN.preferredNamespacePrefix,
        VANN.preferredNamespaceUri,
    ],
)
def test_ontology_metadata_present(prop: URIRef) -> None:
    assert ontology().value(ONTOLOGY_IRI, prop) is not None, prop


def test_ontology_metadata_values() -> None:
    g = ontology()
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert str(g.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert str(g.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "ng"
    assert str(g.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == NS
    version_iri = g.value(ONTOLOGY_IRI, OWL.versionIRI)
    assert isinstance(version_iri, URIRef)
    assert str(version_iri).startswith(str(ONTOLOGY_IRI))


# --- Contract terms -----------------------------------------------------------


@pytest.mark.parametrize("name", ALL_CONTRACT_TERMS)
def test_contract_term_declared_with_label_and_comment(name: str) -> None:
    g = ontology()
    term = ng[name]
    assert name in declared_terms(), f"ng:{name} is not declared"
    assert g.value(term, RDFS.label) is not None, f"ng:{name} has no rdfs:label"
    assert g.value(term, RDFS.comment) is not None, f"ng:{name} has no rdfs:comment"


def test_every_declared_term_has_label_and_comment() -> None:
    g = ontology()
    missing = [
        name
        for name in sorted(declared_terms())
        if g.value(ng[name], RDFS.label) is None or g.value(ng[name], RDFS.comment) is None
    ]
    assert not missing


def test_term_kinds() -> None:
    g = ontology()
    for name in CONTRACT_CLASSES:
        assert (ng[name], RDF.type, OWL.Class) in g, name
    for name in CONTRACT_OBJECT_PROPERTIES + EXTENSION_OBJECT_PROPERTIES:
        assert (ng[name], RDF.type, OWL.ObjectProperty) in g, name
    for name in CONTRACT_DATATYPE_PROPERTIES + EXTENSION_DATATYPE_PROPERTIES:
        assert (ng[name], RDF.type, OWL.DatatypeProperty) in g, name


@pytest.mark.parametrize("name", sorted(CONTRACT_ALIGNMENTS))
def test_contract_alignments(name: str) -> None:
    g = ontology()
    linked = {
        o
        for p in (RDFS.subClassOf, RDFS.subPropertyOf, SKOS.closeMatch)
        for o in g.objects(ng[name], p)
    }
    missing = [str(target) for target in CONTRACT_ALIGNMENTS[name] if target not in linked]
    assert not missing, f"ng:{name} is not aligned to {missing}"


def test_internal_subclasses() -> None:
    g = ontology()
    for sub, supers in SUBCLASSES.items():
        for sup in supers:
            assert (ng[sub], RDFS.subClassOf, ng[sup]) in g, f"{sub} subClassOf {sup}"


def test_datatype_ranges() -> None:
    g = ontology()
    for name, datatype in DATATYPE_RANGES.items():
        assert g.value(ng[name], RDFS.range) == datatype, name


def test_ng_terms_used_in_ontology_are_declared() -> None:
    used = {
        str(node)[len(NS) :]
        for triple in ontology()
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(NS) and str(node) != NS
    }
    assert used - declared_terms() == set()


# --- Concept schemes ----------------------------------------------------------


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_concept_scheme(scheme: str) -> None:
    g = ontology()
    assert (ng[scheme], RDF.type, SKOS.ConceptScheme) in g
    in_scheme = {str(c)[len(NS) :] for c in g.subjects(SKOS.inScheme, ng[scheme])}
    assert in_scheme == set(SCHEMES[scheme])
    for name in SCHEMES[scheme]:
        concept = ng[name]
        assert (concept, RDF.type, SKOS.Concept) in g, name
        assert g.value(concept, SKOS.prefLabel) is not None, name
        assert g.value(concept, RDFS.label) is not None, name
        assert g.value(concept, RDFS.comment) is not None, name


@pytest.mark.parametrize("scheme", CAMEO_SCHEMES)
def test_cameo_notations(scheme: str) -> None:
    g = ontology()
    for name in SCHEMES[scheme]:
        notations = list(g.objects(ng[name], SKOS.notation))
        assert len(notations) == 1, f"ng:{name} needs exactly one skos:notation"
        (notation,) = notations
        # Plain string literals throughout, CAMEO codes keep their leading zero.
        assert isinstance(notation, Literal)
        assert notation.datatype is None and notation.language is None, name
        assert re.fullmatch(r"\d{3,4}", str(notation)), f"ng:{name}: {notation!r}"


def test_model_vocabularies_match_schemes() -> None:
    """The record types of model.py are the ontology's concepts, entity classes and
    relation properties (the contract lists above), not some other copy."""
    from newsgraph import model

    for names, scheme in [
        (model.STATEMENT_TYPES, "StatementTypes"),
        (model.EVENT_TYPES, "EventTypes"),
        (model.QUALIFIERS, "CountQualifiers"),
        (model.COUNT_QUALIFIERS, "CountQualifiers"),
        (model.CASUALTY_TYPES, "CasualtyTypes"),
        (model.VICTIM_TYPES, "VictimTypes"),
    ]:
        assert sorted(names) == sorted(SCHEMES[scheme]), scheme
    abstract_or_not_entities = {"Actor", "Article", "Statement", "Event", "CasualtyFigure",
                                "Mention"}
    assert set(model.ENTITY_TYPES) == set(CONTRACT_CLASSES) - abstract_or_not_entities
    assert set(model.ACTOR_TYPES) == {"Person", "Country", "Organization", "MediationGroup",
                                      "Group"}
    assert set(model.RELATION_PREDICATES) == {
        "supports", "controls", "legallyPartOf", "affiliatedWith", "parentOrganization",
        "mediator", "mediates", "party", "disputedTerritory"}


def test_record_types_are_literal_types_of_the_ontology() -> None:
    """A record's type field is a Literal type, so that a type checker catches a typo."""
    import dataclasses
    import typing

    from newsgraph import model

    fields = {(cls.__name__, f.name): f.type for cls in (model.Entity, model.Statement,
              model.Event, model.Figure, model.Relation) for f in dataclasses.fields(cls)}
    hints = {name: typing.get_type_hints(getattr(model, name)) for name, _ in fields}
    for (cls, field), expected in [
        (("Entity", "type"), model.ENTITY_TYPES),
        (("Statement", "type"), model.STATEMENT_TYPES),
        (("Event", "type"), model.EVENT_TYPES),
        (("Figure", "qualifier"), model.COUNT_QUALIFIERS),
        (("Figure", "casualty"), model.CASUALTY_TYPES),
        (("Figure", "victims"), model.VICTIM_TYPES),
        (("Relation", "predicate"), model.RELATION_PREDICATES),
    ]:
        hint = hints[cls][field]
        assert typing.get_origin(hint) is typing.Literal, (cls, field)
        assert typing.get_args(hint) == expected, (cls, field)


def ontology_with_a_new_event_type() -> Graph:
    """A copy of the ontology with one more concept in ng:EventTypes (ng:Blockade)."""
    g = Graph()
    for triple in ontology():
        g.add(triple)
    g.add((ng.Blockade, RDF.type, SKOS.Concept))
    g.add((ng.Blockade, SKOS.inScheme, ng.EventTypes))
    return g


def test_vocabulary_follows_an_edited_ontology() -> None:
    """A concept added to a scheme, a class below ng:Actor and a relation property
    appear in the generated lists: the ontology is their only source."""
    gen = load_generator()
    g = ontology_with_a_new_event_type()
    g.add((ng.Militia, RDF.type, OWL.Class))
    g.add((ng.Militia, RDFS.subClassOf, ng.Group))
    g.add((ng.funds, RDF.type, OWL.ObjectProperty))
    g.add((ng.funds, RDFS.domain, ng.Country))
    g.add((ng.funds, RDFS.range, ng.Militia))
    lists = {const: names for _, const, _, names in gen.vocabulary_lists(g)}
    assert "Blockade" in lists["EVENT_TYPES"]
    assert "Militia" in lists["ACTOR_TYPES"] and "Militia" in lists["ENTITY_TYPES"]
    assert "funds" in lists["RELATION_PREDICATES"]
    assert "Blockade" not in lists["STATEMENT_TYPES"]
    text = gen.render_vocabulary(g)
    assert '    "Blockade",\n' in text and 'ENTITY_CLASSES' not in text


def _shape_lists() -> tuple[Graph, list[tuple[Node, Node | None, Node]]]:
    """(shape property node, its sh:path, the sh:in list node) of every sh:in in the shapes."""
    shapes = Graph().parse(ROOT / "shapes" / "newsgraph.shacl.ttl", format="turtle")
    return shapes, [(prop, shapes.value(prop, SH.path), lst)
                    for prop, lst in shapes.subject_objects(SH["in"])]


def test_shape_value_lists_and_messages_name_the_ontology_lists() -> None:
    """Each sh:in of the shapes is one generated list, and its message names every member:
    a concept added to the ontology fails here until the shapes list it."""
    from newsgraph import vocabulary

    expected = {
        ng.statementType: vocabulary.STATEMENT_TYPES,
        ng.eventType: vocabulary.EVENT_TYPES,
        ng.countQualifier: vocabulary.COUNT_QUALIFIERS,
        ng.casualtyType: vocabulary.CASUALTY_TYPES,
        ng.victims: vocabulary.VICTIM_TYPES,
        RDF.predicate: vocabulary.RELATION_PREDICATES,
    }
    shapes, lists = _shape_lists()
    assert {path for _, path, _ in lists} == set(expected)
    for prop, path, members in lists:
        names = expected[path]
        assert set(Collection(shapes, members)) == {ng[name] for name in names}, path
        message = str(shapes.value(prop, SH.message))
        named = set(re.findall(r"ng:(\w+)", message))
        assert set(names) <= named, (path, set(names) - named)


# --- Generated namespace module ----------------------------------------------


def test_namespace_module_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + "\nrun: python scripts/gen_namespace.py"


def test_namespace_check_detects_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "namespace.py"
    stale.write_text(NAMESPACE_MODULE.read_text(encoding="utf-8").replace("# Concepts", "# x"))
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(stale)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_vocabulary_check_detects_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "vocabulary.py"
    stale.write_text(VOCABULARY_MODULE.read_text(encoding="utf-8").replace('"Attack",\n', ""))
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--vocabulary", str(stale)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "vocabulary.py is out of date" in result.stderr


def test_shapes_check_detects_a_hand_edited_value_list(tmp_path: Path) -> None:
    """The shapes' sh:in lists are generated: one edited by hand (a type dropped) is stale."""
    shapes = ROOT / "shapes" / "newsgraph.shacl.ttl"
    stale = tmp_path / "shapes.ttl"
    stale.write_text(shapes.read_text(encoding="utf-8").replace("ng:Attack ", "", 1))
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--shapes", str(stale)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "shapes.ttl is out of date" in result.stderr


def test_shapes_follow_a_concept_added_to_the_ontology() -> None:
    """A new event type in the ontology is allowed by the regenerated shapes, and the
    message of its sh:in names it."""
    gen = load_generator()
    g = ontology_with_a_new_event_type()
    text = gen.render_shapes(g, (ROOT / "shapes" / "newsgraph.shacl.ttl").read_text("utf-8"))
    shapes = Graph().parse(data=text, format="turtle")
    lists = {shapes.value(prop, SH.path): (set(Collection(shapes, members)),
                                           str(shapes.value(prop, SH.message)))
             for prop, members in shapes.subject_objects(SH["in"])}
    members, message = lists[ng.eventType]
    assert ng.Blockade in members and ng.Attack in members
    assert "ng:Blockade" in message
    assert ng.Blockade not in lists[ng.statementType][0]


def test_generator_output_is_deterministic() -> None:
    gen = load_generator()
    text = gen.render(ontology())
    # The same triples parsed in a different order give the same text.
    reparsed = Graph().parse(data=ontology().serialize(format="nt"), format="nt")
    assert gen.render(reparsed) == text
    assert text == NAMESPACE_MODULE.read_text(encoding="utf-8")
    vocabulary = gen.render_vocabulary(ontology())
    assert gen.render_vocabulary(reparsed) == vocabulary
    assert vocabulary == VOCABULARY_MODULE.read_text(encoding="utf-8")


def test_namespace_covers_exactly_the_declared_terms() -> None:
    from newsgraph.rdf.namespace import NG

    for name in declared_terms():
        assert NG[name] == URIRef(NS + name)
        assert getattr(NG, name) == URIRef(NS + name)
    assert {str(t)[len(NS) :] for t in dir(NG)} == set(declared_terms())


def test_namespace_terms_named_like_str_methods() -> None:
    from newsgraph.rdf.namespace import NG

    clashing = sorted(n for n in declared_terms() if hasattr(str, n))
    assert "count" in clashing
    for name in [*clashing, "text", "date"]:
        assert NG[name] == URIRef(NS + name)
        assert getattr(NG, name) == URIRef(NS + name)
    assert NG.count == NG["count"] == URIRef(NS + "count")


def test_namespace_is_closed() -> None:
    from newsgraph.rdf.namespace import NG

    with pytest.raises(AttributeError):
        _ = NG.typo
    with pytest.raises((AttributeError, KeyError)):
        _ = NG["typo"]


# --- ng: terms used across the project -----------------------------------------

_PREFIXED = re.compile(r"(?<![\w.:/#-])ng:([A-Za-z_][\w-]*(?:\.[\w-]+)*)")
_FULL_IRI = re.compile(re.escape(NS) + r"([A-Za-z_][\w-]*)")
_NG_ATTR = re.compile(r"(?<![\w.])NG\.([A-Za-z_]\w*)")
_NG_ITEM = re.compile(r"(?<![\w.])NG\[\s*[\"']([^\"']+)[\"']\s*\]")
# DefinedNamespace API that is not a term.
_NG_API = {"as_jsonld_context", "mro"}


def ng_terms_in_text(text: str) -> set[str]:
    """Local names of the ng: terms a Turtle, SPARQL or Python text uses.

    Finds ``ng:Name`` prefixed names, full ``https://w3id.org/newsgraph/ontology#Name``
    IRIs, and ``NG.Name`` / ``NG["Name"]`` accesses of the Python namespace.
    """
    found = set(_PREFIXED.findall(text)) | set(_FULL_IRI.findall(text))
    found |= set(_NG_ITEM.findall(text))
    found |= {n for n in _NG_ATTR.findall(text) if not n.startswith("_") and n not in _NG_API}
    return found


def project_files() -> list[Path]:
    files = [
        *sorted((ROOT / "shapes").glob("*.ttl")),
        *sorted((ROOT / "queries").glob("*.rq")),
        *sorted((ROOT / "src" / "newsgraph").rglob("*.py")),
    ]
    return [f for f in files if f.is_file()]


def test_scanner_finds_all_forms() -> None:
    text = """
        PREFIX ng: <https://w3id.org/newsgraph/ontology#>
        SELECT ?s WHERE { ?s a ng:Statement ; ng:speaker ?a . ?a ng:Bogus1 ?x . }
        <https://w3id.org/newsgraph/ontology#Bogus2> a owl:Class .
        g.add((s, NG.Bogus3, o)); g.value(s, NG["Bogus4"]); NG['count']
        NG._NS ; warning: ignored ; string:ignored ; x.NG.ignored
    """
    assert ng_terms_in_text(text) == {
        "Statement",
        "speaker",
        "Bogus1",
        "Bogus2",
        "Bogus3",
        "Bogus4",
        "count",
    }


def test_scanner_reports_undeclared_term() -> None:
    used = ng_terms_in_text('sh:path ng:speakr ; sh:class ng:Actor .\nNG["Statment"]')
    assert used - declared_terms() == {"speakr", "Statment"}


def test_project_uses_only_declared_terms() -> None:
    undeclared: dict[str, list[str]] = {}
    for path in project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        unknown = sorted(ng_terms_in_text(text) - declared_terms())
        if unknown:
            undeclared[str(path.relative_to(ROOT))] = unknown
    assert not undeclared, f"ng: terms not declared in ontology/newsgraph.ttl: {undeclared}"
