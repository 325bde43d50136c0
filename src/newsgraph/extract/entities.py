"""Entities: actors and places from named entities, the gazetteer and acronyms.

Named-entity spans become entities: gazetteer entries by id, unknown names
by label (a surname joins the person already named in full). Demonyms are
remembered per token (they name a state when they modify an actor noun,
which resolution decides). A long name followed by a known acronym in
parentheses is the acronym's entity, even when the long form is wrong
("Organization for Cooperation and Development in Europe (OSCE)").
"""

from __future__ import annotations

from spacy.tokens import Span

from ..link.gazetteer import GazetteerEntry, normalise
from ..model import Entity, EntityType
from . import lexicon
from .context import Context, slug
from .names import (
    separate_people,
    shared_name_entry,
    whole_name_entry,
    whole_name_type,
    whole_names,
)
from .placement import in_dateline, is_locative, located, part_of_a_title

SKIP_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE",
               "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
DIRECTIONS = {
    "southern": "South", "northern": "North", "eastern": "East", "western": "West",
    "central": "Central", "south": "South", "north": "North", "east": "East", "west": "West",
}
TYPE_FOR_LABEL: dict[str, EntityType] = {
    "PERSON": "Person", "GPE": "Place", "LOC": "Place", "ORG": "Organization", "FAC": "Place"}


def find_entities(ctx: Context) -> None:
    absorbed = acronym_expansions(ctx)
    find_named_entities(ctx, absorbed)
    titled_names(ctx)


def find_named_entities(ctx: Context, absorbed: set[int]) -> None:
    doc = ctx.doc
    names, done = whole_names(ctx), set[int]()
    for ent in doc.ents:
        if ent.label_ in SKIP_LABELS or ent.start in absorbed:
            continue
        inside = next((names[i] for i in range(ent.start, ent.end) if i in names), None)
        if inside is not None and ent.label_ != "NORP" and name_in_full(ctx, inside, done):
            continue
        entry = ctx.gaz.get(ent.ent_id_) if ent.ent_id_ else None
        if ent.label_ == "NORP":
            demonym(ctx, ent, entry)
            continue
        if ent.end < len(doc) - 1 and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in {
                "based", "born", "made"}:
            continue  # "a Britain-based monitor": where it sits, not who acts
        label = strip_determiner(ent)
        entry = name_entry(ctx, ent, label, entry)
        region = directional_region(ent)
        if region is not None:
            entity = named_entity(ctx, region.text, "Place", confidence=0.6)
            ctx.mention_span(entity.key, region)
        elif entry is not None and entry.type == "Person" and other_first_name(ent, entry):
            # "Turki al-Maliki" is not the gazetteer's "Riyad al-Maliki"
            name = full_name(ent)
            entity = named_entity(ctx, name.text, "Person", key=same_person(ctx, name.text),
                                  confidence=0.6)
            ctx.mention_span(entity.key, name)
        elif entry is not None:
            known_name(ctx, ent, label, entry)
        else:
            unknown_name(ctx, ent, label)


def demonym(ctx: Context, ent: Span, entry: GazetteerEntry | None) -> None:
    """"Armenian": remembered per token; a mention of the state where it refers
    to it ("the Armenian army")."""
    if entry is not None and entry.type == "Country":
        for i in range(ent.start, ent.end):
            ctx.demonym_key[i] = entry.id
        ctx.entity_from_gazetteer(entry)
        if names_the_state(ent):
            ctx.add_mention(entry.id, ent.start_char, ent.end_char)


def name_entry(ctx: Context, ent: Span, label: Span, entry: GazetteerEntry | None
               ) -> GazetteerEntry | None:
    """The gazetteer entry of a name: the ruler's, or by name; a name two entries
    share ("Congo") is the one the article's other names point to, or none."""
    if ctx.gaz.is_shared_name(label.text):
        return shared_name_entry(ctx, label.text)
    return entry or ctx.gaz.lookup(ent.text)


