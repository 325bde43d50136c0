"""Core commands: build, validate, query, evaluate."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .. import api
from ..errors import NewsgraphError, one_line
from ..rdf.mapper import DEFAULT_BASE
from .common import EXIT_INVALID, EXIT_OK, app, fail, fail_with

if TYPE_CHECKING:
    from ..link.wikidata.online import OnlineLinker


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Article .txt, .jsonl or .html files, or "
                                                 "directories.")],
    output: Annotated[str | None, typer.Option("--output", "-o", help="Output file; '-' for "
                                               "stdout. The format follows the extension: "
                                               ".ttl .trig .nq .nt .jsonld (optional with "
                                               "--shards)")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="Format when writing to "
                                            "stdout: turtle, trig, nquads, ntriples, "
                                            "json-ld")] = None,
    base: Annotated[str, typer.Option(help="Base IRI for instance data.")] = DEFAULT_BASE,
    date: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD).")] = None,
    title: Annotated[str | None, typer.Option(help="Title (single article).")] = None,
    url: Annotated[str | None, typer.Option(help="URL (single article).")] = None,
    publisher: Annotated[str | None, typer.Option(help="Publisher name.")] = None,
    no_validate: Annotated[bool, typer.Option("--no-validate", help="Skip SHACL "
                                              "validation.")] = False,
    link: Annotated[str, typer.Option("--link", help="offline (the gazetteer) or wikidata "
                                      "(also ask a SPARQL endpoint for what the gazetteer "
                                      "does not link).")] = "offline",
    endpoint: Annotated[str | None, typer.Option(help="SPARQL endpoint for --link wikidata "
                                                 "(default: https://query.wikidata.org/"
                                                 "sparql).")] = None,
    cache_dir: Annotated[Path | None, typer.Option("--cache-dir", help="Cache of endpoint "
                                                   "answers (default: $NEWSGRAPH_CACHE or "
                                                   "~/.cache/newsgraph).")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Skip articles that "
                                             "cannot be read or built, report each on "
                                             "stderr and exit 1.")] = False,
    report: Annotated[Path | None, typer.Option("--report", help="Also write the HTML "
                                                "report of the graph to this file.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Processes for nlp, "
                                         "extract and link (the output is the same "
                                         "for any number).")] = 1,
    store: Annotated[Path | None, typer.Option("--store", help="Incremental build: skip "
                                               "articles already in this store, load the "
                                               "others into it (OUTPUT gets only those).")
                     ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no "
                                        "summary line (errors and skipped articles are "
                                        "still reported).")] = False,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run on a Dask "
                                                  "cluster: the scheduler's address "
                                                  "(tcp://host:8786), or 'local' for a local "
                                                  "cluster of --workers processes.")] = None,
    scheduler_timeout: Annotated[float, typer.Option("--scheduler-timeout", help="Seconds "
                                                     "to reach the scheduler.")] = 10.0,
    shards: Annotated[Path | None, typer.Option("--shards", help="Also write the graphs as "
                                                "N-Quads shards (one per batch, named by "
                                                "their SHA-256) and a manifest.json into "
                                                "this directory.")] = None,
) -> None:
    """Build the knowledge graph of INPUTS and write it to OUTPUT.

    Every way this can fail ends in one line on stderr and exit code 2 (1 for a
    graph that does not conform, or for skipped articles with --keep-going),
    never in a traceback: people run it for hours on whatever their scrapers
    produce. NEWSGRAPH_DEBUG=1 shows the traceback of an internal error.
    """
    from ..link.wikidata.online import WikidataWarning

    if output is None and shards is None:
        raise fail("build: give an output file (-o OUT) or a shard directory (--shards DIR)")
    with warnings.catch_warnings(record=True) as caught, build_errors():
        warnings.simplefilter("always", WikidataWarning)
        online = api.online_linker(link, endpoint, cache_dir)
        if report is not None:
            from ..publish.serialize import check_writable

            check_writable(report)  # fail before the work, not after it
        with progress_bar(quiet) as progress:
            result = api.build(inputs, output, fmt=fmt, base=base, date=date,
                               title=title, url=url, publisher=publisher,
                               validate_output=not no_validate, online=online,
                               keep_going=keep_going, workers=workers, store=store,
                               collect=report is not None, progress=progress,
                               scheduler=scheduler, scheduler_timeout=scheduler_timeout,
                               shards=shards)
        if report is not None:
            from ..report import write_report

            write_report(result.dataset, report)
    show_warnings(caught)
    for failure in result.failures:
        typer.echo(f"newsgraph: skipped {failure}", err=True)
    if not quiet:
        counts = build_counts(result, output, online, store is not None)
        verdict = "not validated" if no_validate else "valid"
        typer.echo(f"newsgraph: built {counts} -> {output or shards} ({verdict})", err=True)
    if result.failures:
        raise typer.Exit(EXIT_INVALID)


@contextmanager
def build_errors() -> Iterator[None]:
    """Turn whatever stops a build into one line on stderr and its exit code."""
    import os

    from ..pipeline.cluster import SchedulerError

    try:
        yield
    except api.ValidationFailed as exc:
        sys.stderr.write(exc.report.to_text())
        raise fail("the graph does not conform to the shapes; nothing written",
                   EXIT_INVALID) from None
    except api.NothingBuilt as exc:
        for failure in exc.failures:
            typer.echo(f"newsgraph: skipped {failure}", err=True)
        raise fail(str(exc)) from None
    except SchedulerError as exc:  # not bad input: the cluster failed
        raise fail(str(exc), EXIT_INVALID) from None
    except NewsgraphError as exc:  # an output error brings its own code (1: I/O failure)
        raise fail_with(exc) from None
    except Exception as exc:
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        raise fail(one_line(f"internal error ({type(exc).__name__}: {exc}); nothing "
                            f"written; NEWSGRAPH_DEBUG=1 shows the traceback")) from None


def show_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Online linking's warnings as one line each; any other warning as Python shows it."""
    from ..link.wikidata.online import WikidataWarning

    for warning in caught:
        if issubclass(warning.category, WikidataWarning):
            typer.echo(f"newsgraph: warning: {warning.message}", err=True)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename,
                                 warning.lineno)


