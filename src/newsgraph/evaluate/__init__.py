"""Score a newsgraph RDF graph against a gold annotation (``docs/gold-format.md``).

The gold format and the matching rules are those of ``docs/gold-format.md``.
This package reads only the RDF that the mapper writes
(``docs/rdf-model.md``) and the gold YAML; the only text processing is locating
gold anchors in the article's stored ``ng:text``.

Matching, per kind:

* actors: the set of Wikidata QIDs (``owl:sameAs wd:Q..``) of actor / place /
  conflict nodes that have at least one ``ng:mention``, against the gold QIDs
  (a QID not in the gold, on a node labelled like a gold actor with
  ``wikidata: null``, is left out);
* statements: evidence overlaps the anchor, same speaker, same statement class;
  a statement with several speakers (gold or predicted) counts once per speaker;
  a statement spoken only by the narrator counts only if it matches a gold
  statement by ``publisher``;
* events: evidence overlaps the anchor, same event class, and an entity of the
  gold agent / participants / place equals one of the predicted ``ng:agent`` /
  ``ng:participant`` / ``ng:place`` values (class alone when the gold has none);
* figures: evidence overlaps the anchor, same count, same casualty type, and the
  gold source is a speaker of a statement that ``ng:reportsFigure`` the figure;
* mediation and relations: the direct triples (``ng:disputedTerritory`` only
  when the gold annotates it).

Entities are compared by QID when both sides have one, otherwise by label.
Each gold item matches at most one prediction and vice versa (a maximum
bipartite matching, non-optional gold items first).

Modules: ``gold`` (the gold dataclasses, :func:`load_gold`), ``predictions`` (the
article's part of the graph and the predicted items in it), ``matching`` (one-to-
one matching and counting), ``scoring`` (:func:`score`, the per-kind rules),
``results`` (:class:`Evaluation`, :func:`combine`, table and JSON), ``text``
(anchors and labels), ``terms`` (shared vocabulary).
"""

from __future__ import annotations

from .gold import (
    Gold,
    GoldActor,
    GoldEvent,
    GoldFigure,
    GoldMediation,
    GoldRelation,
    GoldStatement,
    load_gold,
)
from .results import Evaluation, Finding, KindScore, combine
from .scoring import score
from .terms import (
    EVENT_CLASSES,
    GOLD_RELATION_PREDICATES,
    KINDS,
    MEDIATION_PREDICATES,
    PUBLISHER_KEY,
    STATEMENT_CLASSES,
)
from .text import Spans, label_tokens, labels_match, locate

__all__ = [
    "EVENT_CLASSES",
    "KINDS",
    "MEDIATION_PREDICATES",
    "PUBLISHER_KEY",
    "GOLD_RELATION_PREDICATES",
    "STATEMENT_CLASSES",
    "Spans",
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
