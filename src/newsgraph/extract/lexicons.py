"""The word lists of the extraction rules, read once from the package's data.

Rules are code; the words they look for are data, in
``data/lexicons/<language>/*.tsv``, one row per entry, tab-separated::

    list    entry   pos     signals     condition

``list`` names the word list (``event_trigger``, ``reporting_verb``,
``casualty``, ...); ``entry`` is a lemma, word or phrase; ``pos`` its part of
speech; ``signals`` what a rule takes from it (a statement, event, casualty or
victim type of the ontology, a relation, a number) and ``condition`` what else
the rule needs (``-`` for nothing in both). The files' headers say more. So a
new reporting verb or event trigger is one line in one file, and a test checks
the lists against each other and against the ontology.

Files are found with :func:`newsgraph.resources.data_path` (they ship in the
package) and parsed once; a malformed row is an error naming its file and line, so a bad
edit fails the first build instead of silently dropping a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import data_path

LANGUAGE = "en"
NONE = "-"
# Coarse parts of speech (spaCy's), plus several words and a regular expression.
PARTS_OF_SPEECH = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "ADP", "DET",
                             "PRON", "NUM", "PART", "SCONJ", "CCONJ", "SYM", "X",
                             "PHRASE", "PATTERN"})


@dataclass(frozen=True)
class Entry:
    """One row of a lexicon file; ``where`` is ``file:line`` for error messages."""

    list: str
    entry: str
    pos: str
    signals: str | None
    condition: str | None
    where: str


def _parse(name: str, text: str) -> list[Entry]:
    rows: list[Entry] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{name}:{number}"
        if len(fields) != 5 or not all(fields) or fields[2] not in PARTS_OF_SPEECH:
            raise ValueError(f"lexicon {where}: expected list, entry, pos, signals, condition "
                             f"(tab-separated, pos one of {sorted(PARTS_OF_SPEECH)})")
        kind, entry, pos, signals, condition = fields
        rows.append(Entry(kind, entry, pos, None if signals == NONE else signals,
                          None if condition == NONE else condition, where))
    return rows


@lru_cache(maxsize=4)
def table(language: str = LANGUAGE) -> dict[str, tuple[Entry, ...]]:
    """Every list of ``language``: name -> its entries, in file order.

    A list spread over two files, or an entry given twice with the same part
    of speech, is an error: one fact has one line.
    """
    folder = data_path("lexicons", language)
    lists: dict[str, list[Entry]] = {}
    home: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".tsv"):
            continue
        for row in _parse(f"{language}/{item.name}", item.read_text(encoding="utf-8")):
            if home.setdefault(row.list, item.name) != item.name:
                raise ValueError(f"lexicon {row.where}: list {row.list!r} is also in "
                                 f"{home[row.list]}")
            lists.setdefault(row.list, []).append(row)
    for rows in lists.values():
        seen: dict[tuple[str, str], Entry] = {}
        for row in rows:
            first = seen.setdefault((row.entry, row.pos), row)
            if first is not row:
                raise ValueError(f"lexicon {row.where}: {row.entry!r} ({row.pos}) is "
                                 f"already in list {row.list!r} at {first.where}")
    return {name: tuple(rows) for name, rows in lists.items()}


def entries(name: str, language: str = LANGUAGE) -> tuple[Entry, ...]:
    """The rows of list ``name``; an unknown name is a ``KeyError`` (a typo in a rule)."""
    return table(language)[name]


@cache
def words(name: str, language: str = LANGUAGE) -> frozenset[str]:
    """The entries of a list, for membership tests."""
    return frozenset(e.entry for e in entries(name, language))


@cache
def ordered(name: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of a list in file order (where order matters: months, patterns)."""
    return tuple(dict.fromkeys(e.entry for e in entries(name, language)))


@cache
def signals(name: str, language: str = LANGUAGE) -> dict[str, str]:
    """Entry -> what it signals (first row of an entry; rows agree, a test checks)."""
    found: dict[str, str] = {}
    for e in entries(name, language):
        if e.signals is not None:
            found.setdefault(e.entry, e.signals)
    return found


@cache
def numbers(name: str, language: str = LANGUAGE) -> dict[str, int]:
    """Entry -> the number it signals ("twenty" -> 20)."""
    return {k: int(v) for k, v in signals(name, language).items()}


@cache
def conditioned(name: str, condition: str, language: str = LANGUAGE) -> frozenset[str]:
    """The entries of a list that carry ``condition``."""
    return frozenset(e.entry for e in entries(name, language) if e.condition == condition)


@cache
def heads(name: str, language: str = LANGUAGE) -> dict[str, frozenset[str]]:
    """Two-word entries ("cast doubt") as first word -> the words that follow it."""
    found: dict[str, set[str]] = {}
    for e in entries(name, language):
        first, second = e.entry.split(" ", 1)
        found.setdefault(first, set()).add(second)
    return {k: frozenset(v) for k, v in found.items()}


@cache
def by_pos(name: str, language: str = LANGUAGE) -> dict[tuple[str, str], Entry]:
    """(entry, pos) -> row: for lists whose rows differ by part of speech."""
    return {(e.entry, e.pos): e for e in entries(name, language)}