def build_counts(result: api.BuildResult, output: str | None, online: OnlineLinker | None,
                 incremental: bool) -> str:
    """What the summary line says was built, linked and skipped."""
    counts = summary(result, published_triples(output))
    if online is not None:
        counts += f", {online.linked} linked online"
    if result.duplicates:
        counts += f", {result.duplicates} duplicate{'s' if result.duplicates > 1 else ''} " \
                  f"(same text as an earlier article) skipped"
    if result.failures:
        counts += f", {len(result.failures)} skipped"
    if incremental:
        counts += f", {result.skipped} unchanged in store (skipped)"
    return counts


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on stderr for builds of more than one article."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:  # no bar in logs and pipes
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("building", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=console, transient=True)
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < 2:
            return
        if task is None:
            bar.start()
            task = bar.add_task("build", total=total)
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()


def published_triples(output: str | None) -> int | None:
    """``void:triples`` of the description written beside ``output``, if there is one.

    That is the number of distinct triples in the file (its union of article
    graphs), which a parser reads back; the build's own counts add the article
    graphs up, and a shared entity's label and type repeat in each article that
    names it. The summary gives the file's number, so that it, the description
    and the file agree.
    """
    if output is None or output == "-":
        return None
    from rdflib import RDF, Graph
    from rdflib.namespace import DCAT, VOID

    from ..publish.description import description_path

    path = description_path(output)
    try:
        description = Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError):
        return None
    dataset = description.value(predicate=RDF.type, object=DCAT.Dataset)
    value = description.value(dataset, VOID.triples) if dataset is not None else None
    return int(str(value)) if value is not None else None


