"""Publish: serialise a dataset deterministically and write it atomically.

The format follows the output file's extension. Turtle, N-Triples and
JSON-LD carry the union of all named graphs; TriG and N-Quads keep one named
graph per article (graph IRI = article IRI). Everything is written from sorted
N-Triples lines (:mod:`newsgraph.rdf.rdftext`): graphs in IRI order, triples sorted
within each, fixed prefixes (``schema:`` is ``http://schema.org/``, never
rdflib's default), so two builds of the same input give byte-identical files.
JSON-LD is compacted with the ``@context`` shipped in the package
(:mod:`newsgraph.rdf.jsonld`). TriG and N-Quads stream (:class:`DumpWriter`): a
corpus build appends each article's graph as it is done and never holds the
corpus in memory.

Beside every file goes its dataset description, VoID and DCAT
(:mod:`newsgraph.publish.description`): ``out/seed.ttl`` gets ``out/seed.void.ttl``.
The two are written together by :class:`newsgraph.publish.outfiles.OutputFiles`:
temporary files renamed only when both are complete, under a lock that
serialises writers of one output, so a crash, a full disk or a concurrent
build never leaves a description of other data.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import NamespaceManager

from ..errors import InputError, OutputError
from ..rdf import rdftext
from ..rdf.mapper import DEFAULT_BASE, PREFIXES
from . import outfiles
from .description import Statistics
from .outfiles import check_writable as check_writable  # re-exported
from .outfiles import write_atomic as write_atomic  # re-exported

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
    return prefixes_for(str(dict(dataset.namespaces()).get("id") or DEFAULT_BASE))


def prefixes_for(base: str) -> dict[str, str]:
    """The prefixes of an output whose instance base is ``base``."""
    return {"rdf": str(RDF), "rdfs": str(RDFS), **PREFIXES, "id": base}


@functools.lru_cache(maxsize=8)
def turtle_writer(base: str) -> rdftext.TurtleWriter:
    """The Turtle/TriG writer for instance base ``base``, one per process: it remembers
    how it wrote each IRI, which pays off only across graphs."""
    return rdftext.TurtleWriter(prefixes_for(base))


def _bind(graph: Graph, names: dict[str, str]) -> None:
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")
    for prefix, namespace in names.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def union(dataset: Dataset) -> Graph:
    """The union of all graphs of ``dataset``, with the explicit prefixes."""
    from ..rdf.reader import union as merge

    graph = Graph(bind_namespaces="none")
    _bind(graph, prefixes(dataset))
    return merge(dataset, into=graph)


def graph_lines(dataset: Dataset) -> list[tuple[str | None, list[str]]]:
    """(graph IRI, sorted N-Triples lines) of each non-empty graph, in IRI order;
    the default graph first, named None."""
    parts = []
    for graph in dataset.graphs():
        if not len(graph):
            continue
        name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        parts.append((name, rdftext.ntriples(graph)))
    return sorted(parts, key=lambda part: (part[0] is not None, part[0] or ""))


def trig_text(writer: rdftext.TurtleWriter, name: str | None, lines: list[str]) -> str:
    """One graph of a TriG document: a block, or bare statements for the default graph."""
    return writer.statements(lines) if name is None else writer.trig_graph(name, lines)


def nquads_text(name: str | None, lines: list[str]) -> str:
    """One graph of an N-Quads document (the default graph's lines are triples)."""
    return rdftext.text_of(lines) if name is None else rdftext.nquads(lines, name)


def serialize(dataset: Dataset, fmt: str) -> str:
    """``dataset`` in rdflib format ``fmt``, deterministically (see :class:`DumpWriter`)."""
    dump = _dump_of(dataset, "-", fmt, describe=False)
    try:
        return "".join(dump.chunks())
    finally:
        dump.discard()


def lock_path(output: Path | str) -> Path:
    """The lock file of ``output``: that of its description, which ``x.ttl`` and
    ``x.trig`` share, so that no two writers of either interleave."""
    from .description import description_path

    return outfiles.lock_path(description_path(output))


@dataclass
class GraphText:
    """One graph, ready to be written: its IRI (None: the default graph), its text in
    the output format, its N-Quads (when a store wants them), the SHA-256 of its
    N-Triples and its statistics. Made where the graph is made (a worker process)."""

    name: str | None
    text: str
    lines: list[str] | None  # N-Triples lines, kept for the union formats only
    nquads: str | None
    digest: str
    stats: Statistics


def graph_text(name: str | None, lines: list[str], fmt: str | None,
               writer: rdftext.TurtleWriter, keep_nquads: bool = False,
               ntriples: str | None = None) -> GraphText:
    """``lines`` (sorted N-Triples of graph ``name``) as a :class:`GraphText` for ``fmt``
    (None: no file, e.g. a build into a store only). ``ntriples``: the lines as one
    text, one line each, if the caller has made it already (to validate them)."""
    quads = nquads_text(name, lines) if keep_nquads or fmt == "nquads" else None
    if fmt == "trig":
        text = trig_text(writer, name, lines)
    elif fmt == "nquads":
        text = quads or ""
    else:  # the union formats are written from the lines, at the end
        text = ""
    union = fmt is not None and fmt not in QUAD_FORMATS
    return GraphText(name=name, text=text, lines=lines if union else None,
                     nquads=quads if keep_nquads else None, digest=digest(lines, ntriples),
                     stats=Statistics.of_lines(name, lines))


def digest(lines: list[str], ntriples: str | None = None) -> str:
    """SHA-256 of a graph's sorted N-Triples lines, each ended by a line break (which
    is ``ntriples``, if given): what the dataset's fingerprint is made of
    (:func:`newsgraph.publish.description.fingerprint`, with the graph names)."""
    if ntriples is None:
        ntriples = rdftext.text_of(lines)
    return hashlib.sha256(ntriples.encode("utf-8")).hexdigest()


class DumpWriter:
    """Writes graphs to one file as they come, atomically when closed.

    TriG and N-Quads stream: each graph's text goes to a spool file and only
    its offset is kept, so memory does not grow with the corpus; ``close``
    copies the graphs in IRI order into the output (the same bytes as
    :func:`serialize` of the whole dataset). Turtle, N-Triples and JSON-LD
    carry the union of the graphs, sorted, so they keep the lines in memory.
    ``discard`` (or an exception before ``close``) leaves nothing behind.
    """

    def __init__(self, output: str | Path | None, fmt: str | None = None, *,
                 base: str = DEFAULT_BASE, keep_nquads: bool = False, describe: bool = True,
                 endpoint: str | None = None, license: str | None = None) -> None:
        self.output = None if output is None else str(output)
        if self.output is None:
            self.fmt: str | None = None
        elif self.output == "-":
            self.fmt = format_for("-", fmt or "turtle")
        else:
            self.fmt = format_for(Path(self.output), fmt)
        self.writer = turtle_writer(base)
        self.base, self.describe = base, describe
        self.endpoint, self.license = endpoint, license
        self.stats = Statistics()
        self.digests: list[tuple[str | None, str]] = []
        self._index: dict[str | None, tuple[int, int]] = {}
        self._nquads_index: dict[str | None, tuple[int, int]] = {}
        self._lines: set[str] = set()
        self.union: Graph | None = None  # the union, when there is one already (JSON-LD)
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close/discard)
        self._nquads = tempfile.TemporaryFile() if keep_nquads else None  # noqa: SIM115

    def add(self, part: GraphText) -> bool:
        """Add a graph; False (and nothing added) if a graph of that name is there."""
        if part.name in self._index:
            return False
        self._index[part.name] = _append(self._spool, part.text)
        if self._nquads is not None and part.nquads is not None:
            self._nquads_index[part.name] = _append(self._nquads, part.nquads)
        if part.lines is not None:
            self._lines.update(part.lines)
        self.stats.merge(part.stats)
        self.digests.append((part.name, part.digest))
        return True

    def nquads(self) -> Iterator[tuple[str | None, str]]:
        """(name, N-Quads) of each graph added, in the order added (``keep_nquads``)."""
        assert self._nquads is not None, "DumpWriter(keep_nquads=True) keeps N-Quads"
        for name, (offset, size) in self._nquads_index.items():
            yield name, _read(self._nquads, offset, size)

    def chunks(self) -> Iterator[str]:
        """The file's text, in pieces."""
        if self.fmt == "trig":
            yield self.writer.header() + "\n"
        if self.fmt in QUAD_FORMATS:
            for name in sorted(self._index, key=lambda n: (n is not None, n or "")):
                yield _read(self._spool, *self._index[name])
            return
        lines = sorted(self._lines)
        if self.fmt == "ntriples":
            yield rdftext.text_of(lines)
        elif self.fmt == "json-ld":
            from ..rdf.jsonld import shipped_context, to_jsonld

            graph = self.union
            if graph is None:  # blank node labels are not kept: fine for built graphs
                graph = Graph(bind_namespaces="none")
                graph.parse(data="\n".join(lines), format="nt")
            context = dict(shipped_context())
            context["id"] = self.base
            yield to_jsonld(graph, context)
        else:
            yield self.writer.header() + "\n" + self.writer.statements(lines)

    def close(self, keep: bool = False) -> Path | None:
        """Write the file (and its description); returns the description's path.
        The spool is discarded unless ``keep`` (to read :meth:`nquads` after)."""
        try:
            if self.output is None:
                return None
            if self.output == "-":
                outfiles.write_stdout(self.chunks())
                return None
            return self._write_files(Path(self.output))
        finally:
            if not keep:
                self.discard()

    def discard(self) -> None:
        self._spool.close()
        if self._nquads is not None:
            self._nquads.close()

    def _write_files(self, path: Path) -> Path | None:
        """The file and its VoID/DCAT description (see :mod:`newsgraph.publish.description`),
        renamed into place together, holding the output's lock."""
        from . import description as d

        target = d.description_path(path)
        if self.describe:
            check_writable(target)  # before the long write of the data
        with outfiles.OutputFiles(lock=lock_path(path)) as out:
            dump = out.write(path, self.chunks())
            if not self.describe:
                return None
            fingerprint = d.fingerprint(self.digests)
            ds = d.dataset_iri(self.base, fingerprint)
            files = {f.name: f for f in d.previous_files(target, ds)}
            files[path.name] = d.DumpFile(path.name, *dump)
            graph = d.describe(self.stats, self.base, fingerprint, list(files.values()),
                               endpoint=self.endpoint, license=self.license)
            out.write(target, d.to_turtle(graph))
        return target


def _append(spool: IO[bytes], text: str) -> tuple[int, int]:
    data = text.encode("utf-8")
    try:
        spool.seek(0, os.SEEK_END)
        offset = spool.tell()
        spool.write(data)
    except OSError as exc:  # the temporary directory is full
        raise OutputError.of(f"{tempfile.gettempdir()} (spool file)", exc) from None
    return offset, len(data)


def _read(spool: IO[bytes], offset: int, size: int) -> str:
    spool.seek(offset)
    return spool.read(size).decode("utf-8")


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
    return _dump_of(dataset, output, fmt, describe=describe, endpoint=endpoint,
                    license=license).close()


def _dump_of(dataset: Dataset, output: str | Path, fmt: str | None, **options) -> DumpWriter:
    dump = DumpWriter(output, fmt, base=prefixes(dataset)["id"], **options)
    if dump.fmt == "json-ld":
        dump.union = union(dataset)
    for name, lines in graph_lines(dataset):
        dump.add(graph_text(name, lines, dump.fmt, dump.writer))
    return dump
