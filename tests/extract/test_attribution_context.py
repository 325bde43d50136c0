"""Attribution rules that read the context of a cue word: quotation marks of
every style, the writer's own reports, reports held in relative and controlled
clauses, verbs that report with an object alone, and reports embedded in
another speaker's words.

Every sentence here was written for these tests (fictional people and places);
none is taken from any corpus.
"""

from __future__ import annotations

import pytest

from .test_attribution import attributions, one

# --- doubled apostrophes as quotation marks -----------------------------------


def test_doubled_apostrophes_quote_first(run):
    cue, source, content, kind, _ = one(
        run("''The ferry will sail at noon,'' the harbour master said."), "said")
    assert source == "the harbour master"
    assert content == "The ferry will sail at noon"
    assert kind == "Claim"


def test_doubled_apostrophes_license_a_parenthetical_cue(run):
    _, _, content, _, speaker = one(
        run("The mayor spoke briefly. But, she added, ''the library will stay open.''"),
        "added")
    assert "the library will stay open" in content


def test_a_cue_inside_doubled_apostrophes_is_the_quoted_words(run):
    result = run("''I think the harvest will be poor,'' the farmer said.")
    assert [a[0] for a in attributions(result)] == ["said"]


def test_grave_accents_open_a_quotation(run):
    _, source, content, _, _ = one(
        run("``We will rebuild the pier,'' the fishermen said."), "said")
    assert source == "the fishermen" and "We will rebuild the pier" in content


# --- the writer's own reports -------------------------------------------------

FIRST_PERSON = [
    ("I told the committee that the figures were wrong.", "told"),
    ("We asked the minister whether the dam was safe.", "asked"),
]


@pytest.mark.parametrize(("sentence", "cue"), FIRST_PERSON)
def test_a_writers_own_report_is_an_attribution(run, sentence, cue):
    _, source, _, _, speaker = one(run(sentence), cue)
    assert speaker == "unnamed source"


@pytest.mark.parametrize("sentence", [
    "I think the bridge is too narrow.",
    "We believe the tax is unfair.",
    "You said the shop was closed.",
])
def test_a_writers_thought_or_a_you_is_no_report(run, sentence):
    assert attributions(run(sentence)) == []


# --- appeals, however the parser attaches "for" ---------------------------------

APPEALS = [
    ("The senator is calling for the committee to resign.", "calling"),
    ("The unions called for a national strike next month.", "called"),
    ("The bishop called on the government to release the prisoners.", "called"),
]


@pytest.mark.parametrize(("sentence", "cue"), APPEALS)
def test_a_call_for_is_an_appeal(run, sentence, cue):
    assert one(run(sentence), cue)[3] == "Appeal"


# --- reports in relative and controlled clauses --------------------------------

RELATIVE = [
    ("The farmers, who oppose the new tariff, marched to the capital.", "oppose",
     "Criticism", "farmers"),
    ("The lawyer, who denied any wrongdoing, left the court in silence.", "denied",
     "Denial", "lawyer"),
    ("The villagers, who fear another flood, moved their cattle uphill.", "fear",
     "Claim", "villagers"),
]


@pytest.mark.parametrize(("sentence", "cue", "kind", "speaker"), RELATIVE)
def test_a_stance_in_a_relative_clause_is_its_antecedents(run, sentence, cue, kind, speaker):
    _, _, _, got_kind, got_speaker = one(run(sentence), cue)
    assert got_kind == kind and speaker in got_speaker.lower()


def test_a_description_in_a_relative_clause_is_no_report(run):
    assert attributions(run("The tables, which show a small surplus, were printed.")) == []


def test_a_report_controlled_by_another_verb(run):
    _, source, content, _, _ = one(
        run("The minister went on to say that the talks would resume in June."), "say")
    assert "the talks would resume" in content


def test_a_stance_controlled_by_another_verb_is_no_report(run):
    assert attributions(run("The company sent engineers to support the repairs.")) == []


# --- the passive: asked and known, but not reported events ---------------------


def test_being_asked_is_an_appeal_of_an_unnamed_source(run):
    _, _, _, kind, speaker = one(
        run("The mayor was asked whether the bridge would reopen."), "asked")
    assert kind == "Appeal" and speaker == "unnamed source"


@pytest.mark.parametrize("sentence", [
    "No new figures were announced.",
    "A second explosion was reported near the station.",
])
def test_an_event_in_the_passive_is_no_report(run, sentence):
    assert attributions(run(sentence)) == []


# --- verbs that report with an object alone ------------------------------------

OBJECT_CUES = [
    ("The judge noted the delay in her ruling.", "noted", "Claim"),
    ("The senator recalled her first campaign.", "recalled", "Claim"),
    ("The chairman reiterated his support for the merger.", "reiterated", "Claim"),
    ("The surgeons offered a different account of the operation.", "offered",
     "Announcement"),
    ("The board decided to close the old mill.", "decided", "Announcement"),
    ("The poet likened the city to a ship.", "likened", "Claim"),
    ("The dockers sided with the drivers.", "sided", "Support"),
    ("The crowd cheered the verdict.", "cheered", "Support"),
    ("The council balked at the cost of the tunnel.", "balked", "Criticism"),
    ("The farmers' union repeated its demand for lower fuel prices.", "repeated", "Claim"),
    ("The doctors know the risks of the new drug.", "know", "Claim"),
]


@pytest.mark.parametrize(("sentence", "cue", "kind"), OBJECT_CUES)
def test_a_cue_with_an_object(run, sentence, cue, kind):
    assert one(run(sentence), cue)[3] == kind


