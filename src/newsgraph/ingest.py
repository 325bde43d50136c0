"""Ingest: turn files into cleaned ``Article`` records.

Reads UTF-8 text files (a BOM and CRLF line ends are accepted) with an
optional sidecar ``NAME.meta.json``. Scraping debris such as ``[ad_1]``
shortcodes and leading list bullets is removed without touching the
article's words; the cleaned text is what the graph stores and what every
offset indexes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .model import Article

TEXT_SUFFIXES = (".txt",)
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = {"title", "date", "url", "publisher", "language", "id"}

# A WordPress-style shortcode alone on a line: [ad_1], [caption id="1"], [/embed].
_SHORTCODE_LINE = re.compile(r"^[ \t]*\[/?[a-z][a-z0-9_-]*(?:\s[^\]\n]*)?\][ \t]*$", re.I)
# An inline shortcode, e.g. "text [ad_2] text".
_SHORTCODE_INLINE = re.compile(r"\[/?(?:ad|ads|advert|caption|embed|related)_?[a-z0-9_-]*\]", re.I)
# A list bullet at the start of a line ("- ", "* ", "• ").
_BULLET = re.compile(r"^[ \t]*[-*•‣◦▪][ \t]+", re.M)


def clean_text(raw: str) -> str:
    """Remove scraping debris, keeping every word and sentence boundary.

    Line structure is kept (it marks paragraphs and headlines); runs of blank
    lines collapse to one; surrounding whitespace is trimmed.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = []
    for line in text.split("\n"):
        if _SHORTCODE_LINE.match(line):
            continue
        line = _SHORTCODE_INLINE.sub("", line)
        line = _BULLET.sub("", line, count=1)
        lines.append(line.rstrip())
    cleaned = "\n".join(lines)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip()


def decode(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (or UTF-16 with a BOM); refuse anything else by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (invalid byte at offset {exc.start})") from None


def parse_date(value: object, path: Path | str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(path, f"bad date {value!r}, expected YYYY-MM-DD") from None


def read_sidecar(path: Path) -> dict:
    """Read ``NAME.meta.json`` beside ``NAME.txt``; an absent sidecar is empty."""
    sidecar = path.with_name(path.name.removesuffix(path.suffix) + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(decode(sidecar.read_bytes(), sidecar))
    except json.JSONDecodeError as exc:
        raise InputError(sidecar, f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(meta, dict):
        raise InputError(sidecar, "sidecar must be a JSON object")
    unknown = sorted(set(meta) - SIDECAR_FIELDS)
    if unknown:
        known = ", ".join(sorted(SIDECAR_FIELDS))
        raise InputError(sidecar, f"unknown field {unknown[0]!r} (known: {known})")
    meta["date"] = parse_date(meta.get("date"), sidecar)
    return meta


def read_article(path: Path, **overrides: object) -> Article:
    """Read one text file (and its sidecar) into an Article.

    ``overrides`` (title, date, url, publisher, language) win over the sidecar.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, expected a text file")
    raw = decode(path.read_bytes(), path)
    text = clean_text(raw)
    if not text:
        raise InputError(path, "empty article (no text after cleaning)")
    meta = read_sidecar(path)
    for key, value in overrides.items():
        if value is not None:
            meta[key] = parse_date(value, path) if key == "date" else value
    identifier = str(meta.get("id") or path.name.removesuffix(path.suffix))
    return Article(
        identifier=identifier,
        text=text,
        title=meta.get("title"),
        date=meta.get("date"),
        url=meta.get("url"),
        publisher=meta.get("publisher"),
        language=meta.get("language") or "en",
        source=str(path),
    )


def find_inputs(paths: list[Path]) -> list[Path]:
    """Expand directories (recursively) to their ``.txt`` files, sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in TEXT_SUFFIXES))
        else:
            found.append(path)
    return found


def read_articles(paths: list[Path], **overrides: object) -> Iterator[Article]:
    for path in find_inputs(paths):
        yield read_article(path, **overrides)
