"""Measure corpus identity: how many entities named in several articles are one node.

Usage: python scripts/corpus_identity.py GOLD.yaml DATA.trig [DATA...]

The gold (``tests/corpus/identity.yaml``) names, for each entity and each
article it occurs in, the words of one of its mentions there ("@publisher"
for the article's publisher). An entity is *merged* when one node carries
such a mention in every one of its articles; a *wrong merge* is a node that
does so for two different gold entities (the two Okafors, the two Georgias).
Prints merged / total over entities in two or more articles, and the wrong
merges; exits 1 when there is a wrong merge.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

import yaml
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from newsgraph.rdf.namespace import NG
from newsgraph.validate import load_data

PUBLISHER = "@publisher"


def candidates(graph: Graph, article: Node, words: str) -> set[Node]:
    """The nodes that carry a mention with exactly ``words`` in ``article``."""
    if words == PUBLISHER:
        return set(graph.objects(article, DCTERMS.publisher))
    found: set[Node] = set()
    for mention in graph.subjects(NG.anchorOf, Literal(words)):
        if (mention, NG.inArticle, article) in graph:
            found.update(graph.subjects(NG.mention, mention))
    return found


def union(dataset: Dataset) -> Graph:
    """All quads of all named graphs as one graph: a corpus node spans articles."""
    graph = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def measure(graph: Graph, gold: dict) -> dict:
    """``{"merged", "total", "split": [...], "wrong": [...], "nodes": {...}}``."""
    articles = {str(o): s for s, o in graph.subject_objects(DCTERMS.identifier)
                if (s, None, None) in graph}
    shared: dict[str, set[Node]] = {}
    split = []
    for name, occurrences in sorted(gold["entities"].items()):
        sets = []
        for identifier, words in sorted(occurrences.items()):
            if identifier not in articles:
                raise SystemExit(f"{name}: no article {identifier!r} in the data")
            sets.append(candidates(graph, articles[identifier], str(words)))
        common = set.intersection(*sets) if sets else set()
        shared[name] = common
        if len(occurrences) > 1 and not common:
            split.append(name)
    total = sum(1 for o in gold["entities"].values() if len(o) > 1)
    wrong = sorted(f"{a} = {b}" for a, b in combinations(sorted(shared), 2)
                   if shared[a] & shared[b])
    return {"merged": total - len(split), "total": total, "split": split, "wrong": wrong,
            "nodes": {k: sorted(str(n) for n in v) for k, v in shared.items()}}


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold = yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8"))
    result = measure(union(load_data([Path(p) for p in argv[1:]])), gold)
    print(json.dumps({k: result[k] for k in ("merged", "total", "split", "wrong")}, indent=1))
    return 1 if result["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
