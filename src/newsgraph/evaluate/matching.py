"""One-to-one matching of gold items and predictions, and counting the result."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .results import Evaluation, Finding

#: Whether a gold payload and a prediction payload agree.
Agree = Callable[[Any, Any], bool]


@dataclass
class Unit:
    """A gold item or a prediction as matched: an opaque payload plus how to show it.

    ``optional`` (gold items): not counted in recall, and the prediction matching
    it is no false positive. ``neutral`` (predictions): counted only when it
    agrees with some gold item; otherwise it is neither a true nor a false
    positive and is left out altogether.
    """

    description: str
    payload: Any
    optional: bool = False
    order: tuple = ()
    neutral: bool = False


def max_matching(gold: list[Unit], preds: list[Unit], ok: Agree) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths), non-optional gold first.

    Returns gold index -> prediction index."""
    adj = [[j for j, p in enumerate(preds) if ok(g.payload, p.payload)] for g in gold]
    pred_to_gold: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in pred_to_gold or augment(pred_to_gold[j], seen):
                pred_to_gold[j] = i
                return True
        return False

    order = [i for i, g in enumerate(gold) if not g.optional]
    order += [i for i, g in enumerate(gold) if g.optional]
    for i in order:
        augment(i, set())
    return {i: j for j, i in pred_to_gold.items()}


def score_kind(ev: Evaluation, kind: str, gold: list[Unit], preds: list[Unit], ok: Agree) -> None:
    """Match ``preds`` to ``gold`` and add the counts and findings to ``ev.scores[kind]``."""
    preds = [p for p in preds if not p.neutral or any(ok(g.payload, p.payload) for g in gold)]
    preds = sorted(preds, key=lambda u: u.order)
    matched = max_matching(gold, preds, ok)
    used = set(matched.values())
    score = ev.scores[kind]
    article = ev.articles[0] if ev.articles else ""
    for i, g in enumerate(gold):
        if g.optional:
            continue
        if i in matched:
            score.tp += 1
        else:
            score.fn += 1
            ev.missed.append(Finding(article, kind, g.description))
    for j, p in enumerate(preds):
        if j not in used:
            score.fp += 1
            ev.extra.append(Finding(article, kind, p.description))
