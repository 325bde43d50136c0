"""Casualty figures: a number tied by syntax to a casualty word.

Covers "more than 200 people have been killed", "killing at least 19
civilians", "19 civilians killed and 60 injured", "the death toll rose to
45", "dozens were wounded", "12 soldiers are missing", "thousands displaced".
A negated clause ("no one was killed", "No new casualty figures were
announced") gives no figure, and a number that is not tied to a casualty
word ("home to some 145,000 people") is not a casualty figure.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..model import CASUALTY_TYPES, COUNT_QUALIFIERS, VICTIM_TYPES, Figure, Span, one_of
from . import lexicons
from .context import Context
from .numbers import QUALIFIERS, VAGUE, parse_number, qualifier_before

CASUALTY_WORDS = lexicons.signals("casualty")
VICTIM_NOUNS = lexicons.signals("victim")
NEGATORS = lexicons.words("negator")
FORCING_VERBS = lexicons.words("forcing_verb")
DISPLACING_VERBS = lexicons.words("displacing_verb")
HOME_NOUNS = lexicons.words("home_noun")
NUMBER_SCALES = lexicons.words("number_scale")
CAPTIVE_NOUNS = lexicons.words("captive_noun")
COUNT_NOUN_CASUALTIES = lexicons.signals("count_noun")
COUNT_NOUNS = lexicons.words("count_noun")

NOT_COUNTS = {"DATE", "TIME", "PERCENT", "QUANTITY", "ORDINAL"}  # entity labels
# A sum of money names a currency: "$4 million", "4 million euros".
CURRENCY = re.compile("|".join(re.escape(w) for w in lexicons.ordered("currency")), re.I)


def casualty_of(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    words = CASUALTY_WORDS
    kind = words.get(lemma) or words.get(token.lower_)
    if kind is None:
        return None
    if kind == "Captured" and lemma == "capture":
        # "captured the town" is a territorial capture, not prisoners
        objs = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        if objs and not any(victims_of(o) for o in objs):
            return None
    return kind


def victims_of(noun: Token) -> str | None:
    """Civilians, combatants or people, looking through "dozens of X"."""
    if noun.like_num or noun.lower_ in VAGUE:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return victims_of(pobj)
        return None
    victims = VICTIM_NOUNS.get(noun.lemma_.lower())
    if any(c.lemma_.lower() == "civilian" for c in noun.children):
        return "Civilians"  # "civilian men"
    return victims


def is_negated(*tokens: Token) -> bool:
    for tok in tokens:
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in NEGATORS:
                return True
    return False


def is_money(token: Token) -> bool:
    """A sum of money, not a count ("$4 million"); the small model also tags
    "more than 4 million" as MONEY, so the currency must be there."""
    if token.ent_type_ != "MONEY":
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and bool(CURRENCY.search(ent.text))


def forced_out(verb: Token) -> bool:
    """"forced to leave", "forced 150,000 from their homes": displacement."""
    if verb.lemma_.lower() not in FORCING_VERBS:
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in DISPLACING_VERBS
               for c in verb.children
               ) or any(g.lemma_.lower() in HOME_NOUNS
                        for p in verb.children if p.lower_ in {"from", "out"}
                        for g in p.subtree)


def number_tokens(token: Token) -> list[Token]:
    """The number phrase a numeric token belongs to ("1.5 million", "twenty-five")."""
    doc = token.doc
    start = end = token.i
    while start > 0 and (doc[start - 1].like_num or doc[start - 1].text == "-") and (
        doc[start - 1].ent_type_ not in NOT_COUNTS
    ):
        start -= 1
    scales = NUMBER_SCALES
    while end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].lower_ in scales
                                  or doc[end + 1].text == "-"):
        end += 1
    return [t for t in doc[start : end + 1] if t.text != "-"]


def find_figures(ctx: Context) -> list[Figure]:
    figures: list[Figure] = []
    done: set[int] = set()
    for token in ctx.tokens:
        if token.i in done:
            continue
        vague = ctx.lowers[token.i] in VAGUE
        if not (token.like_num or vague) or token.pos_ not in {"NUM", "NOUN", "PRON"}:
            continue
        if token.ent_type_ in NOT_COUNTS or is_money(token):
            continue
        numbers = number_tokens(token) if not vague else [token]
        parsed = parse_number(" ".join(t.text for t in numbers))
        if parsed is None:
            continue
        done.update(t.i for t in numbers)
        head = numbers[-1]
        figure = figure_for(ctx, head, parsed, numbers, figures)
        if figure is not None:
            figures.append(figure)
    return figures


def figure_for(ctx: Context, num: Token, parsed: tuple[int, str], numbers: list[Token],
               previous: list[Figure]) -> Figure | None:
    """The casualty figure whose count is ``num`` (``numbers`` its words), if a
    casualty word is tied to it and not negated."""
    count, implied = parsed
    noun, anchor = counted_noun(num)
    casualty, trigger = casualty_trigger(num, noun, anchor)
    if casualty is None or trigger is None:
        return None
    if trigger.dep_ == "amod" and num.lower_ in VAGUE and trigger.head == noun:
        return None  # "thousands of displaced families": a description, not a count
    if is_negated(trigger, noun):
        return None
    victims = victims_of(noun) if noun != num else None
    if victims is None:
        victims = inherited_victims(num, previous) or "People"
    before = [t.text for t in num.doc[max(num.sent.start, numbers[0].i - 3) : numbers[0].i]]
    qualifier = qualifier_before(before) or implied
    left = min(t.idx for t in (*numbers, noun, trigger))
    qual_start = numbers[0].i - len(_qualifier_words(before, qualifier != implied))
    left = min(left, num.doc[max(qual_start, 0)].idx)
    right = max(t.idx + len(t.text) for t in (*numbers, noun, trigger))
    places = _places_near(ctx, trigger)
    return Figure(span=Span(left, right), count=count,
                  qualifier=one_of(qualifier, COUNT_QUALIFIERS),
                  casualty=one_of(casualty, CASUALTY_TYPES),
                  victims=one_of(victims, VICTIM_TYPES), places=places, confidence=0.8)


def counted_noun(num: Token) -> tuple[Token, Token]:
    """What a number counts ("19 civilians", "dozens of people": the people), and the
    token whose place in the clause ties the count to a verb."""
    noun = num.head if num.dep_ in {"nummod", "quantmod"} and num.head.pos_ in {
        "NOUN", "PROPN", "ADJ"} else num
    anchor = noun
    if noun == num:
        for prep in num.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and victims_of(pobj):
                        noun = pobj
    return noun, anchor


Found = tuple[str | None, Token | None]


def casualty_trigger(num: Token, noun: Token, anchor: Token) -> Found:
    """The casualty type and the word that says it, looked for from the noun out."""
    # the noun itself: "19 dead", "200 deaths", "60 injured"
    if noun != num and casualty_of(noun):
        return casualty_of(noun), noun
    # a participle on the noun: "19 civilians killed", "wounded soldiers"
    for child in noun.children:
        if child.dep_ in {"acl", "amod", "relcl"} and casualty_of(child):
            return casualty_of(child), child
    casualty, trigger = verb_casualty(anchor)
    if casualty is not None:
        return casualty, trigger
    return toll_casualty(num)


def verb_casualty(anchor: Token) -> Found:
    """The counted noun is subject or object of a casualty verb: "200 people have
    been killed", "forced 150,000 from their homes", "took 17 soldiers prisoner"."""
    if anchor.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"}:
        return None, None
    verb = anchor.head
    if verb.dep_ in {"xcomp", "acomp"} and casualty_of(verb) is None:
        verb = verb.head
    if casualty_of(verb):
        return casualty_of(verb), verb
    if forced_out(verb):
        return "Displaced", verb
    if verb.lemma_.lower() == "take" and any(
            c.lemma_.lower() in CAPTIVE_NOUNS for c in verb.children):
        return "Captured", verb
    found: Found = (None, None)
    for child in verb.children:
        if child.dep_ in {"acomp", "oprd", "xcomp"} and casualty_of(child):
            found = casualty_of(child), child  # the last one: "were found dead"
    return found


