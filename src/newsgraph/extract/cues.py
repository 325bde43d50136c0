"""The attribution cue lexicon (``data/lexicons/cues.tsv``), loaded once.

The word list is data, not code: each cue word with its part of speech, its
frame, the statement type it signals and what it needs around it to count as
a cue (see the file's header). Sized from cue statistics of real news
(``scripts/cue_stats.py``), it holds general English reporting vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

CUES_PATH = Path(__file__).resolve().parent.parent / "data" / "lexicons" / "cues.tsv"
NEEDS = {"none", "clause", "object", "quote", "call", "out", "about", "to", "for", "nominal",
         "state", "as", "document"}


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    frame: str
    type: str
    needs: str


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """(lemma, coarse part of speech) -> cue; a malformed line is an error
    naming the line, so a bad edit of the data file fails at once."""
    table: dict[tuple[str, str], Cue] = {}
    for number, line in enumerate(CUES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[4] not in NEEDS:
            raise ValueError(f"{CUES_PATH}:{number}: expected lemma, pos, frame, type, needs")
        cue = Cue(*fields)
        table[(cue.lemma, cue.pos)] = cue
    return table


def cue_of(token: Token) -> Cue | None:
    """The lexicon entry of a token: verbs (and auxiliaries the tagger took for
    verbs) by their verb lemma, nouns by their noun lemma."""
    pos = "VERB" if token.pos_ in {"VERB", "AUX"} else token.pos_
    return cue_lexicon().get((token.lemma_.lower(), pos))


SOURCE_HEADS_PATH = CUES_PATH.with_name("source_heads.txt")


@lru_cache(maxsize=1)
def source_heads() -> frozenset[str]:
    """Nouns that can head a source description ("analysts", "the poll")."""
    lines = SOURCE_HEADS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
