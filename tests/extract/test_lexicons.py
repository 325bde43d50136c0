"""The word lists (data/lexicons/en/*.tsv): well-formed, consistent with each
other, with the ontology, and with the rules that read them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Namespace

from newsgraph.extract import lexicons
from newsgraph.extract.cues import NEEDS, cue_lexicon
from newsgraph.resources import ontology_path

NG = Namespace("https://w3id.org/newsgraph/ontology#")
EXTRACT = Path(lexicons.__file__).parent

# What the signals column of each list names: a concept of an ontology scheme,
# an ontology term (class or property), or a number. A new list that signals
# something must be added here, so its values get checked.
SCHEMES = {
    "StatementTypes": {"reporting_verb", "speech_cue", "cognition_cue", "stance_cue",
                       "evidence_cue", "intention_cue", "alleging_cue", "insisting_cue",
                       "critical_object",
                       "call_particle", "denial_phrase", "demand_modal", "threat_pattern",
                       "also_adverb", "reciprocal_marker", "blame_noun", "blame_transfer_verb"},
    "EventTypes": {"event_trigger", "ceasefire_verb", "violation_word", "halt_verb",
                   "halted_object", "under_fire_noun", "exchanged_fire_noun", "phone_word",
                   "phone_verb", "call_noun", "media_word", "deployment_object"},
    "CasualtyTypes": {"casualty", "count_noun", "displacing_verb", "forcing_verb",
                      "home_noun", "captive_noun"},
    "VictimTypes": {"victim"},
    "CountQualifiers": {"count_qualifier", "vague_number"},
}
TERMS = {"support_verb", "sponsor_verb", "stronghold_noun", "protector_noun", "control_verb",
         "belong_verb", "copula_verb", "ally_attribute", "seeing_verb", "recognising_verb",
         "territory_noun", "legal_word", "war_noun", "backing_participle",
         "holding_participle", "led_alliance", "ally_noun", "support_noun", "having_verb",
         "group_head", "mediator_verb", "mediating_verb", "member_noun", "envoy_noun"}
NUMBERS = {"number_unit", "number_ten", "number_scale", "relative_day"}
# Lists whose signals are the kinds of a state's body, the gazetteer's "body" key.
BODY_KINDS = {"own_body"}
# The conditions a rule knows, per list; anything else is a typo the rule would ignore.
CONDITIONS = {
    "event_trigger": {"word", "deployment_object", "actor_subject", "plural"},
    "reporting_verb": {"complement"},
    "alleging_cue": {"other_side_attacks"},
    "insisting_cue": {"negated_clause"},
    "unrealised_head": {"except_halt"},
    **{f"{frame}_cue": NEEDS for frame in ("speech", "cognition", "stance", "evidence",
                                           "intention")},
}


@cache
def ontology() -> Graph:
    return Graph().parse(ontology_path())


def scheme_of(name: str) -> str | None:
    return next((s for s, names in SCHEMES.items() if name in names), None)


def test_every_signal_is_declared_for_its_list():
    undeclared = [name for name, rows in lexicons.table().items()
                  if any(r.signals for r in rows) and name not in TERMS | NUMBERS | BODY_KINDS
                  and name != "vague_number" and scheme_of(name) is None]
    assert not undeclared, "say in SCHEMES, TERMS or NUMBERS what these lists signal"


def test_signals_are_ontology_concepts_of_their_scheme():
    graph = ontology()
    wrong = []
    for name, rows in lexicons.table().items():
        scheme = scheme_of(name)
        for row in (r for r in rows if r.signals):
            term = NG[row.signals]
            if name in NUMBERS:
                ok = row.signals.isdigit()
            elif name in BODY_KINDS:
                ok = row.signals.isidentifier() and row.signals.islower()
            elif scheme is not None:
                ok = (term, SKOS.inScheme, NG[scheme]) in graph
            else:
                ok = (term, RDF.type, None) in graph
            if not ok:
                wrong.append(f"{row.where}: {row.signals}")
    assert not wrong


@pytest.mark.parametrize(("scheme", "lists"), [
    ("StatementTypes", {"reporting_verb"}),
    ("EventTypes", SCHEMES["EventTypes"]),
    ("CasualtyTypes", {"casualty"}),
    ("VictimTypes", {"victim"}),
])
def test_every_type_of_the_ontology_has_words(scheme, lists):
    """A type no word signals is a type the rules never find."""
    graph = ontology()
    concepts = {str(c).rsplit("#", 1)[1] for c in graph.subjects(SKOS.inScheme, NG[scheme])}
    signalled = {r.signals for name in lists for r in lexicons.entries(name)}
    assert concepts - signalled == set()
    assert concepts, scheme


def test_an_entry_signals_one_thing_in_its_list():
    """"attack" is not an Attack as a noun and a Fighting as a verb."""
    contradictions = []
    for rows in lexicons.table().values():
        seen: dict[str, str | None] = {}
        for row in rows:
            if seen.setdefault(row.entry, row.signals) != row.signals:
                contradictions.append(f"{row.where}: {row.entry}")
    assert not contradictions


def test_conditions_are_ones_the_rules_know():
    unknown = [f"{r.where}: {r.condition}" for name, rows in lexicons.table().items()
               for r in rows if r.condition and name != "vague_number"
               and r.condition not in CONDITIONS.get(name, set())]
    assert not unknown
    assert all(r.condition and r.condition.isdigit() for r in lexicons.entries("vague_number"))


def test_event_trigger_conditions_fit_their_rows():
    for row in lexicons.entries("event_trigger"):
        assert row.pos in {"NOUN", "VERB"}, row.where
        if row.condition == "word":
            assert row.pos == "NOUN", row.where  # the word itself, when not a verb
        if row.condition == "actor_subject":
            assert row.pos == "VERB", row.where
        if row.condition == "deployment_object":
            assert row.signals == "Deployment", row.where


def test_statement_lists_agree():
    reporting = lexicons.words("reporting_verb")
    assert lexicons.words("alleging_cue") <= reporting
    verbs = {e.entry.split()[0] for e in lexicons.entries("critical_object")}
    assert not verbs & reporting  # "voice concern" is a criticism whatever "voice" says


def test_reporting_verbs_agree_with_the_attribution_cues():
    """Two lexicons of reporting verbs (this one and cues.tsv) give one type a verb.
    "estimate" is the one disagreement inherited from before the lists were data."""
    cues = cue_lexicon()
    differ = {lemma for lemma, kind in lexicons.signals("reporting_verb").items()
              if (lemma, "VERB") in cues and cues[(lemma, "VERB")].type != kind}
    assert differ == {"estimate"}


def used_lists() -> set[str]:
    """List names the extraction code asks the loader for."""
    call = re.compile(r"\b(?:words|ordered|signals|numbers|conditioned|heads|by_pos|entries)"
                      r"\(\s*\"([a-z_]+)\"")
    return {m.group(1) for f in EXTRACT.glob("*.py") for m in call.finditer(f.read_text())}


def test_the_code_asks_only_for_lists_that_exist_and_uses_them_all():
    used, present = used_lists(), set(lexicons.table())
    assert used - present == set()  # a typo would be a KeyError at run time
    assert present - used == set()  # a list no rule reads is dead data


def test_a_malformed_row_names_its_file_and_line():
    with pytest.raises(ValueError, match=r"en/x\.tsv:2"):
        lexicons._parse("en/x.tsv", "# header\nevent_trigger\tattack\tNOUN\tAttack\n")
    with pytest.raises(ValueError, match=r"en/x\.tsv:1"):
        lexicons._parse("en/x.tsv", "event_trigger\tattack\tNOUNS\tAttack\t-\n")


def test_rows_become_the_collections_the_rules_use():
    assert lexicons.heads("critical_object")["cast"] == frozenset({"doubt"})
    assert lexicons.numbers("number_ten")["twenty"] == 20
    assert lexicons.ordered("month")[:2] == ("january", "february")
    assert "complement" not in lexicons.conditioned("reporting_verb", "complement")
    assert "add" in lexicons.conditioned("reporting_verb", "complement")
    assert lexicons.by_pos("event_trigger")[("attack", "VERB")].signals == "Attack"
    assert ("attack", "ADJ") not in lexicons.by_pos("event_trigger")


def test_gazetteer_bodies_are_kinds_the_own_body_list_signals():
    """A gazetteer entry's "body" is found only through a kind of the own_body list: a
    kind spelt otherwise ("Army") would never be looked up."""
    from newsgraph.link.gazetteer import load_entries

    kinds = set(lexicons.signals("own_body").values())
    bodies = {entry.body for entry in load_entries() if entry.body}
    assert bodies and bodies <= kinds, bodies - kinds
