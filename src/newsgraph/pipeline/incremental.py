"""Incremental builds: which articles of a run still need the pipeline.

An article's graph is named by the hash of its text (:func:`newsgraph.rdf.mapper.article_iri`),
so an article already in the store (``build --store DIR``, see
:mod:`newsgraph.store.embedded`) or met earlier in the same run needs no work:
the graph it would give is the one there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..ingest.reader import Entry
from ..rdf.mapper import article_iri

if TYPE_CHECKING:
    from ..api import BuildResult


def new_entries(entries: Iterable[Entry], stored: set[str], base: str,
                result: BuildResult) -> Iterator[Entry]:
    """``entries`` whose graph is neither stored nor built earlier in this run; the
    others are counted in ``result.skipped`` and ``result.duplicates``."""
    seen: set[str] = set()
    for entry in entries:
        assert entry.article is not None
        iri = str(article_iri(entry.article.text, base))
        if iri in stored:
            result.skipped += 1
        elif iri in seen:
            result.duplicates += 1
        else:
            seen.add(iri)
            yield entry
