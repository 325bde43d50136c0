"""Pathological input reaches spaCy in a form it parses in linear time, with
every offset still indexing the stored text (spaCy's parser takes quadratic time on
long runs of punctuation). Sentences written for these tests."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsgraph
from newsgraph.model import Article
from newsgraph.nlp import MAX_SENTENCE_TOKENS, parse, tokenizable

from .hypothesis_profiles import examples

PROSE = ("Officials in Riverton said on Monday that the bridge would reopen. "
         "\u201cWe are ready,\u201d the mayor told reporters (after a long meeting).")


def test_prose_reaches_spacy_unchanged():
    assert tokenizable(PROSE) == PROSE


@given(st.text(alphabet=st.sampled_from('"()!?.,-*_ a\n\u201c\u0645x'), max_size=3000))
@examples(test=200, fuzz=2000)
def test_the_view_has_the_same_length_and_keeps_every_letter_of_short_stretches(text):
    view = tokenizable(text)
    assert len(view) == len(text)
    for original, seen in zip(text, view, strict=True):
        assert seen == original or seen == " "
    assert max((len(chunk) for chunk in view.split()), default=0) <= 100


def test_a_run_of_50000_quotes_is_a_handful_of_tokens():
    doc = parse(Article(identifier="q", text='"' * 50_000))
    assert len(doc) < 20
    assert doc[-1].idx + len(doc[-1]) <= 50_000


def test_a_long_run_keeps_its_first_marks_and_the_words_after_it_keep_their_offsets():
    text = "Talks failed " + ")" * 5000 + " and Goma said so."
    doc = parse(Article(identifier="p", text=text))
    goma = next(t for t in doc if t.text == "Goma")
    assert text[goma.idx:goma.idx + 4] == "Goma"
    assert len(doc) < 30


def test_a_token_thousands_of_characters_long_is_cut_into_stretches():
    doc = parse(Article(identifier="t", text="x" * 20_000 + " said the agency."))
    assert max(len(t) for t in doc) <= 100


@pytest.mark.slow
def test_a_sentence_with_no_full_stop_is_cut_at_clause_ends():
    text = "Talks went on in the town, and the army said more troops were coming, " * 200
    sentences = list(parse(Article(identifier="r", text=text)).sents)
    assert max(len(s) for s in sentences) <= MAX_SENTENCE_TOKENS + 1
    assert all(s[-1].text == "," or s.end == len(s.doc) for s in sentences[:-1])


def test_ordinary_sentences_are_not_cut():
    text = " ".join([PROSE] * 40)
    doc = parse(Article(identifier="o", text=text))
    assert all(s[-1].text in {".", "\u201d", ")"} or s.end == len(doc) for s in doc.sents)


def test_the_50000_quote_article_builds_and_conforms(tmp_path):
    source = tmp_path / "quotes.jsonl"
    source.write_text(json.dumps({"id": "quotes", "text": '"' * 50_000}) + "\n")
    result = newsgraph.build([source], tmp_path / "quotes.ttl")
    assert result.report is not None and result.report.conforms
    assert result.articles == 1
