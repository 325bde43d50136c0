"""Exceptions raised by newsgraph.

Every error a user can cause (a missing file, bad input) is a
:class:`NewsgraphError`; the CLI prints its message on one line instead of a
traceback. Messages name the file (and, for JSON Lines, the line) so that
someone feeding a scraper's output can find the offending article at once.
"""

from __future__ import annotations

import errno
from pathlib import Path

#: Longest message the CLI prints: a garbage line or a huge value must not flood stderr.
MAX_MESSAGE = 500


def one_line(text: object, limit: int = MAX_MESSAGE) -> str:
    """``text`` as a single printable line, shortened to ``limit`` characters.

    Reasons can quote input (a bad date, an exception's message) and paths can
    hold any character; escaping line breaks and control characters keeps the
    promise of one line per error, and the limit keeps a megabyte-long value
    from flooding the terminal.
    """
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


class NewsgraphError(Exception):
    """Base class of the errors newsgraph reports to its users."""


class SourceError(NewsgraphError):
    """Something wrong with one input: a file, or one line of a JSON Lines file.

    ``path`` names the file, ``line`` the 1-based line for JSON Lines input
    (None for a whole file), ``reason`` says what is wrong in words.
    """

    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    @property
    def where(self) -> str:
        """``path`` or ``path:line``, the way compilers and grep name a place."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)

    def __str__(self) -> str:
        return one_line(f"{self.where}: {self.reason}")


class InputError(SourceError):
    """An input that cannot be used: missing, of an unknown kind, too large, or malformed."""


class ExtractionError(SourceError):
    """The pipeline failed on an article that ingest accepted.

    This is a bug in newsgraph rather than bad input, but the user still gets
    the article named on one line (and ``--keep-going`` skips it) instead of a
    traceback in the middle of a long run.
    """


#: errno values that mean the data could not be stored (the path itself was fine):
#: exit code 1, as for a failing store; anything else is a bad output path (exit 2).
IO_FAILURES = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EPIPE})


class OutputError(SourceError):
    """An output that could not be written: the file is named, with the reason.

    ``exit_code`` is 1 for an I/O failure (a full disk, a device error, a file
    too large) and 2 for a path that cannot be an output (a directory in the
    way, a missing or read-only directory).
    """

    def __init__(self, path: str | Path, reason: str, io_failure: bool = False) -> None:
        self.io_failure = io_failure
        super().__init__(path, reason)

    @property
    def exit_code(self) -> int:
        return 1 if self.io_failure else 2

    @classmethod
    def of(cls, path: str | Path, exc: OSError, doing: str = "cannot write") -> OutputError:
        """The error for ``exc`` raised while writing ``path``."""
        reason = exc.strerror or str(exc)
        return cls(path, f"{doing}: {reason}", io_failure=exc.errno in IO_FAILURES)


def exit_code(exc: NewsgraphError, default: int = 2) -> int:
    """The CLI exit code for ``exc``: an output's own code, else ``default``."""
    return exc.exit_code if isinstance(exc, OutputError) else default
