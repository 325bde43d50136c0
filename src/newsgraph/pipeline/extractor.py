"""The seam where an extractor plugs into the pipeline.

An extractor reads one article and returns its records (an ``Extraction`` of
the plain dataclasses of :mod:`newsgraph.model`, every record with the span
of text that is its evidence). Everything after that is the same for any
extractor and is done by the pipeline (:func:`newsgraph.pipeline.recipe.extract_article`):
the post-processing (:mod:`.postprocess`: the narrator's statements, ids, which
statement is about, refutes or corroborates which, roles repaired), linking,
mapping and validation. An extractor never sees RDF.

The rule-based extractor (:class:`newsgraph.extract.RuleExtractor`, spaCy plus
the rules of :mod:`newsgraph.extract`) is the one implementation; a trained or
LLM-backed extractor is another class with these two methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

from ..model import Article, Extraction


class Extractor(Protocol):
    """Turns an article into its records, before the shared post-processing."""

    def parse(self, articles: Sequence[Article]) -> list[Any]:
        """What ``extract`` needs besides each article (the rule extractor: its spaCy
        ``Doc``), made for a batch at once because that is faster; an item may be
        None, and ``extract`` then makes it for that article alone."""
        ...

    def extract(self, article: Article, parsed: Any = None) -> Extraction:
        """The records of one article, with ``parsed`` from :meth:`parse` (or None)."""
        ...


@cache
def default_extractor() -> Extractor:
    """The rule-based extractor (made once per process: it holds the gazetteer)."""
    from ..extract import RuleExtractor

    return RuleExtractor()
