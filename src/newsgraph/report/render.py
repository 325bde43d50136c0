"""Turn a newsgraph graph into one self-contained HTML file.

The page must open from the file system on a machine without network access
and show untrusted article text safely, so:

* the stylesheet, the script and the data are inlined; nothing is fetched
  (a Content-Security-Policy with ``default-src 'none'`` makes the browser
  refuse any request, and only the exact inline script and style, identified
  by their SHA-256 hashes, may run);
* the data travels as JSON in a ``<script type="application/json">`` block
  with every ``<``, ``>`` and ``&`` escaped as ``\\u003c`` etc. (stronger than
  escaping ``</`` alone: no sequence in the data can close or confuse the
  block), and the script builds the DOM with ``textContent``, never
  ``innerHTML``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

from rdflib import Dataset, Graph

from .collect import collect
from .views import view_model

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def asset(name: str) -> str:
    """The text of a file shipped in ``newsgraph/report/assets``."""
    return resources.files("newsgraph.report").joinpath("assets", name).read_text("utf-8")


def embed_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element and still valid JSON."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def report_data(data: Graph | Dataset, title: str = "newsgraph report") -> dict:
    """The view model embedded in the page (also useful to test what is shown)."""
    return view_model(collect(data), title)


def render(data: Graph | Dataset, title: str = "newsgraph report") -> str:
    """The complete HTML report of ``data`` (a Graph or a Dataset of articles)."""
    css = asset("report.css")
    js = asset("d3-force.js") + "\n" + asset("network.js") + "\n" + asset("report.js")
    csp = (f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
        "CSS": css,
        "JS": js,
        "DATA": embed_json(report_data(data, title)),
    }
    # one pass: text substituted for a placeholder is never scanned again
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], asset("report.html"))


def write_report(data: Graph | Dataset, path: str | Path,
                 title: str = "newsgraph report") -> None:
    """Write the report of ``data`` to ``path`` atomically ("-" writes to stdout).

    Rendering happens before the file is touched, and the file is written under
    a temporary name and renamed, so an existing report is replaced whole or
    not at all. Raises ``InputError`` when the directory cannot be written and
    ``OutputError`` (naming the file, or standard output) when writing fails.
    """
    from ..publish.outfiles import write_atomic, write_stdout

    page = render(data, title)
    if str(path) == "-":
        write_stdout([page])
        return
    write_atomic(Path(path), page)
