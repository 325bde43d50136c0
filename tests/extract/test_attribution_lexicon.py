"""Attribution rules added from cue statistics of real news: views held in the
passive, intentions and documents, and a report of a report ("X said, according
to Y"). Sentences written for these tests; fictional people and places.
"""

from __future__ import annotations

import pytest

from tests.extract.test_attribution import attributions, one

# --- a view held of something, in the passive ----------------------------------

CONSTRUED = [
    ("The new harbour is widely seen as a gift to the shipping firms.", "seen",
     "a gift to the shipping firms"),
    ("The old mayor was regarded as the favourite until the spring.", "regarded",
     "the favourite"),
    ("The northern route is considered the safest way across the pass.", "considered",
     "the safest way"),
    ("The bridge was once thought to be unbreakable.", "thought", "unbreakable"),
    ("The treaty is viewed as a turning point by many historians.", "viewed",
     "a turning point"),
]


@pytest.mark.parametrize(("sentence", "cue", "content"), CONSTRUED)
def test_a_view_held_in_the_passive(run, sentence, cue, content):
    found = one(run(sentence), cue)
    assert content in found[2] and found[3] == "Claim"


def test_an_unnamed_holder_of_a_view_is_the_unnamed_source(run):
    found = one(run("The plan is seen as a risk to the fishing towns."), "seen")
    assert found[1] is None and found[4] == "unnamed source"


NOT_VIEWS = [
    "The lighthouse can be seen from the village.",
    "The crew saw the storm approach from the west.",
    "The mountain was seen by thousands of tourists last year.",
    "The orchard is regarded with pride in the valley.",
]


@pytest.mark.parametrize("sentence", NOT_VIEWS)
def test_seeing_something_is_no_view(run, sentence):
    assert not [a for a in attributions(run(sentence)) if a[0] in {"seen", "saw", "regarded"}]


def test_an_active_view_is_not_a_statement(run):
    """"A sees B as C" mostly states a stance as fact; only the passive counts."""
    found = attributions(run("The coastal province sees the railway as its lifeline."))
    assert not [a for a in found if a[0].startswith("sees")]


# --- intentions, appeals and documents ------------------------------------------

