"""Every news-like article gives a graph that conforms to the shapes.

Articles are generated from a small grammar of our own: headlines, datelines,
attributions in their common forms (speaker first, quote first, quote last,
"according to", agentless), sources that are names, titles, descriptions,
places standing for their authorities and pronouns, casualty numbers in words
and figures, and the debris scraped text carries (runs of punctuation, very
long tokens, stray line breaks). None of the sentences comes from a corpus.

200 examples under ``make test``, 5,000 under ``make fuzz``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.api import extract_article
from newsgraph.model import Article
from newsgraph.rdf import mapper
from newsgraph.validate import validate

from .hypothesis_profiles import examples

pytestmark = pytest.mark.slow  # Hypothesis runs of whole builds

FIRST = ["Mara", "Oskar", "Lena", "Tomas", "Ines", "Yusuf", "Amina", "Pavel", "Noor"]
LAST = ["Velt", "Brandl", "Kade", "Orsini", "Haddad", "Mensah", "Ivanek", "Saar", "Quist"]
TITLES = ["President", "Foreign Minister", "General", "Mr", "Ms", "Dr", "Senator"]
COUNTRIES = ["Armenia", "Sudan", "Ukraine", "Russia", "Israel", "Lebanon", "Turkey", "Iran",
             "the United States", "France", "Congo", "Yemen"]
PLACES = ["Goma", "Springfield", "Lakeside", "north Turkey", "Florida", "the capital",
          "Riverton", "Khartoum", "the border town", "New York", "El Fasher"]
GROUPS = ["the Interior Ministry", "the army", "the UN", "Hizbullah", "the rebels",
          "the Rapid Support Forces (RSF)", "the RSF", "the European Union", "Hamas",
          "the Taliban", "the Red Cross", "The Daily Ledger", "the agency"]
VAGUE = ["a senior official", "analysts", "those close to the talks", "officials",
         "a spokesman", "residents", "diplomats", "an aid worker", "witnesses", "sources"]
PRONOUNS = ["he", "she", "they", "it", "we"]
VERBS = ["said", "says", "told reporters", "claimed", "added", "warned", "insisted",
         "believes", "complained", "noted", "argued", "announced", "denied", "suggested",
         "has said", "was quoted as saying", "vowed", "predicted"]
NUMBERS = ["12", "at least 40", "more than 1,200", "dozens of", "about 3.5 million",
           "two", "nearly 300", "hundreds of", "7", "fewer than 10"]
VICTIMS = ["civilians", "people", "soldiers", "fighters", "children", "aid workers"]
OUTCOMES = ["were killed", "were wounded", "died", "were displaced", "are missing",
            "were taken prisoner"]
DAYS = ["on Monday", "on Friday", "last week", "on 3 May", "overnight", "in March 2021", ""]
PUNCT = ['"', ")", "(", "!", "?", ".", "-", "*", "\u201c", "\u201d", "'", ",", "\u2026"]

word = st.sampled_from
person = st.one_of(
    st.builds("{} {}".format, word(FIRST), word(LAST)),
    st.builds("{} {} {}".format, word(TITLES), word(FIRST), word(LAST)),
    st.builds("{} {}".format, word(TITLES), word(LAST)),
    word(LAST),
)
actor = st.one_of(person, word(COUNTRIES), word(GROUPS), word(PLACES))
source = st.one_of(actor, word(VAGUE), word(PRONOUNS))


@st.composite
def clause(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 5))
    day = draw(word(DAYS))
    if kind == 0:
        return f"{draw(word(NUMBERS))} {draw(word(VICTIMS))} {draw(word(OUTCOMES))} " \
               f"in {draw(word(PLACES))} {day}".strip()
    if kind == 1:
        return f"{draw(actor)} had shelled {draw(word(PLACES))} {day}".strip()
    if kind == 2:
        return f"{draw(actor)} broke the ceasefire {day}".strip()
    if kind == 3:
        return f"talks with {draw(actor)} would resume {day}".strip()
    if kind == 4:
        return f"{draw(actor)} is on the side of {draw(actor)}"
    return f"{draw(actor)} did not attack {draw(actor)}"


@st.composite
def sentence(draw: st.DrawFn) -> str:
    form = draw(st.integers(0, 8))
    said, who, what = draw(word(VERBS)), draw(source), draw(clause())
    if form == 0:
        return f"{who.capitalize() if who.islower() else who} {said} that {what}."
    if form == 1:
        return f"\u201c{what.capitalize()},\u201d {said} {who}."
    if form == 2:
        return f"\u201c{what.capitalize()},\u201d {who} {said}."
    if form == 3:
        return f"{who} {said}: \u201c{what.capitalize()}.\u201d"
    if form == 4:
        return f"According to {who}, {what}."
    if form == 5:
        return f"It was reported that {what}."
    if form == 6:
        return f"{draw(actor)} accused {draw(actor)} of shelling {draw(word(PLACES))}."
    if form == 7:
        return f"{draw(actor)} called for a ceasefire and urged {draw(actor)} to withdraw."
    return f"{what.capitalize()}."


debris = st.one_of(
    st.builds(lambda ch, n: ch * n, word(PUNCT), st.integers(2, 400)),
    st.builds(lambda ch, n: ch * n, st.sampled_from("ax_0\u0645"), st.integers(50, 800)),
    st.just("\n\n"), st.just(" \n - "), st.just("[ad_1]"),
)
headline = st.builds(lambda a, b: f"{a} accuses {b} as fighting spreads\n", actor, actor)
dateline = st.builds(lambda p, d: f"{p.upper()}, May {d} (Reuters) - ",
                     word(["GOMA", "KHARTOUM", "KYIV", "BEIRUT"]), st.integers(1, 28))


@st.composite
def article_text(draw: st.DrawFn) -> str:
    parts = [draw(headline)] if draw(st.booleans()) else []
    if draw(st.booleans()):
        parts.append(draw(dateline))
    for _ in range(draw(st.integers(1, 8))):
        paragraph = draw(st.lists(st.one_of(sentence(), debris), min_size=1, max_size=4))
        parts.append(" ".join(paragraph) + "\n\n")
    return "".join(parts).strip() or "Nothing happened."


@given(text=article_text(), dated=st.booleans())
@examples(test=200, fuzz=5000)
def test_news_like_articles_give_conforming_graphs(text: str, dated: bool) -> None:
    article = Article(identifier="generated", text=text,
                      date=dt.date(2023, 5, 10) if dated else None)
    report = validate(mapper.to_graph(extract_article(article)))
    assert report.conforms, report.to_text()
