"""HTML documentation of the ontology, generated with pyLODE.

``newsgraph docs -o DIR`` writes ``DIR/index.html`` (every class and
property with its label, comment, domain, range and alignments, as pyLODE's
OntPub profile lays them out) and ``DIR/newsgraph.ttl`` (the ontology the page
documents, so the page and its source travel together). The page is
generated from ``ontology/newsgraph.ttl`` and never edited by hand, so it
cannot drift from the ontology.

pyLODE is pinned to 3.3.x in ``pyproject.toml``: 3.4.1 fails on import (it
reads a ``pyproject.toml`` that its wheel does not ship). The ontology is
parsed here and handed to pyLODE as a graph, so pyLODE never fetches anything;
pyLODE configures the root logger at DEBUG level when it is imported, which is
undone so that importing it does not flood the caller's logs.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from ..errors import InputError
from ..resources import ontology_path
from .serialize import write_atomic


@contextmanager
def _root_logger_kept() -> Iterator[None]:
    """Undo what pyLODE does to the root logger (``basicConfig(level=DEBUG)`` on import,
    and ``logging.info`` calls that add a handler when there is none), so that it neither
    prints its debug messages nor changes the caller's logging."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    placeholder = logging.NullHandler()  # with a handler there, basicConfig does nothing
    root.addHandler(placeholder)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def render(ontology: Path | None = None) -> str:
    """The HTML page documenting ``ontology`` (default: the newsgraph ontology)."""
    path = ontology or ontology_path()
    try:
        graph = Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(path, f"cannot read the ontology: {exc}") from exc
    # pyLODE takes every skos:ConceptScheme for an ontology of the page: their titles
    # were run together in its heading ("newsgraph ontologystatement types..."), the
    # last one's became the page title and IRI. The schemes stay in the ontology file;
    # the page documents the one owl:Ontology, and the concepts with their classes.
    for scheme in list(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        graph.remove((scheme, RDF.type, SKOS.ConceptScheme))
    with _root_logger_kept():
        from pylode import OntPub

        return str(OntPub(ontology=graph).make_html())


def write_docs(output: Path | str, ontology: Path | None = None) -> Path:
    """Write ``index.html`` and the ontology's Turtle into the directory ``output``."""
    output = Path(output)
    if output.exists() and not output.is_dir():
        raise InputError(output, "the output must be a directory")
    if not output.parent.is_dir():
        raise InputError(output, f"directory {str(output.parent)!r} does not exist")
    source = ontology or ontology_path()
    html = render(source)
    output.mkdir(exist_ok=True)
    page = output / "index.html"
    write_atomic(page, html)
    shutil.copyfile(source, output / source.name)
    return page
