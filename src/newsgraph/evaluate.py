"""Score a newsgraph RDF graph against a gold annotation (``docs/gold-format.md``).

The gold format and the matching rules are those of ``FORMAT.md`` (restated in
``docs/gold-format.md``). This module reads only the RDF that the mapper writes
(``docs/rdf-model.md``) and the gold YAML; the only text processing is locating
gold anchors in the article's stored ``ng:text``.

Matching, per kind:

* actors: the set of Wikidata QIDs (``owl:sameAs wd:Q..``) of actor / place /
  conflict nodes that have at least one ``ng:mention``, against the gold QIDs;
* statements: evidence overlaps the anchor, same speaker, same statement class;
  a statement with several speakers (gold or predicted) counts once per speaker;
* events: evidence overlaps the anchor, same event class, and an entity of the
  gold agent / participants / place equals one of the predicted ``ng:agent`` /
  ``ng:participant`` / ``ng:place`` values (class alone when the gold has none);
* figures: evidence overlaps the anchor, same count, same casualty type, and the
  gold source is a speaker of a statement that ``ng:reportsFigure`` the figure;
* mediation and relations: the direct triples.

Entities are compared by QID when both sides have one, otherwise by label.
Each gold item matches at most one prediction and vice versa (a maximum
bipartite matching, non-optional gold items first).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import DCTERMS, OWL
from rdflib.term import Node

from newsgraph.model import CASUALTY_TYPES, ENTITY_TYPES, EVENT_TYPES, QUALIFIERS, STATEMENT_TYPES
from newsgraph.model import VICTIM_TYPES as _VICTIM_TYPES
from newsgraph.namespace import NG

NG_IRI = "https://w3id.org/newsgraph/ontology#"
WD_IRI = "http://www.wikidata.org/entity/"

KINDS = ("actors", "statements", "events", "figures", "mediation", "relations")

STATEMENT_CLASSES = {
    "Report": "assertion",
    "Claim": "assertion",
    "Announcement": "assertion",
    "Accusation": "accusation",
    "Criticism": "accusation",
    "Denial": "denial",
    "Appeal": "appeal",
    "Demand": "appeal",
    "Support": "support",
    "Threat": "threat",
}
EVENT_CLASSES = {
    "Fighting": "violence",
    "Attack": "violence",
    "CeasefireViolation": "violence",
    "MilitaryAdvance": "movement",
    "TerritorialCapture": "movement",
    "Deployment": "movement",
    "PhoneCall": "contact",
    "Meeting": "contact",
    "Negotiation": "contact",
    "Interview": "contact",
    "Ceasefire": "peace",
}
RELATION_PREDICATES = ("supports", "controls", "legallyPartOf", "party", "disputedTerritory")
MEDIATION_PREDICATES = ("parentOrganization", "mediator", "mediates")

#: An actor key that need not be declared: the article's narrator (``dcterms:publisher``).
PUBLISHER_KEY = "publisher"

# Terms, looked up once (``NG["count"]``: a plain ``Namespace`` is a ``str``).
_ARTICLE = NG["Article"]
_TEXT = NG["text"]
_STATEMENT = NG["Statement"]
_EVENT = NG["Event"]
_FIGURE = NG["CasualtyFigure"]
_BEGIN = NG["beginIndex"]
_END = NG["endIndex"]
_IN_ARTICLE = NG["inArticle"]
_EVIDENCE = NG["evidence"]
_MENTION = NG["mention"]
_REPORTED_IN = NG["reportedIn"]
_SPEAKER = NG["speaker"]
_STATEMENT_TYPE = NG["statementType"]
_EVENT_TYPE = NG["eventType"]
_AGENT = NG["agent"]
_PARTICIPANT = NG["participant"]
_PLACE = NG["place"]
_COUNT = NG["count"]
_CASUALTY_TYPE = NG["casualtyType"]
_REPORTS_FIGURE = NG["reportsFigure"]
_CONFLICT = NG["Conflict"]
_ENTITY_CLASSES = frozenset(NG[name] for name in ("Actor", *ENTITY_TYPES))
_PREDICATES = {NG[name]: name for name in (*RELATION_PREDICATES, *MEDIATION_PREDICATES)}


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldActor:
    key: str
    label: str
    type: str
    wikidata: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldStatement:
    anchor: str
    speakers: tuple[str, ...]
    type: str
    accept: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class GoldEvent:
    anchor: str
    type: str
    agents: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class GoldFigure:
    anchor: str
    count: int
    casualty: str
    source: str | None = None
    qualifier: str | None = None
    victims: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldMediation:
    group: str
    parent: str | None = None
    mediators: tuple[str, ...] = ()
    conflict: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    anchor: str | None = None
    optional: bool = False


@dataclass
class Gold:
    """One gold file. ``actors`` is keyed by the local actor key."""

    path: Path
    article: str
    date: dt.date | None = None
    actors: dict[str, GoldActor] = field(default_factory=dict)
    statements: list[GoldStatement] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)
    figures: list[GoldFigure] = field(default_factory=list)
    mediation: list[GoldMediation] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)

    @property
    def identifier(self) -> str:
        """The article identifier (``dcterms:identifier``): the file name without suffix."""
        return Path(self.article).stem


_SECTIONS = {
    "article",
    "date",
    "actors",
    "statements",
    "events",
    "figures",
    "mediation",
    "relations",
}
_FIELDS = {
    "actors": ({"key", "label", "type"}, {"wikidata", "optional"}),
    "statements": ({"anchor", "speaker", "type"}, {"accept", "target", "optional"}),
    "events": ({"anchor", "type"}, {"agent", "participants", "place", "optional"}),
    "figures": ({"anchor", "count", "casualty"}, {"qualifier", "victims", "source", "optional"}),
    "mediation": ({"group"}, {"parent", "mediators", "conflict", "optional"}),
    "relations": ({"subject", "predicate", "object"}, {"anchor", "optional"}),
}
_QID = re.compile(r"Q[1-9][0-9]*")


class _Malformed(Exception):
    pass


def load_gold(path: str | Path, articles_dir: str | Path | None = None) -> Gold:
    """Read and validate a gold YAML file.

    Raises ``ValueError`` with a one-line reason naming the file when the gold is
    malformed. When the original article file (``article:``) is found in
    ``articles_dir`` or next to the gold file, every anchor must be an exact
    substring of it.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ValueError(f"{path}: not valid YAML: {reason}") from exc
    try:
        gold = _parse_gold(path, raw)
        text = _original_text(path, gold.article, articles_dir)
        if text is not None:
            _check_anchors(gold, text)
    except _Malformed as exc:
        raise ValueError(f"{path}: {exc}") from None
    return gold


