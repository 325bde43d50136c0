"""Ingest: turn files into cleaned ``Article`` records.

Inputs are text files (UTF-8, or UTF-16/32 with a BOM) with an optional
sidecar ``NAME.meta.json``, and JSON Lines corpora (``.jsonl``, one article
per line: ``text`` plus the sidecar fields), and saved news pages (``.html``/``.htm``,
see :mod:`newsgraph.ingest.html_page`). Scraping debris such as ``[ad_1]``
shortcodes and leading bullets is removed without touching the words; the
cleaned text is what the graph stores and what every offset indexes. The
headline and dateline wire copy starts with are read as metadata (title,
date, place, agency; see :mod:`newsgraph.ingest.wire`) and left in the text.

Scrapers produce anything, so every refusal names the file (and line) and the
reason, and memory stays bounded: a text file over :data:`MAX_FILE_BYTES` is
refused unread; JSON Lines are streamed, each line bounded by the same limit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..errors import InputError
from ..model import Article
from .rawbytes import _BOMS, MAX_FILE_BYTES, decode, read_bytes, sniff_binary
from .wire import wire_metadata

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl",)
HTML_SUFFIXES = (".html", ".htm")
INPUT_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = {"title", "date", "url", "publisher", "language", "id"}
JSONL_FIELDS = SIDECAR_FIELDS | {"text"}

#: Longest article (characters after cleaning): spaCy needs ~1 GB of memory per 100,000
#: characters, and a text that long is a concatenated dump rather than an article.
MAX_ARTICLE_CHARS = 100_000

# A WordPress-style shortcode alone on a line: [ad_1], [caption id="1"], [/embed].
_SHORTCODE_LINE = re.compile(r"^[ \t]*\[/?[a-z][a-z0-9_-]*(?:\s[^\]\n]*)?\][ \t]*$", re.I)
# An inline shortcode, e.g. "text [ad_2] text".
_SHORTCODE_INLINE = re.compile(r"\[/?(?:ad|ads|advert|caption|embed|related)_?[a-z0-9_-]*\]", re.I)
# A list bullet at the start of a line ("- ", "* ", "• ").
_BULLET = re.compile(r"^[ \t]*[-*•‣◦▪][ \t]+", re.M)
# Characters Python (and line-based RDF tooling) treat as line breaks besides \n and \r.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?")


class Entry(NamedTuple):
    """One article read from ``source`` (at ``line`` in JSON Lines), or why it could not be."""

    source: str
    line: int | None
    article: Article | None
    error: InputError | None


def clean_text(raw: str) -> str:
    """Remove scraping debris, keeping every word and sentence boundary.

    Line structure is kept (it marks paragraphs and headlines); every Unicode
    line break becomes ``\\n`` so that offsets, spaCy's sentence breaks and
    line-based RDF formats all agree on what a line is; runs of blank lines
    collapse to one; surrounding whitespace is trimmed.
    """
    text = _LINE_BREAKS.sub("\n", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.lstrip("\ufeff")  # byte order marks, however many a conversion left
    lines = [_BULLET.sub("", _SHORTCODE_INLINE.sub("", line), count=1).rstrip()
             for line in text.split("\n") if not _SHORTCODE_LINE.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _shown(value: object, limit: int = 60) -> str:
    """A short repr for messages: the input may be megabytes long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def parse_date(value: object, path: Path | str, line: int | None = None) -> dt.date | None:
    """``YYYY-MM-DD`` (a time after it is ignored) -> date; None or "" -> None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    try:
        return dt.date.fromisoformat(match.group(1) if match else "invalid")
    except ValueError:
        raise InputError(path, f"bad date {_shown(value)}, expected YYYY-MM-DD", line) from None


class _Duplicate(ValueError):
    """A field given twice in one JSON object: the metadata contradicts itself."""


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(f"field {_shown(key)} given twice (contradictory metadata)")
            seen.add(key)
    return obj


def _load_json(text: str, path: Path | str, line: int | None = None) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _Duplicate as exc:
        raise InputError(path, str(exc), line) from None
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if line is not None else f"line {exc.lineno}"
        raise InputError(path, f"malformed JSON: {exc.msg} at {where}", line) from None
    except RecursionError:
        raise InputError(path, "malformed JSON: nested too deeply", line) from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise InputError(path, f"unusable JSON: {exc}", line) from None


def _string(value: str) -> str:
    """Lone surrogates (JSON ``"\\ud800"``, undecodable file names) -> U+FFFD for UTF-8."""
    return _SURROGATE.sub("\ufffd", value)


def check_metadata(meta: dict, path: Path | str, allowed: set[str] = SIDECAR_FIELDS,
                   line: int | None = None) -> dict:
    """Validate metadata fields by name and type; return them normalised.

    Unknown fields, wrong types, bad dates and URLs that are not absolute IRIs
    are refused by name: a silent mistake in metadata ends up in every triple
    about the article.
    """
    unknown = sorted(set(meta) - allowed)
    if unknown:
        if unknown[0] == "text" and "text" not in allowed:
            raise InputError(path, "field 'text' contradicts the article file (the text "
                                   "belongs in the .txt file)", line)
        raise InputError(path, f"unknown field {_shown(unknown[0])} "
                               f"(known: {', '.join(sorted(allowed))})", line)
    out: dict = {}
    for key, value in meta.items():
        if value is None:
            continue
        if key == "date":
            out[key] = parse_date(value, path, line)
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise InputError(path, f"field {key!r} must be a string, got "
                                   f"{type(value).__name__} {_shown(value)}", line)
        value = _string(value)
        if key != "text":
            value = _LINE_BREAKS.sub(" ", value)
        if key == "url" and value and not _IRI.fullmatch(value):
            raise InputError(path, f"field 'url' is not an absolute URL: {_shown(value)}", line)
        out[key] = value
    return out


def read_sidecar(path: Path) -> dict:
    """Read ``NAME.meta.json`` beside ``NAME.txt``; an absent sidecar is empty."""
    sidecar = path.with_name(path.name.removesuffix(path.suffix) + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    meta = _load_json(decode(read_bytes(sidecar), sidecar), sidecar)
    if not isinstance(meta, dict):
        raise InputError(sidecar, "sidecar must be a JSON object")
    return check_metadata(meta, sidecar)


def _apply_overrides(meta: dict, overrides: dict[str, object], path: Path | str,
                     line: int | None) -> dict:
    given = {key: value for key, value in overrides.items() if value is not None}
    if "url" in given and not _IRI.fullmatch(str(given["url"])):
        raise InputError("--url", f"not an absolute URL: {_shown(given['url'])}")
    for key, value in given.items():
        meta[key] = (parse_date(value, path, line) if key == "date"
                     else _LINE_BREAKS.sub(" ", _string(str(value))))
    return meta


def _article(text: str, meta: dict, default_id: str, path: Path | str,
             line: int | None, source: str) -> Article:
    """Clean ``text`` and check that an article is left, of a length spaCy can take."""
    text = clean_text(text)
    if not text:
        raise InputError(path, "empty article (no text after cleaning)", line)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(path, f"article too long ({len(text):,} characters; the limit is "
                               f"{MAX_ARTICLE_CHARS:,} per article)", line)
    return Article(identifier=_string(str(meta.get("id") or default_id)), text=text,
                   url=meta.get("url"), publisher=meta.get("publisher"),
                   language=meta.get("language") or "en", source=source,
                   **wire_metadata(text, meta))


def read_article(path: Path, **overrides: object) -> Article:
    """Read one text file or HTML page (and its sidecar) into an Article.

    ``overrides`` (title, date, url, publisher, language) win over the sidecar,
    which wins over the metadata of an HTML page.
    """
    path = Path(path)
    if not path.exists() or path.is_dir():
        raise InputError(path, "is a directory, expected a text file" if path.is_dir()
                         else "no such file")
    data = read_bytes(path)
    if not data:
        raise InputError(path, "empty article (the file is empty)")
    page: dict = {}
    if path.suffix.lower() in HTML_SUFFIXES:
        from .html_page import read_html  # loads trafilatura only when a page is read
        raw, page = read_html(data, path)
    else:
        raw = decode(data, path)
    meta = _apply_overrides({**page, **read_sidecar(path)}, overrides, path, None)
    return _article(raw, meta, path.name.removesuffix(path.suffix), path, None, str(path))


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | None]]:
    """``(line number, byte offset, bytes)``; None for a line longer than ``limit``.

    An overlong line is skipped in chunks, never held in memory whole.
    """
    number, offset = 0, 0
    while line := handle.readline(limit + 1):
        number, start, offset = number + 1, offset, offset + len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            while (chunk := handle.readline(limit)) and not chunk.endswith(b"\n"):
                offset += len(chunk)
            offset += len(chunk)
            yield number, start, None
        else:
            yield number, start, line


def read_jsonl(path: Path, **overrides: object) -> Iterator[Entry]:
    """The articles of a JSON Lines file, one :class:`Entry` per non-blank line.

    A bad line gives an entry with its error (so a caller may skip it and go
    on); a file that cannot be JSON Lines at all gives a single error entry.
    """
    path = Path(path)
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        reason = {FileNotFoundError: "no such file", IsADirectoryError: "is a directory, "
                  "expected a file"}.get(type(exc), f"cannot read: {exc.strerror}")
        yield Entry(source, None, None, InputError(path, reason))
        return
    with handle:
        head = handle.read(8192)
        handle.seek(0)
        if problem := _jsonl_file_problem(head):
            yield Entry(source, None, None, InputError(path, problem))
            return
        count = 0
        for number, offset, raw in _lines(handle, MAX_FILE_BYTES):
            if raw is not None and not raw.strip():
                continue
            count += 1
            try:
                yield Entry(source, number, _jsonl_article(raw, path, number, offset,
                                                           overrides), None)
            except InputError as exc:
                yield Entry(source, number, None, exc)
    if count == 0:
        why = "the file is empty" if not head else "only blank lines"
        yield Entry(source, None, None, InputError(path, f"no articles ({why})"))


def _jsonl_file_problem(head: bytes) -> str | None:
    """Why a file whose first bytes are ``head`` cannot be JSON Lines, if it cannot."""
    if kind := sniff_binary(head):
        return f"binary file ({kind}), expected JSON Lines"
    for bom, _codec, name in _BOMS:
        if head.startswith(bom):
            return f"JSON Lines must be UTF-8, found a {name} byte order mark"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), expected JSON Lines"
    return None


def _jsonl_article(raw: bytes | None, path: Path, number: int, offset: int,
                   overrides: dict[str, object]) -> Article:
    if raw is None:
        raise InputError(path, f"line too long (the limit is {MAX_FILE_BYTES:,} bytes)", number)
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw, offset = raw[3:], offset + 3
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (invalid byte at offset "
                               f"{offset + exc.start})", number) from None
    record = _load_json(text, path, number)
    if not isinstance(record, dict):
        raise InputError(path, f"expected a JSON object, got {type(record).__name__}", number)
    if "text" not in record:
        raise InputError(path, "missing field 'text'", number)
    meta = check_metadata(record, path, JSONL_FIELDS, number)
    meta = _apply_overrides(meta, overrides, path, number)
    return _article(meta.get("text", ""), meta, f"{path.stem}-{number}", path, number,
                    f"{path}:{number}")


def find_inputs(paths: list[Path]) -> list[Path]:
    """Expand directories (recursively) to their input files (:data:`INPUT_SUFFIXES`), sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.suffix in INPUT_SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found


def scan(paths: list[Path], **overrides: object) -> Iterator[Entry]:
    """Every article of every input (files from :func:`find_inputs`), or its error.

    Errors are yielded, not raised, so that a long run can skip a bad article
    and report it (``--keep-going``) instead of stopping.
    """
    for path in paths:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, **overrides)
            continue
        try:
            yield Entry(str(path), None, read_article(path, **overrides), None)
        except InputError as exc:
            yield Entry(str(path), None, None, exc)


def read_articles(paths: list[Path], **overrides: object) -> Iterator[Article]:
    """Every article of ``paths``; raises the first :class:`InputError`."""
    for entry in scan(find_inputs(paths), **overrides):
        if entry.article is None:
            raise entry.error or InputError(entry.source, "unreadable")
        yield entry.article
