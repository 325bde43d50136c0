"""Word lists the extraction rules are built from.

Cue verbs are grouped by the statement type they signal (CAMEO-style verbal
categories); event triggers by event type. Everything here is general English
news vocabulary, not the wording of any one article.
"""

from __future__ import annotations

# Reporting verbs (lemmas) -> statement type.
CUE_VERBS: dict[str, str] = {
    # assertions
    "say": "Claim",
    "quote": "Claim",
    "tell": "Claim",
    "claim": "Claim",
    "add": "Claim",
    "insist": "Claim",
    "assert": "Claim",
    "maintain": "Claim",
    "argue": "Claim",
    "stress": "Claim",
    "emphasize": "Claim",
    "emphasise": "Claim",
    "note": "Claim",
    "write": "Claim",
    "explain": "Claim",
    "declare": "Claim",
    "describe": "Claim",
    "speak": "Claim",
    "suggest": "Claim",
    "believe": "Claim",
    "estimate": "Claim",
    "report": "Report",
    "state": "Report",
    "inform": "Report",
    "record": "Report",
    "count": "Report",
    "put": "Report",
    "announce": "Announcement",
    "publish": "Announcement",
    "proclaim": "Announcement",
    # accusations and criticism
    "accuse": "Accusation",
    "blame": "Accusation",
    "allege": "Accusation",
    "charge": "Accusation",
    "criticize": "Criticism",
    "criticise": "Criticism",
    "condemn": "Criticism",
    "denounce": "Criticism",
    "decry": "Criticism",
    "deplore": "Criticism",
    "slam": "Criticism",
    # denials
    "deny": "Denial",
    "reject": "Denial",
    "dismiss": "Denial",
    "refute": "Denial",
    "rebuff": "Denial",
    "dispute": "Denial",
    # appeals and demands
    "urge": "Appeal",
    "appeal": "Appeal",
    "plead": "Appeal",
    "implore": "Appeal",
    "encourage": "Appeal",
    "ask": "Appeal",
    "request": "Appeal",
    "demand": "Demand",
    "require": "Demand",
    "order": "Demand",
    # support
    "confirm": "Support",
    "corroborate": "Support",
    "endorse": "Support",
    "welcome": "Support",
    "back": "Support",
    "praise": "Support",
    # threats
    "threaten": "Threat",
    "warn": "Threat",
    "vow": "Threat",
}

# Verb + object phrases that criticise: "cast doubt on", "voiced concern".
CRITICAL_OBJECTS = {
    "cast": {"doubt"},
    "express": {"concern", "alarm", "regret", "dismay", "outrage"},
    "voice": {"concern", "alarm", "regret", "dismay", "outrage", "doubt"},
    "raise": {"concern", "doubt"},
}

# "call for" / "call on ... to": the particle decides.
CALL_PARTICLES = {"for", "on", "upon"}

# Verbs that need a clausal or quoted complement to count as reporting, since
# they also have plain senses ("put the toll at", "back the rebels").
NEEDS_COMPLEMENT = {"add", "note", "write", "state", "put", "count", "record", "back", "order"}

# Content words that make an assertion a denial or a demand.
DENIAL_PHRASES = (
    "fake news",
    "not true",
    "untrue",
    "baseless",
    "groundless",
    "false",
    "a lie",
    "lies",
    "fabricated",
    "fabrication",
    "no evidence",
    "not a single evidence",
    "nonsense",
    "propaganda",
    "disinformation",
)
DEMAND_MODALS = {"must", "should"}
# Retaliation in the reported words makes a threat.
THREAT_PATTERNS = (
    r"\b(will|would|shall)\s+(\w+\s+)?(respond|retaliate|strike back|hit back|react)",
    r"reserv\w* the right to (respond|retaliate|defend)",
    r"\bpay a (heavy|high) price\b",
    r"\bwill not hesitate\b",
    r"\bnot stand idle\b",
    r"\bwill not tolerate\b",
    r"\bserious consequences\b",
)
# Cues under which "the other side attacked" is an accusation (not "announce").
ALLEGING_CUES = {"say", "claim", "allege", "tell", "insist", "state", "write"}

# Reciprocal blame: "blame each other", "trade accusations",
# "mutually transfer responsibility".
RECIPROCAL_MARKERS = {"each other", "one another", "mutually", "each other's"}
BLAME_NOUNS = {"responsibility", "blame", "accusation", "accusations", "charge", "charges"}
BLAME_TRANSFER_VERBS = {"transfer", "shift", "trade", "exchange", "lay", "put", "place", "pin"}

# Adverbs and back-references that make a statement corroborate another.
ALSO_ADVERBS = {"also", "too", "likewise", "similarly"}
BACK_REFERENCES = {"this", "that", "these", "it", "claim", "claims", "report", "reports"}

