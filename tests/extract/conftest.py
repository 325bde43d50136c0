"""Helpers for rule tests: run the pipeline up to linking on a short text."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.api import extract_article
from newsgraph.model import Article, Extraction


class Result:
    """An extraction with lookups by label, for readable assertions."""

    def __init__(self, extraction: Extraction) -> None:
        self.x = extraction
        self.text = extraction.article.text

    def label(self, key: str) -> str:
        return self.x.entities[key].label

    def labels(self, keys) -> set[str]:
        return {self.label(k) for k in keys}

    def statements(self, type_: str | None = None):
        return [s for s in self.x.statements if (type_ is None or s.type == type_)
                and s.speakers != [self.x.narrator]]

    def speakers(self, type_: str | None = None) -> set[str]:
        return {self.label(k) for s in self.statements(type_) for k in s.speakers}

    def events(self, type_: str | None = None):
        return [e for e in self.x.events if type_ is None or e.type == type_]

    def triples(self, predicate: str | None = None) -> set[tuple[str, str, str]]:
        return {(self.label(r.subject), r.predicate, self.label(r.object))
                for r in self.x.relations if predicate is None or r.predicate == predicate}

    def entity(self, label: str):
        for entity in self.x.entities.values():
            if entity.label == label:
                return entity
        known = [e.label for e in self.x.entities.values()]
        raise AssertionError(f"no entity {label!r} in {known}")


@pytest.fixture
def run():
    def _run(text: str, date: str | None = "2022-05-10", publisher: str | None = None) -> Result:
        article = Article(identifier="test", text=text,
                          date=dt.date.fromisoformat(date) if date else None,
                          publisher=publisher)
        return Result(extract_article(article))

    return _run
