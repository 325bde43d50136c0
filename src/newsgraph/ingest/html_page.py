"""HTML input: a saved news page -> its main text and metadata, with trafilatura.

A saved page is mostly not the article: menus, cookie banners, ads, share
buttons, reader comments and footers surround a few paragraphs. Every word of
that boilerplate would become text the pipeline reads (a cookie banner is full
of organisation names), so the main text is taken out by trafilatura's
extractor rather than by stripping tags; hand-written HTML parsing cannot tell
an article from its page.

Everything happens on the decoded string: trafilatura never fetches the page
(no ``fetch_url``, no ``url=``), so a build stays offline and reproducible.
The bytes go through :func:`newsgraph.ingest.reader.decode` first, so binary files
and encodings are refused exactly as for ``.txt`` input; the text returned here
is raw and is cleaned, bounded and turned into an ``Article`` by
:mod:`newsgraph.ingest.reader`, like any other input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import trafilatura

from ..errors import InputError
from .reader import check_metadata, decode

#: The refusal for a page in which trafilatura finds no article.
NO_TEXT = "no article text found in the HTML page"

#: Article field -> attribute of trafilatura's ``Document`` that fills it.
#: ``url`` comes from ``<link rel="canonical">`` (or ``og:url``), ``publisher``
#: from ``og:site_name`` (or JSON-LD), ``date`` from htmldate (published, not modified).
PAGE_FIELDS = {"title": "title", "date": "date", "url": "url", "publisher": "sitename"}

# Why each option (see trafilatura.bare_extraction):
# - fast: skip the readability/jusText fallbacks; on a page without an article
#   they return the menu ("WorldSport"), and a refused page is better than a
#   graph built from a menu;
# - favor_precision: likewise, a missed paragraph costs less than boilerplate;
# - include_comments/tables/images/links off: reader comments are not the
#   article, table cells are not sentences (and layout tables hold menus);
# - extensive_search off: htmldate would otherwise guess dates from free text
#   (a copyright year, "3 hours ago" relative to today), which is neither right
#   nor reproducible; meta tags, JSON-LD, <time> and the URL remain.
_OPTIONS: dict[str, Any] = {
    "url": None,
    "fast": True,
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
    "with_metadata": True,
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}


class Page(NamedTuple):
    """The main text of a page (one paragraph per line, as in ``.txt`` input) and its metadata.

    ``meta`` holds only the :data:`PAGE_FIELDS` found in the page, normalised
    like a sidecar's (``date`` is a ``datetime.date``).
    """

    text: str
    meta: dict[str, Any]


def read_html(data: bytes, path: Path | str) -> Page:
    """Extract the main text and metadata of the page ``data`` (the bytes of ``path``).

    Raises :class:`InputError` (naming ``path``) for bytes that are not text
    and for a page without article text, e.g. an index page or a cookie wall.
    """
    html = decode(data, path)
    try:
        doc = trafilatura.bare_extraction(html, **_OPTIONS)
    except Exception as exc:  # a heuristic parser on scraped input: one line, not a traceback
        raise InputError(path, f"cannot extract text from the HTML page "
                               f"({type(exc).__name__})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(path, NO_TEXT)
    return Page(text, page_metadata(doc, path))


def page_metadata(doc: object, path: Path | str) -> dict[str, Any]:
    """The :data:`PAGE_FIELDS` of trafilatura's ``doc``, checked as a sidecar's fields are.

    Whitespace runs become one space, as HTML renders them (a title may span
    lines in the source). A value a sidecar would be refused for (a canonical
    link that is not an absolute URL, a date that is not one) is dropped
    instead: the page is not what the user wrote, and its article is still
    worth reading. A sidecar or a command-line option can supply the field.
    """
    meta: dict[str, Any] = {}
    for field, attribute in PAGE_FIELDS.items():
        value = getattr(doc, attribute, None)
        value = " ".join(value.split()) if isinstance(value, str) else ""
        if not value:
            continue
        try:
            meta.update(check_metadata({field: value}, path))
        except InputError:
            continue
    return meta
