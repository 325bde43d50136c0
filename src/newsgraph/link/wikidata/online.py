"""Online linking (``--link wikidata``): look up unlinked names at a SPARQL endpoint.

After the offline gazetteer has linked what it knows, the :class:`OnlineLinker`
asks a SPARQL endpoint (by default the public Wikidata Query Service) for the
items whose English label or alias is an unlinked entity's label, with the
query ``queries/gazetteer-labels.rq`` (plain ``rdfs:label`` / ``skos:altLabel``
patterns, so any SPARQL 1.1 server with Wikidata-shaped data answers it).

A candidate is accepted only when it is unambiguous and of the right kind:

* Person -> an item that is an instance of human (``wdt:P31 wd:Q5``);
  Country -> country (Q6256) or sovereign state (Q3624078); Organization and
  MediationGroup -> anything that is neither human nor country; Place ->
  anything that is not human. Items without a class, and disambiguation pages
  (Q4167410), never qualify.
* the label must match exactly (ignoring case); if several items qualify, one
  whose ``rdfs:label`` matches beats those that only have it as an alias, and a
  tie leaves the entity unlinked (NIL): a wrong link is worse than none.

An offline link is never replaced, names the gazetteer marks as ambiguous (or
knows with a QID) are not looked up, Groups and Conflicts are not looked up,
and a QID already used by another entity of the article is not given twice.
Online links get ``link_confidence`` 0.7.

Being a good client (:mod:`newsgraph.link.wikidata.client`): a User-Agent naming
the project and a contact, POST for long queries, a timeout, one request at a
time, Retry-After-aware backoff on 429/503; and an on-disk cache
(:mod:`newsgraph.link.wikidata.cache`) so that a label is asked at most once per
endpoint. The linker never fails a build: on the first error it warns once
(:class:`WikidataWarning`), stops asking, and the offline result stands.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ...errors import NewsgraphError
from ...model import Entity, Extraction
from ...resources import queries_dir
from ...vocabulary import WIKIDATA_ENTITY
from ..gazetteer import Gazetteer, load_gazetteer
from .cache import LabelCache
from .client import (
    DEFAULT_ENDPOINT,
    SparqlClient,
    WikidataError,
    check_endpoint,
    retry_after,
    user_agent,
)

__all__ = [
    "DEFAULT_ENDPOINT",
    "Candidate",
    "OnlineLinker",
    "SparqlClient",
    "WikidataError",
    "WikidataWarning",
    "check_endpoint",
    "choose",
    "compatible",
    "lookup_labels",
    "retry_after",
    "user_agent",
    "values_clause",
]

WD = WIKIDATA_ENTITY
LABELS_QUERY = "gazetteer-labels.rq"
LANGUAGES = ("en", "mul")  # Wikidata keeps many names only as "mul" (default for all languages)

HUMAN, COUNTRY, SOVEREIGN_STATE, DISAMBIGUATION = "Q5", "Q6256", "Q3624078", "Q4167410"
ONLINE_TYPES = frozenset({"Person", "Country", "Organization", "MediationGroup", "Place"})
ONLINE_CONFIDENCE = 0.7

BATCH_SIZE = 20  # labels per request

_QID = re.compile(r"Q[1-9][0-9]*")


class WikidataWarning(UserWarning):
    """Online linking was given up; the offline links stand."""


class Candidate(NamedTuple):
    """An item whose label or alias is the name looked up."""

    qid: str
    kinds: tuple[str, ...]  # "label" and/or "alias"
    classes: tuple[str, ...]  # QIDs of its wdt:P31 values


Answer = list[Candidate] | None  # None: too many candidates to tell apart


# -- choosing -----------------------------------------------------------------


def compatible(entity_type: str, classes: Iterable[str]) -> bool:
    """Whether an item of these classes can be what an entity of this type names."""
    classes = set(classes)
    if not classes or DISAMBIGUATION in classes:
        return False
    if entity_type == "Person":
        return HUMAN in classes
    if entity_type == "Country":
        return bool(classes & {COUNTRY, SOVEREIGN_STATE})
    if entity_type in ("Organization", "MediationGroup"):
        return not classes & {HUMAN, COUNTRY, SOVEREIGN_STATE}
    if entity_type == "Place":
        return HUMAN not in classes
    return False


def choose(answer: Answer, entity_type: str) -> str | None:
    """The one compatible candidate, a label match beating alias matches; else None."""
    if not answer:
        return None
    fitting = [c for c in answer if compatible(entity_type, c.classes)]
    by_label = [c for c in fitting if "label" in c.kinds]
    if by_label:
        return by_label[0].qid if len(by_label) == 1 else None
    by_alias = [c for c in fitting if "alias" in c.kinds]
    return by_alias[0].qid if len(by_alias) == 1 else None


# -- looking labels up ---------------------------------------------------------


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    value = term.get("value") if isinstance(term, dict) else None
    return value if isinstance(value, str) else None


def _qid(iri: str | None) -> str | None:
    if iri and iri.startswith(WD) and _QID.fullmatch(iri[len(WD):]):
        return iri[len(WD):]
    return None


@lru_cache(maxsize=1)
def labels_query() -> str:
    """``queries/gazetteer-labels.rq`` without its header comments (they need not travel)."""
    lines = (queries_dir() / LABELS_QUERY).read_text(encoding="utf-8").splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
        lines.pop(0)
    return "\n".join(lines) + "\n"


_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\b": "\\b", "\f": "\\f"})


def sparql_literal(text: str, language: str) -> str:
    """A SPARQL string literal with a language tag; every character safely escaped."""
    if not re.fullmatch(r"[a-zA-Z]+(-[a-zA-Z0-9]+)*", language):
        raise ValueError(f"bad language tag {language!r}")
    # ECHAR escapes; \\uXXXX would not do: it is decoded before parsing, and a
    # decoded line break is not allowed in a "..." literal. Other characters
    # may appear as they are.
    escaped = text.translate(_ECHAR)
    return f'"{escaped}"@{language}'


def label_variants(label: str) -> list[str]:
    """The label as written and the case forms Wikidata labels commonly take."""
    forms = [label, label.lower(), label.upper(), label.title(), label[:1].upper() + label[1:]]
    return list(dict.fromkeys(forms))


def values_clause(labels: Iterable[str], languages: Iterable[str] = LANGUAGES) -> str:
    """``VALUES ?name {...}`` binding the query's ``?name`` to every variant of ``labels``."""
    terms = [sparql_literal(form, lang) for label in labels
             for form in label_variants(label) for lang in languages]
    return "\nVALUES ?name {\n  " + "\n  ".join(terms) + "\n}\n"