def _parse_gold(path: Path, raw: object) -> Gold:
    if not isinstance(raw, dict):
        raise _Malformed("the top level must be a mapping")
    unknown = sorted(set(map(str, raw)) - _SECTIONS)
    if unknown:
        raise _Malformed(f"unknown section {unknown[0]!r}")
    article = raw.get("article")
    if not isinstance(article, str) or not article.strip():
        raise _Malformed("missing field 'article' (the article's file name)")
    gold = Gold(path=path, article=article.strip(), date=_parse_date(raw.get("date")))

    for where, item in _items(raw, "actors"):
        actor = GoldActor(
            key=_string(item, "key", where),
            label=_string(item, "label", where),
            type=_choice(item, "type", ENTITY_TYPES, where),
            wikidata=_qid(item.get("wikidata"), where),
            optional=_bool(item, where),
        )
        if actor.key in gold.actors:
            raise _Malformed(f"{where}: duplicate actor key {actor.key!r}")
        gold.actors[actor.key] = actor

    def keys(
        item: dict, name: str, where: str, *, publisher: bool = False, required: bool = False
    ) -> tuple[str, ...]:
        value = item.get(name)
        if value is None:
            values: list = []
        elif isinstance(value, list):
            values = value
        else:
            values = [value]
        if required and not values:
            raise _Malformed(f"{where}: missing field {name!r}")
        for key in values:
            if not isinstance(key, str):
                raise _Malformed(f"{where}: {name}: actor key expected, got {key!r}")
            if key not in gold.actors and not (publisher and key == PUBLISHER_KEY):
                raise _Malformed(f"{where}: {name}: unknown actor key {key!r}")
        return tuple(values)

    def key(
        item: dict, name: str, where: str, *, publisher: bool = False, required: bool = False
    ) -> str | None:
        values = keys(item, name, where, publisher=publisher, required=required)
        if len(values) > 1:
            raise _Malformed(f"{where}: {name}: one actor key expected, got a list")
        return values[0] if values else None

    for where, item in _items(raw, "statements"):
        gold.statements.append(
            GoldStatement(
                anchor=_string(item, "anchor", where),
                speakers=keys(item, "speaker", where, publisher=True, required=True),
                type=_choice(item, "type", STATEMENT_TYPES, where),
                accept=keys(item, "accept", where, publisher=True),
                targets=keys(item, "target", where, publisher=True),
                optional=_bool(item, where),
            )
        )
    for where, item in _items(raw, "events"):
        gold.events.append(
            GoldEvent(
                anchor=_string(item, "anchor", where),
                type=_choice(item, "type", EVENT_TYPES, where),
                agents=keys(item, "agent", where),
                participants=keys(item, "participants", where),
                places=keys(item, "place", where),
                optional=_bool(item, where),
            )
        )
    for where, item in _items(raw, "figures"):
        count = item.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise _Malformed(f"{where}: count must be a non-negative integer, got {count!r}")
        gold.figures.append(
            GoldFigure(
                anchor=_string(item, "anchor", where),
                count=count,
                casualty=_choice(item, "casualty", CASUALTY_TYPES, where),
                source=key(item, "source", where, publisher=True),
                qualifier=_choice(item, "qualifier", QUALIFIERS, where, required=False),
                victims=_choice(item, "victims", _VICTIM_TYPES, where, required=False),
                optional=_bool(item, where),
            )
        )
    for where, item in _items(raw, "mediation"):
        gold.mediation.append(
            GoldMediation(
                group=key(item, "group", where, required=True) or "",
                parent=key(item, "parent", where),
                mediators=keys(item, "mediators", where),
                conflict=key(item, "conflict", where),
                optional=_bool(item, where),
            )
        )
    for where, item in _items(raw, "relations"):
        anchor = item.get("anchor")
        if anchor is not None:
            anchor = _string(item, "anchor", where)
        gold.relations.append(
            GoldRelation(
                subject=key(item, "subject", where, required=True) or "",
                predicate=_choice(item, "predicate", RELATION_PREDICATES, where),
                object=key(item, "object", where, required=True) or "",
                anchor=anchor,
                optional=_bool(item, where),
            )
        )
    return gold