def known_name(ctx: Context, ent: Span, label: Span, entry: GazetteerEntry) -> None:
    """A gazetteer name: its entry, or the government a seat of government
    stands for ("Baku said"), or a place where the name is only a seat."""
    government = ctx.gaz.metonym(ent.text)
    named = normalise(ent.text) in {normalise(n) for n in entry.names}
    if government is not None and government.id != entry.id and not (
            is_locative(ent) or in_dateline(ctx, ent)):
        # "Baku said", "accused Moscow", "the Kremlin denied": the government
        entry = government
    elif not named:
        # a seat of government used as a place: "talks in Muscat"
        entity = named_entity(ctx, label.text, "Place", confidence=0.7)
        ctx.affiliation.setdefault(entity.key, entry.id)
        ctx.mention_span(entity.key, label)
        return
    entity = ctx.entity_from_gazetteer(entry)
    if entry.qid is None:
        ctx.name_as_written(entity.key, label)
    elif len(label.text.split()) > 1 and label.text not in (entity.label, *entity.aliases):
        entity.aliases.append(label.text)  # the article's spelling, for readers
    ctx.mention_span(entity.key, ent)


def unknown_name(ctx: Context, ent: Span, label: Span) -> None:
    """A name the gazetteer does not know: typed by the NER, corrected by its
    syntactic role, joined to the same name met before."""
    type_ = TYPE_FOR_LABEL.get(ent.label_)
    if type_ is None or len(label.text.strip().rstrip(".")) <= 1:
        return  # "a post on X.": a letter is not a name
    shared = {e.type for e in ctx.gaz.sharing(label.text)}
    if len(shared) == 1:
        type_ = shared.pop()  # "Congo", which of the two unsaid, is still a country
    if type_ in {"Person", "Organization"} and (located(ent) or in_dateline(ctx, ent)):
        type_ = "Place"  # "fled Goma", "in El Fasher": the NER's person or group is a place
    if normalise(label.text) in {normalise(n) for n in (ctx.article.publisher,
                                                         ctx.article.agency) if n}:
        type_ = "Organization"  # "(Nile Wire)": the publisher or agency the metadata names
    if type_ == "Organization" and ent.root.lemma_.lower() in lexicon.STATE_BODY_HEADS:
        return  # "the health ministry": named after its state by resolution
    if part_of_a_title(ent):
        return  # "Secretary of State Mike Pompeo": "State" is no organisation
    if ent.root.lemma_.lower() in lexicon.FORMAT_HEADS:
        return  # "the Black Sea Grain Initiative": a format, found by mediation rules
    key = same_person(ctx, label.text) if type_ == "Person" else same_name(ctx, label.text)
    entity = named_entity(ctx, label.text, type_, key=key, confidence=0.6)
    ctx.mention_span(entity.key, label)


def titled_names(ctx: Context) -> None:
    """A proper name in apposition to a title is a person, even when the NER
    missed it: "the UN special envoy for Sudan, Ramtane Lamamra"."""
    doc = ctx.doc
    for token in ctx.tokens:
        if token.dep_ != "appos" or token.pos_ != "PROPN" or token.i in ctx.token_key:
            continue
        title = token.head
        while title.dep_ in {"pobj", "prep"} and title.head != title:
            title = title.head  # "the envoy for Sudan, X": apposition hung on "Sudan"
        if title.lemma_.lower() not in lexicon.PERSON_TITLES:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == (
                "compound") and doc[start - 1].i not in ctx.token_key:
            start -= 1
        name = doc[start : token.i + 1]
        if len(name) < 2 or not all(t.text[:1].isupper() for t in name):
            continue
        entity = named_entity(ctx, name.text, "Person", key=same_person(ctx, name.text),
                       confidence=0.5)
        ctx.mention_span(entity.key, name)


