"""Time per character of one article's build, from 1k to 100k characters.

    python benchmarks/linear_time.py [--sizes 1000 10000 100000] [--kinds ...]

For ordinary prose (the project's own articles, repeated) and for each kind of
pathological input that stalled spaCy's tokenizer or could stall a rule (runs
of one punctuation mark, mixed punctuation, one letter repeated, one token
thousands of characters long, a single sentence with no full stop), it builds
an article of each size in this process (parse, extract, link, map, validate)
and prints microseconds per character side by side, with the ratio of the
largest size's figure to the smallest's: flat time per character is a ratio
near 1 (below 1 when fixed costs dominate the small article). Writes
``benchmarks/linear-time.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from newsgraph.api import extract_article
from newsgraph.model import Article
from newsgraph.nlp import load_pipeline
from newsgraph.rdf import mapper
from newsgraph.validate import validate

ROOT = Path(__file__).resolve().parent.parent
PROSE = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(
    [*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "articles").glob("*.txt")]))


def repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def prose(n: int) -> str:
    return (PROSE * (n // len(PROSE) + 1))[:n]


def run_on(n: int) -> str:
    """One sentence with no full stop: clauses joined by commas."""
    return repeat("Talks in Goma went on, and the army said more troops were coming, ")(n)


KINDS: dict[str, Callable[[int], str]] = {
    "prose": prose,
    "quotes": repeat('"'),
    "parens": repeat(")"),
    "mixed punctuation": repeat('")(!?'),
    "one letter": repeat("a"),
    "long token": repeat("ab3x_Q"),
    "run-on sentence": run_on,
}


def seconds(text: str) -> float:
    started = time.perf_counter()
    graph = mapper.to_graph(extract_article(Article(identifier="bench", text=text)))
    validate(graph)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "linear-time.json")
    args = parser.parse_args(argv)
    load_pipeline()
    seconds(prose(2000))  # warm caches before timing
    header = "".join(f"{n:>12,}" for n in args.sizes)
    print(f"{'µs per character':<20}{header}{'ratio':>10}")
    results = {}
    for kind in args.kinds:
        per_char = [seconds(KINDS[kind](n)) / n * 1e6 for n in args.sizes]
        ratio = per_char[-1] / per_char[0]
        results[kind] = {"sizes": args.sizes, "us_per_char": [round(v, 2) for v in per_char],
                         "ratio": round(ratio, 2)}
        print(f"{kind:<20}" + "".join(f"{v:12.1f}" for v in per_char) + f"{ratio:10.2f}")
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