def toll_casualty(num: Token) -> Found:
    """"the death toll rose to 45", "puts the number of people displaced at 1 million"."""
    toll = toll_head(num)
    if toll is None:
        return None, None
    kinds = [casualty_of(t) for t in toll.subtree if t != toll and casualty_of(t)]
    own = COUNT_NOUN_CASUALTIES.get(toll.lemma_.lower())
    if kinds or own:
        return (kinds[0] if kinds else own), toll
    return None, None


def _qualifier_words(before: list[str], has: bool) -> list[str]:
    if not has:
        return []
    tail = " ".join(w.lower() for w in before)
    for phrase, _ in QUALIFIERS:
        if tail.endswith(phrase):
            return phrase.split()
    return []


def toll_head(num: Token) -> Token | None:
    """The count noun a number is the value of: "the toll rose to 45", "put the
    number of people displaced at a million" (a few steps up the tree)."""
    head = num.head
    for _ in range(5):
        if head.lemma_.lower() in COUNT_NOUNS:
            return head
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.lemma_.lower() in \
                    COUNT_NOUNS:
                return child  # "the toll rose to 45", "puts the toll at 45"
        if head.head == head:
            break
        head = head.head
    return None


def inherited_victims(num: Token, previous: list[Figure]) -> str | None:
    """"19 civilians killed and 60 injured": the 60 are civilians too."""
    sent = num.sent
    for figure in reversed(previous):
        if sent.start_char <= figure.span.start < num.idx:
            return figure.victims
    return None


def _places_near(ctx: Context, trigger: Token) -> list[str]:
    keys: list[str] = []
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "near", "around"}:
            for pobj in prep.children:
                for key in ctx.resolve(pobj, for_role="place"):
                    if ctx.entities[key].type in {"Place", "Country"} and key not in keys:
                        keys.append(key)
    return keys