# Nouns naming the source of a statement when no person is named.
SOURCE_NOUNS = {
    "source",
    "doctor",
    "medic",
    "rescuer",
    "resident",
    "witness",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "circle",
    "diplomat",
    "observer",
    "activist",
    "authority",
    "media",
    "medium",
    "agency",
    "ministry",
    "government",
    "army",
    "military",
    "command",
    "office",
    "presidency",
    "leadership",
    "commander",
    "rebel",
    "militant",
    "separatist",
    "monitor",
    "group",
    "community",
}

# People described by where they are, not whom they speak for: "a Kabul resident".
PEOPLE_NOUNS = {"resident", "witness", "villager", "doctor", "medic", "nurse", "rescuer",
                "volunteer", "worker", "journalist", "reporter", "correspondent", "refugee",
                "survivor", "shopkeeper", "farmer", "student", "teacher", "civilian"}

# Plural nouns naming armed groups that act without a name: "the rebels attacked".
ARMED_GROUP_NOUNS = {"rebel", "militant", "separatist", "insurgent", "militia", "jihadist",
                     "faction", "gunman", "fighter", "mercenary", "paramilitary", "guerrilla"}

# Event trigger lemmas -> event type. Nouns and verbs together.
EVENT_TRIGGERS: dict[str, str] = {
    "fighting": "Fighting",
    "fight": "Fighting",
    "clash": "Fighting",
    "battle": "Fighting",
    "combat": "Fighting",
    "hostility": "Fighting",
    "skirmish": "Fighting",
    "escalation": "Fighting",
    "attack": "Attack",
    "bomb": "Attack",
    "bombing": "Attack",
    "bombard": "Attack",
    "bombardment": "Attack",
    "shell": "Attack",
    "shelling": "Attack",
    "strike": "Attack",
    "airstrike": "Attack",
    "raid": "Attack",
    "ambush": "Attack",
    "assault": "Attack",
    "target": "Attack",
    "hit": "Attack",
    "fire": "Attack",
    "advance": "MilitaryAdvance",
    "enter": "MilitaryAdvance",
    "pound": "Attack",
    "barrage": "Attack",
    "shoot": "Attack",
    "overrun": "TerritorialCapture",
    "storm": "TerritorialCapture",
    "consultation": "Negotiation",
    "hammer": "Attack",
    "blast": "Attack",
    "kill": "Attack",
    "destroy": "Attack",
    "offensive": "MilitaryAdvance",
    "counteroffensive": "MilitaryAdvance",
    "push": "MilitaryAdvance",
    "march": "MilitaryAdvance",
    "capture": "TerritorialCapture",
    "seize": "TerritorialCapture",
    "liberate": "TerritorialCapture",
    "recapture": "TerritorialCapture",
    "retake": "TerritorialCapture",
    "occupy": "TerritorialCapture",
    "conquer": "TerritorialCapture",
    "deploy": "Deployment",
    "deployment": "Deployment",
    "relocate": "Deployment",
    "send": "Deployment",
    "dispatch": "Deployment",
    "station": "Deployment",
    "transfer": "Deployment",
    "fly": "Deployment",
    "ship": "Deployment",
    "mobilize": "Deployment",
    "mobilise": "Deployment",
    "meet": "Meeting",
    "meeting": "Meeting",
    "summit": "Meeting",
    "visit": "Meeting",
    "negotiation": "Negotiation",
    "negotiate": "Negotiation",
    "talk": "Negotiation",
    "mediate": "Negotiation",
    "mediation": "Negotiation",
    "interview": "Interview",
    "ceasefire": "Ceasefire",
    "truce": "Ceasefire",
    "armistice": "Ceasefire",
}

# A ceasefire is an event when it is agreed, declared, or takes effect, not
# when it is called for, hoped for or merely mentioned.
CEASEFIRE_VERBS = {"agree", "declare", "announce", "reach", "sign", "broker", "take", "come",
                   "go", "hold", "begin", "start", "enter", "implement", "observe", "extend",
                   "accept", "establish", "collapse", "end", "expire"}
# Verbs whose infinitive complement has not happened ("refused to meet").
UNREALISED_HEADS = {"refuse", "plan", "want", "agree", "threaten", "vow", "seek", "hope",
                    "fail", "decline", "aim", "intend", "prepare", "promise", "pledge", "need",
                    "urge", "ask", "call", "demand", "expect", "would", "could", "able"}
# Outlets: "told Al-Manar television" is an interview.
MEDIA_WORDS = {"television", "tv", "radio", "newspaper", "channel", "broadcaster", "daily",
               "magazine", "agency", "network", "station"}

# Words that make a ceasefire/truce a violation ("violated the truce").
VIOLATION_WORDS = {"violate", "violation", "breach", "break"}

# A phone call: "phone call", "telephone conversation", "phoned".
PHONE_WORDS = {"phone", "telephone"}
PHONE_VERBS = {"phone", "telephone"}
CALL_NOUNS = {"call", "conversation", "talk"}