def name_in_full(ctx: Context, name: Span, done: set[int]) -> bool:
    """Make the entity of a whole name around a gazetteer match (see names.py);
    False when the words are two known people side by side."""
    if name.start in done:
        return True
    entry = whole_name_entry(ctx, name)
    if entry is None and separate_people(ctx, name):
        return False
    done.add(name.start)
    if entry is not None:
        entity = ctx.entity_from_gazetteer(entry)
        if entry.qid is None:
            ctx.name_as_written(entity.key, name)
    else:
        type_ = whole_name_type(ctx, name)
        key = same_person(ctx, name.text) if type_ == "Person" else same_name(ctx, name.text)
        entity = named_entity(ctx, name.text, type_, key=key, confidence=0.6)
    ctx.mention_span(entity.key, name)
    return True








def named_entity(ctx: Context, label: str, type_: EntityType, *, key: str | None = None,
          confidence: float = 0.6) -> Entity:
    """An entity the text names (not a description), so it may be the same
    node in other articles. A full name met after its surname alone becomes
    the label ("Aliyev said ... Ilham Aliyev"): the article's canonical name
    must not depend on which form came first."""
    entity = ctx.add_entity(label, type_, key=key or free_key(ctx, label),
                            confidence=confidence)
    entity.named = True
    if (type_ == "Person" and entity.gazetteer_id is None
            and len(label.split()) > len(entity.label.split())
            and label.split()[-1].lower() == entity.label.split()[-1].lower()):
        if entity.label not in entity.aliases:
            entity.aliases.append(entity.label)
        entity.label, entity.type = label, "Person"
    return entity


def free_key(ctx: Context, label: str) -> str:
    """The key of a name the gazetteer does not resolve: its slug, unless that
    is the id of an entry the name does not name ("Congo" is not the entry
    ``congo``, the Republic of the Congo, whose names it only shares)."""
    key = slug(label)
    entry = ctx.gaz.get(key)
    if entry is None or (normalise(label) in {normalise(n) for n in entry.names}
                         and not ctx.gaz.is_shared_name(label)):
        return key
    return f"{key}_name"


def misread_surname(entity: Entity, words: list[str]) -> bool:
    """"Varga said ..." tagged an organisation, then "Tomas Varga": the surname
    of the full name met later (one capitalised word, not a gazetteer name)."""
    return (len(words) > 1 and entity.gazetteer_id is None and " " not in entity.label
            and entity.type in {"Organization", "Group"} and entity.label == words[-1])


def strip_determiner(ent: Span) -> Span:
    """The name without a leading article, trailing punctuation or line breaks
    (the NER can take a headline's "\n\n" into "El Fasher")."""
    start = ent.start
    while start < ent.end - 1 and (ent.doc[start].lower_ in {"the", "a", "an"}
                                   or ent.doc[start].is_space):
        start += 1
    end = ent.end
    while end > start + 1 and (ent.doc[end - 1].is_punct or ent.doc[end - 1].is_space):
        end -= 1
    return ent.doc[start:end]


def same_person(ctx: Context, name: str) -> str | None:
    """A surname alone, or a full name whose surname was seen alone, is one
    person; two full names with different first names ("Joe Biden", "Hunter
    Biden") are two."""
    words = name.split()
    last = words[-1].lower()
    for entity in ctx.entities.values():
        if entity.label.split()[-1].lower() != last:
            continue
        if entity.type != "Person" and not misread_surname(entity, words):
            continue
        if len(words) > 1 and len(entity.label.split()) > 1 and (
                normalise(entity.label) != normalise(name)):
            continue
        return entity.key
    return slug(name)


def names_the_state(ent: Span) -> bool:
    """"Turkish President Erdogan", "the Israeli army", "Syrian territory": the
    demonym refers to the state; "Russian-made" or "French fries" do not."""
    head = ent.root.head
    if head == ent.root or ent.root.dep_ not in {"amod", "compound", "nmod", "npadvmod"}:
        return False
    lemma = head.lemma_.lower()
    return head.pos_ == "PROPN" or lemma in lexicon.TITLE_NOUNS | lexicon.FORCE_HEADS | (
        lexicon.STATE_BODY_HEADS) | lexicon.SOURCE_NOUNS


