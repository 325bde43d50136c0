"""The extraction context: entities found so far and how to resolve references.

Every rule module works on a ``Context``: the parsed document, the gazetteer,
the entity table with all mentions, and the conflict's parties. Resolution
turns a noun phrase (its head token) into entity keys: names, pronouns
("he" -> the last person), descriptions ("the neighboring country" -> the
other party, "both sides" -> the parties), metonyms ("Baku" -> Azerbaijan's
government) and state bodies ("his army" -> his state).
"""

from __future__ import annotations

import bisect
import re

from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from ..link.gazetteer import Gazetteer, GazetteerEntry
from ..model import Article, Entity, EntityType
from ..model import Span as TextSpan
from .docfacts import facts, span_text
from .quotemarks import CLOSERS, MARK_RE, OPENERS, ends_quotation
from .resolution import DETERMINERS, Resolution, window_start

ACTOR_TYPES = {"Person", "Country", "Organization", "MediationGroup", "Group"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


class Context(Resolution):
    def __init__(self, doc: Doc, article: Article, gazetteer: Gazetteer) -> None:
        self.doc = doc
        # The tokens, made once (the rules scan the document a dozen times), with their
        # lower-case lemmas and forms, for the rules that look at every token.
        known = facts(doc)
        self.tokens: list[Token] = known.tokens
        self.lemmas: list[str] = known.lemmas
        self.lowers: list[str] = known.lowers
        self.article = article
        self.gaz = gazetteer
        self.entities: dict[str, Entity] = {}
        self.token_key: dict[int, str] = {}
        self.demonym_key: dict[int, str] = {}
        self.affiliation: dict[str, str] = {}
        self.parties: list[str] = []
        self.conflict: str | None = None
        self.conflict_territory: str | None = None
        self.conflict_state: str | None = None
        self.envoys: dict[str, str] = {}
        self.bodies: set[str] = set()
        self.parties_explicit = False
        self._mention_starts: list[int] = []
        self._quoted: list[tuple[int, int]] | None = None
        self._quoted_starts: list[int] = []
        self._mention_keys: list[str] = []
        self._headlines: dict[tuple[int, int], bool] = {}

    # -- building -------------------------------------------------------

    def entity_from_gazetteer(self, entry: GazetteerEntry) -> Entity:
        if entry.id not in self.entities:
            self.entities[entry.id] = Entity(
                key=entry.id,
                label=entry.label,
                type=entry.type,
                gazetteer_id=entry.id,
                confidence=0.9,
            )
            home = entry.country or entry.organization
            if home and self.gaz.get(home):
                self.affiliation[entry.id] = home
        return self.entities[entry.id]

    def add_entity(self, label: str, type_: EntityType, *, key: str | None = None,
                   confidence: float = 0.7) -> Entity:
        key = key or slug(label)
        if key in self.entities:
            return self.entities[key]
        entry = self.gaz.get(key)
        if entry is not None:
            return self.entity_from_gazetteer(entry)
        self.entities[key] = Entity(key=key, label=label, type=type_, confidence=confidence)
        return self.entities[key]

    def add_mention(self, key: str, start: int, end: int, tokens: range | None = None) -> None:
        entity = self.entities[key]
        span = TextSpan(start, end)
        if span not in entity.mentions:
            entity.mentions.append(span)
            pos = bisect.bisect_right(self._mention_starts, start)
            self._mention_starts.insert(pos, start)
            self._mention_keys.insert(pos, key)
        for i in tokens or ():
            self.token_key.setdefault(i, key)

    def name_as_written(self, key: str, span: Span) -> None:
        """An entity without a Wikidata item is labelled as the article writes
        it ("Ghassan Salame", "UN Support Mission in Libya"); the gazetteer's
        form is kept as an alias."""
        entity = self.entities[key]
        text = span.text
        if entity.wikidata or entity.type in {"Country", "Conflict"} or entity.mentions:
            return
        if len(text.split()) < 2 or text == entity.label:
            return
        entity.aliases.append(entity.label)
        entity.label = text

    def mention_span(self, key: str, span: Span) -> None:
        self.add_mention(key, span.start_char, span.end_char, range(span.start, span.end))

    def is_headline(self, sent: Span) -> bool:
        """A line of its own without final punctuation: a headline or subheading.

        Remembered per sentence: the rules ask it of each sentence many times, and
        ``Span.text`` makes a Token object per token on every call."""
        key = (sent.start, sent.end)
        known = self._headlines.get(key)
        if known is None:
            known = self._headlines[key] = self._is_headline(sent)
        return known

    def _is_headline(self, sent: Span) -> bool:
        whole = span_text(sent)
        text = whole.strip()
        if not text or text[-1] in ".!?\"”’')»:;":
            return False
        end = sent.end_char
        text_all = self.article.text  # the parsed text (Doc.text re-joins every token)
        rest = text_all[end:end + 2]
        at_line_end = end >= len(text_all) or rest.startswith("\n") or "\n" in whole
        return at_line_end and len(sent) <= 30

    def in_quotation(self, char: int) -> bool:
        """Whether an offset lies inside quotation marks (within its paragraph):
        words there are the quoted speaker's, and a cue among them ("I said",
        "you know") is part of a quotation, not an attribution of the article."""
        if self._quoted is None:
            self._quoted = quotation_regions(self.article.text)
            self._quoted_starts = [start for start, _ in self._quoted]
        pos = bisect.bisect_right(self._quoted_starts, char) - 1
        return pos >= 0 and char < self._quoted[pos][1]

    def quotation_before(self, char: int) -> TextSpan | None:
        """The quotation that ends (closing mark, then blanks) right before
        ``char``: the words of a cue the sentence splitter cut off ("“...!” /
        one person wrote.")."""
        text = self.article.text
        pos = char
        while pos > 0 and text[pos - 1] in " \t":
            pos -= 1
        mark = ends_quotation(text, pos)
        if pos == 0 or not mark:
            return None
        self.in_quotation(0)  # fills the regions
        assert self._quoted is not None
        at = bisect.bisect_left(self._quoted, (pos - mark, -1))
        for start, end in self._quoted[max(at - 1, 0):at + 1]:
            if end == pos - mark and end > start:
                return TextSpan(start, end)
        return None

    # -- looking up -------------------------------------------------------

    def country_of(self, key: str | None) -> str | None:
        """The state an actor belongs to (itself for a country)."""
        seen = set()
        while key and key not in seen:
            seen.add(key)
            entity = self.entities.get(key)
            if entity is not None and entity.type == "Country":
                return key
            key = self.affiliation.get(key)
            if key and key not in self.entities:
                entry = self.gaz.get(key)
                if entry is None:
                    return None
                self.entity_from_gazetteer(entry)
        return None

    def side_of(self, key: str) -> str:
        """Who an actor speaks or fights for: a person's organisation or state,
        a ministry's or army's state; a state, an armed group or a movement is
        its own side (in a civil war both sides belong to one state)."""
        entity = self.entities.get(key)
        if entity is None:
            return key
        if entity.type == "Person" or key in self.bodies:
            entry = self.gaz.get(entity.gazetteer_id)
            if entry is not None and entry.organization in self.entities:
                return entry.organization
            return self.affiliation.get(key) or self.country_of(key) or key
        return key

    def last_before(self, char: int, types: set[str]) -> str | None:
        pos = bisect.bisect_left(self._mention_starts, char)
        for i in range(pos - 1, -1, -1):
            key = self._mention_keys[i]
            if self.entities[key].type in types:
                return key
        return None

    def last_subject_before(self, token: Token, types: set[str]) -> str | None:
        """The last entity of a type that was a grammatical subject, within the
        current and the two previous sentences: subjects are the salient
        antecedents of pronouns ("Aliyev said after a call with Macron that
        his army ..." -> Aliyev)."""
        doc = token.doc
        for i in range(token.i - 1, window_start(token, 2) - 1, -1):
            key = self.token_key.get(i)
            if key is None or self.entities[key].type not in types:
                continue
            tok = doc[i]
            while tok.dep_ in {"compound", "flat"} and tok.head != tok:
                tok = tok.head
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                return key
        return None



def quotation_regions(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks, paragraph by paragraph: curly marks open
    and close, a straight mark (or a doubled apostrophe) toggles; a paragraph
    ends any open quotation (a quote running over paragraphs reopens each one)."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for match in MARK_RE.finditer(text):
        mark = match.group()
        if mark == "\n" or (start is not None and mark in CLOSERS):
            if start is not None:
                regions.append((start, match.start()))
            start = None
        elif mark in OPENERS:
            start = match.end()
    if start is not None:
        regions.append((start, len(text)))
    return regions


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_PARTS = frozenset({"dobj", "ccomp", "xcomp", "prep"})


def acts_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger called a noun that heads a clause with a
    subject ("The rebels control the city" tagged control/NN).

    Asked of nearly every token by several rules, so it compares the part of
    speech as a number (``pos_`` looks the name up) and reads the children once."""
    pos = token.pos
    if pos in (VERB, AUX):
        return True
    if pos != NOUN or token.i not in facts(token.doc).subject_heads:
        return False
    if token.tag_ not in {"NN", "NNS"}:
        return False
    deps = {c.dep_ for c in token.children}
    return not deps.isdisjoint(_SUBJECTS) and not deps.isdisjoint(_CLAUSE_PARTS)


def noun_phrase(token: Token) -> Span:
    """The noun phrase headed by ``token`` without leading determiners,
    conjuncts or relative clauses."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in {"prep", "compound", "amod", "nummod", "pobj", "poss", "case"}:
            right = max(right, child.right_edge.i)
    while left < token.i and doc[left].lower_ in DETERMINERS | {"both", "one"}:
        left += 1
    while right > token.i and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]
