"""Attribution quality against a brat corpus: cue, cue+source, content tokens.

The matching is the one README.md describes for ``newsgraph evaluate --brat`` (and
its PolNeAR figures use): for each article, gold attributions with a cue
are matched one to one, in file order, to predicted statements (those with an
``ng:cue``), the first unmatched prediction in text order whose cue span
overlaps the gold cue. cue+source also needs, where the gold has a source, an
overlap of one of the prediction's source spans (its ``ng:sourceMention``s,
else every mention of its speakers). Content token F1 is over the cue matches:
word tokens of the prediction's ``ng:contentMention``s (else its evidence)
against the gold content's, summed over all matched pairs. A statement without
an ``ng:cueMention`` is located by its ``ng:cue`` string inside its evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from .brat import BratArticle, GoldAttribution, Spans, read_brat
from .terms import NG

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Predicted:
    """A predicted attribution: its cue, source and content spans."""

    cue: Spans
    source: Spans
    content: Spans


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class AttributionScore:
    """Counts summed over articles; ``content`` counts word tokens of cue matches."""

    articles: int = 0
    cue: Counts = field(default_factory=Counts)
    cue_source: Counts = field(default_factory=Counts)
    content: Counts = field(default_factory=Counts)
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "cue": self.cue.to_dict(),
                "cue+source": self.cue_source.to_dict(),
                "content_tokens": self.content.to_dict(), "not_built": self.missing}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2) + "\n"

    def to_table(self) -> str:
        rows = [("measure", "gold", "pred", "tp", "precision", "recall", "f1")]
        for name, c in (("cue", self.cue), ("cue+source", self.cue_source),
                        ("content tokens", self.content)):
            rows.append((name, str(c.gold), str(c.pred), str(c.tp), f"{c.precision:.3f}",
                         f"{c.recall:.3f}", f"{c.f1:.3f}"))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [f"articles: {self.articles}"]
        lines += ["  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in
                                                        zip(r[1:], widths[1:], strict=True)])
                  for r in rows]
        if self.missing:
            lines.append(f"not in the data ({len(self.missing)}): {', '.join(self.missing)}")
        return "\n".join(lines) + "\n"


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s < f and t < e for s, e in a for t, f in b)


def tokens(spans: Spans, text: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    for start, end in spans:
        found.update(m.span() for m in WORD.finditer(text, start, end))
    return found


def score_article(score: AttributionScore, gold: list[GoldAttribution],
                  preds: list[Predicted], text: str) -> None:
    """Add one article's counts: greedy one-to-one matching in gold file order."""
    preds = sorted(preds, key=lambda p: p.cue)
    score.articles += 1
    for counts in (score.cue, score.cue_source):
        counts.gold += len(gold)
        counts.pred += len(preds)
    used_cue: set[int] = set()
    used_source: set[int] = set()
    for g in gold:
        j = next((j for j, p in enumerate(preds)
                  if j not in used_cue and overlaps(p.cue, g.cue)), None)
        if j is not None:
            used_cue.add(j)
            score.cue.tp += 1
            pred_tokens, gold_tokens = tokens(preds[j].content, text), tokens(g.content, text)
            score.content.tp += len(pred_tokens & gold_tokens)
            score.content.pred += len(pred_tokens)
            score.content.gold += len(gold_tokens)
        k = next((k for k, p in enumerate(preds) if k not in used_source
                  and overlaps(p.cue, g.cue) and (not g.source or overlaps(p.source, g.source))),
                 None)
        if k is not None:
            used_source.add(k)
            score.cue_source.tp += 1


def score_brat(articles: Iterable[BratArticle], graph: Graph) -> AttributionScore:
    """Score every article of a brat corpus against the graph's statements; an
    article whose text is not in the graph counts its gold as missed."""
    by_text = {str(text): node for node, text in graph.subject_objects(NG.text)}
    score = AttributionScore()
    for article in articles:
        node = by_text.get(article.text)
        if node is None:
            score.missing.append(article.name)
            score_article(score, article.attributions, [], article.text)
            continue
        score_article(score, article.attributions, predicted(graph, node, article.text),
                      article.text)
    return score


def span_of(graph: Graph, mention: Node) -> tuple[int, int] | None:
    begin, end = graph.value(mention, NG.beginIndex), graph.value(mention, NG.endIndex)
    if begin is None or end is None:
        return None
    return int(str(begin)), int(str(end))


def spans_of(graph: Graph, node: Node, prop: URIRef) -> Spans:
    return tuple(sorted(s for m in graph.objects(node, prop)
                        if (s := span_of(graph, m)) is not None))


def predicted(graph: Graph, article: Node, text: str) -> list[Predicted]:
    """The article's statements that have a cue, as spans."""
    found = []
    for stmt in graph.subjects(NG.reportedIn, article):
        cue = graph.value(stmt, NG.cue)
        if cue is None or (stmt, RDF.type, NG.Statement) not in graph:
            continue
        evidence = spans_of(graph, stmt, NG.evidence)
        cue_spans = spans_of(graph, stmt, NG.cueMention) or located(str(cue), evidence, text)
        source = spans_of(graph, stmt, NG.sourceMention) or speaker_spans(graph, stmt, article)
        content = spans_of(graph, stmt, NG.contentMention) or evidence
        found.append(Predicted(cue_spans, source, content))
    return found


def located(cue: str, evidence: Spans, text: str) -> Spans:
    """The cue string inside the evidence: whole, else its first word."""
    for needle in (cue, cue.split()[0] if cue.split() else cue):
        for start, end in evidence:
            at = text.find(needle, start, end)
            if at != -1:
                return ((at, at + len(needle)),)
    return ()


def speaker_spans(graph: Graph, stmt: Node, article: Node) -> Spans:
    spans = []
    for speaker in graph.objects(stmt, NG.speaker):
        for mention in graph.objects(speaker, NG.mention):
            if (mention, NG.inArticle, article) in graph:
                span = span_of(graph, mention)
                if span is not None:
                    spans.append(span)
    return tuple(sorted(spans))


def evaluate_brat(directory: Path, data: list[Path]) -> AttributionScore:
    """Score a brat corpus against RDF files, or, with none, against a build of
    its texts made here (offline, unvalidated: the measure is of extraction)."""
    from rdflib import Dataset

    articles = read_brat(directory)
    dataset = Dataset(default_union=True)
    if data:
        for path in data:
            dataset.parse(path, format=rdf_format(path))
    else:
        from .. import api
        from ..ingest import reader

        for article in articles:
            read = reader.read_article(Path(directory) / "text" / f"{article.name}.txt")
            for graph in api.build_dataset([api.extract_article(read)]).graphs():
                for triple in graph:
                    dataset.add(triple)
    return score_brat(articles, dataset)


def rdf_format(path: Path) -> str:
    return {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}.get(
        Path(path).suffix.lower(), "turtle")
