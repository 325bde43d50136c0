"""Scores and findings: per-kind counts, the evaluation of one or more articles, rendering."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .terms import KINDS


@dataclass
class KindScore:
    """Counts for one kind; precision/recall/F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Finding:
    """A missed gold item or an extra prediction, for humans."""

    article: str
    kind: str
    description: str

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "kind": self.kind, "description": self.description}


@dataclass
class Evaluation:
    articles: list[str] = field(default_factory=list)
    scores: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    missed: list[Finding] = field(default_factory=list)
    extra: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def micro(self) -> KindScore:
        total = KindScore()
        for kind in KINDS:
            total = total + self.scores[kind]
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "scores": {kind: self.scores[kind].to_dict() for kind in KINDS},
            "micro": self.micro.to_dict(),
            "missed": [f.to_dict() for f in self.missed],
            "extra": [f.to_dict() for f in self.extra],
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_table(self) -> str:
        header = ("kind", "gold", "pred", "tp", "fp", "fn", "precision", "recall", "f1")
        rows = [header]
        for name, s in [*((k, self.scores[k]) for k in KINDS), ("micro", self.micro)]:
            rows.append(
                (
                    name,
                    str(s.tp + s.fn),
                    str(s.tp + s.fp),
                    str(s.tp),
                    str(s.fp),
                    str(s.fn),
                    f"{s.precision:.3f}",
                    f"{s.recall:.3f}",
                    f"{s.f1:.3f}",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]

        def line(row: Sequence[str]) -> str:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            return "  ".join(cells)

        out = []
        if self.articles:
            out.append(f"articles: {', '.join(self.articles)}")
        out.append(line(rows[0]))
        out.append("  ".join("-" * w for w in widths))
        out.extend(line(row) for row in rows[1:-1])
        out.append("  ".join("-" * w for w in widths))
        out.append(line(rows[-1]))
        many = len(self.articles) > 1
        for title, findings in (
            ("missed gold items", self.missed),
            ("extra predictions", self.extra),
        ):
            out.append("")
            out.append(f"{title} ({len(findings)}):")
            for f in findings:
                prefix = f"{f.article}: " if many else ""
                out.append(f"  [{f.kind}] {prefix}{f.description}")
        if self.warnings:
            out.append("")
            out.append(f"warnings ({len(self.warnings)}):")
            out.extend(f"  {w}" for w in self.warnings)
        return "\n".join(out)


def combine(evals: Iterable[Evaluation]) -> Evaluation:
    """Sum counts over several articles (micro-average) and concatenate the findings."""
    total = Evaluation()
    for ev in evals:
        total.articles.extend(ev.articles)
        for kind in KINDS:
            total.scores[kind] = total.scores[kind] + ev.scores[kind]
        total.missed.extend(ev.missed)
        total.extra.extend(ev.extra)
        total.warnings.extend(ev.warnings)
    return total
