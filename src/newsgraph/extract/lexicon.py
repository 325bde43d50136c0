"""The word lists under the names the rules have always imported them by.

The words themselves are data (``data/lexicons/en/*.tsv``, read by
:mod:`.lexicons`); this module only gives modules that still write
``lexicon.CUE_VERBS`` the same objects, so they work unchanged. New code asks
:mod:`.lexicons` directly.
"""

from __future__ import annotations

from .lexicons import conditioned, heads, ordered, signals, words

# Statements (statements.tsv).
CUE_VERBS: dict[str, str] = signals("reporting_verb")
CRITICAL_OBJECTS: dict[str, frozenset[str]] = heads("critical_object")
CALL_PARTICLES = words("call_particle")
NEEDS_COMPLEMENT = conditioned("reporting_verb", "complement")
DENIAL_PHRASES = ordered("denial_phrase")
DEMAND_MODALS = words("demand_modal")
THREAT_PATTERNS = ordered("threat_pattern")
ALLEGING_CUES = words("alleging_cue")
INSISTING_CUES = words("insisting_cue")
RECIPROCAL_MARKERS = words("reciprocal_marker")
BLAME_NOUNS = words("blame_noun")
BLAME_TRANSFER_VERBS = words("blame_transfer_verb")
ALSO_ADVERBS = words("also_adverb")
BACK_REFERENCES = words("back_reference")
ANONYMITY_VERBS = words("anonymity_verb")
DOCUMENT_NOUNS = words("document_noun")
NON_REPORTING_CLAUSE_VERBS = words("non_reporting_clause_verb")
NON_SOURCE_NOUNS = words("non_source_noun")
QUANTITY_HEADS = words("quantity_head")

# Actors (actors.tsv).
SOURCE_NOUNS = words("source_noun")
PEOPLE_NOUNS = words("placed_person_noun")  # "a Kabul resident"; not the victims of figures
ARMED_GROUP_NOUNS = words("armed_group_noun")
STATE_BODY_HEADS = words("state_body_head")
FORCE_HEADS = words("force_head")
PERSON_TITLES = words("person_title")
HONORIFICS = words("honorific")
SPEAKING_FORCES = words("speaking_force")
GOVERNMENT_SIDE = words("government_side")
TITLE_NOUNS = words("title_noun")
BOTH_PARTIES_HEADS = words("both_parties_head")
BOTH_DETERMINERS = words("both_determiner")
OTHER_PARTY_MODIFIERS = words("other_party_modifier")
OTHER_PARTY_HEADS = words("other_party_head")

# Events (event_triggers.tsv, events.tsv): lemma -> event type, any part of speech.
EVENT_TRIGGERS: dict[str, str] = signals("event_trigger")
CEASEFIRE_VERBS = words("ceasefire_verb")
UNREALISED_HEADS = words("unrealised_head")
MEDIA_WORDS = words("media_word")
VIOLATION_WORDS = words("violation_word")
PHONE_WORDS = words("phone_word")
PHONE_VERBS = words("phone_verb")
CALL_NOUNS = words("call_noun")
DEPLOYMENT_OBJECTS = words("deployment_object")

# Conflict (conflict.tsv).
CONFLICT_NOUNS = words("conflict_noun")
FORMAT_HEADS = words("format_head")