def other_first_name(ent: Span, entry) -> bool:
    """A known surname after a first name that is not the known person's."""
    if ent.start == 0 or len(ent.text.split()) > 1:
        return False
    prev = ent.doc[ent.start - 1]
    if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.ent_type_ not in {
            "", "PERSON"}:
        return False
    if prev.lower_ in lexicon.HONORIFICS or prev.ent_id_:
        return False  # "Erdogan Putin talks": a known name, not a first name
    return all(prev.text not in name.split() for name in entry.names)


def full_name(ent: Span) -> Span:
    start = ent.start
    while start > 0 and ent.doc[start - 1].pos_ == "PROPN" and ent.doc[start - 1].text[
            :1].isupper() and ent.doc[start - 1].lower_ not in lexicon.HONORIFICS:
        start -= 1
    return ent.doc[start : ent.end]


def initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF"; lower-case words ("for", "of") do not count."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def same_name(ctx: Context, name: str) -> str | None:
    """"Houthi" and "Houthis", "Taliban" and "the Taliban", an acronym and the
    long form it was given for: one entity."""
    wanted = normalise(name).rstrip("s")
    for entity in ctx.entities.values():
        if any(normalise(n).rstrip("s") == wanted for n in (entity.label, *entity.aliases)):
            return entity.key
    if name.isupper() and len(name) > 2:
        # "the Lake Kivu Protection Front ... the LKPF": an acronym of a name met before
        for entity in ctx.entities.values():
            if entity.type in {"Organization", "Group"} and initials(entity.label) == name:
                return entity.key
    if " " not in name.strip():
        # a surname the tagger took for an organisation: "Amara Okonkwo" ... "Okonkwo"
        for entity in ctx.entities.values():
            if entity.type != "Place" and " " in entity.label and (
                    entity.label.split()[-1] == name.strip()):
                return entity.key
    return None




def directional_region(ent: Span) -> Span | None:
    """"the southern Caucasus" is a region of its own, not the Caucasus."""
    if ent.start == 0:
        return None
    prev = ent.doc[ent.start - 1]
    if prev.lower_ in DIRECTIONS and prev.dep_ in {"amod", "compound"} and ent.label_ in {
        "GPE", "LOC"
    }:
        return ent.doc[prev.i : ent.end]
    return None


def acronym_expansions(ctx: Context) -> set[int]:
    """Long forms followed by "(ACRONYM)" of a known entity become its mentions;
    an unknown acronym made of the long form's initials joins it."""
    doc = ctx.doc
    absorbed: set[int] = set()
    ents = list(doc.ents)
    for idx, ent in enumerate(ents):
        if ent.label_ != "ORG" or ent.ent_id_:
            continue
        # find "( ACR )" within the next few tokens
        j = ent.end
        while j < len(doc) and j < ent.end + 4 and doc[j].text != "(":
            j += 1
        if j + 2 >= len(doc) or doc[j].text != "(" or doc[j + 2].text != ")":
            continue
        acronym = doc[j + 1]
        entry = ctx.gaz.lookup(acronym.text)
        long_form = strip_determiner(doc[ent.start : j])
        if not acronym.text.isupper() or len(acronym.text) < 2:
            continue
        if entry is not None:
            entity = ctx.entity_from_gazetteer(entry)
        elif initials(long_form.text) == acronym.text:
            # "the Rapid Support Forces (RSF)": one group, "RSF" later is the same
            entity = named_entity(ctx, long_form.text, "Organization", confidence=0.7)
            if acronym.text not in entity.aliases:
                entity.aliases.append(acronym.text)
        else:
            continue
        ctx.add_mention(entity.key, long_form.start_char, long_form.end_char,
                        range(long_form.start, long_form.end))
        if long_form.text not in entity.aliases:
            entity.aliases.append(long_form.text)
        for other in ents[idx:]:
            if other.start < j:
                absorbed.add(other.start)
    return absorbed
