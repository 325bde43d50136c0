"""Every reference fits its role: the repair step, the mapper's guard, and the
role table against the shapes. Sentences written for these tests."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace, URIRef

from newsgraph.model import Article, Entity, Event, Extraction, Figure, Relation, Span, Statement
from newsgraph.pipeline.role_repair import conform_roles
from newsgraph.rdf import mapper
from newsgraph.resources import shapes_path
from newsgraph.roles import EVENT_ROLES, KIND_TYPES, RELATION_ROLES, STATEMENT_ROLES
from newsgraph.validate import validate

TEXT = "Riverton said the mayor Anna Kole met Kole again in Riverton."


def _extraction(*entities: Entity) -> Extraction:
    x = Extraction(article=Article(identifier="t", text=TEXT))
    x.entities = {e.key: e for e in entities}
    x.entities["publisher"] = Entity("publisher", "author", "Group")
    return x


def _place(key: str = "riverton", label: str = "Riverton", spans=((0, 8), (52, 60))):
    return Entity(key, label, "Place", mentions=[Span(*s) for s in spans])


def test_a_place_that_speaks_gets_an_acting_group_with_the_mention_inside_the_statement():
    x = _extraction(_place())
    x.statements = [Statement(Span(0, 14), "Claim", ["riverton"], "said")]
    x.events = [Event(Span(24, 61), "Meeting", "met", places=["riverton"])]
    conform_roles(x)
    speaker = x.entities[x.statements[0].speakers[0]]
    assert (speaker.type, speaker.label, speaker.mentions) == ("Group", "Riverton", [Span(0, 8)])
    assert x.events[0].places == ["riverton"]
    assert x.entities["riverton"].mentions == [Span(52, 60)]


def test_a_surname_misread_as_a_place_is_the_person_of_that_name():
    person = Entity("anna_kole", "Anna Kole", "Person", mentions=[Span(24, 33)])
    x = _extraction(person, _place("kole", "Kole", [(38, 42)]))
    x.events = [Event(Span(24, 42), "Meeting", "met", participants=["kole"])]
    conform_roles(x)
    assert x.events[0].participants == ["anna_kole"]
    assert Span(38, 42) in person.mentions


def test_a_surname_shared_by_two_people_is_not_guessed():
    x = _extraction(Entity("a", "Anna Kole", "Person"), Entity("b", "Ben Kole", "Person"),
                    _place("kole", "Kole", [(38, 42)]))
    x.statements = [Statement(Span(38, 50), "Claim", ["kole"], "said")]
    conform_roles(x)
    assert x.entities[x.statements[0].speakers[0]].type == "Group"


def test_a_person_cannot_be_an_events_place_and_loses_that_role():
    x = _extraction(Entity("anna_kole", "Anna Kole", "Person", mentions=[Span(24, 33)]))
    x.figures = [Figure(Span(0, 40), 3, "Exactly", "Killed", "People", places=["anna_kole"])]
    conform_roles(x)
    assert x.figures[0].places == []


def test_a_statement_whose_only_speaker_cannot_act_is_dropped_with_references_to_it():
    conflict = Entity("war", "Riverton war", "Conflict")
    x = _extraction(conflict, Entity("kole", "Anna Kole", "Person"))
    x.statements = [Statement(Span(0, 14), "Accusation", ["war"], "said", id="s1"),
                    Statement(Span(15, 30), "Denial", ["kole"], "denied", id="s2",
                              refutes=["s1"])]
    conform_roles(x)
    assert [s.id for s in x.statements] == ["s2"]
    assert x.statements[0].refutes == []


def test_a_relation_whose_ends_do_not_fit_is_dropped():
    x = _extraction(_place(), Entity("kole", "Anna Kole", "Person"))
    x.relations = [Relation("kole", "legallyPartOf", "riverton", Span(0, 8)),
                   Relation("riverton", "supports", "kole", Span(0, 8))]
    conform_roles(x)
    assert [(r.subject, r.predicate) for r in x.relations] == [
        ("riverton_acting", "supports")]


@pytest.mark.parametrize("text", [
    "A north Turkey said.",
    "Springfield said on Monday that it would sue the company.",
    "Officials in Lakeside County said the dam held, and Lakeside County denied any leak.",
    "Westbury and Eastbury accused each other of breaking the deal.",
])
def test_places_acting_in_news_sentences_give_a_conforming_graph(run, text):
    x = run(text).x
    assert validate(mapper.to_graph(x)).conforms


def test_the_mapper_refuses_a_speaker_that_is_not_an_actor():
    x = _extraction(_place())
    x.statements = [Statement(Span(0, 14), "Claim", ["riverton"], "said", id="statement/1")]
    with pytest.raises(mapper.RoleMismatch, match="Place 'Riverton' cannot fill the actor role"):
        mapper.to_graph(x)


def test_the_mapper_refuses_a_reference_to_no_entity():
    x = _extraction()
    x.statements = [Statement(Span(0, 14), "Claim", ["nobody"], "said", id="statement/1")]
    with pytest.raises(mapper.RoleMismatch, match="refers to no entity"):
        mapper.to_graph(x)


SH = Namespace("http://www.w3.org/ns/shacl#")
NG = Namespace("https://w3id.org/newsgraph/ontology#")
NGSH = Namespace("https://w3id.org/newsgraph/shapes#")
VALUE_SHAPES = {"ActorValue": "actor", "PlaceValue": "place", "ActorOrPlaceValue":
                "actor_or_place", "OrganizationValue": "organization"}
PROPERTY_FIELDS = {
    NG.speaker: STATEMENT_ROLES["speakers"], NG.target: STATEMENT_ROLES["targets"],
    NG.via: STATEMENT_ROLES["via"], NG.agent: EVENT_ROLES["agents"],
    NG.participant: EVENT_ROLES["participants"], NG.affected: EVENT_ROLES["affected"],
    NG.place: EVENT_ROLES["places"],
    **{NG[p]: kinds[1] for p, kinds in RELATION_ROLES.items()
       if p in ("supports", "controls", "affiliatedWith", "party", "disputedTerritory",
                "mediator", "parentOrganization")},
}


def test_the_role_table_agrees_with_the_shapes():
    shapes = Graph().parse(shapes_path())
    seen = {}
    for prop in shapes.subjects(SH.path, None):
        path, node = shapes.value(prop, SH.path), shapes.value(prop, SH.node)
        if path in PROPERTY_FIELDS and isinstance(node, URIRef):
            seen[path] = VALUE_SHAPES[str(node).rsplit("#", 1)[1]]
    assert seen == PROPERTY_FIELDS
    assert KIND_TYPES["actor"] == {"Person", "Country", "Organization", "MediationGroup",
                                   "Group"}
