"""Attribution on sentences of our own: cue, source and content spans, the
speaker, and the statement type, for each construction real reporting uses.

Every sentence here was written for these tests (fictional people and places
where a name is needed); none is taken from any corpus.
"""

from __future__ import annotations

import pytest


def attributions(result):
    """(cue words, source words or None, content words, type, speaker label)."""
    text = result.text
    found = []
    for s in result.statements():
        if not s.cue:
            continue
        cue = text[s.cue_span.start:s.cue_span.end]
        source = text[s.source_span.start:s.source_span.end] if s.source_span else None
        content = " | ".join(text[c.start:c.end] for c in s.content_spans)
        found.append((cue, source, content, s.type, result.label(s.speakers[0])))
    return found


def one(result, cue_word: str):
    hits = [a for a in attributions(result) if cue_word in a[0]]
    assert hits, f"no statement with cue {cue_word!r} in {attributions(result)}"
    return hits[0]


# --- reporting, cognition and stance verbs, in any tense and voice -----------

VERBS = [
    # (sentence, cue word, source words, words inside the content)
    ("The mayor said the bridge would reopen in May.", "said", "The mayor",
     "the bridge would reopen in May"),
    ("The mayor says the bridge will reopen next week.", "says", "The mayor",
     "the bridge will reopen"),
    ("The mayor has said that the bridge will reopen.", "said", "The mayor",
     "the bridge will reopen"),
    ("The harbour master had told reporters that the port was closed.", "told",
     "The harbour master", "the port was closed"),
    ("Engineers noted that the cables were badly worn.", "noted", "Engineers",
     "the cables were badly worn"),
    ("The ministry pointed out that the deadline had passed.", "pointed", "The ministry",
     "the deadline had passed"),
    ("The governor insisted that the budget was balanced.", "insisted", "The governor",
     "the budget was balanced"),
    ("Residents complained that the tap water smelled of oil.", "complained", "Residents",
     "the tap water smelled of oil"),
    ("The council believes the plan is too expensive.", "believes", "The council",
     "the plan is too expensive"),
    ("Analysts think the currency will fall further.", "think", "Analysts",
     "the currency will fall"),
    ("The institute predicted that growth would slow.", "predicted", "The institute",
     "growth would slow"),
    ("Critics argue that the new law is unfair to tenants.", "argue", "Critics",
     "the new law is unfair"),
    ("The company claimed that its product was safe.", "claimed", "The company",
     "its product was safe"),
    ("The prosecutor accused the banker of fraud.", "accused", "The prosecutor",
     "the banker of fraud"),
    ("The teachers urged the board to raise salaries.", "urged", "The teachers",
     "raise salaries"),
    ("The farmers called for lower fuel prices.", "called", "The farmers",
     "lower fuel prices"),
    ("The spokesman denied that soldiers had crossed the river.", "denied", "The spokesman",
     "soldiers had crossed the river"),
    ("The senator rejected the proposal outright.", "rejected", "The senator",
     "the proposal"),
    ("The commission will announce its findings on Friday.", "announce", "The commission",
     "its findings"),
    ("The union acknowledged that the strike had cost its members dearly.", "acknowledged",
     "The union", "the strike had cost"),
    ("The auditor concluded that the accounts had been falsified.", "concluded",
     "The auditor", "the accounts had been falsified"),
    ("The minister explained that the tax would fall on imports.", "explained",
     "The minister", "the tax would fall on imports"),
    ("The coach recalled that the team had lost every match that winter.", "recalled",
     "The coach", "the team had lost every match"),
    ("The biologist speculated that the fish had moved upstream.", "speculated",
     "The biologist", "the fish had moved upstream"),
    ("The pilots’ union has repeatedly warned that the runway is too short.", "warned",
     "The pilots’ union", "the runway is too short"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), VERBS)
def test_reporting_verb_gives_cue_source_and_content(run, sentence, cue, source, content):
    got_cue, got_source, got_content, _, _ = one(run(sentence), cue)
    assert cue in got_cue
    assert got_source is not None and source in got_source
    assert content in got_content
    assert cue not in got_content.split()  # the cue word is not part of what was said


AGENTLESS = [
    "It was reported that the dam had collapsed during the night.",
    "It is widely believed that the election was rigged.",
    "The talks are expected to resume on Monday.",
]


@pytest.mark.parametrize("sentence", AGENTLESS)
def test_agentless_attribution_is_kept_with_the_unnamed_source(run, sentence):
    found = attributions(run(sentence))
    assert found, "an agentless attribution is dropped"
    assert found[0][1] is None and found[0][4] == "unnamed source"


def test_passive_with_agent_speaks_through_the_agent(run):
    found = one(run("The minister was accused by the opposition of lying to parliament."),
                "accused")
    assert found[1].startswith("the opposition") and found[3] == "Accusation"


