"""Where attribution cues are missed, by lemma and by what surrounds them.

Runs newsgraph's extraction on a sample of a brat corpus and compares its cue
spans with the gold ones. Prints two tables, statistics only:

- ``checks``: every word of the cue lexicon that gave no statement, by the rule
  that held it back (not licensed by its condition, not framed as a report, no
  speaker, ...), with how many of those held back words head a missed gold cue.
  A rule whose held-back words are gold more often than half the current F1
  costs F1: adding predictions of precision p raises F1 exactly when p > F1/2.
- ``lemmas``: verbs that gave no statement, by lemma and by the loosest
  condition of the lexicon they satisfy (``clause``, ``object``, ``none``), with
  the share of them that head a missed gold cue.

The cue conditions and the verbs added to ``data/lexicons/en/cues.tsv`` in the
attribution work of December 2026 were read from these tables on two thirds of
PolNeAR's train split (never on dev):

    python scripts/cue_context_stats.py /work/shared/polnear/train --step 3 --offset 1
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.evaluate.brat import BratArticle, read_brat
from newsgraph.extract import attribution as rules
from newsgraph.extract.context import quotation_regions
from newsgraph.model import Article
from newsgraph.nlp import parse_texts
from newsgraph.pipeline.recipe import extract_article

CONDITIONS = ("clause", "object", "none")
LOCATIVE = {"in", "at", "during", "after", "before"}


def token_set(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    found: set[int] = set()
    for begin, end in spans:
        span = doc.char_span(begin, end, alignment_mode="expand")
        if span is not None:
            found.update(t.i for t in span if not t.is_punct)
    return found


def missed_cue_words(article: BratArticle, doc: Doc,
                     predicted: list[tuple[int, int]]) -> set[int]:
    """The words of each gold cue that no predicted cue overlaps."""
    words: set[int] = set()
    for gold in article.attributions:
        if not any(b < pe and e > pb for b, e in gold.cue for pb, pe in predicted):
            words |= token_set(doc, gold.cue)
    return words


def looked_at(corpus: Path, step: int, offset: int) -> Iterator[tuple[Doc, set[int], set[int]]]:
    """Each article's parse, its predicted cue words and its missed gold cue words."""
    articles = read_brat(corpus)[offset::step]
    for article, doc in zip(articles, parse_texts(a.text for a in articles), strict=True):
        extraction = extract_article(Article(identifier="a", text=article.text), parsed=doc)
        predicted = [(s.cue_span.start, s.cue_span.end) for s in extraction.statements
                     if s.cue and s.cue_span is not None]
        yield doc, token_set(doc, predicted), missed_cue_words(article, doc, predicted)


def held_back_by(token: Token, cue: rules.Cue, quoted: list[tuple[int, int]]) -> str:
    """The first rule of the generic attribution rules that holds a cue word back."""
    if any(start <= token.idx < end for start, end in quoted):
        return "inside a quotation"
    if token.dep_ in {"amod", "aux"} or (token.dep_ == "acl" and token.tag_ == "VBN"):
        return "modifier"
    if rules.first_or_second_person(token, cue):
        return "first or second person"
    if not rules.licensed(token, cue, False):
        return f"not licensed: {cue.frame} {cue.needs}"
    if not rules.framed(token, cue):
        return "not framed"
    return "later rules (speaker, embedding, quotation)"


def condition_of(token: Token) -> str:
    deps = {c.dep_ for c in token.children}
    if deps & {"ccomp", "xcomp"}:
        return "clause"
    if deps & {"dobj", "dative", "nsubjpass"} or any(
            c.dep_ == "prep" and c.lower_ not in LOCATIVE for c in token.children):
        return "object"
    return "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--step", type=int, default=1, help="every STEP-th article")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--min", type=int, default=4, help="least number of missed gold cues")
    args = parser.parse_args()
    checks: Counter[tuple[str, bool]] = Counter()
    lemmas: Counter[tuple[str, str, bool]] = Counter()
    for doc, predicted, missed in looked_at(args.corpus, args.step, args.offset):
        quoted = quotation_regions(doc.text)
        for token in doc:
            if token.i in predicted:
                continue
            cue = rules.cue_of(token)
            if cue is not None and cue.needs != "nominal":
                checks[(held_back_by(token, cue, quoted), token.i in missed)] += 1
            if token.pos_ == "VERB":
                lemmas[(token.lemma_.lower(), condition_of(token), token.i in missed)] += 1
    print("held back by                                   gold   all  share")
    for rule in sorted({r for r, _ in checks}, key=lambda r: -checks[(r, True)]):
        gold, total = checks[(rule, True)], checks[(rule, True)] + checks[(rule, False)]
        print(f"{rule:<45} {gold:5d} {total:5d}  {gold / total:.2f}")
    print("\nlemma            condition  gold   all  share")
    for lemma, condition, is_gold in sorted(lemmas, key=lambda k: -lemmas[k]):
        gold = lemmas[(lemma, condition, True)]
        if is_gold and gold >= args.min:
            total = gold + lemmas[(lemma, condition, False)]
            print(f"{lemma:<16} {condition:<9} {gold:5d} {total:5d}  {gold / total:.2f}")


if __name__ == "__main__":
    main()
