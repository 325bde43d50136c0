"""The attribution cue lexicon (``data/lexicons/en/cues.tsv``), loaded once.

The word list is data, not code: each cue word with its part of speech, its
frame (one list per frame), the statement type it signals and what it needs
around it to count as a cue (see the file's header). Sized from cue
statistics of real news (``scripts/cue_stats.py``), it holds general English
reporting vocabulary. The file is read by the one lexicon loader
(:mod:`newsgraph.extract.lexicons`), like every other word list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..model import STATEMENT_TYPES, StatementType, one_of
from . import lexicons

NEEDS = {"none", "clause", "object", "quote", "call", "out", "about", "to", "for", "nominal",
         "state", "as", "document", "adverb"}


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    frame: str
    type: StatementType
    needs: str


def _frames() -> dict[str, tuple[lexicons.Entry, ...]]:
    """Each frame's list: what kind of attribution its cues make."""
    return {"speech": lexicons.entries("speech_cue"),
            "cognition": lexicons.entries("cognition_cue"),
            "stance": lexicons.entries("stance_cue"),
            "evidence": lexicons.entries("evidence_cue"),
            "intention": lexicons.entries("intention_cue")}


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """(lemma, coarse part of speech) -> cue; a cue without a statement type or
    with an unknown need is an error naming its line, so a bad edit of the data
    file fails at once, as does a lemma given in two frames."""
    table: dict[tuple[str, str], Cue] = {}
    for frame, rows in _frames().items():
        for row in rows:
            if row.signals is None or row.condition not in NEEDS:
                raise ValueError(f"lexicon {row.where}: a cue needs a statement type and "
                                 f"one of {sorted(NEEDS)}")
            if (row.entry, row.pos) in table:
                raise ValueError(f"lexicon {row.where}: {row.entry!r} is in two frames")
            table[(row.entry, row.pos)] = Cue(row.entry, row.pos, frame,
                                              one_of(row.signals, STATEMENT_TYPES),
                                              row.condition)
    return table


def cue_of(token: Token) -> Cue | None:
    """The lexicon entry of a token: verbs (and auxiliaries the tagger took for
    verbs) by their verb lemma, nouns by their noun lemma."""
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else token.pos_
    return cue_lexicon().get((token.lemma_.lower(), pos))


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Every lemma with an entry in the lexicon: a word whose lemma is not one has none."""
    return frozenset(lemma for lemma, _ in cue_lexicon())


def source_heads() -> frozenset[str]:
    """Nouns that can head a source description ("analysts", "the poll")."""
    return lexicons.words("source_head")
