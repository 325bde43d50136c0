"""The library API: ``build`` does what ``newsgraph build`` does.

    import newsgraph
    result = newsgraph.build(["seeds/"], output="out/seed.trig")
    result.report.conforms, len(result.dataset)

Stages run in order for each article: ingest -> nlp -> extract -> link ->
map; the dataset is validated (per article graph, which is what the shapes
constrain) and written only if it conforms. Linking is offline (the gazetteer)
unless ``linking="wikidata"`` adds the online step of :mod:`newsgraph.wikidata`,
which never fails a build.

A build may run for hours over whatever a scraper produced, so one bad
article must not cost the rest: with ``keep_going=True`` an article that
cannot be read, crashes the pipeline or does not conform is skipped and
reported in ``BuildResult.failures``; without it the first such article stops
the build with an error naming it, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pyoxigraph as ox
from rdflib import Dataset, Graph

from . import ingest, publish
from .errors import ExtractionError, InputError, NewsgraphError, one_line
from .extract import extract
from .link import link
from .mapper import DEFAULT_BASE, article_iri, new_dataset, to_dataset, to_graph
from .model import Article, Extraction
from .nlp import parse
from .parallel import WorkerError, extract_all
from .validate import ValidationReport, validate

if TYPE_CHECKING:
    from .wikidata import OnlineLinker

LINKING = ("offline", "wikidata")


class ValidationFailed(Exception):
    """The built graph does not conform to the shapes; nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__("the built graph does not conform to the newsgraph shapes")


class Failure(NamedTuple):
    """An article skipped by ``build(keep_going=True)``: where it is and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return one_line(f"{where}: {self.reason}")


class NothingBuilt(NewsgraphError):
    """``keep_going`` skipped every article: there is nothing to write."""

    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        n = len(failures)
        super().__init__(f"no article could be built ({n} failed); nothing written")


@dataclass
class BuildResult:
    dataset: Dataset
    extractions: list[Extraction] = field(default_factory=list)
    report: ValidationReport | None = None
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # articles already in the ``store`` (same text), not re-extracted


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
    if linking not in LINKING:
        raise InputError(linking, f"unknown linking (choose from {', '.join(LINKING)})")
    if linking == "offline":
        return None
    from .wikidata import OnlineLinker

    return OnlineLinker(endpoint, cache_dir=cache_dir)


def build_dataset(extractions: Iterable[Extraction], base: str = DEFAULT_BASE) -> Dataset:
    return to_dataset(extractions, base)


def validate_dataset(dataset: Dataset) -> ValidationReport:
    """Validate each article's named graph on its own and merge the results."""
    reports = [validate(graph) for graph in sorted(dataset.graphs(), key=lambda g: str(
        g.identifier)) if len(graph)]
    return _merge_reports(reports) or validate(dataset)


def check_base(base: str) -> None:
    """Refuse a ``--base`` that would mint IRIs no RDF parser reads back."""
    if not _IRI.fullmatch(base):
        raise InputError("--base", f"not an absolute IRI: {base!r}")


# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")


def _extract_one(entry: ingest.Entry, online: OnlineLinker | None, base: str,
                 check: bool, done: Extraction | WorkerError | None = None,
                 ) -> tuple[Extraction, Graph, ValidationReport | None]:
    """Extract, map and (if ``check``) validate one article.

    ``done`` is the extraction (or error) a worker process already made of
    it; online linking is then applied here, as the in-process path does.
    Any exception from the pipeline becomes an :class:`ExtractionError` naming
    the article: a bug met on one article in a long run must say which article
    (so it can be reproduced) rather than end in a traceback.
    """
    assert entry.article is not None
    if isinstance(done, WorkerError):
        reason = f"extraction failed ({done}); please report this article"
        raise ExtractionError(entry.source, reason, entry.line)
    try:
        if done is None:
            extraction = extract_article(entry.article, online)
        else:
            extraction = done
            if online is not None:
                online.link(extraction)
        graph = to_graph(extraction, base)
        report = validate(graph) if check else None
    except Exception as exc:
        reason = f"extraction failed ({type(exc).__name__}: {exc}); please report this article"
        raise ExtractionError(entry.source, reason, entry.line) from exc
    return extraction, graph, report


