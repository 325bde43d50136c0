"""Publish: serialise a dataset deterministically and write it atomically.

The format follows the output file's extension. Turtle, N-Triples and
JSON-LD carry the union of all named graphs; TriG and N-Quads keep one named
graph per article (graph IRI = article IRI). Line-based formats are sorted,
graphs and subjects are written in IRI order and prefixes are bound
explicitly (``schema:`` is ``http://schema.org/``, never rdflib's default), so
that two builds of the same input give byte-identical files. JSON-LD is
compacted with the ``@context`` shipped in the package (:mod:`newsgraph.jsonld`).

Files are written to a temporary name beside the target and renamed, so a
crash never leaves half a file. Beside every file goes its dataset
description, VoID and DCAT (:mod:`newsgraph.describe`): ``out/seed.ttl`` gets
``out/seed.void.ttl``.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.namespace import NamespaceManager

from .errors import InputError
from .mapper import DEFAULT_BASE, PREFIXES

FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "json-ld",
}
FORMAT_NAMES = {name: name for name in FORMATS.values()} | {
    "ttl": "turtle", "nt": "ntriples", "nq": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig", "nquads"}


def format_for(path: Path | str, explicit: str | None = None) -> str:
    """The rdflib format name for ``explicit`` or, failing that, ``path``'s extension."""
    if explicit:
        if explicit not in FORMAT_NAMES:
            raise InputError(path, f"unknown format {explicit!r} "
                                   f"(known: {', '.join(sorted(FORMATS.values()))})")
        return FORMAT_NAMES[explicit]
    suffix = Path(str(path)).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, f"unknown output extension {suffix or '(none)'!r} "
                               f"(use one of {', '.join(FORMATS)})")
    return FORMATS[suffix]


def prefixes(dataset: Graph) -> dict[str, str]:
    """The prefixes every output binds: the mapper's, ``rdf``/``rdfs`` and ``id:`` (the
    instance base the dataset was built with)."""
    bound = dict(dataset.namespaces()).get("id")
    return {"rdf": str(RDF), "rdfs": str(RDFS), **PREFIXES, "id": str(bound or DEFAULT_BASE)}


def _bind(graph: Graph, names: dict[str, str]) -> None:
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")
    for prefix, namespace in names.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def union(dataset: Dataset) -> Graph:
    """The union of all graphs of ``dataset``, with the explicit prefixes."""
    graph = Graph(bind_namespaces="none")
    _bind(graph, prefixes(dataset))
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph



def _trig(dataset: Dataset) -> str:
    """TriG with the named graphs in IRI order. rdflib's TriG writer orders
    graphs by a hash that changes between processes, so each graph is written
    as Turtle (which rdflib sorts) and the blocks are joined in a fixed order."""
    names = prefixes(dataset)
    declared: set[str] = {f"@prefix {p}: <{ns}> ." for p, ns in names.items()}
    blocks = []
    shared = Graph()  # one namespace manager: an invented ns1: means the same in every block
    _bind(shared, names)
    for graph in sorted((g for g in dataset.graphs() if len(g)), key=lambda g: str(g.identifier)):
        body = Graph()
        body.namespace_manager = shared.namespace_manager
        for triple in graph:
            body.add(triple)
        turtle = body.serialize(format="turtle")
        # prefixes rdflib invents for foreign namespaces (ns1:) go to the shared header;
        # no re-indenting: long literals span lines, and their text must stay as it is
        lines = turtle.split("\n")
        declared.update(line for line in lines if line.startswith("@prefix"))
        inner = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        blocks.append(f"<{graph.identifier}> {{\n{inner}\n}}\n")
    return "\n".join(sorted(declared)) + "\n\n" + "\n".join(blocks)


def _sorted_lines(text: str) -> str:
    """Sort N-Triples/N-Quads lines. Split on ``\\n`` only: ``str.splitlines`` also
    splits on U+2028 and other characters that N-Triples leaves unescaped in literals."""
    return "".join(f"{line}\n" for line in sorted(set(filter(None, text.split("\n")))))


def serialize(dataset: Dataset, fmt: str) -> str:
    """``dataset`` in rdflib format ``fmt``, deterministically."""
    if fmt == "nquads":
        return _sorted_lines(dataset.serialize(format="nquads"))
    if fmt == "ntriples":
        return _sorted_lines(union(dataset).serialize(format="ntriples"))
    if fmt == "trig":
        return _trig(dataset)
    if fmt == "json-ld":
        from .jsonld import shipped_context, to_jsonld

        context = dict(shipped_context())
        context["id"] = prefixes(dataset)["id"]
        return to_jsonld(union(dataset), context)
    return union(dataset).serialize(format="turtle")


def check_writable(path: Path) -> None:
    """Fail before any work when the output cannot be written."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(path, f"output directory {str(directory)!r} does not exist")
    if not os.access(directory, os.W_OK):
        raise InputError(path, f"output directory {str(directory)!r} is not writable")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` (UTF-8, ``\\n`` line ends) to a temporary file, then rename it.

    The file gets the permissions an ordinary ``open`` would give (``mkstemp``
    makes it private), so that a published dump can be served by a web server.
    """
    path = Path(path)
    check_writable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(dataset: Dataset, output: str | Path, fmt: str | None = None, *,
          describe: bool = True, endpoint: str | None = None,
          license: str | None = None) -> Path | None:
    """Write to a file (format from extension) or to stdout for ``-``.

    A file gets its VoID/DCAT description beside it unless ``describe`` is
    false; ``endpoint`` and ``license`` go into it (defaults: the environment
    variables ``NEWSGRAPH_SPARQL_ENDPOINT`` and ``NEWSGRAPH_LICENSE``, then the
    local ``newsgraph serve`` endpoint and the project's licence). Returns the
    description's path (None for stdout or without a description).
    """
    if str(output) == "-":
        sys.stdout.write(serialize(dataset, format_for("-", fmt or "turtle")))
        return None
    path = Path(output)
    fmt = format_for(path, fmt)
    content = serialize(dataset, fmt)
    write_atomic(path, content)
    if not describe or path.suffix.lower() not in FORMATS:
        return None
    return write_description(dataset, path, content.encode("utf-8"), endpoint=endpoint,
                             license=license,
                             nquads=content if fmt == "nquads" else None)


def write_description(dataset: Dataset, path: Path, content: bytes, *,
                      endpoint: str | None = None, license: str | None = None,
                      nquads: str | None = None) -> Path:
    """Write ``path``'s VoID/DCAT description beside it; see :mod:`newsgraph.describe`."""
    from . import describe as d

    nquads = serialize(dataset, "nquads") if nquads is None else nquads
    fingerprint = hashlib.sha256(nquads.encode("utf-8")).hexdigest()
    target = d.description_path(path)
    ds = d.dataset_iri(dataset, fingerprint)
    files = {f.name: f for f in d.previous_files(target, ds)}
    files[path.name] = d.DumpFile.of(path, content)
    graph = d.describe(dataset, union(dataset), fingerprint, list(files.values()),
                       endpoint=endpoint, license=license)
    write_atomic(target, d.to_turtle(graph))
    return target
