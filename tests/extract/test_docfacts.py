"""The per-document facts the rules share (:mod:`newsgraph.extract.docfacts`) give the
same answers as spaCy's own attributes they stand in for."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsgraph.extract.context import acts_as_verb
from newsgraph.extract.docfacts import facts, span_text
from newsgraph.nlp import load_pipeline

TEXTS = [
    "Harbour talks\n\nThe mayor said the ferry would sail at dawn.  Critics were told "
    "to wait.\n\n\u201cWe will not give up,\u201d a fisherman said. Dr. Ilse Varga, the "
    "envoy, arrived   late.",
    "The villagers control the ford. \u00a0Two bridges were washed away\n",
    "Nothing here.",
]


@pytest.fixture(scope="module", params=TEXTS)
def doc(request: pytest.FixtureRequest) -> Doc:
    return load_pipeline()(request.param)


def test_span_text_is_the_span_text(doc: Doc) -> None:
    spans = [*doc.sents, *doc.ents, doc[1:4], doc[len(doc) - 2:]]
    assert spans
    for span in spans:
        assert span_text(span) == span.text


def test_subject_heads_are_the_tokens_with_a_subject(doc: Doc) -> None:
    expected = {t.i for t in doc
                if any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)}
    assert facts(doc).subject_heads == expected


def test_lemmas_and_forms_per_token(doc: Doc) -> None:
    found = facts(doc)
    assert found.lemmas == [t.lemma_.lower() for t in doc]
    assert found.lowers == [t.lower_ for t in doc]
    assert found.lemma_set == set(found.lemmas)
    assert facts(doc) is found  # made once per document


def test_the_facts_do_not_keep_the_document_alive() -> None:
    """Kept beside the document, not in ``Doc.user_data`` (where its tokens would make a
    reference cycle with it, and the document would outlive its article)."""
    import gc
    import weakref

    first = load_pipeline()("The crew said the pier was closed.")
    assert facts(first).lemmas
    assert not first.user_data
    gone = weakref.ref(first)
    facts(load_pipeline()("Another text."))  # the next document replaces it
    gc.disable()
    try:
        del first
        assert gone() is None  # freed by reference counting, no collection needed
    finally:
        gc.enable()


def test_a_noun_heading_a_clause_with_a_subject_acts_as_a_verb() -> None:
    doc = load_pipeline()("The villagers control the ford.")
    control = next(t for t in doc if t.lower_ == "control")
    assert acts_as_verb(control) == (control.pos_ == "VERB" or (
        control.i in facts(doc).subject_heads and control.tag_ in {"NN", "NNS"}))
    assert acts_as_verb(control)
    ford = next(t for t in doc if t.lower_ == "ford")
    assert not acts_as_verb(ford)
