"""Metadata that wire copy carries in its text: the headline and the dateline.

A wire story starts with its headline on a line of its own, then a dateline
before the first sentence::

    Sudan army says it retook bridge in Khartoum

    KHARTOUM, May 12 (Reuters) - Sudan's army said on Friday ...

Without a sidecar, the headline is the only title the article has and the
dateline the only date, so a timeline would be "undated" and "on Friday"
could not be resolved. Both are read here as metadata; the text itself is
never changed (every offset indexes it as it is).

The dateline's date rarely has a year. A year is never guessed: it comes from
the dateline itself ("Oct. 3, 2023") or from the publication date the
metadata gives (the dateline's day is then the latest such day no later than
a day after publication, so "Dec 31" in a paper of Jan 1 is the previous
year). With neither, the date is left unset and only the place is kept.
Month names and their abbreviations are python-dateutil's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as date_parser

# Longest headline we take: a line longer than this is a paragraph, not a headline.
MAX_HEADLINE_CHARS = 200
# A line ending like a sentence (a headline has no full stop; it may ask a question).
_SENTENCE_END = re.compile(r"[.:;,…]['\"”’)]*$")
# "By Jane Doe" or "By Jane Doe and John Roe, Reuters": a byline between headline and dateline.
_BYLINE = re.compile(r"By\s+[A-Z][^\n]{0,80}$")
# The dash (or colon) that ends a dateline; a bare hyphen needs spaces around it.
_SEPARATOR = r"(?:\s+[-–—]{1,2}|\s*[–—]{1,2}|\s+--|:)\s+"
# The agency: "(Reuters)", "(AFP)", "/PRNewswire/".
_AGENCY = r"(?:\((?P<agency>[^()\n]{2,60})\)|/(?P<slashed>[A-Za-z][^/\n]{1,40})/)"
# Dateline head before the agency: a place ("KHARTOUM", "RIYADH/SANAA", "RIMBO, Sweden"),
# perhaps a date after a comma. Words start upper case; at most 80 characters.
_HEAD = r"(?P<head>[A-Z][\w.'’&-]*(?:[ /][A-Z][\w.'’&-]*){0,4}(?:,[ ][\w.'’ ]{2,30}){0,3})"
_DATELINE = re.compile(rf"^{_HEAD}(?:\s*{_AGENCY})?{_SEPARATOR}(?=\S)")
# A comma-separated part of the head that is a date: "May 12", "Sept. 12", "12 May", "2023".
_DATE_PART = re.compile(r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?"
                        r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?|\d{4})$")


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: the place as written, the date when known, the agency."""

    place: str
    date: dt.date | None = None
    agency: str | None = None
    text: str = ""  # the dateline as it stands in the article, separator included


def headline(text: str) -> str | None:
    """The first line, if it reads as a headline: a short line with no full stop,
    followed by more text, and not itself a dateline paragraph."""
    first, newline, rest = text.partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first or len(first) > MAX_HEADLINE_CHARS:
        return None
    if _SENTENCE_END.search(first) or parse_dateline(first) or not first[0].isupper():
        return None
    return first


def find_dateline(text: str, published: dt.date | None = None) -> Dateline | None:
    """The dateline at the start of the article's first paragraph (after the headline
    and a byline, if there are), or None."""
    lines = text.split("\n")
    start = 1 if headline(text) else 0
    candidates = [line for line in lines[start:start + 4] if line.strip()][:2]
    for line in candidates:
        found = parse_dateline(line, published)
        if found is not None or not _BYLINE.match(line.strip()):
            return found
    return None


def parse_dateline(line: str, published: dt.date | None = None) -> Dateline | None:
    """The dateline that ``line`` starts with, or None.

    A dateline with no agency needs a place in capitals ("KYIV, Sept 12 -"), so
    that a sentence starting with a name and a dash is not taken for one.
    """
    match = _DATELINE.match(line)
    if match is None:
        return None
    agency = match.group("agency") or match.group("slashed")
    if agency and not _agency_like(agency):
        return None
    parts = [part.strip() for part in match.group("head").split(",")]
    date_at = next((i for i, part in enumerate(parts) if i and _DATE_PART.match(part)), None)
    place_parts = parts if date_at is None else parts[:date_at]
    if date_at is not None and not all(_DATE_PART.match(p) for p in parts[date_at:]):
        return None
    place = ", ".join(place_parts)
    if not all(part[:1].isupper() for part in place_parts):
        return None
    if agency is None and not place_parts[0].replace("/", "").replace(" ", "").isupper():
        return None
    when = None if date_at is None else dateline_date(", ".join(parts[date_at:]), published)
    return Dateline(place=place, date=when, agency=agency.strip() if agency else None,
                    text=match.group(0).rstrip())


def _agency_like(words: str) -> bool:
    """"Reuters", "dpa", "Gulf & Horn Newswire"; not "(speaking anonymously)"."""
    parts = words.split()
    return len(parts) == 1 or not any(part[0].islower() for part in parts)


def dateline_date(words: str, published: dt.date | None) -> dt.date | None:
    """The date ``words`` name ("May 12", "Oct. 3, 2023"), with the year they give or,
    failing that, the publication's; None when no year is known or the words are no date."""
    try:  # two leap-year defaults: a year the words do not give shows as a difference
        one = date_parser.parse(words, default=dt.datetime(2000, 1, 1)).date()
        two = date_parser.parse(words, default=dt.datetime(2004, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
    if one == two:
        return one
    if published is None:
        return None
    try:
        candidate = one.replace(year=published.year)
    except ValueError:  # Feb 29 in a year without one
        return None
    if candidate > published + dt.timedelta(days=1):
        try:
            candidate = candidate.replace(year=published.year - 1)
        except ValueError:
            return None
    return candidate


def wire_metadata(text: str, meta: dict) -> dict:
    """Article fields the text gives: ``title`` (the headline, unless ``meta`` has a
    title), ``date`` (the dateline's, unless ``meta`` has one), the dateline's place,
    date and agency. ``meta`` is the sidecar's, page's or options' metadata."""
    published = meta.get("date")
    found = find_dateline(text, published)
    return {
        "title": meta.get("title") or headline(text),
        "date": published or (found.date if found else None),
        "dateline_place": found.place if found else None,
        "dateline_date": found.date if found else None,
        "agency": found.agency if found else None,
    }
