"""Reading RDF back: files into one Dataset, and the union of a Dataset's graphs.

newsgraph writes one named graph per article; whoever reads the data back (the
validator, the publisher's Turtle dump, the HTML report, the query command,
the evaluator) wants either the files as they are (:func:`load_data`) or all
articles as one graph, a linked entity one node however many articles name it
(:func:`union`, a copy, or :func:`union_view`, a SPARQL view on the same
store). Those are written here once, so that every reader agrees on what "the
data" is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import InputError

__all__ = ["FORMATS", "load_data", "rdf_format", "union", "union_view"]

#: File extension -> rdflib parser name.
FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
}


def rdf_format(path: Path) -> str:
    """The rdflib parser for ``path``, by its extension; :class:`InputError` if unknown."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = " ".join(sorted(FORMATS))
        raise InputError(path, f"unknown file type {path.suffix or '(none)'!r}, expected {known}")
    return found


def load_data(paths: Iterable[Path | str]) -> Dataset:
    """Parse RDF files (.ttl .trig .nq .nt .jsonld, by extension) into one Dataset.

    Quads keep their named graph; triples go to the default graph. Raises
    :class:`InputError` for a missing file, an unknown extension or a parse
    error, naming the file.
    """
    dataset = Dataset()
    for raw in paths:
        path = Path(raw)
        fmt = rdf_format(path)
        if not path.exists():
            raise InputError(path, "no such file")
        if not path.is_file():
            raise InputError(path, "not a file")
        # parse into a fresh dataset first, so that a file that fails half-way
        # leaves nothing behind (and rdflib's N-Quads parser cannot touch
        # graphs loaded earlier)
        part = Dataset()
        try:
            part.parse(path, format=fmt)
        except Exception as exc:  # rdflib raises many exception types
            raise InputError(path, f"cannot parse as {fmt}: {one_line(exc)}") from None
        for s, p, o, g in part.quads((None, None, None, None)):
            is_default = g is None or g == DATASET_DEFAULT_GRAPH_ID
            target = dataset.default_graph if is_default else dataset.graph(g)
            target.add((s, p, o))
        for prefix, namespace in part.namespaces():
            dataset.bind(prefix, namespace, override=False)
    return dataset


def union(data: Graph, into: Graph | None = None) -> Graph:
    """All triples of ``data``'s graphs in one Graph: ``into`` (a new Graph by default).

    ``into`` lets a caller choose the class of the result and the prefixes
    bound on it. A plain Graph (not context-aware) is one graph already: it
    is returned as it is when no ``into`` is given. Triples are added in the
    order ``data`` yields them, so the same data gives the same graph.
    """
    if into is None:
        if not data.context_aware:
            return data
        into = Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):  # type: ignore[attr-defined]
        into.add((s, p, o))
    return into


def union_view(data: Graph) -> Graph:
    """``data`` for SPARQL with the union of its graphs as the default graph, no copy.

    A Dataset gets a view on the same store whose default graph is the union;
    a ConjunctiveGraph reads the union already and a Graph is one graph.
    """
    if isinstance(data, Dataset) and not data.default_union:
        return Dataset(store=data.store, default_union=True)
    return data


def one_line(exc: BaseException) -> str:
    """An exception as one line of at most 200 characters, for a one-line error."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