# Objects that make "deploy/send/transfer" a military deployment.
DEPLOYMENT_OBJECTS = {
    "troop",
    "soldier",
    "force",
    "mercenary",
    "fighter",
    "unit",
    "militant",
    "weapon",
    "tank",
    "jet",
    "drone",
    "army",
    "personnel",
    "battalion",
    "brigade",
    "peacekeeper",
    "reinforcement",
    "adviser",
    "advisor",
    "instructor",
    "contractor",
    "missile",
    "system",
}

# Heads of an actor noun phrase that belong to a state: "the Armenian army".
STATE_BODY_HEADS = {
    "ministry",
    "army",
    "military",
    "government",
    "force",
    "troop",
    "police",
    "presidency",
    "parliament",
    "office",
    "command",
    "navy",
    "leadership",
    "authority",
}

# Armed forces named after their state stand for it: "Israeli warplanes struck".
FORCE_HEADS = {"army", "military", "force", "troop", "soldier", "navy", "command", "warplane",
               "jet", "aircraft", "drone", "artillery", "tank", "unit", "police", "militia",
               "fighter", "plane", "helicopter", "warship", "missile", "rocket", "battalion",
               "brigade", "division", "border guard", "serviceman", "adviser", "advisor",
               "mercenary"}

# Nouns that name a person's office: "the envoy, Hans Grundberg".
PERSON_TITLES = {"envoy", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
                 "official", "chief", "head", "commander", "leader", "negotiator", "mediator",
                 "ambassador", "representative", "secretary", "adviser", "advisor", "general",
                 "prime", "premier", "governor", "mayor", "coordinator", "director"}
# Titles before a name that are not first names.
HONORIFICS = {"president", "minister", "general", "colonel", "brigadier", "gen.", "col.",
              "mr", "mr.", "mrs", "ms", "dr", "sheikh", "king", "prince", "emir", "sultan",
              "chancellor", "secretary", "spokesman", "commander", "lieutenant", "major",
              "captain", "ambassador", "envoy", "premier", "pope", "saint", "sir", "lord",
              "marshal", "admiral", "senator", "governor", "mayor", "chief"}

# Forces that speak in their own name when they are the subject of a cue.
SPEAKING_FORCES = {"army", "military", "command", "navy", "police"}
# Nouns whose demonym modifier is a reference to the state: "Turkish President",
# "Israeli army", "Syrian territory".
TITLE_NOUNS = {"president", "minister", "chancellor", "premier", "leader", "king", "emir",
               "prince", "foreign", "defence", "defense", "counterpart", "colleague",
               "ambassador", "envoy", "delegation", "territory", "soil", "border", "forces",
               "authorities", "officials", "troops", "army", "military", "government"}

# Descriptions that refer to both parties of the conflict.
BOTH_PARTIES_HEADS = {"side", "party", "state", "country", "republic", "nation", "neighbour",
                      "neighbor", "rival", "enemy", "foe", "adversary", "belligerent"}
BOTH_DETERMINERS = {"both", "two"}
# Descriptions that refer to the other party, relative to a reference actor.
OTHER_PARTY_MODIFIERS = {"neighboring", "neighbouring", "opposing", "other", "enemy", "rival"}
OTHER_PARTY_HEADS = {"country", "side", "force", "state", "party", "neighbor", "neighbour",
                     "enemy", "army", "troop", "republic", "nation", "opponent", "adversary"}

CONFLICT_NOUNS = {"conflict", "war", "dispute"}
# Head nouns of diplomatic formats ("the Astana format", "the Berlin Process").
FORMAT_HEADS = {"format", "process", "initiative", "channel", "mechanism", "quartet", "troika"}

# "according to X" where X is a norm, not a source: no attribution.
NON_SOURCE_NOUNS = {"law", "rule", "constitution", "agreement", "plan", "schedule",
                    "tradition", "custom", "script", "protocol", "principle", "treaty"}

# "asked not to be named": a source's anonymity, not an appeal.
ANONYMITY_VERBS = {"name", "identify", "quote", "cite"}

# Documents that speak for whoever issued them: "a statement from his office".
DOCUMENT_NOUNS = {"statement", "readout", "communique", "report", "letter", "release",
                  "study", "survey", "poll", "memo", "tweet", "post", "message", "note"}

# Verbs that take a that-clause without reporting anyone's words or thoughts.
NON_REPORTING_CLAUSE_VERBS = {"be", "mean", "ensure", "make", "require", "happen", "matter",
                              "turn", "prove", "insure", "guarantee", "see", "ask", "get",
                              "have", "do", "seem", "appear", "provide", "stipulate"}

# Assertive cues that, over a negated clause, deny ("insists that X did not").
INSISTING_CUES = {"insist", "maintain", "stress", "reiterate", "assert", "contend"}

# Quantity words that head a source phrase without naming it: "hundreds of protesters".
QUANTITY_HEADS = {"hundred", "thousand", "dozen", "score", "million", "group", "number",
                  "some", "many", "most", "one", "two", "three", "several", "few", "all",
                  "majority", "minority", "half", "third", "quarter", "percent", "lot"}
