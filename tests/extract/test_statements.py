"""Attribution and statement types, on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "speaker", "type_"),
    [
        ("Germany said the talks would resume next week.", "Germany", "Claim"),
        ("Poland told reporters that the border would stay open.", "Poland", "Claim"),
        ("Ukraine announced a new mobilisation drive on Monday.", "Ukraine", "Announcement"),
        ("Russia reported heavy losses among the attackers.", "Russia", "Report"),
        ("Iran accused Israel of sabotaging its nuclear facilities.", "Iran", "Accusation"),
        ("Egypt blamed Ethiopia for the collapse of the dam negotiations.", "Egypt",
         "Accusation"),
        ("Serbia denied any involvement in the attack.", "Serbia", "Denial"),
        ("China rejected the claims as groundless.", "China", "Denial"),
        ("Norway called for an immediate halt to the shelling.", "Norway", "Appeal"),
        ("Canada urged Ethiopia to allow aid convoys into Tigray.", "Canada", "Appeal"),
        ("Qatar demanded the release of all hostages.", "Qatar", "Demand"),
        ("Turkey warned Greece against militarising the islands.", "Turkey", "Threat"),
        ("Japan condemned the missile launch.", "Japan", "Criticism"),
        ("Sweden threatened to expel the ambassador.", "Sweden", "Threat"),
    ],
)
def test_cue_verb_gives_speaker_and_type(run, text, speaker, type_):
    result = run(text)
    assert speaker in result.speakers(type_), [(s.type, s.speakers) for s in result.statements()]


def test_according_to_is_a_report_by_its_object(run):
    result = run("According to Kenya, the rebels crossed the border at dawn.")
    assert result.speakers("Report") == {"Kenya"}


def test_according_to_international_law_names_no_speaker(run):
    result = run("According to international law, the region belongs to Moldova.")
    assert result.statements() == []


def test_accusation_target_is_the_object(run):
    result = run("Armenia accused Turkey of sending mercenaries to the front.")
    (stmt,) = result.statements("Accusation")
    assert result.labels(stmt.targets) == {"Turkey"}


def test_call_on_gives_a_target(run):
    result = run("Lithuania called on NATO to strengthen its eastern flank.")
    (stmt,) = result.statements("Appeal")
    assert result.labels(stmt.targets) == {"NATO"}


def test_quote_before_the_cue(run):
    result = run("“These reports are lies,” Putin said on Friday.")
    (stmt,) = result.statements()
    assert stmt.type == "Denial"
    assert stmt.quote == "These reports are lies"
    assert result.speakers() == {"Vladimir Putin"}


def test_denial_phrase_in_quote_makes_denial(run):
    result = run('"This is pure propaganda," the Syrian government said.')
    assert result.speakers("Denial") == {"Government of Syria"}  # affiliatedWith Syria


def test_must_in_complement_makes_demand(run):
    result = run("Macron said that humanitarian corridors must be opened at once.")
    assert result.speakers("Demand") == {"Emmanuel Macron"}


def test_passive_report_with_embedded_cue(run):
    result = run("From sources close to the presidency, Erdogan was said to have called "
                 "for new talks.")
    (stmt,) = result.statements()
    assert stmt.type == "Appeal"
    assert result.labels(stmt.speakers) == {"Recep Tayyip Erdoğan"}
    assert stmt.via is not None and "sources" in result.label(stmt.via)


def test_spokesman_of_a_state_speaks_for_it(run):
    result = run("France's spokesman said the embassy would remain open.")
    assert result.speakers() == {"France"}


def test_ministry_is_named_canonically_and_belongs_to_its_state(run):
    result = run("The Georgian Defence Ministry announced that two drones had been shot down.")
    ministry = result.entity("Ministry of Defense of Georgia")
    assert ministry.type == "Organization"
    assert ("Ministry of Defense of Georgia", "affiliatedWith", "Georgia") in result.triples()


def test_pronoun_speaker_resolves_to_last_person_subject(run):
    result = run("Olaf Scholz met Emmanuel Macron in Berlin. Later, he accused Russia of "
                 "blackmail.")
    assert result.speakers("Accusation") == {"Olaf Scholz"}


def test_both_sides_report_gives_one_statement_per_party(run):
    result = run("Armenia and Azerbaijan traded fire again. Armenia said its positions were "
                 "shelled. Azerbaijan said its villages were hit. Both sides reported "
                 "casualties.")
    both = [s for s in result.statements("Report")]
    assert {result.label(s.speakers[0]) for s in both} == {"Armenia", "Azerbaijan"}


def test_reciprocal_blame_gives_two_accusations(run):
    result = run("Israel and Lebanon exchanged fire. Israel struck Lebanon. Lebanon shelled "
                 "Israel. The two sides blamed each other for the escalation.")
    pairs = {(result.label(s.speakers[0]), result.label(s.targets[0]))
             for s in result.statements("Accusation")}
    assert pairs == {("Israel", "Lebanon"), ("Lebanon", "Israel")}


def test_also_with_back_reference_supports_and_corroborates(run):
    result = run("Ukraine accused Russia of shelling the plant. Germany had also spoken of "
                 "evidence for this.")
    (support,) = result.statements("Support")
    (accusation,) = result.statements("Accusation")
    assert result.label(support.speakers[0]) == "Germany"
    assert support.corroborates == [accusation.id]


def test_denial_refutes_the_accusation(run):
    result = run("Ukraine accused Russia of shelling the plant. Moscow denied the accusation.")
    (denial,) = result.statements("Denial")
    (accusation,) = result.statements("Accusation")
    assert result.label(denial.speakers[0]) == "Russia"
    assert denial.refutes == [accusation.id]


def test_quotation_sentence_belongs_to_previous_speaker(run):
    result = run('"We will not give up," Zelensky said. "The occupiers must leave our land."')
    kinds = {(s.type, result.label(s.speakers[0])) for s in result.statements()}
    assert ("Demand", "Volodymyr Zelenskyy") in kinds


def test_nominal_call_with_possessive(run):
    result = run("Despite Guterres's call for restraint, the fighting went on.")
    assert result.speakers("Appeal") == {"António Guterres"}


def test_passive_without_agent_names_no_speaker(run):
    result = run("No new figures were announced on Sunday.")
    assert result.statements() == []


def test_add_without_complement_is_not_a_statement(run):
    result = run("Norway added two ships to the fleet.")
    assert result.statements() == []


def test_participle_after_a_cue_is_a_statement_of_the_same_speaker(run):
    """"denied the report, saying ...": the denial, and what the speaker said
    with it (its own cue, its own content), both by the denier."""
    result = run("Serbia denied the report, saying its troops had stayed in their barracks.")
    assert sorted(s.type for s in result.statements()) == ["Claim", "Denial"]
    assert result.speakers() == {"Serbia"}


def test_warn_of_retaliation_is_a_threat_warn_that_is_a_claim(run):
    threat = run("Iran warned that it would respond to any strike on its territory.")
    claim = run("The UN envoy Martin Griffiths warned that the truce remained fragile.")
    assert threat.speakers("Threat") == {"Iran"}
    assert not claim.statements("Threat") and claim.statements("Claim")


def test_reserving_the_right_to_respond_is_a_threat(run):
    result = run("Erdogan told reporters that Turkey reserved the right to respond.")
    assert result.speakers("Threat") == {"Recep Tayyip Erdoğan"}


def test_confirm_with_a_clause_is_a_report(run):
    result = run("Azerbaijan recently confirmed that two of its drones were lost.")
    assert result.speakers("Report") == {"Azerbaijan"}


def test_saying_the_other_side_attacked_is_an_accusation(run):
    result = run("Chad and Sudan fought over the border. Chad said Sudanese forces had shelled "
                 "the town of Adre.")
    assert result.speakers("Accusation") == {"Chad"}


def test_announcing_an_attack_stays_an_announcement(run):
    result = run("Chad and Sudan fought. The Chadian Defence Ministry announced that Adre had "
                 "been shelled by Sudanese forces.")
    assert not result.statements("Accusation")


def test_passive_accusation_has_the_agent_as_speaker(run):
    result = run("Belarus, which is accused by Poland of pushing migrants over the border, "
                 "denies the charge.")
    (accusation,) = result.statements("Accusation")
    assert result.labels(accusation.speakers) == {"Poland"}
    assert result.labels(accusation.targets) == {"Belarus"}


def test_named_spokesman_speaks(run):
    result = run("Haftar's spokesman Ahmed al-Mismari said the army would not withdraw.")
    assert result.speakers() == {"Ahmed al-Mismari"}


def test_unknown_organisation_name_as_speaker(run):
    result = run("The Kivu Security Tracker, a research group, said 12 civilians were killed.")
    assert result.speakers() == {"Kivu Security Tracker"}


def test_putting_the_toll_at_is_a_report(run):
    result = run("The ministry of health puts the death toll at more than 3,800.")
    assert result.statements("Report")
    assert {(f.count, f.qualifier) for f in result.x.figures} == {(3800, "MoreThan")}


def test_according_to_run_by_media(run):
    result = run("According to rebel-run media, the toll rose to 40.")
    assert result.speakers("Report") == {"rebel-run media"}


def test_quoted_as_saying(run):
    passive = run("Merkel was quoted by the newspaper Bild as saying that the talks had failed.")
    active = run("The broadcaster TOLOnews quoted Zalmay Khalilzad as saying that violence "
                 "must fall.")
    assert passive.speakers() == {"Angela Merkel"}
    assert "Zalmay Khalilzad" in active.speakers()


def test_second_cue_coordinated_inside_the_reported_clause(run):
    result = run("Ahmed al-Mismari said Haftar's forces would respect the truce but accused "
                 "Turkish occupiers of flying in weapons.")
    assert result.speakers("Accusation") == {"Ahmed al-Mismari"}


def test_actor_right_before_a_finite_cue(run):
    result = run("Kabul accused Islamabad of sheltering Taliban leaders, a charge Pakistan "
                 "rejects.")
    assert "Pakistan" in result.speakers("Denial")


def test_denial_words_match_whole_words_only(run):
    result = run("The governor said dozens of families had fled their homes.")
    assert not result.statements("Denial")


def test_that_clause_is_not_a_back_reference(run):
    result = run("Ukraine accused Russia of shelling. Poland also said that the border was "
                 "calm.")
    assert not result.statements("Support")


@pytest.mark.parametrize("text", [
    "Erdogan cast doubt on the deal.",
    "The European Union voiced concern over the strikes.",
])
def test_criticism_phrases(run, text):
    assert run(text).statements("Criticism")
