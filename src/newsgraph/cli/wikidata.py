"""``newsgraph gazetteer refresh``: the gazetteer's QIDs from a SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import NewsgraphError, OutputError
from ..link.wikidata.online import DEFAULT_ENDPOINT, SparqlClient
from .common import app, fail, fail_with

gazetteer_app = typer.Typer(
    no_args_is_help=True,
    help="The offline gazetteer of known actors and places (src/newsgraph/data/gazetteer/).",
)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command()
def refresh(
    endpoint: Annotated[str, typer.Option(help="SPARQL endpoint holding Wikidata-shaped "
                                          "data.")] = DEFAULT_ENDPOINT,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Directory to write "
                                                "the refreshed *.jsonl files to (default: "
                                                "the gazetteer itself).")] = None,
    source: Annotated[Path | None, typer.Option(help="Gazetteer directory to read (default: "
                                                "the package's).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 60.0,
) -> None:
    """Fill in missing QIDs from ENDPOINT with queries/gazetteer-labels.rq.

    Existing QIDs and their verification notes are kept; new ones are recorded as
    verified by "<endpoint> refresh <date>" (one source: review them before use).
    Nothing is written unless every lookup succeeds.
    """
    from ..link.wikidata.refresh import refresh_gazetteer

    try:
        client = SparqlClient(endpoint, timeout=timeout)
        report = refresh_gazetteer(client, output, source)
    except NewsgraphError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail_with(OutputError.of(output or "gazetteer", exc)) from None
    typer.echo(f"newsgraph: {report.to_text()}", err=True, nl=False)