PARTICIPLES = [
    ("The mayor left the hall, saying the meeting was over.", "saying", "the meeting was over"),
    ("The senator praised the deal, adding that it would create jobs.", "adding",
     "it would create jobs"),
    ("The governor declined to endorse either candidate.", "declined", "endorse"),
    ("Speaking on Monday, the envoy said the ceasefire was holding.", "said",
     "the ceasefire was holding"),
]


@pytest.mark.parametrize(("sentence", "cue", "content"), PARTICIPLES)
def test_participial_and_infinitival_cues(run, sentence, cue, content):
    found = one(run(sentence), cue)
    assert content in found[2]


# --- quotations ----------------------------------------------------------

QUOTES = [
    ("“The bridge is safe,” the engineer said.", "said", "the engineer",
     "The bridge is safe"),
    ("“We will not leave our fields,” said a local farmer.", "said", "a local farmer",
     "We will not leave our fields"),
    ("“It is over,” a senior official said on Tuesday.", "said", "a senior official",
     "It is over"),
    ("“Nobody expected this outcome,” wrote the columnist.", "wrote", "the columnist",
     "Nobody expected this outcome"),
    ("The engineer said: “The bridge is safe for traffic.”", "said", "The engineer",
     "The bridge is safe for traffic"),
    ("The harbour master told the radio station: “The port will stay closed.”", "told",
     "The harbour master", "The port will stay closed"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), QUOTES)
def test_quote_first_and_quote_last(run, sentence, cue, source, content):
    got_cue, got_source, got_content, _, _ = one(run(sentence), cue)
    assert got_source == source
    assert content in got_content and cue not in got_content.split()


def test_pronoun_after_a_quote_is_resolved(run):
    result = run("Maria Lopez visited the flooded district on Monday. "
                 "“The water is still rising,” she added.")
    cue, source, content, _, speaker = one(result, "added")
    assert source == "she" and speaker == "Maria Lopez"
    assert "The water is still rising" in content


def test_split_quote_has_two_content_spans(run):
    result = run("“The plan,” the minister said, “has failed completely.”")
    cue, source, content, _, _ = one(result, "said")
    assert "The plan" in content and "has failed completely" in content
    assert "said" not in content


def test_a_quote_over_two_sentences_is_one_content(run):
    result = run("“The bridge is old. It must be replaced,” the engineer said.")
    _, _, content, _, _ = one(result, "said")
    assert "The bridge is old" in content and "It must be replaced" in content


def test_a_paragraph_of_quotes_continues_the_last_speaker(run):
    result = run("“We are ready,” the mayor said.\n\n“The city will recover quickly.”")
    found = attributions(result)
    assert len(found) == 1
    assert "The city will recover quickly" in found[0][2]


def test_cues_inside_a_quotation_belong_to_the_quoted_words(run):
    result = run("“I think we will win, and I said so,” the coach told reporters.")
    assert [a[0] for a in attributions(result)] == ["told"]


# --- prepositional and nominal cues ----------------------------------------------

NOMINAL = [
    ("According to the ministry, the coastal road is closed.", "According to",
     "the ministry", "the coastal road is closed"),
    ("The coastal road is closed, according to local officials.", "according to",
     "local officials", "The coastal road is closed"),
    ("Calls by the opposition for new elections grew louder.", "Calls", "the opposition",
     "new elections"),
    ("The governor’s demand that the plant close was ignored.", "demand", "The governor",
     "the plant close"),
    ("His threat to leave the party surprised nobody.", "threat", "His", "leave the party"),
    ("A study by the institute found that the drug works.", "found",
     "A study by the institute", "the drug works"),
    ("The ministry’s claim that the vaccine is safe was disputed.", "claim", "The ministry",
     "the vaccine is safe"),
]


@pytest.mark.parametrize(("sentence", "cue", "source", "content"), NOMINAL)
def test_prepositional_and_nominal_cues(run, sentence, cue, source, content):
    got_cue, got_source, got_content, _, _ = one(run(sentence), cue)
    assert got_source is not None and source in got_source
    assert content in got_content


def test_according_to_a_document_speaks_for_its_author(run):
    result = run("According to a statement from the Ruritanian embassy, the visa rules "
                 "will change.")
    _, source, _, kind, speaker = one(result, "According")
    assert "statement from the Ruritanian embassy" in source and kind == "Report"
    assert "embassy" in speaker.lower()


# --- sources: descriptions, vague groups, pronouns ---------------------------

