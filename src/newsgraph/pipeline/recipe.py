"""The recipe: what happens to one article between ingest and the mapper.

It is written once, here, and every way of running a build uses it: the
library call and the evaluator (:func:`newsgraph.api.extract_article`), the
worker pool (:mod:`.pool`) and, through the pool's task, a Dask cluster
(:mod:`.cluster`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..link.offline import link
from ..model import Article, Extraction
from .extractor import Extractor, default_extractor
from .postprocess import postprocess

if TYPE_CHECKING:
    from ..link.wikidata.online import OnlineLinker


def extract_article(article: Article, online: OnlineLinker | None = None, *,
                    extractor: Extractor | None = None, parsed: Any = None) -> Extraction:
    """Extract (nlp and rules, unless ``extractor`` says otherwise; ``parsed`` is what
    its ``parse`` made for this article, if anything), post-process, link offline,
    and online too when ``online`` is given."""
    extractor = extractor or default_extractor()
    extraction = link(postprocess(extractor.extract(article, parsed)))
    if online is not None:
        online.link(extraction)
    return extraction
