"""Exceptions raised by newsgraph.

Every error a user can cause (a missing file, bad input) is a
:class:`NewsgraphError`; the CLI prints its message on one line instead of a
traceback.
"""

from __future__ import annotations

from pathlib import Path


class NewsgraphError(Exception):
    """Base class of the errors newsgraph reports to its users."""


class InputError(NewsgraphError):
    """An input file that cannot be used: missing, of an unknown kind, or malformed."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
