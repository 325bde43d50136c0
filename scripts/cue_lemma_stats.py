"""How often each word, by lemma and part of speech, is an attribution cue.

For every token of a brat corpus (parsed with newsgraph's own pipeline) whose
lemma is ever the head of a gold cue: how many times it occurs, how many of
those are inside a gold cue, and the dependency labels it has as a cue. Prints
statistics only. It sized the cue lexicon (src/newsgraph/data/lexicons/en/cues.tsv)
from PolNeAR's train split:

    python scripts/cue_lemma_stats.py /work/shared/polnear/train [--min 5]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from newsgraph.evaluate.brat import read_brat
from newsgraph.nlp import parse_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min", type=int, default=5, help="least number of cue uses")
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    args = parser.parse_args()
    articles = read_brat(args.corpus)
    occurs: Counter[tuple[str, str]] = Counter()
    as_cue: Counter[tuple[str, str]] = Counter()
    deps: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for article, doc in zip(articles, parse_texts(a.text for a in articles), strict=True):
        inside: set[int] = set()
        for att in article.attributions:
            for b, e in att.cue:
                span = doc.char_span(b, e, alignment_mode="expand")
                if span is not None:
                    inside.update(t.i for t in span if not t.is_punct or t.text == ":")
        for tok in doc:
            key = (tok.lemma_.lower(), tok.pos_)
            occurs[key] += 1
            if tok.i in inside:
                as_cue[key] += 1
                deps[key][tok.dep_] += 1
    table = []
    for key, cue in as_cue.most_common():
        if cue < args.min:
            break
        table.append({"lemma": key[0], "pos": key[1], "cue": cue, "occurs": occurs[key],
                      "ratio": round(cue / occurs[key], 3),
                      "deps": dict(deps[key].most_common(4))})
        print(f"{cue:6d} {occurs[key]:6d} {cue / occurs[key]:5.2f}  {key[0]:<16} {key[1]:<6}"
              f" {dict(deps[key].most_common(4))}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