def _limit(query: str) -> int | None:
    found = re.findall(r"\bLIMIT\s+(\d+)", query, re.IGNORECASE)
    return int(found[-1]) if found else None


def lookup_labels(client: SparqlClient, labels: Iterable[str], *,
                  batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, Answer]]:
    """Ask for the candidates of each label, ``batch_size`` labels a request.

    Yields ``(label, answer)`` as batches come back. A batch whose answer hits
    the query's LIMIT is split; a single label that still hits it yields None.
    Raises :class:`WikidataError` when the endpoint fails.
    """
    query = labels_query()
    limit = _limit(query)
    labels = list(dict.fromkeys(labels))
    pending = [labels[i:i + batch_size] for i in range(0, len(labels), batch_size)]
    while pending:
        batch = pending.pop(0)
        rows = client.select(query + values_clause(batch))
        if limit is not None and len(rows) >= limit:
            if len(batch) == 1:
                yield batch[0], None
            else:
                half = len(batch) // 2
                pending[:0] = [batch[:half], batch[half:]]
            continue
        yield from _collect(batch, rows).items()


def _collect(batch: list[str], rows: list[dict[str, Any]]) -> dict[str, Answer]:
    by_fold: dict[str, list[str]] = {}
    for label in batch:
        by_fold.setdefault(label.casefold(), []).append(label)
    found: dict[str, dict[str, tuple[set[str], set[str]]]] = {label: {} for label in batch}
    for row in rows:
        name, qid, kind = _value(row, "name"), _qid(_value(row, "item")), _value(row, "match")
        if name is None or qid is None or kind not in ("label", "alias"):
            continue
        for label in by_fold.get(" ".join(name.split()).casefold(), []):
            kinds, classes = found[label].setdefault(qid, (set(), set()))
            kinds.add(kind)
            cls = _qid(_value(row, "class"))
            if cls:
                classes.add(cls)
    return {
        label: [Candidate(qid, tuple(sorted(k)), tuple(sorted(c)))
                for qid, (k, c) in sorted(items.items(), key=lambda kv: int(kv[0][1:]))]
        for label, items in found.items()
    }


