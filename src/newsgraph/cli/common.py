"""The typer app shared by all command modules, and how errors leave it.

Exit codes (all commands):
    0  success (for ``validate``: the data conforms)
    1  the data does not conform to the shapes (nothing written by ``build``)
    2  bad input: one line on stderr naming the file and the reason
"""

from __future__ import annotations

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles about conflict and diplomacy into a validated RDF knowledge graph.",
)

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2


def fail(message: str, code: int = EXIT_INPUT) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"newsgraph: {message}", err=True)
    return typer.Exit(code)