def _merge_reports(reports: list[ValidationReport]) -> ValidationReport | None:
    if not reports:
        return None
    results = sorted({r for report in reports for r in report.results},
                     key=lambda r: r.sort_key())
    return ValidationReport(conforms=all(r.conforms for r in reports), results=results,
                            report_graph=reports[0].report_graph)


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
    keep_going: bool = False,
    workers: int = 1,
    store: str | Path | None = None,
) -> BuildResult:
    """Build the graph of the articles in ``inputs`` (files or directories).

    ``linking="wikidata"`` also looks up what the gazetteer did not link at
    ``endpoint`` (default: the Wikidata Query Service), caching answers in
    ``cache_dir`` (default ``$NEWSGRAPH_CACHE`` or ``~/.cache/newsgraph``); a
    failing endpoint only gives a ``WikidataWarning``. ``online`` passes a
    configured :class:`~newsgraph.wikidata.OnlineLinker` instead.

    Raises ``InputError`` for bad input (before any extraction, so a long run
    fails fast), ``ExtractionError`` when the pipeline fails on an article and
    ``ValidationFailed`` when the result does not conform; nothing is written
    in any of these cases. With ``keep_going`` such articles are skipped and
    listed in ``BuildResult.failures`` as (source, line, reason), and only
    ``NothingBuilt`` is raised, when no article is left.

    ``workers`` > 1 runs nlp, extract and link in that many processes (see
    :mod:`newsgraph.parallel`); the result is the same as with one.
    ``store`` (a directory) makes the build incremental: articles whose graph
    (named by the hash of their text) is already in the store are skipped and
    counted in ``BuildResult.skipped``; each built article's graph is loaded
    into the store, replacing the graph of an earlier version of the same
    article (same ``dcterms:identifier``). ``output`` then gets only the
    articles built in this run.
    """
    check_base(base)
    if workers < 1:
        raise InputError("--workers", f"must be at least 1, not {workers}")
    if online is None:
        online = online_linker(linking, endpoint, cache_dir)
    inputs = list(inputs)
    paths = ingest.find_inputs([Path(p) for p in inputs])
    if not paths:
        raise InputError(", ".join(str(p) for p in inputs), "no .txt or .jsonl articles found")
    if output is not None and str(output) != "-":
        publish.format_for(output, fmt)
        publish.check_writable(Path(output))
    overrides = {"date": date, "title": title, "url": url, "publisher": publisher}
    single = any(v is not None for v in (title, url))
    if len(paths) > 1 and single:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    failures: list[Failure] = []
    entries: list[ingest.Entry] = []
    for entry in ingest.scan(paths, **overrides):
        if entry.error is None:
            entries.append(entry)
        elif keep_going:
            error = entry.error  # names the sidecar when that is what is wrong
            failures.append(Failure(str(error.path), error.line, error.reason))
        else:
            raise entry.error
    if single and len(entries) + len(failures) > 1:
        raise InputError(str(paths[0]), "--title and --url describe a single article")
    dataset = new_dataset(base)
    result = BuildResult(dataset=dataset, failures=failures)
    if store is not None:  # opened here and at the end only: a failed build keeps no lock
        entries = _not_in_store(store, entries, base, result)
    reports = []
    graphs: list[Graph] = []
    with closing(_extractions(entries, workers)) as extracted:
        for entry, done in zip(entries, extracted, strict=True):
            try:
                extraction, graph, report = _extract_one(entry, online, base, validate_output,
                                                         done)
            except ExtractionError as exc:
                if not keep_going:
                    raise
                failures.append(Failure(entry.source, entry.line, exc.reason))
                continue
            if report is not None and not report.conforms and keep_going:
                first = report.results[0].message if report.results else "no details"
                failures.append(Failure(entry.source, entry.line,
                                        f"does not conform to the shapes ({first})"))
                continue
            if report is not None:
                reports.append(report)
            result.extractions.append(extraction)
            graphs.append(graph)
            _add_graph(dataset, graph)
    if not result.extractions and not result.skipped:
        raise NothingBuilt(failures)
    result.report = _merge_reports(reports)
    if result.report is not None and not result.report.conforms:
        raise ValidationFailed(result.report)
    if output is not None:
        try:
            publish.write(dataset, output, fmt)
        except OSError as exc:
            raise InputError(output, f"cannot write: {exc.strerror or exc}") from None
    if store is not None:
        _store_graphs(store, graphs, result.extractions)
    return result


def _extractions(entries: list[ingest.Entry], workers: int,
                 ) -> Generator[Extraction | WorkerError | None, None, None]:
    """What workers extracted of ``entries``, in order; None each for in-process work."""
    if workers == 1 or len(entries) < 2:
        yield from [None] * len(entries)
    else:
        yield from extract_all([e.article for e in entries if e.article is not None], workers)


def _not_in_store(path: str | Path, entries: list[ingest.Entry], base: str,
                  result: BuildResult) -> list[ingest.Entry]:
    """``entries`` whose graph is not in the store yet; the others are counted skipped."""
    from .store import open_store

    oxstore = open_store(path)  # created if missing: fails here, before any work
    left = []
    for entry in entries:
        assert entry.article is not None
        iri = ox.NamedNode(str(article_iri(entry.article.text, base)))
        if oxstore.contains_named_graph(iri):
            result.skipped += 1
        else:
            left.append(entry)
    return left


def _store_graphs(path: str | Path, graphs: list[Graph],
                  extractions: list[Extraction]) -> None:
    """Load each built graph into the store, dropping older versions of its article."""
    from .store import StoreError, open_store, replace_graph

    oxstore = open_store(path)
    try:
        for graph, extraction in zip(graphs, extractions, strict=True):
            name = ox.NamedNode(str(graph.identifier))
            identifier = ox.Literal(extraction.article.identifier)
            for quad in list(oxstore.quads_for_pattern(None, _DCTERMS_IDENTIFIER, identifier)):
                old = quad.graph_name
                if isinstance(old, ox.NamedNode) and old != name and old == quad.subject:
                    oxstore.remove_graph(old)
            data = graph.serialize(format="nt", encoding="utf-8")
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            replace_graph(oxstore, name, triples)
        oxstore.flush()
    except OSError as exc:
        raise StoreError(f"{path}: writing the store failed: {exc}") from exc


_DCTERMS_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


def _add_graph(dataset: Dataset, graph: Graph) -> None:
    named = dataset.graph(graph.identifier)
    for triple in graph:
        named.add(triple)
