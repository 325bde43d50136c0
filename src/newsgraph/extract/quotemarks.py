"""Quotation marks, written once for every rule that looks for quotations.

Curly marks and guillemets open and close; a straight double mark toggles, and
so does a doubled apostrophe (''...''), which wires, archives and text converted
from typesetting formats use for quotation marks. A doubled grave accent
(``...) opens, as in the same converted texts.
"""

from __future__ import annotations

import re

OPENING = ("“", "«", "``")
CLOSING = ("”", "»")
TOGGLING = ('"', "''")
OPENERS = OPENING + TOGGLING
CLOSERS = CLOSING + TOGGLING


def _one_of(marks: tuple[str, ...]) -> str:
    """A regular expression for any of ``marks``, the longest tried first."""
    return "(?:" + "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True)) + ")"


_ANY = _one_of(tuple(dict.fromkeys((*OPENERS, *CLOSERS))))
# one character of quoted text: no quotation mark starts at it
_QUOTED_CHAR = rf"(?:(?!{_ANY})[\s\S])"

MARK_RE = re.compile(rf"\n|{_ANY}")
# a quotation, closed, or opened with a curly mark and running to the end of the line
QUOTATION_RE = re.compile(
    rf"{_one_of(OPENERS)}{_QUOTED_CHAR}{{2,}}?{_one_of(CLOSERS)}"
    rf"|{_one_of(OPENING)}{_QUOTED_CHAR}{{2,}}$", re.M)
# the words of a closed quotation (group 1)
QUOTED_RE = re.compile(rf"{_one_of(OPENERS)}({_QUOTED_CHAR}{{2,}}){_one_of(CLOSERS)}")


def starts_quotation(text: str) -> bool:
    return text.startswith(OPENERS)


def ends_quotation(text: str, pos: int) -> int:
    """The length of the closing mark that ends at ``pos`` (0 for none)."""
    return next((len(m) for m in CLOSERS if text.startswith(m, pos - len(m))), 0)