def _items(raw: dict, section: str) -> Iterable[tuple[str, dict]]:
    value = raw.get(section)
    if value is None:
        return
    if not isinstance(value, list):
        raise _Malformed(f"{section}: a list expected")
    required, allowed = _FIELDS[section]
    for i, item in enumerate(value):
        where = f"{section}[{i}]"
        if not isinstance(item, dict):
            raise _Malformed(f"{where}: a mapping expected, got {item!r}")
        names = set(map(str, item))
        missing, unknown = sorted(required - names), sorted(names - required - allowed)
        if missing:
            raise _Malformed(f"{where}: missing field {missing[0]!r}")
        if unknown:
            raise _Malformed(f"{where}: unknown field {unknown[0]!r}")
        yield where, item


def _string(item: dict, name: str, where: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _Malformed(f"{where}: {name} must be a non-empty string, got {value!r}")
    return value


def _choice(
    item: dict, name: str, choices: Sequence[str], where: str, *, required: bool = True
) -> Any:
    value = item.get(name)
    if value is None and not required:
        return None
    if value not in choices:
        raise _Malformed(f"{where}: {name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def _bool(item: dict, where: str) -> bool:
    value = item.get("optional", False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Malformed(f"{where}: optional must be true or false, got {value!r}")
    return value


def _qid(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        qid = value.strip()
        for prefix in (WD_IRI, "wd:"):
            qid = qid.removeprefix(prefix)
        if _QID.fullmatch(qid):
            return qid
    raise _Malformed(f"{where}: wikidata must be a QID such as Q399 or null, got {value!r}")


def _parse_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _Malformed(f"date must be YYYY-MM-DD or null, got {value!r}")


def _original_text(path: Path, article: str, articles_dir: str | Path | None) -> str | None:
    candidates = [path.parent / article]
    if articles_dir is not None:
        candidates.insert(0, Path(articles_dir) / article)
    for candidate in candidates:
        if candidate.is_file():
            try:
                return candidate.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
    return None


def _check_anchors(gold: Gold, text: str) -> None:
    sections: list[tuple[str, Sequence[Any]]] = [
        ("statements", gold.statements),
        ("events", gold.events),
        ("figures", gold.figures),
        ("relations", gold.relations),
    ]
    for section, items in sections:
        for i, item in enumerate(items):
            if item.anchor is not None and item.anchor not in text:
                raise _Malformed(
                    f"{section}[{i}]: anchor not found in the article text: {item.anchor!r}"
                )


# --------------------------------------------------------------------------- scores


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


# --------------------------------------------------------------------------- text


Spans = tuple[tuple[int, int], ...]


def locate(anchor: str, text: str) -> Spans:
    """All spans of ``anchor`` in ``text``: exact, else whitespace-normalised, else
    comparing letters and digits only (the stored text may lack debris or bullets
    and may differ in quotes and dashes). Empty when not found."""
    spans = _find_all(anchor, text)
    if spans:
        return tuple((s, s + len(anchor)) for s in spans)
    for keep in (_collapse_space, _alnum_only):
        norm_text, index = keep(text)
        norm_anchor, _ = keep(anchor.strip())
        if not norm_anchor:
            continue
        spans = _find_all(norm_anchor, norm_text)
        if spans:
            return tuple((index[s], index[s + len(norm_anchor) - 1] + 1) for s in spans)
    return ()


def _find_all(needle: str, haystack: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _collapse_space(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def _alnum_only(text: str) -> tuple[str, list[int]]:
    pairs = [(ch, i) for i, ch in enumerate(text) if ch.isalnum()]
    return "".join(ch for ch, _ in pairs), [i for _, i in pairs]


def _overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


_TOKEN_SPLIT = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_IGNORED_TOKENS = frozenset({"the"})


def label_tokens(label: str) -> frozenset[str]:
    """Lower-cased word tokens of a label, punctuation dropped, without "the"."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = _POSSESSIVE.sub("", text)
    return frozenset(t for t in _TOKEN_SPLIT.split(text) if t and t not in _IGNORED_TOKENS)


def labels_match(a: str, b: str) -> bool:
    """Same label up to case, spacing and punctuation, or one label's words contain
    the other's ("Aliyev" ~ "Ilham Aliyev", "Defense Ministry" ~ "Ministry of
    Defense of Azerbaijan")."""
    ta, tb = label_tokens(a), label_tokens(b)
    return bool(ta and tb) and (ta <= tb or tb <= ta)


# --------------------------------------------------------------------------- graph


@dataclass(frozen=True)
class _Entity:
    node: Node
    qids: frozenset[str]
    labels: tuple[str, ...]
    is_conflict: bool
    is_narrator: bool

    def describe(self) -> str:
        name = self.labels[0] if self.labels else _short(self.node)
        if self.qids:
            name += f" [{', '.join(sorted(self.qids))}]"
        return name


def _short(node: Node) -> str:
    text = str(node)
    return text.rsplit("/", 1)[-1] if "/" in text else text


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text[len(NG_IRI) :] if text.startswith(NG_IRI) else text


class _View:
    """The triples of one article, with helpers."""

    def __init__(self, graph: Graph, gold: Gold) -> None:
        self.graph, self.article = _article_graph(graph, gold)
        g = self.graph
        text = g.value(self.article, _TEXT)
        if text is None:
            raise ValueError(f"article {self.article} has no ng:text")
        self.text = str(text)
        self.narrator = g.value(self.article, DCTERMS.publisher)
        self.single = len(set(g.subjects(RDF.type, _ARTICLE))) == 1
        self._entities: dict[Node, _Entity] = {}

    def in_article(self, node: Node) -> bool:
        if self.single or (node, _REPORTED_IN, self.article) in self.graph:
            return True
        return any(
            (m, _IN_ARTICLE, self.article) in self.graph
            for m in self.graph.objects(node, _EVIDENCE)
        )

    def mention_in_article(self, mention: Node) -> bool:
        return self.single or (mention, _IN_ARTICLE, self.article) in self.graph

    def spans(self, node: Node, predicate: URIRef = _EVIDENCE) -> Spans:
        out = []
        for m in self.graph.objects(node, predicate):
            begin, end = self.graph.value(m, _BEGIN), self.graph.value(m, _END)
            if isinstance(begin, Literal) and isinstance(end, Literal):
                try:
                    out.append((int(begin.toPython()), int(end.toPython())))
                except (TypeError, ValueError):
                    continue
        return tuple(sorted(out))

    def snippet(self, spans: Spans, limit: int = 90) -> str:
        if not spans:
            return "(no evidence)"
        begin, end = spans[0]
        text = " ".join(self.text[begin:end].split())
        if len(text) > limit:
            text = text[: limit - 1] + "…"
        return f"{begin}-{end} {text!r}"

    def entity(self, node: Node) -> _Entity:
        if node not in self._entities:
            g = self.graph
            qids = frozenset(
                str(o)[len(WD_IRI) :]
                for o in g.objects(node, OWL.sameAs)
                if str(o).startswith(WD_IRI) and _QID.fullmatch(str(o)[len(WD_IRI) :])
            )
            labels = sorted(str(o) for o in g.objects(node, RDFS.label))
            labels += sorted(str(o) for o in g.objects(node, SKOS.altLabel))
            self._entities[node] = _Entity(
                node=node,
                qids=qids,
                labels=tuple(labels),
                is_conflict=(node, RDF.type, _CONFLICT) in g,
                is_narrator=self.narrator is not None and node == self.narrator,
            )
        return self._entities[node]


def _article_graph(graph: Graph, gold: Gold) -> tuple[Graph, Node]:
    """The graph to score and the article node in it."""
    if isinstance(graph, ConjunctiveGraph):  # also rdflib.Dataset
        quads = list(graph.quads((None, None, None, None)))
        articles = {s for s, p, o, _ in quads if p == RDF.type and o == _ARTICLE}
        article = _choose_article(graph, articles, gold, quads=quads)
        own = Graph()
        for s, p, o, c in quads:
            if getattr(c, "identifier", c) == article:
                own.add((s, p, o))
        if (article, _TEXT, None) not in own:
            own = Graph()
            for s, p, o, _ in quads:
                own.add((s, p, o))
        return own, article
    articles = set(graph.subjects(RDF.type, _ARTICLE))
    return graph, _choose_article(graph, articles, gold)


def _choose_article(
    graph: Graph, articles: set[Node], gold: Gold, quads: list | None = None
) -> Node:
    if not articles:
        raise ValueError(f"{gold.path}: the graph has no ng:Article")
    wanted = {gold.identifier, gold.article}

    def identifiers(node: Node) -> set[str]:
        if quads is not None:
            return {str(o) for s, p, o, _ in quads if s == node and p == DCTERMS.identifier}
        return {str(o) for o in graph.objects(node, DCTERMS.identifier)}

    matching = sorted(a for a in articles if identifiers(a) & wanted)
    if matching:
        return matching[0]
    if len(articles) == 1:
        return next(iter(articles))
    raise ValueError(
        f"{gold.path}: no ng:Article with dcterms:identifier {gold.identifier!r} in the graph"
    )


# --------------------------------------------------------------------------- matching


@dataclass
class _Unit:
    """A gold item or a prediction as matched: an opaque payload plus how to show it."""

    description: str
    payload: Any
    optional: bool = False
    order: tuple = ()


def _max_matching(
    gold: list[_Unit], preds: list[_Unit], ok: Callable[[Any, Any], bool]
) -> dict[int, int]:
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


def _score_kind(
    ev: Evaluation, kind: str, gold: list[_Unit], preds: list[_Unit], ok: Callable[[Any, Any], bool]
) -> None:
    preds = sorted(preds, key=lambda u: u.order)
    matched = _max_matching(gold, preds, ok)
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


# --------------------------------------------------------------------------- score


def score(gold: Gold, graph: Graph) -> Evaluation:
    """Score the predictions in ``graph`` (a Graph or Dataset) for ``gold``'s article."""
    view = _View(graph, gold)
    ev = Evaluation(articles=[gold.identifier])
    anchors: dict[str, Spans] = {}

    def where(kind: str, anchor: str) -> Spans:
        if anchor not in anchors:
            anchors[anchor] = locate(anchor, view.text)
        message = f"{gold.path.name}: {kind}: anchor not found in the article text: {anchor!r}"
        if not anchors[anchor] and message not in ev.warnings:
            ev.warnings.append(message)
        return anchors[anchor]

    def same(key: str, entity: _Entity) -> bool:
        actor = gold.actors.get(key)
        if entity.is_narrator and key == PUBLISHER_KEY:
            return True
        if actor is None:
            return False
        if actor.wikidata and entity.qids:
            return actor.wikidata in entity.qids
        if entity.is_conflict != (actor.type == "Conflict") and _typed(view, entity.node):
            return False
        return any(labels_match(actor.label, label) for label in entity.labels)

    def who(key: str | None) -> str:
        if key is None:
            return "-"
        actor = gold.actors.get(key)
        return f"{actor.label} ({key})" if actor else key

    _score_actors(ev, gold, view)
    _score_statements(ev, gold, view, where, same, who)
    _score_events(ev, gold, view, where, same, who)
    _score_figures(ev, gold, view, where, same, who)
    _score_triples(ev, gold, view, same, who)
    return ev


def _typed(view: _View, node: Node) -> bool:
    return any(t in _ENTITY_CLASSES for t in view.graph.objects(node, RDF.type))


def _score_actors(ev: Evaluation, gold: Gold, view: _View) -> None:
    required: dict[str, str] = {}
    optional: dict[str, str] = {}
    for actor in gold.actors.values():
        if actor.wikidata:
            (optional if actor.optional else required).setdefault(actor.wikidata, actor.label)
    gold_units = [_Unit(f"{label} [{qid}]", qid) for qid, label in sorted(required.items())]
    gold_units += [
        _Unit(f"{label} [{qid}]", qid, optional=True)
        for qid, label in sorted(optional.items())
        if qid not in required
    ]

    predicted: dict[str, str] = {}
    g = view.graph
    for node in sorted({s for s, _, _ in g.triples((None, _MENTION, None))}):
        if not any(t in _ENTITY_CLASSES for t in g.objects(node, RDF.type)):
            continue
        if not any(view.mention_in_article(m) for m in g.objects(node, _MENTION)):
            continue
        entity = view.entity(node)
        for qid in entity.qids:
            predicted.setdefault(qid, entity.describe())
    preds = [_Unit(desc, qid, order=(qid,)) for qid, desc in sorted(predicted.items())]
    _score_kind(ev, "actors", gold_units, preds, lambda a, b: a == b)


def _nodes(view: _View, cls: URIRef) -> list[Node]:
    return sorted(n for n in set(view.graph.subjects(RDF.type, cls)) if view.in_article(n))


def _score_statements(ev, gold: Gold, view: _View, where, same, who) -> None:
    gold_units = []
    for st in gold.statements:
        spans = where("statements", st.anchor)
        for speaker in st.speakers:
            desc = f"{st.type} by {who(speaker)} @ {st.anchor!r}"
            payload = (spans, speaker, st.accept, STATEMENT_CLASSES[st.type])
            gold_units.append(_Unit(desc, payload, optional=st.optional))

    preds = []
    for node in _nodes(view, _STATEMENT):
        spans = view.spans(node)
        stype = _local(view.graph.value(node, _STATEMENT_TYPE))
        klass = STATEMENT_CLASSES.get(stype or "", stype)
        speakers = sorted(view.graph.objects(node, _SPEAKER)) or [None]
        for speaker in speakers:
            entity = view.entity(speaker) if speaker is not None else None
            name = entity.describe() if entity else "(no speaker)"
            desc = f"{stype} by {name} @ {view.snippet(spans)}"
            preds.append(_Unit(desc, (spans, entity, klass), order=(spans, str(node), name)))

    def ok(g, p) -> bool:
        g_spans, speaker, accept, g_class = g
        p_spans, entity, p_class = p
        return (
            g_class == p_class
            and entity is not None
            and _overlaps(g_spans, p_spans)
            and any(same(key, entity) for key in (speaker, *accept))
        )

    _score_kind(ev, "statements", gold_units, preds, ok)


def _score_events(ev, gold: Gold, view: _View, where, same, who) -> None:
    gold_units = []
    for event in gold.events:
        spans = where("events", event.anchor)
        keys = (*event.agents, *event.participants, *event.places)
        roles = []
        if event.agents:
            roles.append("agent " + ", ".join(map(who, event.agents)))
        if event.participants:
            roles.append("participants " + ", ".join(map(who, event.participants)))
        if event.places:
            roles.append("place " + ", ".join(map(who, event.places)))
        desc = f"{event.type} ({'; '.join(roles) or 'no entities'}) @ {event.anchor!r}"
        gold_units.append(
            _Unit(desc, (spans, keys, EVENT_CLASSES[event.type]), optional=event.optional)
        )

    preds = []
    g = view.graph
    for node in _nodes(view, _EVENT):
        spans = view.spans(node)
        etype = _local(g.value(node, _EVENT_TYPE))
        klass = EVENT_CLASSES.get(etype or "", etype)
        entities = [
            view.entity(o)
            for p in (_AGENT, _PARTICIPANT, _PLACE)
            for o in sorted(g.objects(node, p))
        ]
        roles = ", ".join(e.describe() for e in entities) or "no entities"
        desc = f"{etype} ({roles}) @ {view.snippet(spans)}"
        preds.append(_Unit(desc, (spans, entities, klass), order=(spans, str(node))))

    def ok(gu, p) -> bool:
        g_spans, keys, g_class = gu
        p_spans, entities, p_class = p
        if g_class != p_class or not _overlaps(g_spans, p_spans):
            return False
        return not keys or any(same(k, e) for k in keys for e in entities)

    _score_kind(ev, "events", gold_units, preds, ok)


def _score_figures(ev, gold: Gold, view: _View, where, same, who) -> None:
    gold_units = []
    for fig in gold.figures:
        spans = where("figures", fig.anchor)
        desc = f"{fig.count} {fig.casualty} (source {who(fig.source)}) @ {fig.anchor!r}"
        gold_units.append(
            _Unit(desc, (spans, fig.count, fig.casualty, fig.source), optional=fig.optional)
        )

    preds = []
    g = view.graph
    for node in _nodes(view, _FIGURE):
        spans = view.spans(node)
        value = g.value(node, _COUNT)
        try:
            count = int(value.toPython()) if isinstance(value, Literal) else None
        except (TypeError, ValueError):
            count = None
        casualty = _local(g.value(node, _CASUALTY_TYPE))
        sources = [
            view.entity(sp)
            for st in sorted(g.subjects(_REPORTS_FIGURE, node))
            for sp in sorted(g.objects(st, _SPEAKER))
        ]
        names = ", ".join(e.describe() for e in sources) or "none"
        desc = f"{count} {casualty} (source {names}) @ {view.snippet(spans)}"
        preds.append(_Unit(desc, (spans, count, casualty, sources), order=(spans, str(node))))

    def ok(gu, p) -> bool:
        g_spans, g_count, g_casualty, source = gu
        p_spans, p_count, p_casualty, sources = p
        return (
            g_count == p_count
            and g_casualty == p_casualty
            and _overlaps(g_spans, p_spans)
            and (source is None or any(same(source, e) for e in sources))
        )

    _score_kind(ev, "figures", gold_units, preds, ok)


def _score_triples(ev, gold: Gold, view: _View, same, who) -> None:
    mediation: list[_Unit] = []
    for entry in gold.mediation:
        triples = []
        if entry.parent:
            triples.append((entry.group, "parentOrganization", entry.parent))
        triples += [(entry.group, "mediator", m) for m in entry.mediators]
        if entry.conflict:
            triples.append((entry.group, "mediates", entry.conflict))
        for s, p, o in triples:
            mediation.append(_Unit(f"{who(s)} {p} {who(o)}", (s, p, o), optional=entry.optional))
    relations = []
    for rel in gold.relations:
        desc = f"{who(rel.subject)} {rel.predicate} {who(rel.object)}"
        if rel.anchor:
            desc += f" @ {rel.anchor!r}"
        relations.append(
            _Unit(desc, (rel.subject, rel.predicate, rel.object), optional=rel.optional)
        )

    g = view.graph
    found: set[tuple[Node, str, Node]] = set()
    if view.single:
        for predicate, name in _PREDICATES.items():
            found.update((s, name, o) for s, o in g.subject_objects(predicate))
    else:  # several articles in one graph: the reified triples reported in this one
        for r in g.subjects(RDF.type, RDF.Statement):
            predicate = g.value(r, RDF.predicate)
            s, o = g.value(r, RDF.subject), g.value(r, RDF.object)
            if predicate in _PREDICATES and s is not None and o is not None and view.in_article(r):
                found.add((s, _PREDICATES[predicate], o))
    preds: dict[str, list[_Unit]] = {"mediation": [], "relations": []}
    for s, p, o in sorted(found):
        subj, obj = view.entity(s), view.entity(o)
        kind = "mediation" if p in MEDIATION_PREDICATES else "relations"
        preds[kind].append(
            _Unit(
                f"{subj.describe()} {p} {obj.describe()}", (subj, p, obj), order=(p, str(s), str(o))
            )
        )

    def ok(gu, pu) -> bool:
        return gu[1] == pu[1] and same(gu[0], pu[0]) and same(gu[2], pu[2])

    _score_kind(ev, "mediation", mediation, preds["mediation"], ok)
    _score_kind(ev, "relations", relations, preds["relations"], ok)


__all__ = [
    "KINDS",
    "Evaluation",
    "Finding",
    "Gold",
    "GoldActor",
    "GoldEvent",
    "GoldFigure",
    "GoldMediation",
    "GoldRelation",
    "GoldStatement",
    "KindScore",
    "combine",
    "label_tokens",
    "labels_match",
    "load_gold",
    "locate",
    "score",
]