SOURCES = [
    ("Some analysts believe the deal will collapse.", "believe", "Some analysts"),
    ("Those close to the negotiations say the text is not final.", "say",
     "Those close to the negotiations"),
    ("A senior official said the decision was final.", "said", "A senior official"),
    ("The newspaper reported that the factory had closed.", "reported", "The newspaper"),
    ("Diplomats familiar with the talks said a deal was close.", "said",
     "Diplomats familiar with the talks"),
    ("The actress said she was tired of the campaign.", "said", "The actress"),
    ("Many voters say the economy matters most.", "say", "Many voters"),
    ("Officials who asked not to be named said the talks had stalled.", "said", "Officials"),
]


@pytest.mark.parametrize(("sentence", "cue", "source"), SOURCES)
def test_description_sources_speak(run, sentence, cue, source):
    _, got_source, _, _, speaker = one(run(sentence), cue)
    assert got_source is not None and got_source.startswith(source.split()[0])
    assert speaker != "unnamed source"


def test_anonymity_is_no_appeal(run):
    result = run("Officials who asked not to be named said the talks had stalled.")
    assert [a[0] for a in attributions(result)] == ["said"]


def test_relative_pronoun_is_the_source_words(run):
    result = run("The farmers, who said the drought had ruined them, marched on Friday.")
    _, source, content, _, speaker = one(result, "said")
    assert source == "who" and "farmers" in speaker.lower()
    assert "the drought had ruined them" in content


# --- what is not an attribution ---------------------------------------------

NOT_ATTRIBUTIONS = [
    "The bridge was closed on Monday after the storm.",
    "The reported incident delayed the train by an hour.",
    "The operation would continue until the end of the month.",
    "She made sure that the door was locked.",
    "You know, the market is closed on Sundays.",
    "According to the law, the tax is due in April.",
    "The so-called agreement was never signed.",
    "The plan was meant to support the farmers.",
    "The villagers kept the right to defend their land.",
    "An exchange of fire was reported near the border.",
    "The storm showed no sign of weakening.",
    "The shelling by opposing forces lasted all night.",
    # things released, issued, laid or pushed are no documents or appeals
    "The guards released the prisoners at dawn.",
    "The bank issued new coins in March.",
    "The workers laid the new cables along the road.",
    "The children pushed the cart up the hill.",
    # a stance adjective without a clause
    "A confident player scored twice.",
    "The worried parents waited at the gate.",
    "The captain was aware of the ice.",
    # a report not made
    "The ferry company has not disclosed its losses.",
]


@pytest.mark.parametrize("sentence", NOT_ATTRIBUTIONS)
def test_no_attribution(run, sentence):
    assert attributions(run(sentence)) == []


# --- statement types from cue and complement ------------------------------------

TYPES = [
    ("The ministry insisted that its troops did not cross the border.", "insisted", "Denial"),
    ("The government complained that the rebels had broken the truce.", "complained",
     "Accusation"),
    ("The rebels warned that they would attack the convoy.", "warned", "Threat"),
    ("The observers warned that the truce was fragile.", "warned", "Claim"),
    ("The mayor believes the river will flood again.", "believes", "Claim"),
    ("Analysts expect the talks to fail.", "expect", "Claim"),
    ("The minister denied the accusation.", "denied", "Denial"),
    ("The union demanded that wages rise by a tenth.", "demanded", "Demand"),
    ("The senator criticized the decision to close the school.", "criticized", "Criticism"),
    ("The governor praised the volunteers.", "praised", "Support"),
    ("Warnings from the coast guard to stay ashore were ignored.", "Warnings", "Appeal"),
    ("The farmers’ union called for a ban on imports.", "called", "Appeal"),
]


@pytest.mark.parametrize(("sentence", "cue", "kind"), TYPES)
def test_statement_type_from_cue_and_complement(run, sentence, cue, kind):
    assert one(run(sentence), cue)[3] == kind


def test_every_span_lies_inside_the_evidence(run):
    result = run("“The plan,” the minister said, “has failed.” According to the ministry, "
                 "the road is closed. Residents complained that the water was unsafe.")
    for s in result.statements():
        for span in (s.cue_span, *s.content_spans):
            assert s.span.start <= span.start and span.end <= s.span.end


def test_a_cue_after_a_quotation_the_splitter_cut_off(run):
    result = run("“Nobody saw the flood coming!” one fisherman wrote on Sunday.")
    _, source, content, _, _ = one(result, "wrote")
    assert source == "one fisherman" and "Nobody saw the flood coming" in content


def test_calling_something_a_quoted_name(run):
    found = one(run("The mayor called the new tunnel “a crucial step forward.”"), "called")
    assert found[1] == "The mayor" and "a crucial step forward" in found[2]


def test_how_a_source_seems(run):
    found = one(run("The striking workers seemed unperturbed by the threat."), "seemed")
    assert found[1] == "The striking workers"


def test_knowing_a_clause_is_a_reported_thought(run):
    found = one(run("The engineers knew that the dam was weak."), "knew")
    assert found[1] == "The engineers" and "the dam was weak" in found[2]
    assert found[3] == "Claim"
