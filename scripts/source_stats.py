"""Which words head the sources of attributions in a brat corpus, and how often.

Prints statistics only: the lower-cased last word of each gold source span
before a preposition, relative pronoun or comma ("a senior official in X" ->
"official"), by frequency. It sized the source-head list of the cue lexicon
(the source_head list of src/newsgraph/data/lexicons/en/cues.tsv) from PolNeAR's train split:

    python scripts/source_stats.py /work/shared/polnear/train [--top 200]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from newsgraph.evaluate.brat import read_brat

CUT = re.compile(r"\s(?:of|in|at|for|from|with|on|who|which|that|familiar|close|,)\s.*$|,.*$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--top", type=int, default=200)
    args = parser.parse_args()
    heads: Counter[str] = Counter()
    for article in read_brat(args.corpus):
        for att in article.attributions:
            if not att.source:
                continue
            b, e = att.source[0]
            words = re.findall(r"[\w'’-]+", CUT.sub("", article.text[b:e]))
            if words:
                heads[words[-1].lower()] += 1
    for head, count in heads.most_common(args.top):
        print(f"{count:6d}  {head}")


if __name__ == "__main__":
    main()
