"""Which words act as attribution cues in a brat corpus, and how often.

Prints statistics only (cue strings lower-cased, by frequency; how many
attributions have a source, a discontinuous cue, a cue before or after its
content), never article text beyond the cue words themselves. Used to size the
cue lexicon (src/newsgraph/data/lexicons/en/cues.tsv) from PolNeAR's train split:

    python scripts/cue_stats.py /work/shared/polnear/train [--top 150]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from newsgraph.evaluate.brat import read_brat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--top", type=int, default=150)
    args = parser.parse_args()
    cues: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    total = 0
    for article in read_brat(args.corpus):
        for att in article.attributions:
            total += 1
            words = " ".join(article.text[b:e] for b, e in att.cue)
            cues[re.sub(r"\s+", " ", words.lower().strip())] += 1
            shapes["discontinuous cue"] += len(att.cue) > 1
            shapes["no source"] += not att.source
            shapes["no content"] += not att.content
            if att.content and att.cue:
                shapes["content before cue"] += att.content[0][0] < att.cue[0][0]
            if att.source and att.cue:
                shapes["source after cue"] += att.source[0][0] > att.cue[0][0]
    print(f"attributions with a cue: {total}")
    for name, count in shapes.most_common():
        print(f"  {name}: {count} ({count / total:.1%})")
    print(f"distinct cue strings: {len(cues)}")
    covered = 0
    for cue, count in cues.most_common(args.top):
        covered += count
        print(f"{count:6d} {covered / total:6.1%}  {cue}")


if __name__ == "__main__":
    main()
