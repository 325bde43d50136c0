"""Entities, naming, coreference and linking, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.api import extract_article
from newsgraph.model import Article

from .conftest import Result


def test_demonym_title_gives_person_and_state(run):
    result = run("Ukrainian President Volodymyr Zelenskyy said the front was holding.")
    person = result.entity("Volodymyr Zelenskyy")
    assert person.type == "Person"
    assert ("Volodymyr Zelenskyy", "affiliatedWith", "Ukraine") in result.triples()


def test_surname_joins_the_full_name(run):
    result = run("Emmanuel Macron arrived in Kyiv. Macron said France would help.")
    assert len(result.entity("Emmanuel Macron").mentions) == 2


def test_unknown_surname_joins_the_full_name(run):
    result = run("Amara Okonkwo led the delegation. Okonkwo said the talks were useful.")
    assert result.speakers() == {"Amara Okonkwo"}


def test_capital_as_speaker_is_its_government(run):
    result = run("Moscow rejected the report. Talks were held in Moscow.")
    assert result.speakers("Denial") == {"Russia"}
    assert result.entity("Moscow").type == "Place"  # the second mention is the city


def test_seat_of_government_is_its_state(run):
    result = run("The Kremlin denied any role in the blast.")
    assert result.speakers("Denial") == {"Russia"}


def test_capital_in_a_location_is_a_place(run):
    result = run("Delegations met in Doha on Monday.")
    assert result.entity("Doha").type == "Place"


def test_acronym_resolves_a_wrong_expansion(run):
    result = run("The Organization for Cooperation and Development in Europe (OSCE) sent "
                 "observers.")
    osce = result.entity("Organization for Security and Co-operation in Europe")
    assert osce.wikidata == "Q81299"
    assert len(osce.mentions) == 2


def test_southern_region_is_not_the_region(run):
    result = run("Fighting spread in the southern Caucasus.")
    region = result.entity("southern Caucasus")
    assert region.wikidata is None


def test_person_never_links_to_a_country(run):
    result = run("Jordan Peterson spoke at the conference.")
    assert all(e.wikidata != "Q810" for e in result.x.entities.values())


def test_plural_and_singular_name_are_one_entity(run):
    result = run("The Houthis fired drones. Houthi officials said the strikes would go on.")
    assert len([e for e in result.x.entities.values() if "Houthi" in e.label]) == 1


def test_definite_description_refers_back(run):
    result = run("The Saudi-led coalition struck Sanaa. The coalition said it hit military "
                 "targets.")
    assert result.speakers() == {"Saudi-led coalition"}


def test_neighbouring_country_is_the_other_party(run):
    result = run("Sudan and South Sudan clashed again. Sudan accused the neighbouring country "
                 "of arming rebels.")
    (stmt,) = result.statements("Accusation")
    assert result.labels(stmt.targets) == {"South Sudan"}


def test_two_warring_states_are_the_parties(run):
    result = run("India and Pakistan exchanged fire. The two warring states blamed each "
                 "other.")
    assert result.speakers("Accusation") == {"India", "Pakistan"}


def test_pronoun_it_refers_to_a_state(run):
    result = run("Turkey closed the strait. It said the decision was final.")
    assert result.speakers() == {"Turkey"}


def test_run_by_names_the_owner(run):
    result = run("The Hamas-run health ministry said 30 people were killed.")
    ministry = next(e for e in result.x.entities.values() if e.label.startswith("Ministry"))
    assert "Hamas" in ministry.label


def test_every_mention_anchors_the_text(run):
    result = run("Macron said France would send aid. He added that Paris stood by Kyiv.")
    mentions = {entity.label: [result.text[span.start:span.end] for span in entity.mentions]
                for entity in result.x.entities.values() if entity.mentions}
    # a pronoun joins its antecedent, a capital stands for its state
    assert mentions == {"Emmanuel Macron": ["Macron", "He"], "France": ["France", "Paris"],
                        "Ukraine": ["Kyiv"]}


def test_surname_of_another_person_is_not_linked(run):
    result = run("Coalition spokesman Turki al-Maliki denied the report.")
    assert result.speakers() == {"Turki al-Maliki"}


def test_demonym_in_a_title_is_a_mention_of_the_state(run):
    result = run("German Chancellor Olaf Scholz arrived.")
    assert result.entity("Germany").mentions


def test_demonym_in_a_product_is_not(run):
    result = run("The rebels used Russian-made rifles.")
    assert all(not e.mentions for e in result.x.entities.values() if e.label == "Russia")


def test_capital_possessing_a_place_is_a_place(run):
    result = run("Israeli jets pounded Beirut's southern suburbs.")
    assert result.entity("Beirut").type == "Place"


def test_unlinked_known_person_is_labelled_as_the_gazetteer_spells_it(run):
    # one label for the node every article shares; the article's spelling an alias
    result = run("Ghassan Salame said the truce had held.")
    assert result.speakers() == {"Ghassan Salamé"}
    assert "Ghassan Salame" in result.entity("Ghassan Salamé").aliases


def test_they_refers_to_a_plural_group(run):
    result = run("The Houthis rejected the offer. They say the talks must be held in Muscat.")
    assert "Houthis" in result.speakers()


def test_definite_title_with_demonym_refers_to_the_person(run):
    result = run("Angela Merkel flew to Minsk. The German chancellor spoke of hope.")
    assert result.speakers() == {"Angela Merkel"}


def test_rebels_and_separatists_are_one_group(run):
    result = run("The separatists shelled the town. The rebels said they had taken 17 "
                 "soldiers prisoner.")
    groups = [e for k, e in result.x.entities.items() if e.type == "Group"
              and k != result.x.narrator]
    assert len(groups) == 1


def test_resident_of_a_capital_is_not_its_government(run):
    result = run('"We want peace," one Kabul resident said.')
    assert "Afghanistan" not in result.speakers()


# -- a gazetteer match must cover the whole name the text gives ----------------------


def test_a_longer_name_around_a_known_first_name_is_someone_else(run):
    result = run("Abbas Karimi, a shopkeeper in Tehran, said prices had doubled.")
    assert result.speakers() == {"Abbas Karimi"}
    assert "Mahmoud Abbas" not in {e.label for e in result.x.entities.values()}


def test_a_known_persons_full_name_in_another_spelling_is_that_person(run):
    result = run("Iranian Foreign Minister Abbas Araqchi said talks would resume.")
    assert result.speakers() == {"Abbas Araghchi"}
    assert "Mahmoud Abbas" not in {e.label for e in result.x.entities.values()}


def test_an_organisations_name_ending_a_persons_name_is_the_person(run):
    result = run("Deputy minister Anna Wagner said the border would reopen.")
    assert result.speakers() == {"Anna Wagner"}
    assert result.entity("Anna Wagner").type == "Person"
    assert "Wagner Group" not in {e.label for e in result.x.entities.values()}


def test_a_country_name_inside_a_longer_country_name_is_not_that_country(run):
    result = run("Refugees crossed from the Democratic Republic of Congo into Uganda.")
    congo = result.entity("Democratic Republic of the Congo")
    assert congo.wikidata == "Q974"
    assert "Republic of the Congo" not in {e.label for e in result.x.entities.values()}


def test_a_country_name_inside_a_place_name_is_the_place(run):
    result = run("General Burhan spoke in Port Sudan on Monday.")
    port = result.entity("Port Sudan")
    assert port.type == "Place" and port.wikidata is None


def test_two_known_people_side_by_side_stay_two(run):
    result = run("Erdogan Putin talks were held in Sochi.")
    people = {e.label for e in result.x.entities.values() if e.type == "Person"}
    assert people == {"Recep Tayyip Erdoğan", "Vladimir Putin"}


def test_an_acronym_joins_the_long_form_it_was_given_for(run):
    result = run("The Lake Kivu Protection Front (LKPF) said it had taken the town. "
                 "The LKPF denied attacking civilians.")
    assert result.speakers() == {"Lake Kivu Protection Front"}
    assert "LKPF" in result.entity("Lake Kivu Protection Front").aliases


def test_a_letter_is_not_a_person(run):
    result = run("Netanyahu wrote on X. He said the operation would continue.")
    assert all(e.label.rstrip(".") != "X" for e in result.x.entities.values())


@pytest.mark.parametrize(("text", "name"), [
    ("Thousands fled Goma as the rebels advanced.", "Goma"),  # where people flee
    ("The offensive near Qana continued for a third day.", "Qana"),  # near which
    # a city of the place gazetteer, without any spatial cue
    ("Goma was calm on Tuesday after a week of shelling, aid workers said.", "Goma"),
])
def test_a_name_the_ner_calls_a_person_or_organisation_is_a_place(run, text, name):
    assert run(text).entity(name).type == "Place"


def test_an_army_is_its_own_organisation_affiliated_with_its_state(run):
    result = run("Armenia's army said it had repelled an attack on the village.")
    army = result.entity("Army of Armenia")
    assert army.type == "Organization" and army.identity == "organization/army-of-armenia"
    assert result.speakers() == {"Army of Armenia"}
    assert ("Army of Armenia", "affiliatedWith", "Armenia") in result.triples()


def test_the_military_and_the_army_of_a_state_are_one_node_across_articles(run):
    first = run("The Armenian military said two of its soldiers were wounded.")
    second = run("Armenia's army denied shelling the village.")
    assert first.entity("Army of Armenia").identity == second.entity(
        "Army of Armenia").identity == "organization/army-of-armenia"


def test_an_army_the_gazetteer_names_takes_that_name_and_keeps_whose_it_is(run):
    result = run("Sudan's army said it had retaken the bridge over the Nile.")
    army = result.entity("Sudanese Armed Forces")
    assert army.identity == "organization/sudanese-armed-forces"
    assert {"Sudan's army", "Army of Sudan"} <= set(army.aliases)
    assert ("Sudanese Armed Forces", "affiliatedWith", "Sudan") in result.triples()


def test_an_army_accused_or_acting_is_its_own_organisation_not_its_state(run):
    accused = run("The rebels accused Armenia's army of shelling the village.")
    assert accused.labels(accused.statements("Accusation")[0].targets) == {"Army of Armenia"}
    acting = run("Armenia's army shelled the village on Monday.")
    assert {acting.label(k) for e in acting.events() for k in e.agents} == {"Army of Armenia"}


def test_a_government_is_its_own_organisation_affiliated_with_its_state(run):
    result = run("Armenia's government said the talks would resume next week.")
    assert result.speakers() == {"Government of Armenia"}
    assert result.entity("Government of Armenia").identity == (
        "organization/government-of-armenia")
    assert ("Government of Armenia", "affiliatedWith", "Armenia") in result.triples()


def test_a_backed_government_is_still_its_states_government(run):
    result = run("Yemen's Saudi-backed government accused the rebels of shelling the port.")
    assert result.speakers() == {"Government of Yemen"}


def test_troops_stand_for_their_state(run):
    result = run("Armenian troops shelled the village on Monday.")
    assert {result.label(k) for e in result.events() for k in e.agents} == {"Armenia"}


def test_his_army_is_no_name_of_the_army(run):
    result = run("Ilham Aliyev said that his army had liberated the town.")
    assert "his army" not in result.entity("Army of Azerbaijan").aliases


def test_the_office_in_a_title_is_no_organisation(run):
    result = run("US Secretary of State Mike Pompeo urged both sides to talk.")
    assert "State" not in {e.label for e in result.x.entities.values()}
    assert result.speakers() == {"Mike Pompeo"}


def test_an_acronym_of_a_name_met_before_is_that_organisation(run):
    result = run("The Lake Kivu Protection Front said it had taken the town. Later the "
                 "LKPF denied attacking civilians.")
    assert result.speakers() == {"Lake Kivu Protection Front"}
    assert len(result.entity("Lake Kivu Protection Front").mentions) == 2


def test_a_name_the_ner_calls_an_organisation_is_a_place_after_the_town_of(run):
    result = run("Government troops recaptured the town of Kafr Batna on Monday.")
    assert result.entity("Kafr Batna").type == "Place"


def test_a_name_the_ner_calls_an_organisation_is_a_place_under_assault(run):
    result = run("The army said it had repelled an assault on El Fasher on Sunday.")
    assert result.entity("El Fasher").type == "Place"


def test_a_name_at_a_line_end_leaves_the_line_break_out(run):
    result = run("Sudan army repels assault on El Fasher\n\nPORT SUDAN, May 12 (Nile Wire) - "
                 "The army said the city was calm.")
    fasher = result.entity("El Fasher")
    assert [result.text[m.start:m.end] for m in fasher.mentions] == ["El Fasher"]


def test_the_publisher_named_in_the_text_is_an_organisation(run):
    result = run("KHARTOUM (Nile Wire) - The army said the city was calm.",
                 publisher="Nile Wire")
    wire = result.entity("Nile Wire")
    assert (wire.type, wire.identity) == ("Organization", "organization/nile-wire")


def test_the_dateline_place_is_a_place_not_its_government():
    text = ("Russia brokers deal\n\nMOSCOW, Nov 10 (Meridian News) - Russian President "
            "Vladimir Putin said the deal would hold.")
    article = Article(identifier="t", text=text, dateline_place="MOSCOW")
    result = Result(extract_article(article))
    moscow = result.entity("Moscow")
    assert moscow.type == "Place" and moscow.mentions
    russia = result.entity("Russia")
    assert "MOSCOW" not in [text[m.start:m.end] for m in russia.mentions]


def test_a_name_two_countries_share_is_the_one_the_article_points_to(run):
    east = run("Congo's government said the rebels had shelled Goma overnight.")
    assert east.entity("Democratic Republic of the Congo").wikidata == "Q974"
    assert ("Government of Democratic Republic of the Congo", "affiliatedWith",
            "Democratic Republic of the Congo") in east.triples()
    west = run("In Brazzaville, Congo's government said the river port would reopen.")
    assert west.entity("Republic of the Congo").wikidata == "Q971"


def test_a_shorter_name_inside_the_longer_one_is_no_clue(run):
    result = run("The Democratic Republic of Congo said Congo would not negotiate.")
    assert {e.wikidata for e in result.x.entities.values() if e.type == "Country"} == {"Q974"}


def test_a_shared_name_the_article_does_not_settle_stays_unlinked_in_its_article(run):
    result = run("Congo said it would hold elections next year.")
    congo = result.entity("Congo")
    assert (congo.type, congo.wikidata, congo.identity) == ("Country", None, None)


def test_their_with_a_plural_subject_in_its_own_clause_is_that_subjects(run):
    result = run("The Houthis held the port. Armenian troops would resume their offensive, "
                 "officials said.")
    (advance,) = result.events("MilitaryAdvance")
    assert result.labels(advance.agents) == {"Armenia"}
