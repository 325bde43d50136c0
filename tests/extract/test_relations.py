"""Alignments, control, legal status, conflicts and mediation, on sentences
written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("Iran is on the side of the Houthis.", ("Iran", "supports", "Houthis")),
        ("Russia backs Syria in the war.", ("Russia", "supports", "Syria")),
        ("Belarus sides with Russia.", ("Belarus", "supports", "Russia")),
        ("Serbia sees Russia as a protector.", ("Russia", "supports", "Serbia")),
        ("The Taliban control Kabul.", ("Taliban", "controls", "Kabul")),
        ("Crimea is controlled by Russia.", ("Russia", "controls", "Crimea")),
        ("Under international law, Crimea is part of Ukraine.",
         ("Crimea", "legallyPartOf", "Ukraine")),
        ("Russia holds Crimea, but it belongs to Ukraine under international law.",
         ("Crimea", "legallyPartOf", "Ukraine")),
    ],
)
def test_relation_forms(run, text, triple):
    assert triple in run(text).triples()


def test_support_for_a_ceasefire_is_not_an_alignment(run):
    assert not run("France supports a ceasefire.").triples("supports")


def test_conflict_named_after_its_territory(run):
    result = run("The Donbas war has lasted for years. Ukraine and Russia blame each other.")
    conflict = next(e for e in result.x.entities.values() if e.type == "Conflict")
    # one label in every article that names it after Donbas; the words as an alias
    assert (conflict.label, conflict.aliases[0]) == ("Donbas conflict", "Donbas war")
    assert ("Donbas conflict", "disputedTerritory", "Donbas") in result.triples()


def test_conflict_between_named_parties(run):
    result = run("The conflict between Ethiopia and Eritrea flared again.")
    parties = {o for s, p, o in result.triples("party")}
    assert parties == {"Ethiopia", "Eritrea"}


def test_mediation_group_parent_mediators_and_conflict(run):
    result = run("Azerbaijan and Armenia fought over Nagorno-Karabakh in the Nagorno-Karabakh "
                 "conflict. Armenia accused Azerbaijan. Azerbaijan accused Armenia. Talks were "
                 "held under the Minsk Group of the OSCE. France, Russia and the United States "
                 "mediate the conflict.")
    triples = result.triples()
    assert ("OSCE Minsk Group", "parentOrganization",  # the gazetteer's label
            "Organization for Security and Co-operation in Europe") in triples
    assert {o for s, p, o in triples if p == "mediator"} == {"France", "Russia",
                                                                "United States"}
    assert ("OSCE Minsk Group", "mediates", "Nagorno-Karabakh conflict") in triples


def test_mediator_without_a_named_group(run):
    result = run("Sudan and Chad clashed on the border. Qatar is mediating the conflict.")
    assert any(p == "mediator" and o == "Qatar" for s, p, o in result.triples())


def test_narrated_relation_gets_a_narrator_statement(run):
    result = run("Iran is on the side of the Houthis.")
    narrated = [s for s in result.x.statements if s.speakers == [result.x.narrator]]
    assert len(narrated) == 1


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("The junta, which is armed and financed by Russia, rejected the talks.",
         ("Russia", "supports", "junta")),
        ("Idlib, which is held by the rebels, was quiet.", ("rebels", "controls", "Idlib")),
        ("Crimea is internationally recognised as part of Ukraine.",
         ("Crimea", "legallyPartOf", "Ukraine")),
        ("The Golan Heights, regarded by the United Nations as Syrian territory, were quiet.",
         ("Golan Heights", "legallyPartOf", "Syria")),
        ("They shelled Tarhuna, an LNA stronghold.",
         ("Libyan National Army", "controls", "Tarhuna")),
    ],
)
def test_passive_relative_and_appositive_relations(run, text, triple):
    assert triple in run(text).triples(), run(text).triples()


def test_relative_whose_and_format_brokered_with(run):
    result = run("Turkish President Recep Tayyip Erdogan, whose government brokered the "
                 "Black Sea Grain Initiative together with the United Nations, spoke on "
                 "Sunday about the peace talks.")
    mediators = {o for s, p, o in result.triples() if p == "mediator"}
    assert mediators == {"Turkey", "United Nations"}


def test_committee_chaired_by(run):
    result = run("Israel and Hezbollah agreed a truce. A monitoring committee chaired by the "
                 "United States and including France will oversee the truce, an official "
                 "said.")
    mediators = {o for s, p, o in result.triples() if p == "mediator"}
    assert mediators == {"United States", "France"}


def test_guarantors_of_a_format(run):
    result = run("The three guarantor countries of the Astana format, Russia, Turkey and "
                 "Iran, will meet to discuss a settlement.")
    assert {o for s, p, o in result.triples() if p == "mediator"} == {"Russia", "Turkey",
                                                                       "Iran"}


def test_envoy_office_with_parent_and_envoy(run):
    result = run("The UN special envoy for Sudan, Ramtane Lamamra, urged all parties to talk.")
    triples = result.triples()
    assert ("UN special envoy for Sudan", "parentOrganization", "United Nations") in triples
    assert ("UN special envoy for Sudan", "mediator", "Ramtane Lamamra") in triples


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("The Russian-backed separatists shelled the town.",
         ("Russia", "supports", "Russian-backed separatists")),
        ("The Iran-aligned Houthis rejected the plan.", ("Iran", "supports", "Houthis")),
        ("Fighting raged around the Houthi-held port city of Hodeidah.",
         ("Houthis", "controls", "Hodeidah")),
        ("Turkey, Azerbaijan's closest ally, sent drones.", ("Turkey", "supports", "Azerbaijan")),
        ("The Syrian government and its Russian and Iranian allies pressed on.",
         ("Iran", "supports", "Syria")),
        ("The LNA has the support of Russia and Egypt.",
         ("Egypt", "supports", "Libyan National Army")),
    ],
)
def test_alignments_in_modifiers_and_nouns(run, text, triple):
    result = run(text)
    assert triple in result.triples(), result.triples()
