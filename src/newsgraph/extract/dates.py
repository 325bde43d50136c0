"""Normalise time expressions against the article's date.

"on Saturday" in an article of Sunday 2020-10-04 is 2020-10-03 (the latest
such weekday on or before the article date); "yesterday", "today", "last
night", and explicit dates ("3 October", "October 3, 2020") are handled; a
vague expression ("for almost a week", "so far") has no date.
"""

from __future__ import annotations

import datetime as dt
import re

from . import lexicons

WEEKDAYS = list(lexicons.ordered("weekday"))  # Monday first, as date.weekday()
MONTHS = list(lexicons.ordered("month"))
RELATIVE = lexicons.numbers("relative_day")  # days before the article's date


def normalise_date(expression: str, article_date: dt.date | None) -> dt.date | None:
    text = expression.lower().strip()
    text = re.sub(r"^(on|since|from|by|until|in|at|during)\s+", "", text)
    explicit = _explicit(text, article_date)
    if explicit is not None:
        return explicit
    if article_date is None:
        return None
    for phrase, days in RELATIVE.items():
        if text == phrase:
            return article_date - dt.timedelta(days=days)
    for index, name in enumerate(WEEKDAYS):
        if re.fullmatch(rf"(last\s+)?{name}(\s+(morning|afternoon|evening|night))?", text):
            back = (article_date.weekday() - index) % 7
            if text.startswith("last") and back == 0:
                back = 7
            return article_date - dt.timedelta(days=back)
    return None


def _explicit(text: str, article_date: dt.date | None) -> dt.date | None:
    month_names = "|".join(MONTHS)
    match = re.fullmatch(rf"(\d{{1,2}})\s+({month_names})(?:,?\s+(\d{{4}}))?", text) or None
    day = month = year = None
    if match:
        day, month, year = int(match.group(1)), MONTHS.index(match.group(2)) + 1, match.group(3)
    else:
        match = re.fullmatch(rf"({month_names})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?",
                             text)
        if match:
            day, month, year = int(match.group(2)), MONTHS.index(match.group(1)) + 1, match.group(3)
    if day is None or month is None:
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if iso:
            try:
                return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            except ValueError:
                return None
        return None
    if year is None:
        if article_date is None:
            return None
        year = article_date.year
        try:
            candidate = dt.date(int(year), month, day)
        except ValueError:
            return None
        if candidate > article_date + dt.timedelta(days=1):
            candidate = candidate.replace(year=candidate.year - 1)
        return candidate
    try:
        return dt.date(int(year), month, day)
    except ValueError:
        return None
