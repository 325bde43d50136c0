"""Whole names: a gazetteer match must cover the whole name the text gives.

The EntityRuler matches gazetteer names wherever they occur, also inside a
longer name: "Abbas" (Mahmoud Abbas) in "Abbas Araqchi", "Wagner" (the Wagner
Group) in "Therese Kayikwamba Wagner", "Republic of Congo" in "Democratic
Republic of Congo", "Sudan" in "Port Sudan". A corpus graph multiplies such
a wrong node in every article, so the run of name words around a match is
read first: if the gazetteer knows the whole name (also without its "the":
"Democratic Republic of the Congo") it is that entry; if it is a known
person's full name ("Abbas Araqchi" and Abbas Araghchi, whose names hold
both words) it is that person; otherwise it is a new entity named in full,
and the shorter match is not used.

A known person's name extends both ways; other matches only take words in
front ("Port Sudan"), so "UN Secretary-General" stays the UN's.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..link.gazetteer import Gazetteer, GazetteerEntry
from ..model import EntityType
from . import lexicon
from .context import Context

# Words that precede a name without being part of it.
NOT_NAME_WORDS = lexicon.HONORIFICS | lexicon.PERSON_TITLES | lexicon.TITLE_NOUNS | {
    "southern", "northern", "eastern", "western", "central", "south", "north", "east",
    "west", "mr", "mrs", "ms", "dr", "sir", "the"}
NAME_TYPES = {"Person", "Organization", "MediationGroup"}


def whole_names(ctx: Context) -> dict[int, Span]:
    """Each token of a longer name around a gazetteer match -> the whole name."""
    found: dict[int, Span] = {}
    for ent in ctx.doc.ents:
        entry = ctx.gaz.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is None or ent.label_ == "NORP" or ent.start in found:
            continue
        if ctx.is_headline(ent.sent):
            continue  # "Aliyev Rejects Talks": title case is not a name
        name = extend(ent, entry)
        if name is not None:
            for i in range(name.start, name.end):
                found[i] = name
    return found


def extend(ent: Span, entry: GazetteerEntry) -> Span | None:
    """The run of name words around ``ent``, when it is longer than ``ent``.

    Before a person's name only words tagged as a person's name count (not
    "Secretary of State" Mike Pompeo); before other names, any capitalised
    name word ("Anna" Wagner, "Port" Sudan, "Democratic" Republic of Congo);
    after a person's, any."""
    doc = ent.doc
    start, end = ent.start, ent.end
    persons_only = entry.type == "Person"
    while start > 0 and name_word(doc[start - 1], persons_only) and (
            "\n" not in doc[start - 1].whitespace_):
        start -= 1
    if entry.type == "Person":
        while end < len(doc) and name_word(doc[end], False) and (
                "\n" not in doc[end - 1].whitespace_):
            end += 1
    if (start, end) == (ent.start, ent.end):
        return None
    return doc[start:end]


def name_word(token: Token, persons_only: bool) -> bool:
    """A capitalised proper noun that is not a title: unrecognised, part of a
    person's name, or a person's or organisation's gazetteer name."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.lower_ in NOT_NAME_WORDS:
        return False
    if token.ent_type_ == "PERSON":
        return True
    if persons_only:
        return False
    return token.ent_type_ == "" or (token.ent_type_ in {"GPE", "LOC", "ORG"}
                                     and not token.ent_id_)


def whole_name_entry(ctx: Context, name: Span) -> GazetteerEntry | None:
    """The gazetteer entry the whole name is: by name (loosely), or the known
    person among the matches inside whose names hold every word of it."""
    entry = ctx.gaz.lookup(name.text) or ctx.gaz.lookup_loose(name.text)
    if entry is not None:
        return entry
    words = {w.lower() for w in name.text.split()}
    for token in name:
        inner = ctx.gaz.get(token.ent_id_) if token.ent_id_ else None
        if inner is None or inner.type != "Person":
            continue
        known = {w.lower() for n in inner.names for w in n.split()}
        if words <= known:
            return inner
    return None


def whole_name_type(ctx: Context, name: Span) -> EntityType:
    """A new entity's type: a person if a title precedes it or any word is a
    person's name, else the inner match's type (a country's name inside a
    longer one is a place)."""
    types = [entry.type for t in name if (entry := ctx.gaz.get(t.ent_id_)) is not None]
    titled = name.start > 0 and name.doc[name.start - 1].lower_ in (
        lexicon.PERSON_TITLES | lexicon.HONORIFICS)  # "Deputy minister Anna Wagner"
    if titled or any(t.ent_type_ == "PERSON" for t in name) or "Person" in types:
        return "Person"
    inner = types[0] if types else "Place"
    return inner if inner in NAME_TYPES else "Place"


def separate_people(ctx: Context, name: Span) -> bool:
    """"Erdogan Putin" in a list without commas: two known people, each in full."""
    ids = {t.ent_id_ for t in name}
    return "" not in ids and all(
        (entry := ctx.gaz.get(i)) is not None and entry.type == "Person" for i in ids
    ) and len(ids) > 1


def shared_name_entry(ctx: Context, name: str) -> GazetteerEntry | None:
    """The entry a name that two entries carry means in this article ("Congo":
    the Republic of the Congo or the DR Congo): the one whose own clues the
    article names (its other names, capital, places, people and groups of
    it: "Kinshasa", "Goma", "Tshisekedi"), if only one has any. A clue inside
    another candidate's longer name does not count ("Republic of Congo" in
    "Democratic Republic of Congo"). None when the article does not say: a
    wrong link is worse than none."""
    candidates = ctx.gaz.sharing(name)
    text = ctx.article.text
    found: list[tuple[int, int, str]] = []
    for entry in candidates:
        for clue in clues(ctx.gaz, entry):
            found += [(m.start(), m.end(), entry.id)
                      for m in re.finditer(rf"(?<!\w){re.escape(clue)}(?!\w)", text)]
    named = {owner for start, end, owner in found
             if not any(s <= start and end <= e and e - s > end - start and other != owner
                        for s, e, other in found)}
    return ctx.gaz.get(named.pop()) if len(named) == 1 else None


def clues(gaz: Gazetteer, entry: GazetteerEntry) -> set[str]:
    """Names that point to ``entry`` alone: its own unshared names, capital and
    metonyms, and the unshared names of what belongs to it."""
    own = [*entry.names, entry.capital or "", *entry.metonyms]
    own += [n for other in gaz.entries.values() if other.country == entry.id
            for n in other.names]
    own += [" ".join(w for w in n.split() if w != "the") for n in own]  # "Republic of Congo"
    return {n for n in own if len(n) > 2 and not gaz.is_shared_name(n)}
