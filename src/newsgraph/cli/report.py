"""The ``report`` command: an HTML page analysts open in a browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import NewsgraphError
from .common import EXIT_INVALID, app, fail, fail_with

if TYPE_CHECKING:
    from rdflib import Dataset

RDF_SUFFIXES = {".ttl", ".trig", ".nq", ".nt", ".jsonld"}


def load_inputs(inputs: list[Path]) -> Dataset:
    """One Dataset from RDF files and/or articles (``.txt`` files, directories).

    RDF is read as it is; articles are built first (and validated, as
    ``newsgraph build`` would), so that a report can be had in one step.
    """
    from .. import api
    from ..rdf.reader import load_data

    rdf = [p for p in inputs if p.suffix.lower() in RDF_SUFFIXES]
    articles = [p for p in inputs if p not in rdf]
    dataset = load_data(rdf)
    if articles:
        built = api.build(articles).dataset
        for s, p, o, g in built.quads((None, None, None, None)):
            dataset.graph(g).add((s, p, o))
    return dataset


@app.command()
def report(
    inputs: Annotated[list[Path], typer.Argument(help="RDF files (.ttl .trig .nq .nt .jsonld) "
                                                 "or article .txt files and directories.")],
    output: Annotated[str, typer.Option("--output", "-o", help="The HTML file to write; '-' "
                                        "for stdout.")],
    title: Annotated[str, typer.Option(help="Title of the page.")] = "newsgraph report",
) -> None:
    """Write a self-contained HTML report: highlighted text, actor network, tables."""
    from .. import api
    from ..publish.serialize import check_writable
    from ..report import write_report

    try:
        if output != "-":
            check_writable(Path(output))  # before a possibly long build
        dataset = load_inputs(inputs)
        write_report(dataset, output, title=title)
    except api.ValidationFailed as exc:
        sys.stderr.write(exc.report.to_text())
        raise fail("the graph does not conform to the shapes; nothing written",
                   EXIT_INVALID) from None
    except NewsgraphError as exc:  # an output error brings its own code (1: I/O failure)
        raise fail_with(exc) from None
    if output != "-":
        typer.echo(f"newsgraph: report of {len(dataset)} triples -> {output}", err=True)