# -- linking -------------------------------------------------------------------


def lookup_label(entity: Entity, gazetteer: Gazetteer) -> str | None:
    """The label to look up for an entity, or None when it is not to be looked up."""
    if entity.wikidata or entity.type not in ONLINE_TYPES:
        return None
    label = " ".join(entity.label.split())
    if not 2 <= len(label) <= 200 or not any(c.isupper() for c in label):
        return None  # descriptions ("international community") are not names
    entry = gazetteer.get(entity.gazetteer_id)
    if entry is None:
        for name in (entity.label, *entity.aliases):
            entry = gazetteer.lookup(name)
            if entry is not None:
                break
    if entry is not None and (entry.qid or entry.ambiguous):
        return None  # the offline linker has decided: linked, or deliberately not
    return label


class OnlineLinker:
    """Links what the offline linker left unlinked; one instance serves a whole build."""

    def __init__(self, endpoint: str | None = None, *, cache_dir: str | Path | None = None,
                 client: SparqlClient | None = None, gazetteer: Gazetteer | None = None,
                 **client_options: Any) -> None:
        self.client = client or SparqlClient(endpoint or DEFAULT_ENDPOINT, **client_options)
        self.endpoint = self.client.endpoint
        self.cache = LabelCache(cache_dir)
        self.gazetteer = gazetteer
        self.error: str | None = None  # set on the first failure: no more requests
        self.linked = 0
        self._cache_warned = False

    def _warn(self, message: str) -> None:
        warnings.warn(message, WikidataWarning, stacklevel=3)

    def answers(self, labels: Iterable[str]) -> dict[str, Answer]:
        """Cached answers, and the missing ones from the endpoint while it works."""
        result: dict[str, Answer] = {}
        missing = []
        for label in dict.fromkeys(labels):
            if (self.endpoint, label) in self.cache:
                cached = self.cache.get(self.endpoint, label)
                result[label] = None if cached is None else [Candidate(*c) for c in cached]
            else:
                missing.append(label)
        if missing and self.error is None:
            try:
                for label, answer in lookup_labels(self.client, missing):
                    self.cache.put(self.endpoint, label, answer)
                    result[label] = answer
            except WikidataError as exc:
                self.error = str(exc)
                self._warn(f"Wikidata linking stopped ({exc}); keeping the offline links")
            self._save()
        return result

    def _save(self) -> None:
        try:
            self.cache.save()
        except (OSError, NewsgraphError) as exc:
            if not self._cache_warned:
                self._cache_warned = True
                self._warn(f"cannot write the Wikidata cache in {self.cache.directory} ({exc})")

    def link(self, extraction: Extraction) -> Extraction:
        gaz = self.gazetteer or load_gazetteer()
        todo = {key: label for key, entity in extraction.entities.items()
                if (label := lookup_label(entity, gaz)) is not None}
        if not todo:
            return extraction
        answers = self.answers(sorted(set(todo.values())))
        chosen = {key: qid for key, label in todo.items()
                  if (qid := choose(answers.get(label), extraction.entities[key].type))}
        used = [e.wikidata for e in extraction.entities.values() if e.wikidata]
        claims = used + list(chosen.values())
        for key, qid in sorted(chosen.items()):
            if claims.count(qid) > 1:
                continue  # two entities of one article cannot be the same item
            entity = extraction.entities[key]
            entity.wikidata = qid
            entity.link_confidence = ONLINE_CONFIDENCE
            entity.confidence = max(entity.confidence, ONLINE_CONFIDENCE)
            self.linked += 1
        return extraction