@pytest.mark.parametrize("sentence", [
    "The rebels attacked the checkpoints at dawn.",
    "The two leaders agreed on a ceasefire.",
    "The miners refused overtime pay in the winter." ,
])
def test_a_deed_with_an_object_is_no_report(run, sentence):
    cues = [a[0] for a in attributions(run(sentence))]
    assert not {"attacked", "agreed"} & set(cues)


# --- sources that are figures --------------------------------------------------


def test_a_share_of_people_speaks_as_a_group(run):
    _, source, _, _, speaker = one(
        run("Forty percent said the economy mattered most."), "said")
    assert source is not None and "percent" in source.lower()


# --- reports embedded in another speaker's words -------------------------------


def test_a_belief_reported_by_another_is_their_content(run):
    result = run("Officials said the rebels believed the vote had been rigged.")
    assert [a[0] for a in attributions(result)] == ["said"]


def test_a_finding_reported_by_another_is_their_content(run):
    result = run("The minister said the inspectors had found the wells dry.")
    assert [a[0] for a in attributions(result)] == ["said"]


def test_an_accusation_reported_by_another_stays_a_statement(run):
    result = run("The ministry said the rebels had accused the army of shelling the town.")
    kinds = {a[0]: a[3] for a in attributions(result)}
    assert kinds.get("accused") == "Accusation" and "said" in kinds


def test_a_denial_reported_by_another_stays_a_statement(run):
    result = run("The newspaper said the general denied that his troops fired first.")
    kinds = {a[0]: a[3] for a in attributions(result)}
    assert kinds.get("denied") == "Denial"


# --- subjects no other rule names -----------------------------------------------


@pytest.mark.parametrize(("sentence", "cue", "speaker"), [
    ("One farmer praised the new dam. Another said the water was too cold.", "said",
     "Another"),
    ("Someone asked whether the ferry would run on Sunday.", "asked", "Someone"),
])
def test_an_unusual_subject_speaks_as_a_description(run, sentence, cue, speaker):
    assert one(run(sentence), cue)[4] == speaker


def test_that_said_names_no_speaker(run):
    assert attributions(run("That said, the harbour stayed open all winter.")) == []


# --- claims in the passive, thoughts under an infinitive -------------------------


def test_being_told_is_a_report_of_an_unnamed_source(run):
    _, _, content, kind, speaker = one(
        run("The villagers were told that the road would reopen soon."), "told")
    assert speaker == "unnamed source" and "the road would reopen" in content


def test_a_thought_under_an_infinitive(run):
    _, source, content, _, _ = one(
        run("The inspectors began to fear that the bridge was unsafe."), "fear")
    assert source == "The inspectors" and "the bridge was unsafe" in content


# --- speaker labels ------------------------------------------------------------


def test_a_name_and_a_colon_open_a_statement(run):
    result = run("Lena Kessler: the dam will hold through the winter.\n\n"
                 "Engineers inspected the dam on Monday.")
    cue, source, content, kind, speaker = one(result, ":")
    assert source == "Lena Kessler" and speaker == "Lena Kessler"
    assert content == "the dam will hold through the winter"


@pytest.mark.parametrize("sentence", [
    "Update: the ferry to the island runs again.",
    "The Latest: the harbour reopens after the storm.",
    "Officials met in the town hall. Their agenda: roads, water and schools.",
])
def test_a_section_label_is_no_speaker(run, sentence):
    assert [a for a in attributions(run(sentence)) if a[0] == ":"] == []


def test_calling_something_names_and_a_coordinated_report_stays(run):
    result = run("The senator called the budget reckless and said the party would lose.")
    cues = [a[0] for a in attributions(result)]
    assert "called" in cues and "said" in cues


def test_something_seen_is_no_view(run):
    assert attributions(run("The minister was seen leaving the palace at dawn.")) == []


def test_reportedly_is_a_report_of_an_unnamed_source(run):
    _, source, content, kind, speaker = one(
        run("Two ferries were reportedly stranded near the island."), "reportedly")
    assert kind == "Report" and speaker == "unnamed source" and source is None
    assert "Two ferries were" in content and "stranded near the island" in content


# --- gerunds after a preposition -------------------------------------------------


def test_responding_by_saying_is_a_report(run):
    _, source, content, _, _ = one(
        run("The mayor responded by saying that the bridge was safe."), "saying")
    assert source == "The mayor" and "the bridge was safe" in content


def test_praised_for_defending_is_no_report(run):
    cues = [a[0] for a in attributions(run("The nurse was praised for defending the patients."))]
    assert "defending" not in cues


def test_bombed_by_opposing_forces_is_no_stance(run):
    cues = [a[0] for a in attributions(run("The villages had been bombed by opposing forces."))]
    assert "opposing" not in cues


def test_a_stance_after_a_preposition_of_time(run):
    _, source, _, kind, _ = one(
        run("After criticizing the budget, the senator left the chamber."), "criticizing")
    assert kind == "Criticism" and source == "the senator"


def test_a_stance_the_reporting_cue_follows_stays_a_statement(run):
    result = run("The fishermen praised the new quota, the regional radio station reported.")
    cues = [a[0] for a in attributions(result)]
    assert "praised" in cues and "reported" in cues


@pytest.mark.parametrize(("sentence", "cue"), [
    ("The harbour master said the pier was sound, as the divers had claimed, and the "
     "ferries would sail.", "claimed"),
    ("The growers cheered the ruling, with one farmer saying the orchards were saved.",
     "saying"),
])
def test_a_report_adjoined_to_reported_content_stays_a_statement(run, sentence, cue):
    assert one(run(sentence), cue)


def test_a_purpose_inside_reported_content_is_part_of_it(run):
    cues = [a[0] for a in attributions(run(
        "The club said its two coaches would travel to Lisbon to discuss the transfer."))]
    assert "discuss" not in cues
