"""The typer app shared by all command modules, and how errors leave it.

Exit codes (all commands):
    0  success (for ``validate``: the data conforms)
    1  the data does not conform to the shapes (nothing written by ``build``);
       an I/O failure while writing (a full disk, standard output on a full
       device); a store, server or endpoint failed
    2  bad input: one line on stderr naming the file and the reason (also an
       output path that cannot be written)

Writing standard output can fail in any command (``> /dev/full``); the
group below turns that into one line and exit 1 for all of them, instead of
a traceback (or Python's "Exception ignored" at exit); a closed pipe
(``| head``) too.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import NewsgraphError, OutputError, exit_code


class _WatchedStdout:
    """Standard output, remembering the first error a write or a flush gave (an OSError
    alone does not say which file it came from)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.error: OSError | None = None

    def write(self, text: Any) -> int:
        return self._watch(self._stream.write, text)

    def flush(self) -> None:
        self._watch(self._stream.flush)

    def _watch(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except OSError as exc:
            self.error = self.error or exc
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Group(TyperGroup):
    """The command group: reports a failing standard output in one line."""

    def invoke(self, ctx: Any) -> Any:
        original = sys.stdout
        watched = sys.stdout = _WatchedStdout(original)
        try:
            try:
                result = super().invoke(ctx)
            finally:
                with contextlib.suppress(OSError, ValueError):
                    watched.flush()
        except OSError:
            if watched.error is None:  # not standard output: not ours to explain
                raise
            raise _stdout_exit(watched.error) from None
        except typer.Exit as exit_:  # a failed command has said why already
            if watched.error is not None and exit_.exit_code == EXIT_OK:
                raise _stdout_exit(watched.error) from None
            raise
        finally:
            sys.stdout = original
        if watched.error is not None:
            raise _stdout_exit(watched.error) from None
        return result


def _stdout_exit(exc: OSError) -> typer.Exit:
    from ..publish.outfiles import STDOUT, silence_stdout

    silence_stdout()
    error = OutputError.of(STDOUT, exc)
    return fail(str(error), error.exit_code)


app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    help="Turn news articles about conflict and diplomacy into a validated RDF knowledge graph.",
)

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2


def fail(message: str, code: int = EXIT_INPUT) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"newsgraph: {message}", err=True)
    return typer.Exit(code)


def fail_with(exc: NewsgraphError, code: int = EXIT_INPUT) -> typer.Exit:
    """:func:`fail` for ``exc``: an output error brings its own code (1 for an I/O
    failure, 2 for a bad path), any other error ``code``."""
    return fail(str(exc), exit_code(exc, code))
