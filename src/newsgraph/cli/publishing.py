"""Publishing commands: load, serve, publish, docs.

Exit codes follow ``common.py``: 0 success, 2 bad input (one line naming the
file or option), and 1 when a store, server or endpoint fails (one line
saying what failed; for ``publish``, what was published before the failure).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError, NewsgraphError
from .common import EXIT_INPUT, app, fail, fail_with

EXIT_FAILED = 1


def _fail_for(exc: NewsgraphError) -> typer.Exit:
    """Bad input exits 2; a failing store, server or endpoint exits 1; an output that
    cannot be written says which (2 for a bad path, 1 for an I/O failure)."""
    return fail_with(exc, EXIT_INPUT if isinstance(exc, InputError) else EXIT_FAILED)


@app.command()
def load(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by build (.trig .nq; "
                                                "or .ttl .nt .jsonld of one article), or "
                                                "shard directories (build --shards).")],
    store: Annotated[Path, typer.Option("--store", help="Store directory (created if "
                                        "missing).")],
) -> None:
    """Load RDF files into an embedded store on disk, one named graph per article.

    Loading an article again replaces its graph, in one transaction. A shard
    directory is checked against its manifest, then bulk-loaded.
    """
    from ..publish import shards

    try:
        report = shards.load(store, files)
    except NewsgraphError as exc:
        raise _fail_for(exc) from None
    typer.echo(f"newsgraph: {report.to_text()} -> {store}", err=True)


@app.command()
def serve(
    store: Annotated[Path, typer.Option("--store", help="Store directory (from newsgraph "
                                        "load).")],
    bind: Annotated[str, typer.Option("--bind", help="HOST:PORT to listen on.")] =
        "127.0.0.1:7878",
    writable: Annotated[bool, typer.Option("--writable", help="Accept SPARQL updates and "
                                           "Graph Store writes (default: read-only).")] = False,
) -> None:
    """Serve the store over HTTP (SPARQL 1.1 Protocol at /query) with the Oxigraph server.

    Read-only unless --writable; the default graph is the union of the article
    graphs. Runs until interrupted (Ctrl-C).
    """
    from ..store import server

    def ready() -> None:  # called once the port is bound, never before
        url = server.base_url(bind)
        mode = "read-write" if writable else "read-only"
        typer.echo(f"newsgraph: serving {store} ({mode}) at {url}/query"
                   + (f", updates at {url}/update, graph store at {url}/store" if writable
                      else "") + "; Ctrl-C stops", err=True)
        if host not in ("127.0.0.1", "localhost", "[::1]"):
            typer.echo(f"newsgraph: warning: listening on {host}: other machines can reach "
                       "it", err=True)

    try:
        host, _ = server.check_bind(bind)
        server.command(store, bind, writable)  # checks the store, finds oxigraph
        code = server.serve_forever(store, bind, writable, on_ready=ready)
    except NewsgraphError as exc:
        raise _fail_for(exc) from None
    raise typer.Exit(code)


@app.command()
def publish(
    files: Annotated[list[Path], typer.Argument(help="RDF files written by build.")],
    endpoint: Annotated[str, typer.Option("--endpoint", help="Graph Store HTTP Protocol "
                                          "endpoint, e.g. http://127.0.0.1:7878/store.")],
    graph: Annotated[str | None, typer.Option("--graph", help="Put all triples in this one "
                                              "named graph (default: one graph per "
                                              "article).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 60.0,
) -> None:
    """Push graphs to a SPARQL 1.1 store with the Graph Store HTTP Protocol (PUT per graph).

    Credentials come from the environment only: NEWSGRAPH_TOKEN (bearer), or
    NEWSGRAPH_USER and NEWSGRAPH_PASSWORD (basic). TLS certificates are verified.
    """
    from ..store import graph_store

    def report(item: graph_store.Published) -> None:
        typer.echo(f"published {item.graph} ({item.triples} triples)")

    try:
        done = graph_store.publish(files, endpoint, graph, timeout=timeout,
                                  on_published=report)
    except NewsgraphError as exc:
        raise _fail_for(exc) from None
    triples = sum(item.triples for item in done)
    typer.echo(f"newsgraph: published {len(done)} graph{'s' if len(done) != 1 else ''} "
               f"({triples} triples) to {endpoint}", err=True)


@app.command()
def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for index.html "
                                         "(created if missing).")],
) -> None:
    """Write HTML documentation of the ontology, generated with pyLODE."""
    from ..publish.ontodocs import write_docs

    try:
        page = write_docs(output)
    except NewsgraphError as exc:
        raise _fail_for(exc) from None
    except OSError as exc:
        raise fail(f"{output}: {exc.strerror or exc}") from None
    typer.echo(f"newsgraph: wrote {page}", err=True)