def summary(result: api.BuildResult, triples: int | None = None) -> str:
    """The counts of the summary line; ``triples`` as published (see published_triples)."""
    c = result.counts
    parts = [
        f"{c['articles']} article{'s' if c['articles'] != 1 else ''}",
        f"{c['entities']} actors/places",
        f"{c['statements']} statements",
        f"{c['events']} events",
        f"{c['figures']} casualty figures",
        f"{c['relations']} relations",
        f"{c['triples'] if triples is None else triples} triples",
    ]
    return ", ".join(parts)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .trig .nq .nt .jsonld).")],
    fmt: Annotated[str, typer.Option("--format", help="text, turtle or json.")] = "text",
    engine: Annotated[str, typer.Option("--engine", help="SHACL engine: turbo (pyshacl-turbo, "
                                        "fast) or pyshacl (the reference).")] = "turbo",
) -> None:
    """Validate RDF files against the newsgraph SHACL shapes (exit 0 conforms, 1 not, 2 bad
    input)."""
    from ..validate import load_data
    from ..validate import validate as run_validate

    if fmt not in {"text", "turtle", "json"}:
        raise fail(f"--format: unknown report format {fmt!r} (text, turtle, json)")
    try:
        report = run_validate(load_data(files), engine=engine)
    except NewsgraphError as exc:
        raise fail(str(exc)) from None
    out = {"text": report.to_text, "turtle": report.to_turtle, "json": report.to_json}[fmt]()
    typer.echo(out, nl=False)
    raise typer.Exit(EXIT_OK if report.conforms else EXIT_INVALID)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Canned query name or a .rq file.")] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", "-d", help="RDF files to "
                                                    "query.")] = None,
    store: Annotated[Path | None, typer.Option("--store", help="Store directory (from "
                                               "newsgraph load) to query.")] = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="SPARQL endpoint URL to "
                                                 "query (its default graph must be the "
                                                 "union, as with newsgraph serve).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value "
                                                    "(repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, tsv or json.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the canned queries.")] = False,
    all_columns: Annotated[bool, typer.Option("--all-columns", help="Table format: keep "
                                              "columns of node IRIs.")] = False,
) -> None:
    """Run a canned SPARQL query (or a .rq file) over RDF files (--data), the embedded
    store (--store) or a SPARQL endpoint (--endpoint): the same rows on all three.

    Exit 2 for bad input, 1 when the store or the endpoint fails.
    """
    from .. import query as q
    from ..errors import InputError
    from ..query.sources import open_source

    if list_:
        for item in q.list_queries():
            typer.echo(f"{item.name:20} {item.summary}")
        return
    if name is None:
        raise fail("query: give a query name or --list")
    if fmt not in {"table", "csv", "tsv", "json"}:
        raise fail(f"--format: unknown output format {fmt!r} (table, csv, tsv, json)")
    try:
        canned = q.load_query(name)
        values = q.parse_params(param or [])
        table = q.run_query(canned, open_source(data, store, endpoint), values)
    except InputError as exc:
        raise fail(str(exc)) from None
    except NewsgraphError as exc:  # the store or the endpoint failed
        raise fail(str(exc), EXIT_INVALID) from None
    if fmt == "table":
        from rich.console import Console

        shown = table if all_columns else table.for_terminal()
        Console(width=160).print(shown.to_rich_table())
    else:
        renderer = {"csv": table.to_csv, "tsv": table.to_tsv, "json": table.to_json}[fmt]
        typer.echo(renderer(), nl=False)


@app.command()
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold annotation YAML "
                                                      "files.")] = None,
    articles: Annotated[Path | None, typer.Option("--articles", help="Directory with the "
                                                  "articles the gold files name.")] = None,
    brat: Annotated[Path | None, typer.Option("--brat", help="A brat attribution corpus "
                                              "(text/ and attributions/) to score "
                                              "instead of gold YAML.")] = None,
    data: Annotated[list[Path] | None, typer.Option("--data", help="With --brat: RDF "
                                                    "files to score (default: build the "
                                                    "corpus texts here).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Score extraction against gold annotations (precision, recall, F1 per kind),
    or attribution (cue, cue+source, content tokens) against a brat corpus."""
    from .. import evaluate as ev
    from ..ingest import reader

    if fmt not in {"table", "json"}:
        raise fail(f"--format: unknown output format {fmt!r} (table, json)")
    if brat is not None:
        from ..evaluate.attribution import evaluate_brat

        try:
            found = evaluate_brat(brat, list(data or []))
        except (ValueError, OSError, NewsgraphError) as exc:
            raise fail(f"{brat}: {one_line(str(exc))}") from None
        typer.echo(found.to_table() if fmt == "table" else found.to_json(), nl=False)
        return
    if not gold or articles is None:
        raise fail("evaluate: give gold YAML files with --articles, or --brat DIR")
    evaluations = []
    try:
        for path in gold:
            if not path.exists():
                raise fail(f"{path}: no such file")
            try:
                gold_item = ev.load_gold(path, articles_dir=articles)
            except ValueError as exc:
                raise fail(str(exc)) from None
            article = reader.read_article(articles / gold_item.article,
                                          date=gold_item.date)
            dataset = api.build_dataset([api.extract_article(article)])
            evaluations.append(ev.score(gold_item, dataset))
    except NewsgraphError as exc:
        raise fail(str(exc)) from None
    result = ev.combine(evaluations) if len(evaluations) > 1 else evaluations[0]
    typer.echo(result.to_table() if fmt == "table" else result.to_json(), nl=False)