INTENTIONS = [
    ("The fishermen’s guild is seeking compensation for the spill.", "seeking",
     "The fishermen’s guild", "compensation for the spill", "Demand"),
    ("The governor seeks to raise the school budget.", "seeks", "The governor",
     "raise the school budget", "Demand"),
    ("The teachers pushed for smaller classes.", "pushed for", "The teachers",
     "smaller classes", "Appeal"),
    ("The council laid out its plan for the harbour.", "laid out", "The council",
     "its plan for the harbour", "Announcement"),
    ("The ministry released a statement on the floods.", "released", "The ministry",
     "a statement on the floods", "Report"),
    ("The museum issued a report on the stolen paintings.", "issued", "The museum",
     "a report on the stolen paintings", "Report"),
    ("The candidate touted his record on roads.", "touted", "The candidate",
     "his record on roads", "Support"),
    ("The film portrays the general as a coward.", "portrays", "The film",
     "the general as a coward", "Claim"),
    ("Most farmers prefer the old irrigation scheme.", "prefer", "Most farmers",
     "the old irrigation scheme", "Support"),
    ("The nurses advocated higher wages for night shifts.", "advocated", "The nurses",
     "higher wages for night shifts", "Appeal"),
    ("The villagers remember that the river flooded every spring.", "remember",
     "The villagers", "the river flooded every spring", "Claim"),
    ("The pilots wondered whether the runway was long enough.", "wondered", "The pilots",
     "the runway was long enough", "Claim"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content", "kind"), INTENTIONS)
def test_intention_and_document_cues(run, sentence, cue, source, content, kind):
    got_cue, got_source, got_content, got_kind, _ = one(run(sentence), cue.split()[0])
    assert got_cue == cue and got_source == source
    assert content in got_content and got_kind == kind


# --- a report of a report -----------------------------------------------------

def test_according_to_after_a_cue_is_a_second_attribution(run):
    result = run("The coach said the team would not travel, according to the club’s "
                 "radio station.")
    cues = sorted(a[0] for a in attributions(result))
    assert cues == ["according to", "said"]
    report = one(result, "according")
    assert report[1] == "the club’s radio station" and report[3] == "Report"
    assert "the team would not travel" in report[2]


def test_according_to_before_a_cue_leaves_the_cue_its_statement(run):
    result = run("According to the club’s radio station, the coach said the team would "
                 "not travel.")
    assert [a[0] for a in attributions(result)] == ["said"]


def test_according_to_its_own_statement_stays_one_attribution(run):
    result = run("The club denied the rumour, according to a statement from its office.")
    assert [a[0] for a in attributions(result)] == ["denied"]


# --- more reporting and stance verbs ------------------------------------------

MORE_VERBS = [
    ("The harbour authority listed the damaged piers in its bulletin.", "listed",
     "The harbour authority", "Report"),
    ("The ferry company disclosed its losses for the winter.", "disclosed",
     "The ferry company", "Report"),
    ("The fishermen railed against the new quotas.", "railed", "The fishermen", "Criticism"),
    ("The inspectors deemed the old dam unsafe.", "deemed", "The inspectors", "Claim"),
    ("The farmers applauded the new water tariff.", "applauded", "The farmers", "Support"),
    ("The bishop voiced concern about the closures.", "voiced", "The bishop", "Claim"),
    ("The treasurer signaled that taxes would rise.", "signaled", "The treasurer", "Claim"),
    ("The doctors cautioned that the fever could return.", "cautioned", "The doctors",
     "Claim"),
    ("The coach hinted that the captain would change.", "hinted", "The coach", "Claim"),
    ("The novelist assailed the publishers for their greed.", "assailed", "The novelist",
     "Criticism"),
    ("The mayor credited the volunteers with saving the library.", "credited", "The mayor",
     "Support"),
    ("The engineers outlined their plan for the tunnel.", "outlined", "The engineers",
     "Announcement"),
    ("The critics labeled the opera a failure.", "labeled", "The critics", "Claim"),
    ("The abbot chided the monks for their laziness.", "chided", "The abbot", "Criticism"),
    ("The miller rebutted the charge of fraud.", "rebutted", "The miller", "Denial"),
    ("The old sailor recounted his voyage around the cape.", "recounted",
     "The old sailor", "Claim"),
    ("The baker vouched for her neighbour.", "vouched", "The baker", "Support"),
    ("The architects envision that the square will be car-free.", "envision",
     "The architects", "Claim"),
    ("The governor congratulated the rowing team on its victory.", "congratulated",
     "The governor", "Support"),
    ("The party disavowed the remarks of its former treasurer.", "disavowed", "The party",
     "Denial"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "kind"), MORE_VERBS)
def test_more_reporting_and_stance_verbs(run, sentence, cue, source, kind):
    got_cue, got_source, _, got_kind, _ = one(run(sentence), cue)
    assert got_cue.startswith(cue) and got_source == source and got_kind == kind


# --- stance adjectives over a clause ------------------------------------------

ADJECTIVES = [
    ("The growers are confident that the harvest will be good.", "confident", "The growers",
     "the harvest will be good"),
    ("The new owners were eager to reopen the mill.", "eager", "The new owners",
     "reopen the mill"),
    ("The residents are worried that the river will flood.", "worried", "The residents",
     "the river will flood"),
    ("The captain was aware that the ice was thin.", "aware", "The captain",
     "the ice was thin"),
    ("The organisers are hopeful that the rain will stop.", "hopeful", "The organisers",
     "the rain will stop"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), ADJECTIVES)
def test_stance_adjective_with_a_clause(run, sentence, cue, source, content):
    got_cue, got_source, got_content, _, _ = one(run(sentence), cue)
    assert got_cue == cue and got_source == source and content in got_content


# --- the noun a present participle modifies is its source ------------------------

PARTICIPLE_SOURCES = [
    ("Dozens of nurses urging a pay rise gathered outside the hospital.", "urging",
     "nurses", "a pay rise"),
    ("A letter warning that the dam was weak reached the ministry.", "warning", "letter",
     "the dam was weak"),
    ("Fishermen complaining that the quotas were unfair blocked the harbour.",
     "complaining", "Fishermen", "the quotas were unfair"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), PARTICIPLE_SOURCES)
def test_a_participle_speaks_for_the_noun_it_modifies(run, sentence, cue, source, content):
    _, got_source, got_content, _, speaker = one(run(sentence), cue)
    assert got_source is not None and source in got_source
    assert cue not in got_source and content in got_content
    assert speaker != "unnamed source"
