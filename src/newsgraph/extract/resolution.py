"""Resolution: which entities a noun phrase refers to.

Names, pronouns ("he" -> the last person who was a subject), descriptions
("the neighboring country" -> the other party, "both sides" -> the parties,
"the coalition" -> the actor named before with that head noun), metonyms
("Baku" -> Azerbaijan's government) and state bodies ("his troops" -> his
state; "Sudan's army", "the Georgian Defence Ministry" -> an organisation of
that state, ``affiliatedWith`` it).

``Resolution`` is a mixin of ``Context``; it reads and extends the entity
table held there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..link.gazetteer import Gazetteer, GazetteerEntry, normalise
from ..model import Entity, EntityType
from . import lexicon

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
RUN_BY = {"run", "led", "lead", "controlled", "control", "held", "hold", "dominated"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "so", "-", "called",
               "several", "many", "some", "various", "numerous"}


def window_start(token: Token, sentences: int) -> int:
    """Index of the first token of the sentence ``sentences`` before ``token``'s."""
    doc = token.doc
    first = token.sent.start
    for _ in range(sentences):
        if first > 0:
            first = doc[first - 1].sent.start
    return first


def own_plural_subject(token: Token) -> Token | None:
    """The plural subject of the clause a possessive pronoun stands in."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}
                 and c.tag_ in {"NNS", "NNPS"} and c.i < token.i), None)


class Resolution:
    """Mixed into ``Context``: every method uses its entity table."""

    if TYPE_CHECKING:  # what Context (context.py) holds and does
        gaz: Gazetteer
        entities: dict[str, Entity]
        token_key: dict[int, str]
        demonym_key: dict[int, str]
        affiliation: dict[str, str]
        parties: list[str]
        conflict_state: str | None
        bodies: set[str]

        def add_entity(self, label: str, type_: EntityType, *, key: str | None = None,
                       confidence: float = 0.7) -> Entity: ...

        def add_mention(self, key: str, start: int, end: int,
                        tokens: range | None = None) -> None: ...

        def entity_from_gazetteer(self, entry: GazetteerEntry) -> Entity: ...

        def country_of(self, key: str | None) -> str | None: ...

        def last_before(self, char: int, types: set[str]) -> str | None: ...

        def last_subject_before(self, token: Token, types: set[str]) -> str | None: ...

    def plural_antecedent(self, token: Token) -> list[str]:
        """"they": the last plural-named group or organisation that was a
        subject ("the Houthis ... They say"), else the last coordinated subject
        ("Russia and Turkey ... they agreed"). A possessive "their" with a
        plural subject in its own clause is that subject's ("government forces
        would resume their offensive")."""
        if token.dep_ == "poss":
            own = own_plural_subject(token)
            keys = self._resolve(own) if own is not None else []
            if keys:
                return keys
        key = self.last_subject_before(token, {"Group", "Organization"})
        if key and self.entities[key].label.lower().endswith("s"):
            return [key]
        doc = token.doc
        for i in range(token.i - 1, window_start(token, 1) - 1, -1):
            tok = doc[i]
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.conjuncts and tok.i != token.i:
                keys = [k for t in (tok, *tok.conjuncts) for k in (
                    [self.token_key[t.i]] if t.i in self.token_key else [])]
                if len(keys) >= 2:
                    return keys
        return []

    def other_party(self, ref: str | None) -> list[str]:
        side = self.country_of(ref) or ref
        others = [p for p in self.parties if p != side]
        return others[:1] if side in self.parties and others else []

    def resolve_all(self, token: Token, ref: str | None = None, *, create: bool = False,
                    for_role: str = "actor") -> list[str]:
        """Resolve a noun phrase and its conjuncts ("France, Russia and the US")."""
        keys: list[str] = []
        for tok in (token, *token.conjuncts):
            for key in self.resolve(tok, ref, create=create, for_role=for_role):
                if key not in keys:
                    keys.append(key)
        return keys

    def resolve(self, token: Token, ref: str | None = None, *, create: bool = False,
                for_role: str = "actor") -> list[str]:
        keys = self._resolve(token, ref, create=create, for_role=for_role)
        if keys and token.i not in self.token_key:
            # pronouns and descriptions are mentions too ("he", "both sides")
            span = token.doc[token.i : token.i + 1] if token.pos_ == "PRON" else _noun_phrase(
                token)
            for key in keys:
                if self.entities[key].type != "Conflict":
                    self.add_mention(key, span.start_char, span.end_char)
        return keys

    def _resolve(self, token: Token, ref: str | None = None, *, create: bool = False,
                 for_role: str = "actor") -> list[str]:
        """Entity keys for the noun phrase headed by ``token``.

        ``ref`` is the actor from whose point of view "the other side" is
        meant; ``create`` makes a Group entity for a source description
        ("Armenian sources in X") that names no known actor.
        ``for_role`` "actor" turns capitals into their governments.
        """
        if token.i in self.token_key:
            key = self.token_key[token.i]
            return [self.government_of(key) if for_role == "actor" else key]
        keys = self.pronoun(token, ref, create, for_role)
        if keys is not None:
            return keys
        if token.pos_ not in {"NOUN", "PROPN"}:
            return []
        for child in token.children:
            if child.dep_ == "appos" and child.i in self.token_key:
                # "his French colleague Emmanuel Macron"
                return self._resolve(child, ref, create=create, for_role=for_role)
        from .bodies import state_body  # bodies.py reads the context module, which imports this

        keys = self.party_description(token, ref)
        if keys is None:
            keys = state_body(self, token, ref, create, for_role)
        if keys is None:
            keys = self.description(token, create, for_role)
        return keys

    def pronoun(self, token: Token, ref: str | None, create: bool, for_role: str
                ) -> list[str] | None:
        """A personal or relative pronoun's antecedent; None for anything else."""
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            key = self.last_subject_before(token, {"Person"}) or self.last_before(
                token.idx, {"Person"})
            return [key] if key else []
        if lower in THING_PRONOUNS:
            types = {"Country", "Organization", "MediationGroup"} if for_role == "actor" else {
                "Place", "Country"}
            salient = for_role == "actor" and lower != "its"  # "its civil war": nearest
            key = (self.last_subject_before(token, types) if salient else None) \
                or self.last_before(token.idx, types)
            return [key] if key else []
        if lower in {"whose", "who", "which", "whom"} and token.head.dep_ != "ROOT":
            # "Erdogan, whose government ...": the noun the relative clause is about
            clause = token.head if token.dep_ != "poss" else token.head.head
            while clause.dep_ not in {"relcl", "acl", "ROOT"}:
                clause = clause.head
            if clause.dep_ in {"relcl", "acl"} and clause.head.i != token.i:
                return self._resolve(clause.head, ref, create=create, for_role=for_role)
            return []
        if lower in PLURAL_PRONOUNS:
            return self.plural_antecedent(token) if for_role == "actor" else []
        return None

    def party_description(self, token: Token, ref: str | None) -> list[str] | None:
        """"both sides", "the warring parties" -> the parties; "the neighboring
        country", "the opposing forces" -> the other party; None otherwise."""
        lemma = token.lemma_.lower()
        mods = {c.lower_ for c in token.children if c.dep_ in {"det", "nummod", "amod",
                                                                "compound", "predet"}}
        if lemma in lexicon.BOTH_PARTIES_HEADS and token.tag_ in {"NNS", "NNPS"} and (
            mods & lexicon.BOTH_DETERMINERS or "warring" in mods
        ):
            return list(self.parties)
        if lemma in lexicon.OTHER_PARTY_HEADS and (
            mods & lexicon.OTHER_PARTY_MODIFIERS
            or any(c.lemma_ == "oppose" for c in token.children)
            or (token.dep_ == "dobj" and token.head.lemma_ == "oppose")
        ):
            return self.other_party(ref)
        return None

    def description(self, token: Token, create: bool, for_role: str) -> list[str]:
        """A title, a name used as a modifier, a definite description of an
        actor named before, or (``create``) a new group for a source."""
        lemma = token.lemma_.lower()
        titled = self.titled_person(token)
        if titled is not None:
            return [titled]
        for child in token.children:
            if (child.dep_ == "compound" and child.i in self.token_key and for_role == "actor"
                    and lemma not in lexicon.PEOPLE_NOUNS):
                # "the Al-Jazeera station"; but "a Kabul resident" is a person of Kabul
                return [self.government_of(self.token_key[child.i])]
        same_head = self.same_head_antecedent(token)
        if same_head is not None:
            return [same_head]
        if create and (lemma in lexicon.SOURCE_NOUNS
                       or (token.pos_ == "PROPN" and token.text[:1].isupper())):
            # "Armenian sources"; a name the NER missed: "the Syrian Observatory"
            return [self.group_for(token)]
        if lemma in lexicon.ARMED_GROUP_NOUNS and token.tag_ in {"NNS", "NNPS"}:
            return [self.group_for(token)]  # "the rebels", "Kurdish militants"
        return []

    def same_head_antecedent(self, token: Token) -> str | None:
        """"the coalition" after "the Saudi-led coalition", "the rebels" after
        "Houthi rebels": a definite noun phrase whose head noun ends the
        label of an actor named before."""
        if token.pos_ != "NOUN" or not any(c.lower_ in {"the", "this", "that", "these", "those"}
                                           for c in token.children):
            return None
        lemma = token.lemma_.lower()
        synonyms = {lemma.rstrip("s")}
        if lemma in lexicon.ARMED_GROUP_NOUNS:
            # "the separatists" ... "the rebels": one armed opposition
            synonyms |= {n.rstrip("s") for n in lexicon.ARMED_GROUP_NOUNS}
        best: tuple[int, str] | None = None
        for key, entity in self.entities.items():
            if entity.type in {"Place", "Conflict"} or not entity.mentions:
                continue
            words = [*entity.label.lower().split(), *(a.lower() for a in entity.aliases)]
            heads = {w.split()[-1].rstrip("s") for w in (entity.label.lower(), *entity.aliases)
                     if w}
            if not synonyms & heads and lemma not in words[-1:]:
                continue
            first = min(m.start for m in entity.mentions)
            if first < token.idx and (best is None or first > best[0]):
                best = (first, key)
        return best[1] if best else None

    def titled_person(self, token: Token) -> str | None:
        """"the German chancellor", "the Russian leader": the person of that
        state named before (a definite title with a state modifier)."""
        if token.lemma_.lower() not in lexicon.PERSON_TITLES | {"leader", "chancellor",
                                                                 "counterpart"}:
            return None
        if not any(c.lower_ == "the" for c in token.children):
            return None
        state = next((self.demonym_key[c.i] for c in token.children
                      if c.dep_ in {"amod", "compound"} and c.i in self.demonym_key), None)
        if state is None:
            return None
        best: tuple[int, str] | None = None
        # a copy: country_of can add the state's entry to the table
        for key, entity in list(self.entities.items()):
            if entity.type != "Person" or self.country_of(key) != state or not entity.mentions:
                continue
            first = min(m.start for m in entity.mentions)
            if first < token.idx and (best is None or first > best[0]):
                best = (first, key)
        return best[1] if best else None

    def government_of(self, key: str) -> str:
        """A capital or seat of government used as an actor means its state."""
        entity = self.entities.get(key)
        if entity is None or entity.type != "Place":
            return key
        entry = self.gaz.metonym(entity.label)
        if entry is not None and entry.type == "Country":
            return self.entity_from_gazetteer(entry).key
        return key

    def modifier_country(self, token: Token, ref: str | None) -> str | None:
        """The state named by a modifier: demonym, capital, possessive, "of X"/"from X"."""
        for child in token.children:
            if child.dep_ in {"amod", "compound", "npadvmod", "nmod", "poss"}:
                if child.i in self.demonym_key:
                    key = self.demonym_key[child.i]
                    self.add_mention(key, child.idx, child.idx + len(child.text))
                    return key
                keys = self.resolve(child, ref, for_role="actor")
                if not keys and child.lemma_.lower() in RUN_BY:
                    # "the Houthi-run ministry", "the Saudi-led coalition"
                    keys = [k for g in child.children if g.dep_ in {"npadvmod", "compound", "amod"}
                            for k in self.resolve(g, ref)]
                if keys:
                    return self.home_of(keys[0])
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        keys = self.resolve(pobj, ref, for_role="actor")
                        if keys:
                            return self.home_of(keys[0])
            if child.dep_ == "prep" and child.lower_ == "in":
                # "the defence ministry in Kabul": a seat of government names the state
                for pobj in child.children:
                    place = self.token_key.get(pobj.i)
                    if place and self.government_of(place) != place:
                        return self.government_of(place)
        return None

    def home_of(self, key: str) -> str:
        """A person's state; an organisation or state is its own home."""
        if self.entities[key].type == "Person":
            return self.country_of(key) or key
        return key

    def group_for(self, token: Token) -> str:
        """A Group entity for a source description, labelled with its words.

        Armed-group descriptions ("the separatists", "the rebels") join the
        armed group already described in the article."""
        if token.lemma_.lower() in lexicon.ARMED_GROUP_NOUNS:
            kin = {n.rstrip("s") for n in lexicon.ARMED_GROUP_NOUNS}
            for key, entity in self.entities.items():
                if entity.type == "Group" and entity.label.lower().split()[-1].rstrip("s") in kin:
                    phrase = _noun_phrase(token)
                    self.add_mention(key, phrase.start_char, phrase.end_char,
                                     range(phrase.start, phrase.end))
                    return key
        phrase = _noun_phrase(token)
        label = phrase.text
        tokens = range(phrase.start, phrase.end)
        if token.pos_ == "PROPN":
            # "The LKPF denied" after "the Lake Kivu Protection Front (LKPF)": a name
            # the NER missed that an entity already carries
            wanted = normalise(label)
            for key, entity in self.entities.items():
                if wanted in {normalise(n) for n in (entity.label, *entity.aliases)}:
                    self.add_mention(key, phrase.start_char, phrase.end_char, tokens)
                    return key
        type_: EntityType = "Organization" if token.lemma_.lower() in lexicon.STATE_BODY_HEADS or (
            token.pos_ == "PROPN") else "Group"
        entity = self.add_entity(label, type_, confidence=0.6)
        # a proper name the NER missed ("the Syrian Observatory") names one thing;
        # "Armenian sources", "the rebels" describe
        entity.named = entity.named or (token.pos_ == "PROPN" and type_ == "Organization")
        self.add_mention(entity.key, phrase.start_char, phrase.end_char, tokens)
        country = self.modifier_country(token, None)
        if country:
            self.affiliation.setdefault(entity.key, country)
        return entity.key




def _noun_phrase(token: Token):
    from .context import noun_phrase

    return noun_phrase(token)
