"""The library API: ``build`` does what ``newsgraph build`` does.

    import newsgraph
    result = newsgraph.build(["seeds/"], output="out/seed.trig")
    result.report.conforms, len(result.dataset)

Stages run in order for each article: ingest -> nlp -> extract -> link ->
map; the dataset is validated (per article graph, which is what the shapes
constrain) and written only if it conforms. Linking is offline (the gazetteer)
unless ``linking="wikidata"`` adds the online step of :mod:`newsgraph.wikidata`,
which never fails a build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from . import ingest, publish
from .extract import extract
from .link import link
from .mapper import DEFAULT_BASE, bind_prefixes, to_graph
from .model import Article, Extraction
from .nlp import parse
from .validate import ValidationReport, validate

if TYPE_CHECKING:
    from .wikidata import OnlineLinker

LINKING = ("offline", "wikidata")


class ValidationFailed(Exception):
    """The built graph does not conform to the shapes; nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__("the built graph does not conform to the newsgraph shapes")


@dataclass
class BuildResult:
    dataset: Dataset
    extractions: list[Extraction] = field(default_factory=list)
    report: ValidationReport | None = None


def extract_article(article: Article, online: OnlineLinker | None = None) -> Extraction:
    """Run nlp, extract and link on one article; ``online`` adds online linking."""
    extraction = link(extract(parse(article), article))
    if online is not None:
        online.link(extraction)
    return extraction


def online_linker(linking: str = "offline", endpoint: str | None = None,
                  cache_dir: str | Path | None = None) -> OnlineLinker | None:
    """The online linker ``linking`` asks for, or None for offline linking only.

    Raises ``InputError`` for an unknown ``linking`` or an endpoint that is not
    an http(s) URL.
    """
    from .errors import InputError

    if linking not in LINKING:
        raise InputError(linking, f"unknown linking (choose from {', '.join(LINKING)})")
    if linking == "offline":
        return None
    from .wikidata import OnlineLinker

    return OnlineLinker(endpoint, cache_dir=cache_dir)


def build_dataset(extractions: Iterable[Extraction], base: str = DEFAULT_BASE) -> Dataset:
    dataset = Dataset(default_union=True)
    bind_prefixes(dataset, base)
    for extraction in extractions:
        graph = to_graph(extraction, base)
        named = dataset.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return dataset


def validate_dataset(dataset: Dataset) -> ValidationReport:
    """Validate each article's named graph on its own and merge the results."""
    reports = [validate(graph) for graph in sorted(dataset.graphs(), key=lambda g: str(
        g.identifier)) if len(graph)]
    if not reports:
        return validate(dataset)
    results = sorted({r for report in reports for r in report.results},
                     key=lambda r: r.sort_key())
    conforms = all(report.conforms for report in reports)
    return ValidationReport(conforms=conforms, results=results,
                            report_graph=reports[0].report_graph if len(reports) == 1 else
                            reports[0].report_graph)


def build(
    inputs: Iterable[str | Path],
    output: str | Path | None = None,
    *,
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
    date: str | dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    validate_output: bool = True,
    linking: str = "offline",
    endpoint: str | None = None,
    cache_dir: str | Path | None = None,
    online: OnlineLinker | None = None,
) -> BuildResult:
    """Build the graph of the articles in ``inputs`` (files or directories).

    ``linking="wikidata"`` also looks up what the gazetteer did not link at
    ``endpoint`` (default: the Wikidata Query Service), caching answers in
    ``cache_dir`` (default ``$NEWSGRAPH_CACHE`` or ``~/.cache/newsgraph``); a
    failing endpoint only gives a ``WikidataWarning``. ``online`` passes a
    configured :class:`~newsgraph.wikidata.OnlineLinker` instead.

    Raises ``InputError`` for bad input (before anything is written) and
    ``ValidationFailed`` when the result does not conform (nothing written).
    """
    if online is None:
        online = online_linker(linking, endpoint, cache_dir)
    paths = ingest.find_inputs([Path(p) for p in inputs])
    if not paths:
        from .errors import InputError

        raise InputError(", ".join(str(p) for p in inputs), "no .txt articles found")
    if output is not None and str(output) != "-":
        publish.format_for(output, fmt)
        publish.check_writable(Path(output))
    overrides = {"date": date, "title": title, "url": url, "publisher": publisher}
    if len(paths) > 1 and any(v is not None for v in (title, url)):
        from .errors import InputError

        raise InputError(str(paths[0]), "--title and --url describe a single article")
    articles = [ingest.read_article(path, **overrides) for path in paths]
    extractions = [extract_article(article, online) for article in articles]
    dataset = build_dataset(extractions, base)
    result = BuildResult(dataset=dataset, extractions=extractions)
    if validate_output:
        result.report = validate_dataset(dataset)
        if not result.report.conforms:
            raise ValidationFailed(result.report)
    if output is not None:
        publish.write(dataset, output, fmt)
    return result
