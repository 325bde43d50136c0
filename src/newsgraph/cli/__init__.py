"""The ``newsgraph`` command line: a thin layer over the library.

Each module registers its commands on the shared ``app``; see
``common.py`` for the exit codes.
"""

from __future__ import annotations

from . import core, publishing, report, wikidata  # noqa: F401  (register the commands)
from .common import EXIT_INPUT, EXIT_INVALID, EXIT_OK, app

__all__ = ["EXIT_INPUT", "EXIT_INVALID", "EXIT_OK", "app", "main"]


def main() -> None:  # pragma: no cover - console entry point
    app()
